"""Finding a session by pseudonym or by any unique start of its id; ambiguity names the matching sessions."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventlog import Store
from kiosk.services.session_lookup import SessionLookupError, find_session, find_sessions
from tests.reports.station import station_with_candidates


@pytest.fixture
def station(data_dir: Path) -> dict[str, str]:
    return station_with_candidates(data_dir, stored=False)


def test_pseudonym_and_unique_id_prefix_find_one_session(data_dir: Path, station: dict[str, str]) -> None:
    with Store.in_dir(data_dir) as store:
        assert find_session(store, "P-7K3Q").id == station["P-7K3Q"]
        assert find_session(store, "p-5rtc").id == station["P-5RTC"]  # case does not matter
        sid = station["P-9XW2"]
        prefix = next(sid[:n] for n in range(1, 37)
                      if sum(r.id.startswith(sid[:n]) for r in store.sessions()) == 1)
        assert find_session(store, prefix).id == sid
        assert find_session(store, sid.upper()).id == sid
        assert [r.id for r in find_sessions(store, ["P-7K3Q", sid])] == [station["P-7K3Q"], sid]


def test_ambiguous_text_names_every_candidate_session(data_dir: Path, station: dict[str, str]) -> None:
    with Store.in_dir(data_dir) as store:
        retests = [r for r in store.sessions() if r.participant == "P-2MNB"]
        with pytest.raises(SessionLookupError) as caught:
            find_session(store, "P-2MNB")
    message = str(caught.value)
    assert "'P-2MNB' matches 2 sessions" in message and "give more of the session id" in message
    for row in retests:
        assert f"{row.id[:8]} (P-2MNB, " in message
    assert "\n" not in message


@pytest.mark.parametrize("text", ["nobody", "zzzz", "  "])
def test_no_match_says_how_to_list_sessions(data_dir: Path, station: dict[str, str], text: str) -> None:
    with Store.in_dir(data_dir) as store, pytest.raises(SessionLookupError) as caught:
        find_session(store, text)
    assert "hiremate sessions" in str(caught.value) or "give a session id" in str(caught.value)


def test_practice_sessions_are_not_found_by_pseudonym(data_dir: Path, station: dict[str, str]) -> None:
    from eventlog import EventLog

    with EventLog.in_dir(data_dir) as log:
        practice = log.open_session(purpose="practice", participant="P-7K3Q")
        log.close_session(practice.session_id, 1000, "practice_done")
    with Store.in_dir(data_dir) as store:
        assert find_session(store, "P-7K3Q").id == station["P-7K3Q"]
        assert find_session(store, practice.session_id[:13]).id == practice.session_id

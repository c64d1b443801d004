"""Issue 19's faster scoring path scores byte for byte like the scorer before it (profiles, JSON, bands)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventlog import EventRecord, Store
from eventlog.canonical import GENESIS_HASH, canonical_json, chain_hash, event_bytes
from eventlog.columns import EVENT_COLUMNS, checked_records
from scoring import SUPPORTED_VERSIONS, ScoringInputError, rescore_canonical
from scoring.bart import parse_bart
from tests.scoring.helpers import StreamBuilder
from tests.scoring.speed_golden import digest, load_events, load_results

STREAMS = {records[0].session_id: records for records in load_events()}
GOLDEN = load_results()


def test_the_fixture_covers_every_supported_version_and_every_game() -> None:
    assert set(GOLDEN) == set(STREAMS) and len(STREAMS) >= 6
    assert all(set(by_version) == set(SUPPORTED_VERSIONS) for by_version in GOLDEN.values())
    families = {rec.kind.split(".")[0] for records in STREAMS.values() for rec in records}
    assert {"bart", "rt", "decision", "digit_span", "card_match", "flanker", "stop_signal", "igt", "tower", "faces",
            "effort", "money", "station", "session"} <= families
    assert any(rec.kind == "session.resumed" for rec in STREAMS["s-bart-crash"])
    assert any(rec.kind == "station.game_suspended" for rec in STREAMS["s-frozen"])


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
@pytest.mark.parametrize("session_id", sorted(GOLDEN))
def test_each_stream_scores_as_the_old_scorer_scored_it(session_id: str, version: str) -> None:
    assert digest(rescore_canonical(STREAMS[session_id], version)) == GOLDEN[session_id][version]


def _rechained(records: list[EventRecord]) -> list[tuple[object, ...]]:
    """The fixture's records as `events` rows, chained again (the fixture leaves the hashes out)."""
    rows, prev = [], GENESIS_HASH
    for r in records:
        payload = canonical_json(r.payload)
        digest_ = chain_hash(prev, event_bytes(r.session_id, r.seq, r.t_ns, r.kind, r.game, r.trial, payload))
        rows.append((r.session_id, r.seq, r.t_ns, r.kind, r.game, r.trial, payload, prev, digest_))
        prev = digest_
    return rows


def test_the_sessions_read_back_from_a_station_log_score_as_the_old_scorer_scored_them(tmp_path: Path) -> None:
    """The new read (Store.events, column by column) and the old one (row by row) give the same records, and
    both score to the old scorer's bytes under every version."""
    with Store(tmp_path / "station.sqlite3") as store:
        plain = sqlite3.connect(store.path)  # no sessions rows: reading events does not need them
        plain.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [row for records in STREAMS.values() for row in _rechained(records)])
        plain.commit()
        plain.close()
        for session_id in GOLDEN:
            rows = store.conn.execute(f"SELECT {EVENT_COLUMNS} FROM events WHERE session_id = ? ORDER BY seq",
                                      (session_id,)).fetchall()
            assert checked_records(session_id, rows) is not None  # the fast read, not its row-by-row fallback
            fast, slow = store.events(session_id), store.events_row_by_row(session_id)
            assert repr(fast) == repr(slow)
            for version in SUPPORTED_VERSIONS:
                canonical = rescore_canonical(fast, version)
                assert canonical == rescore_canonical(slow, version)
                assert digest(canonical) == GOLDEN[session_id][version], (session_id, version)


PUMP = {"balloon": 0, "input": "key", "new_max": True, "pump": 1, "qt_event_ms": None, "rapid": False,
        "since_prev_ns": None, "size": 0.0078125, "temp_cents": 5, "total_cents": 0}


@pytest.mark.parametrize(("started", "pump", "named"), [
    (False, {"balloon": "0"}, "field 'balloon': pump on a balloon that was not started"),
    (True, {"balloon": True}, "field 'balloon': must be an integer, got True"),
    (True, {"balloon": 1, "rapid": "yes"}, "field 'balloon': pump on a balloon that was not started"),
    (True, {"rapid": 1}, "field 'rapid': must be true or false, got 1"),
    (True, {"rapid": None}, "field 'rapid': must be true or false, got None"),
])
def test_a_bad_pump_is_named_as_the_old_parser_named_it(started: bool, pump: dict[str, object], named: str) -> None:
    """The pump's fast path falls back to get() for anything but the common case, so the first problem named is
    the one the field-by-field parser named first."""
    b = StreamBuilder("s-pump")
    if started:
        b.after(10, "bart.balloon_started", {"balloon": 0, "capacity": 128, "colour": "blue", "requested_t_ns": None},
                "bart", 0)
    b.after(10, "bart.pump", {**PUMP, **pump}, "bart", 0)
    with pytest.raises(ScoringInputError) as caught:
        parse_bart(b.close()[1:-1])
    assert str(caught.value) == f"event seq {len(b.records) - 2} (bart.pump): {named}"

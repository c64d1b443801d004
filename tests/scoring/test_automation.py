"""Physiologically implausible input is flagged first (scoring 1.2.0): scripted pumps, identical latencies."""

from __future__ import annotations

from scoring import score_session
from tests.scoring.helpers import StreamBuilder, bart_game
from tests.scoring.simulate import full_session, play_rt


def _flags(records: list) -> list:
    return score_session(records).quality


def test_scripted_pumps_19_ms_apart_raise_the_automation_flag_and_it_comes_first() -> None:
    b = StreamBuilder("s-bot")
    bart_game(b, [(40, 129)] * 30, gap_ms=19)  # the script: 19 ms between pumps
    flags = _flags(b.close())
    assert flags[0].key == "automated_input" and flags[0].raised
    assert "under 100 ms" in flags[0].message and "do not interpret" in flags[0].message


def test_identical_latencies_raise_the_automation_flag() -> None:
    b = StreamBuilder("s-bot-rt")
    play_rt(b, "simple_rt", 250.0, sd_ms=0.0)  # every response exactly 250 ms after the onset
    flag = _flags(b.close())[0]
    assert flag.key == "automated_input" and flag.raised and "identical to the millisecond" in flag.message


def test_a_person_like_session_is_not_flagged() -> None:
    flag = _flags(full_session(seed=4, spread=4))[0]
    assert flag.key == "automated_input" and not flag.raised


def test_older_versions_have_no_automation_flag() -> None:
    b = StreamBuilder("s-bot-old")
    bart_game(b, [(40, 129)] * 30, gap_ms=19)
    assert all(q.key != "automated_input" for q in score_session(b.close(), "1.1.0").quality)

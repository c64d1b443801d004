"""Malformed and truncated streams get clear errors; too little data is insufficient, never a number."""

from __future__ import annotations

import dataclasses

import pytest

from scoring import ScoringInputError, UnknownScoringVersion, rescore_canonical, score_session
from tests.scoring.helpers import StreamBuilder, bart_game

PLAN = [(10, 50), (12, 100), (8, 90), (16, 60), (14, 60), (9, 99)]


def stream() -> list:
    b = StreamBuilder()
    bart_game(b, PLAN)
    return b.close()


def test_truncated_stream_names_the_last_event() -> None:
    records = stream()[:-5]
    with pytest.raises(ScoringInputError, match=r"event seq \d+ .*field 'kind'.*truncated") as info:
        score_session(records)
    assert info.value.seq == records[-1].seq


def test_gap_in_seq_names_seq_field() -> None:
    records = stream()
    del records[7]
    with pytest.raises(ScoringInputError, match=r"event seq 8 .*field 'seq': expected 7") as info:
        score_session(records)
    assert info.value.field == "seq"


def test_empty_and_headless_streams() -> None:
    with pytest.raises(ScoringInputError, match="empty"):
        score_session([])
    with pytest.raises(ScoringInputError, match=r"session\.opened"):
        score_session(stream()[1:])


def test_bad_payload_field_is_named() -> None:
    records = stream()
    i = next(i for i, r in enumerate(records) if r.kind == "bart.balloon_ended")
    bad = dict(records[i].payload, pumps="ten")
    records[i] = dataclasses.replace(records[i], payload=bad)
    with pytest.raises(ScoringInputError, match=rf"event seq {i} \(bart.balloon_ended\): field 'pumps'"):
        score_session(records)
    missing = {k: v for k, v in records[i - 1].payload.items() if k != "rapid"}
    records = stream()
    j = next(i for i, r in enumerate(records) if r.kind == "bart.pump")
    records[j] = dataclasses.replace(records[j], payload={k: v for k, v in records[j].payload.items()
                                                          if k != "rapid"})
    with pytest.raises(ScoringInputError, match="field 'rapid': is missing"):
        score_session(records)
    assert missing is not None


def test_inconsistent_pump_count_is_refused() -> None:
    records = stream()
    i = next(i for i, r in enumerate(records) if r.kind == "bart.balloon_ended")
    records[i] = dataclasses.replace(records[i], payload=dict(records[i].payload, pumps=99))
    with pytest.raises(ScoringInputError, match="field 'pumps': says 99 but 10"):
        score_session(records)


def test_unknown_version() -> None:
    with pytest.raises(UnknownScoringVersion, match=r"0\.9\.0"):
        rescore_canonical(stream(), "0.9.0")


def test_short_game_is_insufficient_with_reason_and_fix() -> None:
    b = StreamBuilder()
    bart_game(b, [(10, 50), (12, 100), (8, 5)])
    p = score_session(b.close())
    adjusted = p.game("bart").metric("bart.adjusted_pumps")
    assert adjusted.value is None
    assert adjusted.insufficient.required == "at least 5 unburst balloons"
    assert adjusted.insufficient.observed == "2 unburst balloons"
    assert "play" in adjusted.insufficient.suggestion
    risk = p.trait("risk_tolerance")
    assert risk.position is None and risk.band_low is None and risk.insufficient is not None
    learning = p.game("bart").metric("bart.learning")
    assert learning.value is None and "first and in the last third" in learning.insufficient.required


def test_unfinished_game_is_flagged_and_scored_on_finished_balloons() -> None:
    b = StreamBuilder()
    bart_game(b, PLAN)
    records = [r for r in b.records if r.kind != "bart.game_ended"]
    fresh = StreamBuilder()
    for r in records[1:]:
        fresh.add(r.kind, r.t_ns, r.payload, r.game, r.trial)
    p = score_session(fresh.close())
    assert p.game("bart").completed is False
    flag = next(q for q in p.quality if q.key == "incomplete_games")
    assert flag.raised and "bart" in flag.message
    assert p.game("bart").metric("bart.balloons").value == 6


def test_quality_flags_raise() -> None:
    b = StreamBuilder()
    bart_game(b, PLAN)  # constant 400 ms pumping: implausibly regular
    b.after(10, "station.focus_lost", {})
    b.after(5000, "station.focus_gained", {"away_ns": 5_000_000_000})
    b.after(10, "station.idle_detected", {"idle_ms": 45000})
    b.after(10, "session.resumed", {"last_seq_before": 3, "wall_utc": "x", "gap_ns_estimate": 1})
    flags = {q.key: q for q in score_session(b.close()).quality}
    assert flags["regular_responding"].raised
    assert flags["focus_losses"].raised and flags["focus_losses"].value == 1
    assert flags["idle_time"].raised and flags["idle_time"].value == 45000
    assert flags["interruptions"].raised
    assert not flags["anticipation_rate"].raised

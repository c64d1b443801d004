"""Candidate sessions for report tests: simulated players with known styles, built through the games' rules."""

from __future__ import annotations

import random

from eventlog import EventRecord
from games.bart import rules as bart_rules
from games.bart.params import BartParams
from tests.scoring.helpers import MS, StreamBuilder
from tests.scoring.simulate import _emit, play_decision, play_rt

__all__ = ["candidate", "declined"]


def _builder(session_id: str, participant: str, battery: str | None, zone: str) -> StreamBuilder:
    b = StreamBuilder(session_id, participant)
    b.records.clear()
    b.add("session.opened", 0, {
        "purpose": "assessment", "participant": participant, "battery": battery, "app_version": "test",
        "platform": "test", "time_zone": zone, "anchor_wall_utc": "2025-03-12T08:30:00+00:00"})
    return b


def human_bart(b: StreamBuilder, aim: int, seed: int, balloons: int = 30, caution: float = 0.8) -> None:
    """A player who aims near `aim` pumps with some scatter, pulls back after a burst and drifts back up."""
    rng = random.Random(seed)
    state = bart_rules.new_game(BartParams(balloons=balloons), random.Random(seed), seed)
    t = b.t_ns + 10 * MS
    state, em = bart_rules.start_game(state, t)
    _emit(b, "bart", em, t)
    target = float(aim)
    for _ in range(balloons):
        t += 900 * MS
        state, em = bart_rules.start_balloon(state, t)
        _emit(b, "bart", em, t)
        stop = max(1, round(rng.gauss(target, aim * 0.18)))
        while state.phase == "inflating" and state.pumps < stop:
            t += round(rng.uniform(250, 520) * MS)
            state, em = bart_rules.pump(state, t, "key")
            _emit(b, "bart", em, t)
        if state.phase == "inflating":
            t += 300 * MS
            state, em = bart_rules.collect(state, t)
            _emit(b, "bart", em, t)
            target += (aim - target) * 0.5
        else:
            target = max(3.0, target * caution)
    state, em = bart_rules.end_game(state, t + 500 * MS)
    _emit(b, "bart", em, t + 500 * MS)


def candidate(session_id: str = "5f0c2a9e-1111-4c3b-9d7e-0a1b2c3d4e5f", participant: str = "P-7K3Q",
              seed: int = 4, stop_at: int = 40, latency_ms: float = 310.0, risk: str = "medium",
              changes: int = 1, reasoning: str = "deep", commission_p: float = 0.1, lapse_p: float = 0.05,
              zone: str = "Europe/Berlin") -> list[EventRecord]:
    """A full default-battery session (balloons, simple RT, go/no-go, four scenarios) by a simulated player."""
    b = _builder(session_id, participant, "default", zone)
    human_bart(b, stop_at, seed=seed)
    play_rt(b, "simple_rt", latency_ms, seed=seed, trials=20, lapse_p=lapse_p)
    play_rt(b, "go_nogo", latency_ms, seed=seed, trials=40, commission_p=commission_p, lapse_p=lapse_p)
    play_decision(b, risk=risk, changes=changes, reasoning=reasoning, tasks=4)
    return b.close()


def declined(session_id: str = "d3c1e9a0-2222-4c3b-9d7e-0a1b2c3d4e5f",
             participant: str = "P-9XW2") -> list[EventRecord]:
    """A session whose candidate declined the consent: no game, closed as declined."""
    b = _builder(session_id, participant, "default", "Europe/Berlin")
    b.after(4000, "station.consent", {"accepted": False, "text_sha256": "0" * 64})
    return b.close("declined")

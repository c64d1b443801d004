"""The shared game-test fixtures record into a real log and read the events back in order."""

from __future__ import annotations

from collections.abc import Callable

from eventlog.recorder import SessionRecorder
from tests.games.conftest import ReadEvents


def test_recorder_writes_to_practice_session_and_reads_back(
    make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> None:
    recorder = make_recorder("somegame")
    seq = recorder.record("clock.wall_jump", 5, {"jump_ns": 7, "wall_utc": "x"}, trial=2)
    everything = read_events()
    assert [r.kind for r in everything] == ["session.opened", "clock.wall_jump"]
    assert everything[1].seq == seq
    ours = read_events(game="somegame")
    assert len(ours) == 1
    assert (ours[0].t_ns, ours[0].trial, ours[0].payload) == (5, 2, {"jump_ns": 7, "wall_utc": "x"})
    assert read_events(prefix="session.")[0].payload["purpose"] == "practice"

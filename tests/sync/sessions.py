"""Helpers that write real sessions through the EventLog for sync tests and the benchmark."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from eventlog import Payload, register_kind
from kiosk.cli import main
from kiosk.services.station_log import open_station_log

__all__ = ["SyncProbe", "init_station", "make_sessions"]


@register_kind("synctest.probe")
class SyncProbe(Payload):
    """A tiny payload kind for sync tests: one answer and its latency."""

    answer: int
    latency_ms: float = Field(ge=0)


def init_station(data_dir: Path, name: str = "test-station") -> None:
    """Run the real `hiremate init` on data_dir."""
    assert main(["--data-dir", str(data_dir), "init", "--name", name]) == 0


def make_sessions(data_dir: Path, count: int, events: int = 5, reason: str = "completed") -> list[str]:
    """Record `count` closed assessment sessions of `events` probe events each; return their ids."""
    ids = []
    with open_station_log(data_dir, window_ms=1.0) as log:  # signed checkpoints, as the station writes them
        for number in range(count):
            session = log.open_session(purpose="assessment", participant=f"P-{number:04d}")
            for trial in range(events):
                log.record(session.session_id, "synctest.probe", 1000 * (trial + 1),
                           {"answer": (number + trial) % 4, "latency_ms": 250.0 + trial}, game="probe", trial=trial)
            log.close_session(session.session_id, 1000 * (events + 1), reason=reason)
            ids.append(session.session_id)
    return ids

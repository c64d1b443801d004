"""A station with three participants' sessions recorded by the station's signing log, and personal rows."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.services.station_log import open_station_log
from tests.eventlog.test_checkpoints import record_session


def add_person(data_dir: Path, participant: str, name: str, email: str, age_days: int) -> None:
    conn = sqlite3.connect(data_dir / "station.sqlite3", isolation_level=None)
    created = (datetime.now(UTC) - timedelta(days=age_days)).isoformat()
    conn.execute("INSERT INTO people (participant, name, email, created_utc) VALUES (?, ?, ?, ?)",
                 (participant, name, email, created))
    conn.close()


@pytest.fixture
def station(data_dir: Path) -> tuple[Path, dict[str, list[str]]]:
    """P-one has three closed sessions, P-two and P-three one each; P-one and P-two have a name and an e-mail."""
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    with open_station_log(data_dir, window_ms=1.0) as log:
        ids = {"P-one": [record_session(log, "P-one") for _ in range(3)],
               "P-two": [record_session(log, "P-two")], "P-three": [record_session(log, "P-three")]}
    add_person(data_dir, "P-one", "Ada One", "ada@example.org", 10)
    add_person(data_dir, "P-two", "Bob Two", "bob@example.org", 400)
    return data_dir, ids

"""A station left running purges expired personal data on its own (once a day; here the timer is shortened), records
it in the privacy audit and tells the proctor; the timer stops with the station (issue 20, item 1)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.services.privacy import audit_rows
from kiosk.ui.daily_purge import DAY_MS
from tests.kiosk.conftest import MakeStation


def _add_person(data_dir: Path, participant: str, days_old: int) -> None:
    created = (datetime.now(UTC) - timedelta(days=days_old)).isoformat()
    with Store.in_dir(data_dir) as store:
        store.conn.execute("INSERT INTO people (participant, name, email, created_utc) VALUES (?, ?, ?, ?)",
                           (participant, "Ada Example", "ada@example.org", created))


def _people(data_dir: Path) -> list[str]:
    with Store.in_dir(data_dir) as store:
        return [row[0] for row in store.conn.execute("SELECT participant FROM people ORDER BY participant")]


def test_a_running_station_purges_expired_personal_data_each_day(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    window = make_station()
    purge = window.daily_purge
    assert purge.timer.isActive() and purge.timer.interval() == DAY_MS
    _add_person(data_dir, "P-old", days_old=400)  # arrived (or aged) while the station ran
    _add_person(data_dir, "P-new", days_old=3)
    purge.timer.start(50)  # a day, shortened
    qtbot.waitUntil(lambda: _people(data_dir) == ["P-new"], timeout=10_000)
    qtbot.waitUntil(lambda: window.panel.status.text().startswith("Privacy purge: personal data of 1"), timeout=5000)
    assert "P-old" in window.panel.status.text()
    with Store.in_dir(data_dir) as store:
        rows = audit_rows(store, action="purge")
    assert [(row.actor, row.detail["participants"]) for row in rows] == [("station daily", ["P-old"])]
    count = len(rows)
    qtbot.wait(300)  # further runs with nothing expired record nothing
    with Store.in_dir(data_dir) as store:
        assert len(audit_rows(store, action="purge")) == count
    window.shutdown()
    assert not purge.timer.isActive()

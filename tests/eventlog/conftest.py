"""Fixtures for the event-log tests: a real log on a temporary station database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventlog import EventLog
from tests.eventlog import helpers  # noqa: F401  (registers test.* kinds)


@pytest.fixture
def log(data_dir: Path) -> Iterator[EventLog]:
    """An EventLog on a fresh station database, closed after the test."""
    event_log = EventLog.in_dir(data_dir)
    yield event_log
    event_log.close()

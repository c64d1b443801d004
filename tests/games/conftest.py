"""Shared game-test fixtures: a real event log with an open practice session, recorders and read-back."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from eventlog import EventLog, EventRecord, OpenSession
from eventlog.recorder import SessionRecorder
from games.core import INPUT_IGNORED

ReadEvents = Callable[..., list[EventRecord]]


@pytest.fixture
def event_log(tmp_path: Path) -> Iterator[EventLog]:
    """A real EventLog on a fresh station database under tmp_path (closed after the test)."""
    log = EventLog.in_dir(tmp_path / "station", window_ms=5.0)
    try:
        yield log
    finally:
        log.close()


@pytest.fixture
def practice_session(event_log: EventLog) -> OpenSession:
    """An open practice session in event_log, as `hiremate play` opens one."""
    return event_log.open_session(purpose="practice", participant="practice")


@pytest.fixture
def make_recorder(event_log: EventLog, practice_session: OpenSession) -> Callable[[str], SessionRecorder]:
    """A factory: make_recorder("bart") gives a SessionRecorder for that game in the practice session."""

    def make(game: str) -> SessionRecorder:
        return SessionRecorder(event_log, practice_session, game)

    return make


@pytest.fixture
def read_events(event_log: EventLog, practice_session: OpenSession) -> ReadEvents:
    """read_events(game=None, prefix=None, ignored=False): flush the log, then read the session's events back.

    With `game` only that game's events are returned; with `prefix` only kinds starting with it
    (e.g. "bart."). Without either, every event of the session, session.opened included. The presses a
    game ignored (`game.input_ignored`) are left out unless `ignored` is True; `ignored="only"` gives
    just them.
    """

    def read(game: str | None = None, prefix: str | None = None, ignored: bool | str = False) -> list[EventRecord]:
        event_log.flush(timeout=10)
        records = event_log.store.events(practice_session.session_id)
        if ignored == "only":
            records = [r for r in records if r.kind == INPUT_IGNORED]
        elif not ignored:
            records = [r for r in records if r.kind != INPUT_IGNORED]
        if game is not None:
            records = [r for r in records if r.game == game]
        if prefix is not None:
            records = [r for r in records if r.kind.startswith(prefix)]
        return records

    return read

"""A crashed BART session resumes at the next balloon with the money banked so far, shown and recorded."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from eventlog import EventLog, EventRecord
from eventlog.recorder import SessionRecorder
from games.bart import rules
from games.bart.params import BartParams
from games.bart.view import BartView
from games.core import RestoreError, game_records
from kiosk.services.station_log import open_station_log
from tests.games.crash import check_exports_and_verifies

PARAMS = BartParams(balloons=4, feedback_ms=20)
SEED = 3


def _view(qtbot: QtBot, log: EventLog, session: object) -> BartView:
    view = BartView(SessionRecorder(log, session, "bart"), PARAMS, SEED)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1024, 720)
    view.show()
    return view


def _balloon(qtbot: QtBot, view: BartView, pumps: int, collect: bool = True) -> None:
    """Wait for the balloon on screen, press Space `pumps` times and Return to collect."""
    qtbot.waitUntil(lambda: view.state.phase == "inflating", timeout=5000)
    for _ in range(pumps):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    if collect:
        qtbot.keyClick(view, Qt.Key.Key_Return)


def _play_until_the_crash(qtbot: QtBot, data_dir: Path) -> str:
    """Two balloons collected with real keys (3 and 4 pumps: 35 cents), two pumps on the third, then a crash."""
    plan = rules.new_game(PARAMS, random.Random(SEED), SEED).plan
    assert [b.burst_point > 4 for b in plan[:3]] == [True, True, True]  # the seed lets these balloons survive
    log = open_station_log(data_dir, window_ms=2.0)
    session = log.open_session("assessment", "P-bart")
    log.store.ensure_station("bart-resume")
    view = _view(qtbot, log, session)
    view.start()
    _balloon(qtbot, view, 3)
    _balloon(qtbot, view, 4)
    _balloon(qtbot, view, 2, collect=False)
    assert view.total_label.text() == "$0.35" and view.temp_label.text() == "$0.10"
    view.close()  # the station dies: no close, nothing more recorded
    log.flush(timeout=10)
    log.close()
    return session.session_id


def test_a_resumed_balloon_game_continues_at_the_next_balloon_with_the_bank_shown_and_recorded(
    qtbot: QtBot, tmp_path: Path
) -> None:
    sid = _play_until_the_crash(qtbot, tmp_path)
    log = open_station_log(tmp_path, window_ms=2.0)
    try:
        session = log.resume_session(sid, game="bart", trial=2)
        view = _view(qtbot, log, session)
        started: list[int] = []
        view.trial_will_start.connect(started.append)
        view.resume_from(log.store.events(sid))
        assert view.total_label.text() == "$0.35"  # the bank, not $0.00
        assert view.counter.text() == "Balloon 3 of 4"  # the interrupted balloon again, numbered as before
        assert "$0.35 banked so far" in view.last_label.text()
        _balloon(qtbot, view, 2)  # the repeat of balloon 3: 2 pumps, collect 10 cents
        qtbot.waitUntil(lambda: view.total_label.text() == "$0.45", timeout=5000)
        with qtbot.waitSignal(view.game_did_finish, timeout=10_000) as finished:
            _balloon(qtbot, view, 1)
        assert started == [2, 3]
        assert finished.args[0]["total_cents"] == 50 and view.total_label.text() == "$0.50"
        log.close_session(sid, session.now_ns())
        events = log.store.events(sid)
        check_recorded_bank(events)
        check_exports_and_verifies(log.store, sid, tmp_path)
    finally:
        log.close()


def check_recorded_bank(events: list[EventRecord]) -> None:
    """The log says what the screen said: the resume carries 35 cents, the later events build on it."""
    cut = next(i for i, e in enumerate(events) if e.kind == "session.resumed")
    after = [e for e in events[cut:] if e.game == "bart"]
    assert after[0].kind == "bart.game_resumed"
    assert after[0].payload == {"trial": 2, "repeated": True, "trials_done": 2, "events_restored": 17,
                                "total_cents": 35, "bursts": 0, "collects": 2}
    assert [e.trial for e in after if e.kind == "bart.balloon_started"] == [2, 3]
    assert {e.payload["total_cents"] for e in after if e.kind == "bart.pump" and e.trial == 2} == {35}
    assert [e.payload["total_cents"] for e in after if e.kind == "bart.collected"] == [45, 50]
    assert next(e for e in after if e.kind == "bart.game_ended").payload == {
        "balloons": 4, "total_cents": 50, "bursts": 0, "collects": 4}
    assert [e.trial for e in events if e.kind == "bart.balloon_ended"] == [0, 1, 2, 3]


def test_restore_refuses_events_of_another_game() -> None:
    state = rules.new_game(PARAMS, random.Random(SEED), SEED)
    record = EventRecord("s", 1, 5, "bart.game_started", "bart", None, _started_payload(SEED + 1), "", "")
    with pytest.raises(RestoreError, match=r"event seq 1 \(bart.game_started\) does not start this game"):
        rules.restore(state, [record])


def _started_payload(seed: int) -> dict[str, object]:
    fresh = rules.new_game(PARAMS, random.Random(seed), seed)
    _, emitted = rules.start_game(fresh, 0)
    return emitted[0].payload.model_dump(mode="json")


def test_restore_refuses_balloons_out_of_order_and_nothing_recorded_restores_nothing() -> None:
    state = rules.new_game(PARAMS, random.Random(SEED), SEED)
    assert rules.restore(state, []).state is state
    head = EventRecord("s", 1, 5, "bart.game_started", "bart", None, _started_payload(SEED), "", "")
    skipped = EventRecord("s", 2, 6, "bart.balloon_started", "bart", 1,
                          {"balloon": 1, "colour": "blue", "capacity": 128, "requested_t_ns": None}, "", "")
    with pytest.raises(RestoreError, match="is about balloon 1, but 0 balloons had ended before it"):
        rules.restore(state, [head, skipped])
    assert game_records([head, skipped], "bart", "bart.") == [head, skipped]

"""A pause freezes the running game: the idle pause and the proctor's PIN screen suspend it; going back resumes it."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot

from eventlog import EventRecord, Store, verify_store
from games.reaction.player import ReactionPlayer
from games.reaction.view import ReactionView
from kiosk.ui.station import StationWindow
from scoring import score_session
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin, issue, type_code

TRIALS = 20
TIMEOUT_MS = 1000
FREEZE_KINDS = ("station.game_suspended", "station.game_resumed")
BATTERY = f"""
[battery]
title = "One reaction-time game"
minutes = 1
seed_policy = "per_session"
practice = false

[[games]]
game = "simple_rt"
[games.params]
trials = {TRIALS}
foreperiod_min_ms = 100
foreperiod_max_ms = 200
timeout_ms = {TIMEOUT_MS}
iti_ms = 50
"""


def _events(window: StationWindow, data_dir: Path, session_id: str) -> list[EventRecord]:
    window.log.flush(timeout=10)
    with Store.in_dir(data_dir) as store:
        return store.events(session_id)


def _rt(records: list[EventRecord]) -> list[EventRecord]:
    return [r for r in records if r.kind.startswith("rt.")]


def _start_rt(qtbot: QtBot, window: StationWindow, data_dir: Path, player: ReactionPlayer) -> ReactionView:
    """Enter a code for the one-game battery, consent and begin; return the running view."""
    battery = data_dir / "one_rt.toml"
    battery.write_text(BATTERY, encoding="utf-8")
    code = issue(data_dir, battery=str(battery))[0]
    window.game_view_did_start.connect(lambda view, game, practice: player.attach(view))
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    click(window.screens.consent.agree_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.instructions, timeout=10_000)
    with qtbot.waitSignal(window.game_view_did_start, timeout=5000):
        click(window.screens.instructions.begin_button)
    view = window.candidate.view
    assert isinstance(view, ReactionView)
    return view


def _type_number(spin: QSpinBox, value: int) -> None:
    QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(spin, str(value))


def _check_finished_session(records: list[EventRecord], resumed_at: int) -> None:
    """One outcome per trial; nothing of the game between the pause and the resume; scoring counts each once."""
    rt = _rt(records)
    assert Counter(r.trial for r in rt if r.kind == "rt.trial_ended") == Counter(range(TRIALS))
    assert len([r for r in rt if r.kind == "rt.trial_started"]) in (TRIALS, TRIALS + 1)  # + the abandoned attempt
    paused = next(r for r in records if r.kind == "station.paused")
    after = [r for r in rt if r.seq > paused.seq]
    assert after[0].kind == "rt.trial_started" and after[0].t_ns >= resumed_at
    assert records[-1].kind == "session.closed" and records[-1].payload["reason"] == "completed"
    result = next(g for g in score_session(records).games if g.game == "simple_rt")
    assert result.completed and result.metric("rt.trials").value == TRIALS  # type: ignore[union-attr]


def test_idle_pause_freezes_a_reaction_game_until_the_proctor_resumes_it(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    window = make_station(idle_s=1, pause_s=2, seed_override=5)
    player = ReactionPlayer(latencies_ms=150, omissions=range(TRIALS))  # away from the keyboard: no input
    view = _start_rt(qtbot, window, data_dir, player)
    sid = window.candidate.session_id
    assert sid is not None
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.pause, timeout=30_000)
    assert view.suspended and view.timers_active() == [] and not view.finished
    frozen = len(_rt(_events(window, data_dir, sid)))
    waited_from = time.perf_counter_ns()
    qtbot.wait(TIMEOUT_MS * 2)  # longer than a whole response window
    waited_ns = time.perf_counter_ns() - waited_from  # Qt's coarse timers may end a wait up to 5 % early
    assert len(_rt(_events(window, data_dir, sid))) == frozen
    click(window.screens.pause.call_button)
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=5000)
    assert view.suspended
    _type_number(window.panel.idle_spin, 600)  # the proctor raises the limits before handing back
    _type_number(window.panel.pause_spin, 1200)
    click(window.panel.limits_button)
    qtbot.waitUntil(lambda: window.guard.pause_s == 1200, timeout=5000)
    assert len(_rt(_events(window, data_dir, sid))) == frozen
    player.omissions.clear()  # the candidate is back at the keyboard
    session = window.candidate.admission.session  # type: ignore[union-attr]
    resumed_at = session.now_ns()
    with qtbot.waitSignal(window.session_did_close, timeout=60_000) as closed:
        click(window.panel.back_button)
        assert window.stack.currentWidget() is window.screens.game and not view.suspended
    assert closed.args[0].reason == "completed" and not closed.args[0].problems
    records = _events(window, data_dir, sid)
    _check_finished_session(records, resumed_at)
    kinds = [r.kind for r in records]
    assert kinds.index("station.idle_detected") < kinds.index("station.paused")
    freezes = [r for r in records if r.kind in FREEZE_KINDS]
    assert [(r.kind, r.payload.get("reason")) for r in freezes] == [
        ("station.game_suspended", "idle"), ("station.game_resumed", None)
    ]  # one freeze, although the PIN prompt and the panel came in front of the game after the pause screen
    assert freezes[1].payload["suspended_ns"] >= waited_ns  # at least the wait while paused, as measured
    assert freezes[1].payload["suspended_ns"] == freezes[1].t_ns - freezes[0].t_ns  # the span between the two stamps
    assert freezes[0].t_ns < freezes[1].t_ns <= resumed_at + 60_000_000_000
    with Store.in_dir(data_dir) as store:
        assert verify_store(store).ok


def test_the_proctor_chord_suspends_the_game_and_going_back_resumes_it(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    window = make_station(seed_override=6)
    player = ReactionPlayer(latencies_ms=150)
    view = _start_rt(qtbot, window, data_dir, player)
    sid = window.candidate.session_id
    assert sid is not None
    qtbot.waitUntil(lambda: view.trial >= 2, timeout=30_000)
    chord(window)
    assert window.stack.currentWidget() is window.screens.pin and view.suspended
    frozen = len(_rt(_events(window, data_dir, sid)))
    qtbot.wait(TIMEOUT_MS * 2)
    assert len(_rt(_events(window, data_dir, sid))) == frozen and view.timers_active() == []
    with qtbot.waitSignal(window.session_did_close, timeout=60_000) as closed:
        click(window.screens.pin.cancel_button)
        assert window.stack.currentWidget() is window.screens.game and not view.suspended
    assert closed.args[0].reason == "completed"
    rt = _rt(_events(window, data_dir, sid))
    assert Counter(r.trial for r in rt if r.kind == "rt.trial_ended") == Counter(range(TRIALS))
    assert not [r for r in rt if r.kind in ("rt.omission", "rt.false_start")]
    freezes = [r.kind for r in _events(window, data_dir, sid) if r.kind in FREEZE_KINDS]
    assert freezes == ["station.game_suspended", "station.game_resumed"]

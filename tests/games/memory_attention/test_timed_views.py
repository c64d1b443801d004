"""The flanker and stop-signal views played with real arrow keys and button clicks; streams checked exactly."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.flanker.model import FlankerModel
from games.flanker.params import FlankerParams
from games.flanker.player import FlankerPlayer
from games.flanker.view import FlankerView
from games.stop_signal.model import RaceModel
from games.stop_signal.params import StopSignalParams
from games.stop_signal.player import StopSignalPlayer
from games.stop_signal.view import StopSignalView
from tests.games.conftest import ReadEvents

MakeRecorder = Callable[[str], SessionRecorder]
MS = 1_000_000


def test_a_scripted_flanker_game_records_the_exact_stream(qtbot: QtBot, make_recorder: MakeRecorder,
                                                          read_events: ReadEvents) -> None:
    params = FlankerParams(conflict_trials=6, switch_trials=6, fixation_min_ms=5, fixation_max_ms=15, iti_ms=5)
    view = FlankerView(make_recorder("flanker"), params, 3)
    qtbot.addWidget(view)
    view.resize(1024, 720)
    view.show()
    drawn: list[tuple[int, str, list[str | None]]] = []
    view.stimulus_did_appear.connect(lambda trial: drawn.append((trial, view.stage.arrow_style,
                                                                 list(view.stage.arrows))))
    player = FlankerPlayer(FlankerModel(rt_ms=60, sd_ms=0, error_p=0, conflict_ms=0, switch_ms=0), speed=50,
                           input="alternate")
    player.attach(view)
    with qtbot.waitSignal(view.game_did_finish, timeout=30_000) as finished:
        view.start()
    events = read_events(prefix="flanker.")
    blocks = [e for e in events if e.kind == "flanker.block_started"]
    assert [b.payload for b in blocks] == [{"block": 0, "kind": "conflict", "trials": 6},
                                           {"block": 1, "kind": "switch", "trials": 6}]
    fifth_end = next(e for e in events if e.kind == "flanker.trial_ended" and e.trial == 5)
    assert blocks[1].t_ns > fifth_end.t_ns  # the switch block began at the candidate's press
    for trial, plan in enumerate(view.rules.plan):
        mine = [e for e in events if e.trial == trial]
        assert [e.kind for e in mine] == ["flanker.trial_started", "flanker.stimulus_onset", "flanker.response",
                                          "flanker.trial_ended"]
        started, onset, response, ended = (e.payload for e in mine)
        assert (started["condition"], started["rule"], started["correct_key"]) == (plan.condition, plan.rule,
                                                                                   plan.correct_key)
        assert mine[1].t_ns == onset["presented_t_ns"] >= onset["requested_t_ns"] >= mine[0].t_ns
        assert response["latency_ns"] == mine[2].t_ns - mine[1].t_ns >= 60 * MS
        assert response["correct"] and ended["outcome"] == "correct"
        assert response["input"] == ("key" if trial % 2 == 0 else "mouse")
        style = "plain" if plan.kind == "conflict" else plan.rule
        assert drawn[trial] == (trial, style, [plan.flankers, plan.flankers, plan.target, plan.flankers,
                                               plan.flankers])
    assert finished.args[0] == {"trials": 12, "correct": 12, "omissions": 0}


def test_flanker_keys_out_of_turn_are_logged_and_a_missed_arrow_is_an_omission(
        qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents) -> None:
    params = FlankerParams(conflict_trials=2, switch_trials=0, fixation_min_ms=300, fixation_max_ms=300,
                           timeout_ms=300, iti_ms=5)
    view = FlankerView(make_recorder("flanker"), params, 1)
    qtbot.addWidget(view)
    view.show()
    view.start()
    qtbot.keyClick(view, Qt.Key.Key_Left)  # during the fixation: not a response
    QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Left, Qt.KeyboardModifier.NoModifier,
                                           "", True))  # an auto-repeat
    qtbot.keyClick(view, Qt.Key.Key_Space)  # no block screen waits
    with qtbot.waitSignal(view.game_did_finish, timeout=10_000):
        with qtbot.waitSignal(view.stimulus_did_appear, timeout=5000):
            pass
        qtbot.mouseClick(view.buttons["Right"], Qt.MouseButton.LeftButton)  # answers trial 0 with the button
    ignored = [(e.payload["key"], e.payload["reason"], e.payload["phase"])
               for e in read_events(game="flanker", ignored="only")]
    assert ignored == [("Left", "between_trials", "fixation"), ("Left", "auto_repeat", "fixation"),
                       ("Space", "between_trials", "fixation")]
    outcomes = [e.payload["outcome"] for e in read_events(prefix="flanker.trial_ended")]
    assert outcomes[1] == "omission" and outcomes[0] in ("correct", "error")


def test_a_scripted_stop_signal_game_follows_the_staircase(qtbot: QtBot, make_recorder: MakeRecorder,
                                                           read_events: ReadEvents) -> None:
    params = StopSignalParams(trials=16, blocks=2, stop_share=0.5, fixation_ms=5, iti_ms=5, timeout_ms=600,
                              ssd_start_ms=100, ssd_step_ms=50, ssd_max_ms=400)
    view = StopSignalView(make_recorder("stop_signal"), params, 8)
    qtbot.addWidget(view)
    view.resize(1024, 720)
    view.show()
    waited: list[str] = []
    view.block_waiting.connect(lambda block: waited.append(view.stage.message))
    player = StopSignalPlayer(RaceModel(go_mu_ms=220, go_sigma_ms=0, go_tau_ms=0.001, ssrt_ms=50, error_p=0),
                              speed=50, input="alternate")
    player.attach(view)
    with qtbot.waitSignal(view.game_did_finish, timeout=60_000) as finished:
        view.start()
    events = read_events(prefix="stop_signal.")
    ssd = 100
    for trial, plan in enumerate(view.rules.plan):
        mine = [e for e in events if e.trial == trial]
        started, ended = mine[0].payload, mine[-1].payload
        assert started["stop"] == plan.stop and started["ssd_ms"] == (ssd if plan.stop else None)
        if plan.stop:  # the race: 220 ms go against ssd + 50 ms stop
            signal = next((e for e in mine if e.kind == "stop_signal.stop_onset"), None)
            stops = ssd + 50 <= 220
            assert ended["outcome"] == ("stop_success" if stops else "stop_failure")
            if signal is not None:
                onset = next(e for e in mine if e.kind == "stop_signal.stimulus_onset")
                assert signal.payload["ssd_ns"] == signal.t_ns - onset.t_ns >= (ssd - 1) * MS
            ssd = min(400, ssd + 50) if stops else max(0, ssd - 50)
        else:
            assert ended["outcome"] == "go_correct"
        assert ended["next_ssd_ms"] == ssd
    assert len(waited) == 1 and "Break: block 1 of 2 done." in waited[0] and "Average response time" in waited[0]
    assert finished.args[0]["stop_trials"] == 8 and finished.args[0]["final_ssd_ms"] == ssd


def test_a_pause_during_a_stimulus_plays_the_trial_again(qtbot: QtBot, make_recorder: MakeRecorder,
                                                          read_events: ReadEvents) -> None:
    params = FlankerParams(conflict_trials=3, switch_trials=0, fixation_min_ms=5, fixation_max_ms=5, iti_ms=5)
    view = FlankerView(make_recorder("flanker"), params, 2)
    qtbot.addWidget(view)
    view.show()
    player = FlankerPlayer(FlankerModel(rt_ms=150, sd_ms=0, error_p=0), speed=50)
    player.attach(view)
    view.stimulus_did_appear.connect(lambda trial: view.suspend() if trial == 1 and not paused else None)
    paused: list[bool] = []
    view.start()
    qtbot.waitUntil(lambda: view.suspended, timeout=10_000)
    paused.append(True)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.wait(300)  # the player's press comes while paused: the trial has been abandoned
    assert view.timers_active() == [] and view.state.phase == "between" and view.state.trial == 1
    with qtbot.waitSignal(view.game_did_finish, timeout=10_000):
        view.resume()
    events = read_events(prefix="flanker.")
    assert [e.trial for e in events if e.kind == "flanker.trial_started"] == [0, 1, 1, 2]
    assert [e.trial for e in events if e.kind == "flanker.trial_ended"] == [0, 1, 2]
    assert [e.payload["reason"] for e in read_events(game="flanker", ignored="only")] == ["suspended"]

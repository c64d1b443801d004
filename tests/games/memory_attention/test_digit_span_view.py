"""The digit span view played with real key presses and keypad clicks; the recorded stream is checked exactly."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.digit_span import rules
from games.digit_span.params import DigitSpanParams
from games.digit_span.player import DigitSpanPlayer, wrong_answer
from games.digit_span.view import DigitSpanView
from tests.games.conftest import ReadEvents

MakeRecorder = Callable[[str], SessionRecorder]
MS = 1_000_000
FAST = DigitSpanParams(forward_start=2, forward_max=4, backward_start=2, backward_max=3, digit_ms=40, digit_on_ms=30,
                       iti_ms=5)


def make_view(qtbot: QtBot, make_recorder: MakeRecorder, params: DigitSpanParams, seed: int) -> DigitSpanView:
    view = DigitSpanView(make_recorder("digit_span"), params, seed)
    qtbot.addWidget(view)
    view.resize(1024, 720)
    view.show()
    return view


def test_a_scripted_game_records_the_exact_stream(qtbot: QtBot, make_recorder: MakeRecorder,
                                                  read_events: ReadEvents) -> None:
    view = make_view(qtbot, make_recorder, FAST, 11)
    player = DigitSpanPlayer({"forward": 3, "backward": 2}, speed=100, corrections={1}, input="alternate")
    player.attach(view)
    started: list[int] = []
    view.trial_will_start.connect(started.append)
    with qtbot.waitSignal(view.game_did_finish, timeout=30_000) as finished:
        view.start()
    events = read_events(prefix="digit_span.")
    kinds = [e.kind for e in events]
    assert kinds[:2] == ["digit_span.game_started", "digit_span.block_started"]
    assert kinds.count("digit_span.block_started") == 2 and kinds[-1] == "digit_span.game_ended"
    submitted = [e.payload for e in events if e.kind == "digit_span.submitted"]
    # forward: 2, 2, 3, 3 right; 4, 4 wrong (block over). backward: 2, 2 right; 3, 3 wrong
    assert [(s["direction"], s["length"], s["correct"]) for s in submitted] == [
        ("forward", 2, True), ("forward", 2, True), ("forward", 3, True), ("forward", 3, True),
        ("forward", 4, False), ("forward", 4, False), ("backward", 2, True), ("backward", 2, True),
        ("backward", 3, False), ("backward", 3, False)]
    assert [s["block_over"] for s in submitted] == [False] * 5 + [True] + [False] * 3 + [True]
    assert started == list(range(10)) and [t for t, _ in player.answers] == list(range(10))
    for trial, typed in player.answers:
        trial_events = [e for e in events if e.trial == trial]
        start = trial_events[0]
        assert start.kind == "digit_span.trial_started"
        digits = start.payload["digits"]
        shown = [e for e in trial_events if e.kind == "digit_span.digit_shown"]
        assert [(e.payload["position"], e.payload["digit"]) for e in shown] == list(enumerate(digits))
        for k, e in enumerate(shown):
            assert e.t_ns == e.payload["presented_t_ns"] >= e.payload["requested_t_ns"]
            assert e.t_ns - shown[0].t_ns >= k * FAST.digit_ms * MS - MS  # onsets are never early
        target = rules.target_of(start.payload["direction"], digits)
        expected = target if len(target) <= {"forward": 3, "backward": 2}[start.payload["direction"]] \
            else wrong_answer(target)
        typed_keys = [e.payload for e in trial_events if e.kind == "digit_span.key_typed"]
        assert typed == expected and typed_keys[-1]["entry"] == expected
        assert {k["input"] for k in typed_keys} == {"key" if trial % 2 == 0 else "mouse"}
        end = trial_events[-1].payload
        assert end["entry"] == expected and end["position_errors"] == rules.position_errors(target, expected)
        assert end["response_ns"] == trial_events[-1].t_ns - next(
            e.t_ns for e in trial_events if e.kind == "digit_span.response_started")
    corrected = [e.payload for e in events if e.kind == "digit_span.key_typed" and e.trial == 1]
    assert corrected[1]["key"] == "Backspace" and corrected[1]["entry"] == "" and submitted[1]["corrections"] == 1
    assert finished.args[0] == events[-1].payload == {"trials": 10, "correct": 6, "forward_span": 3,
                                                      "backward_span": 2}
    assert view.timers_active() == []


def test_keys_that_do_nothing_are_logged_with_their_reason(qtbot: QtBot, make_recorder: MakeRecorder,
                                                           read_events: ReadEvents) -> None:
    params = DigitSpanParams(directions=("forward",), forward_start=2, forward_max=2, sequences_per_length=1,
                             digit_ms=80, digit_on_ms=60, iti_ms=5)
    view = make_view(qtbot, make_recorder, params, 3)
    qtbot.keyClick(view, Qt.Key.Key_5)  # before the start
    with qtbot.waitSignal(view.block_waiting, timeout=5000):
        view.start()
    qtbot.keyClick(view, Qt.Key.Key_5)  # on the instructions: only Enter or Begin start the block
    qtbot.mouseClick(view.keys["5"], Qt.MouseButton.LeftButton)  # the keypad is disabled there
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.state.phase == "presenting", timeout=5000)
    qtbot.keyClick(view, Qt.Key.Key_3)  # while the digits are shown
    with qtbot.waitSignal(view.answer_did_open, timeout=5000):
        pass
    qtbot.keyClick(view, Qt.Key.Key_Backspace)  # nothing to erase
    qtbot.keyClick(view, Qt.Key.Key_Return)  # nothing to submit
    qtbot.keyClick(view, Qt.Key.Key_A)
    digits = view.state.digits
    for d in digits:
        qtbot.keyClick(view, getattr(Qt.Key, f"Key_{d}"), Qt.KeyboardModifier.KeypadModifier)
    with qtbot.waitSignal(view.game_did_finish, timeout=5000):
        qtbot.mouseClick(view.ok_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(view, Qt.Key.Key_1)  # after the end
    ignored = [(e.payload["input"], e.payload["key"], e.payload["reason"], e.payload["phase"])
               for e in read_events(game="digit_span", ignored="only")]
    assert ignored == [
        ("key", "5", "before_start", "not_started"), ("key", "5", "between_trials", "between"),
        ("mouse", "left", "control_disabled", "between"), ("key", "3", "between_trials", "presenting"),
        ("key", "Backspace", "control_disabled", "responding"), ("key", "Return", "control_disabled", "responding"),
        ("key", "A", "not_a_game_key", "responding"), ("key", "1", "after_end", "finished")]
    submitted = next(e for e in read_events(prefix="digit_span.submitted"))
    assert submitted.payload["correct"] and submitted.payload["input"] == "mouse"


def test_a_pause_during_the_digits_shows_the_sequence_again(qtbot: QtBot, make_recorder: MakeRecorder,
                                                            read_events: ReadEvents) -> None:
    params = DigitSpanParams(directions=("forward",), forward_start=3, forward_max=3, sequences_per_length=1,
                             digit_ms=60, digit_on_ms=40, iti_ms=5)
    view = make_view(qtbot, make_recorder, params, 4)
    player = DigitSpanPlayer(5, speed=100)
    player.attach(view)
    view.start()
    qtbot.waitUntil(lambda: view.state.phase == "presenting" and view.state.shown == 2, timeout=10_000)
    view.suspend()
    assert view.timers_active() == [] and view.state.phase == "between"
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.wait(200)
    assert view.state.phase == "between"
    with qtbot.waitSignal(view.game_did_finish, timeout=10_000):
        view.resume()
    events = read_events(prefix="digit_span.")
    starts = [e for e in events if e.kind == "digit_span.trial_started"]
    assert [s.trial for s in starts] == [0, 0] and starts[0].payload == starts[1].payload
    shown = [e.payload["position"] for e in events if e.kind == "digit_span.digit_shown"]
    assert shown == [0, 1, 0, 1, 2]
    assert [e.payload["reason"] for e in read_events(game="digit_span", ignored="only")] == ["suspended"]
    assert [e.payload["correct"] for e in events if e.kind == "digit_span.submitted"] == [True]

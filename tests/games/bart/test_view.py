"""The BART view played through real key and mouse events; the recorded event stream is checked exactly."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from eventlog import EventRecord
from eventlog.recorder import SessionRecorder
from games.bart import rules
from games.bart.params import CLASSIC_COLOURS, BartParams
from games.bart.player import BartPlayer, adaptive_rule
from games.bart.view import BartView
from tests.games.conftest import ReadEvents

MakeRecorder = Callable[[str], SessionRecorder]


def make_view(qtbot: QtBot, make_recorder: MakeRecorder, params: BartParams, seed: int) -> BartView:
    view = BartView(make_recorder("bart"), params, seed)
    qtbot.addWidget(view)
    view.resize(1024, 720)
    view.show()
    return view


def play(qtbot: QtBot, view: BartView, player: BartPlayer) -> dict[str, object]:
    started: list[int] = []
    view.trial_will_start.connect(started.append)
    player.attach(view)
    with qtbot.waitSignal(view.game_did_finish, timeout=20_000) as finished:
        view.start()
    assert started == list(range(len(view.state.plan)))
    assert player.finished
    assert [t for t in view.findChildren(QTimer) if t.isActive()] == []
    return finished.args[0]


def expected_kinds(plan: tuple[rules.BalloonPlan, ...], targets: list[int]) -> list[str]:
    kinds = ["bart.game_started"]
    for balloon, target in zip(plan, targets, strict=True):
        kinds += ["bart.balloon_started"] + ["bart.pump"] * min(target, balloon.burst_point)
        kinds += ["bart.burst" if target >= balloon.burst_point else "bart.collected", "bart.balloon_ended"]
    return [*kinds, "bart.game_ended"]


def check_pumps(events: list[EventRecord], params: BartParams, presses: list[tuple[int, str, str]]) -> None:
    """Every pump's fields follow from the stream itself: counts, intervals, money, maxima, inputs."""
    pump_inputs = [how for _, action, how in presses if action == "pump"]
    pumps = [e for e in events if e.kind == "bart.pump"]
    assert [p.payload["input"] for p in pumps] == pump_inputs
    best, total, previous = 0, 0, None
    for event in events:
        p = event.payload
        if event.kind == "bart.balloon_started":
            previous, count = None, 0
        elif event.kind == "bart.pump":
            count += 1
            since = None if previous is None else event.t_ns - previous.t_ns
            assert (p["balloon"], p["pump"], p["since_prev_ns"]) == (event.trial, count, since)
            assert p["rapid"] == (since is not None and since < params.rapid_pump_ms * 1_000_000)
            assert p["new_max"] == (count > best)
            assert p["size"] == count / params.max_capacity
            assert p["total_cents"] == total
            burst_next = events[events.index(event) + 1].kind == "bart.burst"
            assert p["temp_cents"] == params.cents_per_pump * (count - 1 if burst_next else count)
            assert (p["qt_event_ms"] is None) == (p["input"] == "key")  # QTest key events carry no timestamp
            previous = event
        elif event.kind == "bart.collected":
            total += p["amount_cents"]
            assert (p["pumps"], p["amount_cents"], p["total_cents"]) == (count, params.cents_per_pump * count, total)
        elif event.kind == "bart.burst":
            assert (p["pumps"], p["lost_cents"]) == (count, params.cents_per_pump * (count - 1))
        elif event.kind == "bart.balloon_ended":
            best = max(best, count)


def test_scripted_game_records_the_exact_event_stream(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents
) -> None:
    params = BartParams(balloons=6, colours=CLASSIC_COLOURS, feedback_ms=5, rapid_pump_ms=250)
    seed = 2002
    plan = rules.plan_balloons(params, random.Random(seed))
    targets = [0, 3, 200, 6, 40, 2]
    view = make_view(qtbot, make_recorder, params, seed)
    player = BartPlayer(targets, speed=60, input="alternate")
    summary = play(qtbot, view, player)

    events = read_events(prefix="bart.")
    assert [e.kind for e in events] == expected_kinds(plan, targets)
    assert all(e.game == "bart" for e in events)
    assert [e.t_ns for e in events] == sorted(e.t_ns for e in events)
    assert events[0].payload == {"balloons": 6, "seed": seed, "cents_per_pump": 5,
                                 "colours": [c.model_dump() for c in CLASSIC_COLOURS]}
    starts = [e for e in events if e.kind == "bart.balloon_started"]
    assert [(e.trial, {k: v for k, v in e.payload.items() if k != "requested_t_ns"}) for e in starts] == [
        (i, {"balloon": i, "colour": b.colour, "capacity": b.capacity}) for i, b in enumerate(plan)
    ]
    previous_end = [e.t_ns for e in events if e.kind in ("bart.game_started", "bart.balloon_ended")]
    for start, before in zip(starts, previous_end[: len(starts)], strict=True):  # asked for after the last, shown later
        assert before <= start.payload["requested_t_ns"] <= start.t_ns
    ended = [e.payload for e in events if e.kind == "bart.balloon_ended"]
    assert [(e["balloon"], e["burst_point"], e["colour"]) for e in ended] == [
        (i, b.burst_point, b.colour) for i, b in enumerate(plan)
    ]
    assert [e["pumps"] for e in ended] == [min(t, b.burst_point) for t, b in zip(targets, plan, strict=True)]
    assert [e["outcome"] for e in ended] == [
        "burst" if t >= b.burst_point else "collected" for t, b in zip(targets, plan, strict=True)
    ]
    check_pumps(events, params, player.presses)
    assert {how for _, _, how in player.presses} == {"key", "mouse"}
    collected = [e.payload for e in events if e.kind == "bart.collected"]
    assert events[-1].trial is None and events[-1].payload == summary == {
        "balloons": 6, "total_cents": sum(c["amount_cents"] for c in collected),
        "bursts": sum(1 for e in ended if e["outcome"] == "burst"), "collects": len(collected),
    }
    assert [(o.pumps, o.outcome) for o in player.outcomes] == [(e["pumps"], e["outcome"]) for e in ended]


def test_rule_player_clicking_only_finishes_and_adapts(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents
) -> None:
    params = BartParams(balloons=5, feedback_ms=0)
    view = make_view(qtbot, make_recorder, params, seed=11)
    rule = adaptive_rule(start=10, after_collect=3, after_burst=-5)
    player = BartPlayer(rule, speed=80, input="mouse")
    play(qtbot, view, player)
    events = read_events(prefix="bart.")
    check_pumps(events, params, player.presses)
    assert all(p.payload["input"] == "mouse" for p in events if p.kind == "bart.pump")
    assert all(how == "mouse" for _, _, how in player.presses)
    for i, outcome in enumerate(player.outcomes):
        assert outcome.pumps == min(rule(i, player.outcomes[:i]), view.state.plan[i].burst_point)


def test_real_keys_between_balloons_and_auto_repeat_do_nothing(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents
) -> None:
    params = BartParams(balloons=2, feedback_ms=300)
    view = make_view(qtbot, make_recorder, params, seed=4)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # before the start (e.g. a practice press spilling over): ignored
    with qtbot.waitSignal(view.balloon_did_start, timeout=5000):
        view.start()
    QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier,
                                           " ", True))  # a key held down since before the game: ignored
    qtbot.keyClick(view, Qt.Key.Key_Space)
    QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier,
                                           " ", True))  # a held-down key repeating
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_Enter)  # keypad Enter collects as Return does
    assert view.state.phase == "between" and not view.pump_button.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_Space)  # during the feedback: ignored
    qtbot.mouseClick(view.collect_button, Qt.MouseButton.LeftButton)  # disabled: ignored
    qtbot.keyClick(view, Qt.Key.Key_A)  # not a game key
    with qtbot.waitSignal(view.balloon_did_start, timeout=5000):
        pass
    qtbot.keyClick(view, Qt.Key.Key_Return)
    with qtbot.waitSignal(view.game_did_finish, timeout=5000):
        pass
    kinds = [(e.kind, e.trial) for e in read_events(prefix="bart.")]
    assert kinds == [
        ("bart.game_started", None), ("bart.balloon_started", 0), ("bart.pump", 0), ("bart.pump", 0),
        ("bart.collected", 0), ("bart.balloon_ended", 0), ("bart.balloon_started", 1), ("bart.collected", 1),
        ("bart.balloon_ended", 1), ("bart.game_ended", None),
    ]
    assert view.state.total_cents == 10
    qtbot.keyClick(view, Qt.Key.Key_Space)  # after the end: ignored
    ignored = [(e.payload["input"], e.payload["key"], e.payload["reason"], e.payload["auto_repeat"], e.trial)
               for e in read_events(game="bart", ignored="only")]
    assert ignored == [
        ("key", "Space", "before_start", False, None), ("key", "Space", "auto_repeat", True, 0),
        ("key", "Space", "auto_repeat", True, 0), ("key", "Space", "between_trials", False, 0),
        ("mouse", "left", "control_disabled", False, 0), ("key", "A", "not_a_game_key", False, 0),
        ("key", "Space", "after_end", False, 1),
    ]
    clicked = read_events(game="bart", ignored="only")[4].payload
    assert clicked["target"] == "collect" and clicked["phase"] == "between"


def test_balloon_onset_is_stamped_after_the_paint(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents
) -> None:
    params = BartParams(balloons=1, feedback_ms=0)
    view = make_view(qtbot, make_recorder, params, seed=1)
    painted: list[int] = []
    view.canvas.balloon_presented.connect(painted.append)
    with qtbot.waitSignal(view.balloon_did_start, timeout=5000):
        view.start()
    start = read_events(prefix="bart.balloon_started")[0]
    assert len(painted) == 1
    assert start.t_ns == view.recorder.since_start(painted[0])
    qtbot.keyClick(view, Qt.Key.Key_Return)


def test_closing_mid_game_stops_the_timers(qtbot: QtBot, make_recorder: MakeRecorder) -> None:
    view = make_view(qtbot, make_recorder, BartParams(balloons=3, feedback_ms=5000), seed=9)
    with qtbot.waitSignal(view.balloon_did_start, timeout=5000):
        view.start()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert any(t.isActive() for t in view.findChildren(QTimer))
    view.close()
    assert [t for t in view.findChildren(QTimer) if t.isActive()] == []


def test_player_refuses_a_short_script(qtbot: QtBot, make_recorder: MakeRecorder) -> None:
    view = make_view(qtbot, make_recorder, BartParams(balloons=3), seed=9)
    with pytest.raises(ValueError, match="stop_at has 2 entries for 3 balloons"):
        BartPlayer([1, 2]).attach(view)

"""The reaction-time view played by ReactionPlayer with real key and mouse events; the exact recorded stream."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from eventlog import EventRecord
from eventlog.recorder import SessionRecorder
from games.reaction.params import ChoiceRTParams, GoNoGoParams, ReactionParams, SimpleRTParams
from games.reaction.player import ReactionPlayer
from games.reaction.view import ReactionView
from tests.games.conftest import ReadEvents

MS = 1_000_000
FAST = {"foreperiod_min_ms": 100, "foreperiod_max_ms": 150, "timeout_ms": 1500, "iti_ms": 10}
Played = tuple[list[EventRecord], dict[str, Any], ReactionView, list[int]]


@pytest.fixture
def play(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> Callable[..., Played]:
    """play(game, params, player, seed): run a whole game in a shown view; return its events and summary."""

    def run(game: str, params: ReactionParams, player: ReactionPlayer, seed: int = 5) -> Played:
        view = ReactionView(make_recorder(game), params, seed)
        qtbot.addWidget(view)
        view.show()
        announced: list[int] = []
        view.trial_will_start.connect(announced.append)
        player.attach(view)
        with qtbot.waitSignal(view.game_did_finish, timeout=60_000) as finished:
            view.start()
        assert view.timers_active() == [] and player._timers == []
        return read_events(game=game), finished.args[0], view, announced

    return run


def by_kind(records: list[EventRecord], kind: str) -> list[EventRecord]:
    return [r for r in records if r.kind == kind]


def check_timing(records: list[EventRecord], params: ReactionParams) -> None:
    """Onsets carry presented >= requested >= trial start; latencies are exactly t_ns differences."""
    assert [r.seq for r in records] == list(range(records[0].seq, records[0].seq + len(records)))
    assert [r.t_ns for r in records] == sorted(r.t_ns for r in records)
    start: EventRecord | None = None
    onset: EventRecord | None = None
    for r in records:
        if r.kind == "rt.trial_started":
            start, onset = r, None
            fp = r.payload["foreperiod_ns"]
            assert params.foreperiod_min_ms * MS <= fp <= params.foreperiod_max_ms * MS
        elif r.kind == "rt.stimulus_onset":
            assert start is not None and r.trial == start.trial
            onset = r
            assert r.t_ns == r.payload["presented_t_ns"] >= r.payload["requested_t_ns"] >= start.t_ns
        elif r.kind in ("rt.response", "rt.commission"):
            assert onset is not None and onset.trial == r.trial == r.payload["trial"]
            assert r.payload["latency_ns"] == r.t_ns - onset.t_ns
            assert r.payload["latency_ns"] < params.timeout_ms * MS
        elif r.kind == "rt.omission":
            assert onset is not None
            assert r.t_ns - onset.t_ns >= r.payload["timeout_ns"] == params.timeout_ms * MS
        elif r.kind == "rt.false_start":
            assert start is not None and onset is None and r.t_ns >= start.t_ns
            planned = start.t_ns + start.payload["foreperiod_ns"]
            assert r.payload["before_onset_ns"] == max(0, planned - r.t_ns)


def test_simple_rt_with_a_false_start_and_a_click(play: Callable[..., Played]) -> None:
    params = SimpleRTParams(trials=3, **FAST)
    player = ReactionPlayer(latencies_ms=[20, 30, 40], false_starts=[1], clicks=[2])
    records, summary, _view, announced = play("simple_rt", params, player, seed=5)
    assert [(r.kind, r.trial) for r in records] == [
        ("rt.game_started", None),
        ("rt.trial_started", 0), ("rt.stimulus_onset", 0), ("rt.response", 0), ("rt.trial_ended", 0),
        ("rt.trial_started", 1), ("rt.false_start", 1),
        ("rt.trial_started", 1), ("rt.stimulus_onset", 1), ("rt.response", 1), ("rt.trial_ended", 1),
        ("rt.trial_started", 2), ("rt.stimulus_onset", 2), ("rt.response", 2), ("rt.trial_ended", 2),
        ("rt.game_ended", None),
    ]
    assert {r.game for r in records} == {"simple_rt"}
    assert records[0].payload == {"variant": "simple", "trials": 3, "seed": 5, "keys": ["Space"], "timeout_ms": 1500}
    first, repeat = by_kind(records, "rt.trial_started")[1:3]
    assert first.payload["foreperiod_ns"] != repeat.payload["foreperiod_ns"]
    assert {k: v for k, v in repeat.payload.items() if k != "foreperiod_ns"} == {
        "trial": 1, "variant": "simple", "stimulus": "circle", "is_go": True, "correct_key": "Space"
    }
    assert by_kind(records, "rt.false_start")[0].payload["key"] == "Space"
    responses = by_kind(records, "rt.response")
    assert [(r.payload["key"], r.payload["correct"]) for r in responses] == [
        ("Space", True), ("Space", True), ("click:Space", True)
    ]
    # QTest.keyClick carries no timestamp (0, recorded as None); QTest.mouseClick invents one
    assert [type(r.payload["qt_event_ms"]) for r in responses] == [type(None), type(None), int]
    assert [r.payload["outcome"] for r in by_kind(records, "rt.trial_ended")] == ["hit"] * 3
    assert records[-1].payload == {"trials": 3}
    check_timing(records, params)
    assert announced == [0, 1, 2]
    assert (summary["hits"], summary["false_starts"], summary["trials"]) == (3, 1, 3)


def test_choice_rt_four_keys_with_a_wrong_key_and_an_omission(play: Callable[..., Played]) -> None:
    params = ChoiceRTParams(trials=8, choices=4, **FAST)
    player = ReactionPlayer(latencies_ms=lambda trial: 20 + 5 * trial, wrong_keys=[3], omissions=[5], clicks=[6])
    records, summary, _view, _ = play("choice_rt", params, player, seed=8)
    assert records[0].payload["keys"] == ["D", "F", "J", "K"]
    starts = by_kind(records, "rt.trial_started")
    assert [s.trial for s in starts] == list(range(8))
    expected_key = {s.trial: s.payload["correct_key"] for s in starts}
    mapping = {"far_left": "D", "left": "F", "right": "J", "far_right": "K"}
    assert all(mapping[s.payload["stimulus"]] == s.payload["correct_key"] for s in starts)
    responses = {r.trial: r.payload for r in by_kind(records, "rt.response")}
    assert sorted(responses) == [0, 1, 2, 3, 4, 6, 7]
    for trial, payload in responses.items():
        pressed = payload["key"].removeprefix("click:")
        assert payload["correct"] is (trial != 3) is (pressed == expected_key[trial])
    assert responses[6]["key"] == "click:" + expected_key[6]
    assert [(r.trial, r.payload) for r in by_kind(records, "rt.omission")] == [
        (5, {"trial": 5, "timeout_ns": 1500 * MS})
    ]
    outcomes = [r.payload["outcome"] for r in by_kind(records, "rt.trial_ended")]
    assert outcomes == ["hit", "hit", "hit", "error", "hit", "omission", "hit", "hit"]
    check_timing(records, params)
    assert (summary["hits"], summary["errors"], summary["omissions"]) == (6, 1, 1)


def test_go_nogo_commission_withheld_and_omission(play: Callable[..., Played]) -> None:
    params = GoNoGoParams(trials=8, go_share=0.5, **{**FAST, "timeout_ms": 800})
    player = ReactionPlayer(latencies_ms=25, commissions=range(0, 8, 2), omissions=[1, 2])
    records, summary, _view, _ = play("go_nogo", params, player, seed=21)
    starts = {s.trial: s.payload for s in by_kind(records, "rt.trial_started")}
    assert sum(p["is_go"] for p in starts.values()) == 4
    assert all(p["correct_key"] == ("Space" if p["is_go"] else None) for p in starts.values())
    assert all(p["stimulus"] == ("go" if p["is_go"] else "nogo") for p in starts.values())
    outcomes = {r.trial: r.payload["outcome"] for r in by_kind(records, "rt.trial_ended")}
    for trial, payload in starts.items():
        if payload["is_go"]:
            assert outcomes[trial] == ("omission" if trial in (1, 2) else "hit")
        else:
            assert outcomes[trial] == ("commission" if trial % 2 == 0 else "withheld")
    commission_trials = [r.trial for r in by_kind(records, "rt.commission")]
    assert commission_trials == [t for t in range(0, 8, 2) if not starts[t]["is_go"]]
    assert [r.trial for r in by_kind(records, "rt.omission")] == [t for t in (1, 2) if starts[t]["is_go"]]
    check_timing(records, params)
    counts = {k: list(outcomes.values()).count(k) for k in ("hit", "omission", "commission", "withheld")}
    assert counts == {"hit": summary["hits"], "omission": summary["omissions"],
                      "commission": summary["commissions"], "withheld": summary["withheld"]}


def test_same_seed_same_trials_and_foreperiods(play: Callable[..., Played]) -> None:
    params = ChoiceRTParams(trials=6, choices=4, **FAST)

    def shape(records: list[EventRecord]) -> list[tuple[str, int | None, Any]]:
        return [(r.kind, r.trial, r.payload.get("foreperiod_ns"), r.payload.get("stimulus")) for r in records]

    first = shape(play("choice_rt", params, ReactionPlayer(latencies_ms=20), seed=4)[0])
    second = shape(play("choice_rt", params, ReactionPlayer(latencies_ms=20), seed=4)[0][len(first):])
    assert first == second
    other = shape(play("choice_rt", params, ReactionPlayer(latencies_ms=20), seed=5)[0][2 * len(first):])
    assert [k for k, *_ in other] == [k for k, *_ in first] and other != first


def test_unmapped_keys_and_presses_between_trials_are_not_responses(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder], read_events: ReadEvents
) -> None:
    params = ChoiceRTParams(trials=1, choices=2, **FAST)
    view = ReactionView(make_recorder("choice_rt"), params, 3)
    qtbot.addWidget(view)
    view.show()
    qtbot.keyClick(view, Qt.Key.Key_F)  # before start: ignored
    with qtbot.waitSignal(view.stimulus_did_appear, timeout=10_000):
        view.start()
    qtbot.keyClick(view, Qt.Key.Key_A)
    qtbot.keyClick(view, Qt.Key.Key_D)  # not a key of the 2-choice game
    assert [r.kind for r in read_events(game="choice_rt")][-1] == "rt.stimulus_onset"
    key = view.key_for_stimulus(by_kind(read_events(game="choice_rt"), "rt.stimulus_onset")[0].payload["stimulus"])
    assert key in ("F", "J")
    with qtbot.waitSignal(view.game_did_finish, timeout=10_000):
        qtbot.keyClick(view, Qt.Key.Key_F if key == "F" else Qt.Key.Key_J)
        qtbot.keyClick(view, Qt.Key.Key_J)  # during the pause after the response: ignored
    kinds = [r.kind for r in read_events(game="choice_rt")]
    assert kinds == ["rt.game_started", "rt.trial_started", "rt.stimulus_onset", "rt.response", "rt.trial_ended",
                     "rt.game_ended"]
    assert view.timers_active() == [] and not view.response_button("F").isEnabled()
    ignored = read_events(game="choice_rt", ignored="only")  # each of them is logged, with why
    assert [(r.payload["key"], r.payload["reason"], r.payload["phase"]) for r in ignored] == [
        ("F", "before_start", "ready"), ("A", "not_a_game_key", "stimulus"), ("D", "not_a_game_key", "stimulus"),
        ("J", "between_trials", "between")]
    assert [r.trial for r in ignored] == [None, 0, 0, 1]


def test_closing_mid_game_stops_every_timer(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder]
) -> None:
    view = ReactionView(make_recorder("simple_rt"), SimpleRTParams(trials=2, **FAST), 1)
    qtbot.addWidget(view)
    view.show()
    with qtbot.waitSignal(view.foreperiod_did_start, timeout=10_000):
        view.start()
    assert view.timers_active() == ["stimulus"]
    view.close()
    assert view.timers_active() == []


def test_player_refuses_scripts_that_do_not_fit(
    qtbot: QtBot, make_recorder: Callable[[str], SessionRecorder]
) -> None:
    view = ReactionView(make_recorder("simple_rt"), SimpleRTParams(trials=2, **FAST), 1)
    qtbot.addWidget(view)
    with pytest.raises(ValueError, match="wrong_keys only apply to choice RT"):
        ReactionPlayer(wrong_keys=[0]).attach(view)
    with pytest.raises(ValueError, match="speed must be positive"):
        ReactionPlayer(speed=0)
    player = ReactionPlayer(latencies_ms=[100, 200])
    assert [player.latency_ms(0), player.latency_ms(1)] == [100.0, 200.0]
    with pytest.raises(ValueError, match="latencies_ms has 2 entries; trial 2 needs one"):
        player.latency_ms(2)
    assert ReactionPlayer(latencies_ms=lambda trial: 50 + trial).latency_ms(3) == 53.0

"""The flow's transition table and battery loading with errors naming file and field (no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.services.battery import BatteryError, available_batteries, load_battery, resolve_battery
from kiosk.services.flow import TRANSITIONS, Flow, FlowError, FlowEvent, FlowState, Screen


def test_flow_walks_consent_practice_games_and_completion() -> None:
    flow = Flow((True, False))
    state = flow.next(FlowState(), FlowEvent.CODE_ACCEPTED)
    assert state.screen == Screen.CONSENT
    state = flow.next(state, FlowEvent.ACCEPTED)
    assert (state.screen, state.index, state.practice_offered) == (Screen.INSTRUCTIONS, 0, True)
    state = flow.next(state, FlowEvent.PRACTICE)
    assert state.screen == Screen.PRACTICE
    state = flow.next(state, FlowEvent.PRACTICE_DONE)
    assert (state.screen, state.index) == (Screen.PRACTICE_OVER, 0)  # a screen of its own between the two
    reread = flow.next(state, FlowEvent.REREAD)
    assert (reread.screen, reread.practice_offered) == (Screen.INSTRUCTIONS, False)
    with pytest.raises(FlowError):
        flow.next(reread, FlowEvent.PRACTICE)  # practice is offered once
    assert flow.next(reread, FlowEvent.BEGIN).screen == Screen.GAME
    state = flow.next(flow.next(state, FlowEvent.BEGIN), FlowEvent.GAME_DONE)
    assert (state.screen, state.index, state.practice_offered) == (Screen.INSTRUCTIONS, 1, False)
    state = flow.next(flow.next(state, FlowEvent.BEGIN), FlowEvent.GAME_DONE)
    assert state.screen == Screen.COMPLETE
    assert flow.next(state, FlowEvent.FINISH) == FlowState()


def test_declining_and_resuming() -> None:
    flow = Flow((True, True, True))
    declined = flow.next(flow.next(FlowState(), FlowEvent.CODE_ACCEPTED), FlowEvent.DECLINED)
    assert declined.screen == Screen.DECLINED
    resumed = flow.next(FlowState(), FlowEvent.RESUMED, 2)
    assert (resumed.screen, resumed.index, resumed.resuming, resumed.practice_offered) == (
        Screen.INSTRUCTIONS, 2, True, False)
    with pytest.raises(FlowError):
        flow.next(FlowState(), FlowEvent.RESUMED, 3)
    stopped = flow.next(flow.next(resumed, FlowEvent.BEGIN), FlowEvent.FAILED)  # the resumed game cannot go on
    assert stopped.screen == Screen.STOPPED and flow.next(stopped, FlowEvent.FINISH) == FlowState()
    practice = flow.next(flow.instructions(0), FlowEvent.PRACTICE)
    assert flow.next(practice, FlowEvent.PRACTICE_FAILED).screen == Screen.INSTRUCTIONS


def test_every_pair_outside_the_table_is_refused() -> None:
    flow = Flow((False,))
    for screen in Screen:
        for event in FlowEvent:
            if (screen, event) in TRANSITIONS:
                continue
            with pytest.raises(FlowError, match=screen.value):
                flow.next(FlowState(screen), event)


def test_shipped_batteries_load_and_the_default_has_three_kinds_of_game() -> None:
    assert {"default", "test_fast"} <= set(available_batteries())
    default = resolve_battery(None)
    assert default.name == "default" and 20 <= default.minutes <= 30
    assert all(g.minutes for g in default.games) and sum(g.minutes or 0 for g in default.games) <= default.minutes
    games = [g.game for g in default.games]
    assert "bart" in games and "decision" in games and {"simple_rt", "go_nogo"} & set(games)
    assert default.ref == "default"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


HEAD = '[battery]\ntitle = "t"\nminutes = 1\n'


@pytest.mark.parametrize(("text", "field"), [
    ("[battery]\nminutes = 1\n[[games]]\ngame = 'bart'\n", "battery.title"),
    (HEAD + "colour = 'red'\n[[games]]\ngame = 'bart'\n", "battery.colour"),
    (HEAD + "seed_policy = 'fixed'\n[[games]]\ngame = 'bart'\n", "battery"),
    (HEAD, "games"),
    (HEAD + "[[games]]\ngame = 'chess'\n", "games[0].game"),
    (HEAD + "[[games]]\ngame = 'bart'\n[[games]]\ngame = 'simple_rt'\nparams = { trials = 0 }\n",
     "games[1].params.trials"),
    (HEAD + "[[games]]\ngame = 'bart'\npractice_params = { pumps = 3 }\n", "games[0].practice_params.pumps"),
    (HEAD + "[[games]\n", "not valid TOML"),
])
def test_battery_errors_name_the_file_and_field(tmp_path: Path, text: str, field: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(BatteryError) as caught:
        load_battery(path)
    assert str(path) in str(caught.value) and field in str(caught.value)


def test_seed_policies(tmp_path: Path) -> None:
    fixed = load_battery(_write(tmp_path, HEAD + "seed_policy = 'fixed'\nseed = 40\n[[games]]\ngame = 'bart'\n"))
    assert fixed.seed_for(0, "any") == 40 and fixed.seed_for(0, "other") == 40
    per = resolve_battery("test_fast")
    assert per.seed_for(0, "s1") == per.seed_for(0, "s1") != per.seed_for(0, "s2")
    assert per.seed_for(1, "s1", override=7) == 8

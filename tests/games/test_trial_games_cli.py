"""`hiremate play --list` shows the trial games with their literature defaults; each autoplays to a closed session;
the extended battery holds every game and validates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.cli.main import main
from kiosk.services.battery import resolve_battery

GAMES = ("igt", "tower", "faces", "effort", "money")
SHORT = {"igt": ["trials=4", "feedback_ms=0"], "tower": ["problems=practice", "feedback_ms=0"],
         "faces": ["intensities=[100]", "repeats=1", "context_trials=0", "iti_ms=0"],
         "effort": ["max_trials=2", "easy_presses=2", "hard_presses=3", "feedback_ms=0"],
         "money": ["partner_returns=[50]", "partner_sends=[]", "dictator=false", "ultimatum_offers=[]",
                   "feedback_ms=0"]}


def test_list_shows_the_trial_games_with_their_defaults(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "d"), "play", "--list", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert set(GAMES) <= set(listing)
    assert listing["igt"]["params"]["trials"] == 100 and listing["igt"]["params"]["start_cents"] == 200_000
    assert len(listing["tower"]["params"]["problems"]) == 12
    assert listing["effort"]["params"]["probabilities"] == [12, 50, 88]
    assert listing["effort"]["params"]["hard_presses"] == 100 and listing["effort"]["params"]["duration_s"] == 1200
    assert listing["money"]["params"]["multiplier"] == 3
    assert main(["--data-dir", str(tmp_path / "d"), "play", "--list"]) == 0
    text = capsys.readouterr().out
    assert all(f"{game}: " in text for game in GAMES)


@pytest.mark.parametrize("game", GAMES)
def test_autoplay_records_a_closed_practice_session(qtbot: QtBot, tmp_path: Path, game: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    argv = [arg for p in SHORT[game] for arg in ("--param", p)]
    assert main(["--data-dir", str(tmp_path / "d"), "play", game, "--seed", "3", *argv, "--autoplay", "--speed",
                 "100", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == "completed"
    with Store.in_dir(tmp_path / "d") as store:
        kinds = [e.kind for e in store.events(result["session_id"])]
    assert kinds[1] == f"{game}.game_started" and kinds[-2:] == [f"{game}.game_ended", "session.closed"]


def test_the_extended_battery_holds_every_game_and_the_default_battery_none_of_these() -> None:
    extended = resolve_battery("extended")
    names = [g.game for g in extended.games]
    assert set(GAMES) <= set(names) and {"bart", "simple_rt", "go_nogo", "decision"} <= set(names)
    assert all(extended.practice_for(i) for i, g in enumerate(extended.games) if g.game in GAMES)
    default = resolve_battery("default")
    assert not set(GAMES) & {g.game for g in default.games} and default.minutes <= 30

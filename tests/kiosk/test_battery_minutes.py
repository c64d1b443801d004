"""Every shipped battery states each game's expected minutes; the proctor sees the total when issuing codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.cli.main import main
from kiosk.services.battery import BatteryError, available_batteries, load_battery, resolve_battery
from kiosk.ui.screens.panel import ProctorPanel


def test_the_default_battery_has_every_new_game_and_fits_in_thirty_minutes() -> None:
    default = resolve_battery("default")
    games = [g.game for g in default.games]
    assert {"digit_span", "card_match", "flanker", "stop_signal", "bart", "go_nogo", "decision"} <= set(games)
    assert all(g.minutes for g in default.games)
    assert sum(g.minutes or 0 for g in default.games) <= default.minutes <= 30
    assert default.minutes_text().startswith("about 30 min (bart 5, go_nogo 2.5, digit_span 5, ")


def test_the_memory_attention_battery_plays_the_four_games_with_their_defaults() -> None:
    battery = resolve_battery("memory_attention")
    assert [g.game for g in battery.games] == ["digit_span", "card_match", "flanker", "stop_signal"]
    stop = next(g for g in battery.games if g.game == "stop_signal")
    assert stop.params == {} and battery.practice_for(3)
    assert sum(g.minutes or 0 for g in battery.games) <= battery.minutes <= 30
    assert {"default", "memory_attention", "quick"} <= set(available_batteries())


def test_games_minutes_above_the_battery_total_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.toml"
    path.write_text('[battery]\ntitle = "t"\nminutes = 3\n[[games]]\ngame = "flanker"\nminutes = 2.5\n'
                    '[[games]]\ngame = "digit_span"\nminutes = 1\n', encoding="utf-8")
    with pytest.raises(BatteryError, match=r"battery.minutes \(3\) is less than its games' minutes \(3.5\)"):
        load_battery(path)


def test_codes_issue_shows_the_expected_duration(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "codes", "issue", "--count", "1", "--battery", "memory_attention"]) == 0
    out = capsys.readouterr().out
    assert "battery memory_attention: about 20 min (digit_span 5, card_match 2.5, flanker 4.5, stop_signal 7.5)" in out
    assert main(["--data-dir", str(data_dir), "codes", "issue", "--count", "1", "--json"]) == 0
    issued = json.loads(capsys.readouterr().out)
    assert issued["battery_minutes"] == 30 and issued["battery_duration"].startswith("about 30 min (bart 5")


def test_the_panel_shows_the_chosen_batterys_minutes(qtbot: QtBot) -> None:
    panel = ProctorPanel()
    qtbot.addWidget(panel)
    panel.set_batteries(["default", "memory_attention"])
    assert panel.battery_minutes.text().startswith("about 30 min (Balloon game 5")  # games by their titles
    panel.battery_combo.setCurrentIndex(1)
    assert panel.battery_minutes.text() == ("about 20 min (Digit span 5, Card match 2.5, Arrows (flanker) 4.5, "
                                            "Stop signal 7.5)")

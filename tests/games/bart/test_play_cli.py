"""`hiremate play bart`: parameter errors name the key and open no window; autoplay records a practice session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.cli.main import main


def run_cli(data_dir: Path, *argv: str) -> int:
    return main(["--data-dir", str(data_dir), "play", *argv])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (["balloons=0"], "parameter 'balloons': Input should be greater than or equal to 1 (given '0')"),
        (["balloons=three"], "parameter 'balloons': Input should be a valid integer"),
        (["pumps=3"], "unknown parameter 'pumps'; parameters of this game: balloons, cents_per_pump, colours"),
        (["balloons"], "--param 'balloons' is not KEY=VALUE"),
        (["balloons=3", "balloons=4"], "parameter 'balloons' is given twice"),
        (["colours=neon"], "parameter 'colours': Value error, unknown colour preset 'neon'"),
        (["colours=[{\"colour\": \"red\"}]"], "parameter 'colours.0.capacity': Field required"),
        (["colours=[{oops"], "parameter 'colours': value is not valid JSON"),
    ],
)
def test_bad_params_fail_naming_the_key_without_a_window(
    data_dir: Path, capsys: pytest.CaptureFixture[str], params: list[str], message: str
) -> None:
    argv = [arg for p in params for arg in ("--param", p)]
    assert run_cli(data_dir, "bart", "--param", "cents_per_pump=5", *argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("hiremate play: ") and message in err
    assert len(err.strip().splitlines()) == 1
    assert not data_dir.exists()  # nothing was opened or recorded


def test_unknown_game_names_the_known_ones(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(data_dir, "balloon") == 1
    assert "unknown game 'balloon'; known games: " in capsys.readouterr().err
    assert run_cli(data_dir) == 1
    assert "name a game to play" in capsys.readouterr().err


def test_list_shows_bart_and_its_defaults(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(data_dir, "--list", "--json") == 0
    listing = json.loads(capsys.readouterr().out)
    assert listing["bart"]["params"]["balloons"] == 30
    assert listing["bart"]["params"]["colours"] == [{"colour": "blue", "capacity": 128}]


def test_autoplay_records_a_closed_practice_session(
    qtbot: QtBot, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run_cli(
        data_dir, "bart", "--seed", "8", "--param", "balloons=3", "--param", "colours=classic",
        "--param", "feedback_ms=0", "--autoplay", "--speed", "100", "--json",
    )
    assert status == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["status"], result["game"], result["seed"]) == ("completed", "bart", 8)
    with Store.in_dir(data_dir) as store:
        session = store.session(result["session_id"])
        assert session is not None
        assert (session.purpose, session.participant, session.status) == ("practice", "practice", "completed")
        events = store.events(session.id)
    kinds = [e.kind for e in events]
    assert kinds[:3] == ["session.opened", "bart.game_started", "bart.balloon_started"]
    assert kinds[-2:] == ["bart.game_ended", "session.closed"]
    assert kinds.count("bart.balloon_ended") == 3
    assert events[-2].payload == result["summary"]
    assert events[1].payload["seed"] == 8 and len(events[1].payload["colours"]) == 3

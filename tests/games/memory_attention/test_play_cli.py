"""`hiremate play` lists the new games with their defaults and autoplays each into a closed practice session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.cli.main import main

AUTOPLAY = {
    "digit_span": ["directions=[\"forward\"]", "forward_start=2", "forward_max=3", "digit_ms=20", "digit_on_ms=10",
                   "iti_ms=5"],
    "card_match": ["rows=2", "cols=2", "boards=1", "reveal_ms=5", "board_pause_ms=5"],
    "flanker": ["conflict_trials=3", "switch_trials=3", "fixation_min_ms=5", "fixation_max_ms=10", "iti_ms=5"],
    "stop_signal": ["trials=8", "blocks=1", "fixation_ms=5", "iti_ms=5"],
}


def test_list_shows_the_new_games_and_their_literature_defaults(data_dir: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "play", "--list", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    assert {"bart", "simple_rt", "choice_rt", "go_nogo", "decision", "digit_span", "card_match", "flanker",
            "stop_signal"} <= set(listing)
    assert listing["digit_span"]["params"]["forward_start"] == 3 and listing["digit_span"]["params"]["digit_ms"] == 1000
    assert (listing["card_match"]["params"]["rows"], listing["card_match"]["params"]["cols"]) == (4, 4)
    assert listing["flanker"]["params"]["timeout_ms"] == 1700
    stop = listing["stop_signal"]["params"]
    assert (stop["trials"], stop["stop_share"], stop["ssd_start_ms"], stop["ssd_step_ms"]) == (200, 0.25, 250, 50)


@pytest.mark.parametrize("game", sorted(AUTOPLAY))
def test_autoplay_records_a_closed_practice_session(qtbot: QtBot, data_dir: Path, capsys: pytest.CaptureFixture[str],
                                                   game: str) -> None:
    argv = [arg for p in AUTOPLAY[game] for arg in ("--param", p)]
    assert main(["--data-dir", str(data_dir), "play", game, "--seed", "4", *argv, "--autoplay", "--speed", "50",
                 "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["status"], result["game"]) == ("completed", game)
    with Store.in_dir(data_dir) as store:
        session = store.session(result["session_id"])
        assert session is not None and (session.purpose, session.status) == ("practice", "completed")
        kinds = [e.kind for e in store.events(session.id)]
    assert kinds[1] == f"{game}.game_started" and kinds[-2] == f"{game}.game_ended"


def test_a_bad_parameter_names_the_key(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "play", "stop_signal", "--param", "ssd_max_ms=2000"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hiremate play: ") and "ssd_max_ms (2000) must be below timeout_ms (1250)" in err
    assert len(err.strip().splitlines()) == 1

"""Helpers of the trial games' view tests: make a shown view, wait for a trial's onset, play it with its player."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games.spec import game_spec, load_object
from games.trialkit.view import TrialGameView

MakeRecorder = Callable[[str], SessionRecorder]


def make_view(qtbot: QtBot, make_recorder: MakeRecorder, game: str, params: BaseModel, seed: int = 5) -> Any:
    """The game's real view, shown at the station's size."""
    view = load_object(game_spec(game).view)(make_recorder(game), params, seed)
    qtbot.addWidget(view)
    view.resize(1024, 720)
    view.show()
    qtbot.waitExposed(view)
    return view


def start_and_wait(qtbot: QtBot, view: TrialGameView) -> int:
    """Start the game and wait until its first trial's onset is recorded; the trial index."""
    with qtbot.waitSignal(view.trial_did_start, timeout=5000) as shown:
        view.start()
    return int(shown.args[0])


def next_onset(qtbot: QtBot, view: TrialGameView) -> int:
    """Wait for the next trial's onset (after the feedback)."""
    with qtbot.waitSignal(view.trial_did_start, timeout=10_000) as shown:
        pass
    return int(shown.args[0])


def play_through(qtbot: QtBot, view: TrialGameView, player: Any, timeout_ms: int = 60_000) -> dict[str, Any]:
    """Let a scripted player finish the game; no timer of the view is left running."""
    player.attach(view)
    with qtbot.waitSignal(view.game_did_finish, timeout=timeout_ms) as finished:
        view.start()
    assert player.finished
    assert [t for t in view.findChildren(QTimer) if t.isActive()] == []
    return dict(finished.args[0])

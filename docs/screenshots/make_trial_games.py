"""Screenshot the trial games mid-game: IGT, Tower of London, faces, effort choice, money exchange.

Run under xvfb-run (or QT_QPA_PLATFORM=offscreen) from the repository root:
`.venv/bin/python docs/screenshots/make_trial_games.py docs/screenshots` (see docs/GAMES_III.md).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QPoint, QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from eventlog import EventLog
from eventlog.recorder import SessionRecorder
from games.effort.params import EffortParams
from games.faces.params import FacesParams
from games.igt.params import IgtParams
from games.money.params import MoneyParams
from games.spec import game_spec, load_object
from games.tower.params import TowerParams


def wait(ms: int) -> None:
    """Let the event loop run for ms milliseconds."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def keys(view: Any, *names: Qt.Key, gap: int = 60) -> None:
    """Press keys on the view, a little apart."""
    for key in names:
        QTest.keyClick(view, key)
        wait(gap)


def igt(view: Any) -> None:
    """Four cards, then the fifth, the third from deck A: its loss shows."""
    keys(view, Qt.Key.Key_C, Qt.Key.Key_D, Qt.Key.Key_A, Qt.Key.Key_A, gap=900)
    keys(view, Qt.Key.Key_A, gap=100)


def tower(view: Any) -> None:
    """Problem 5 (4 moves): one move made, the next ball lifted by the mouse and dragged half way."""
    view.held = None
    canvas = view.board_canvas
    area = canvas._area(False)
    start = QPointF(area.left() + area.width() * 0.5, area.bottom() - area.height() * 0.3).toPoint()
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(canvas, start + QPoint(120, -110))
    wait(100)


def faces(view: Any) -> None:
    """The first face, as it is shown."""
    wait(100)


def effort(view: Any) -> None:
    """The offer of the first round."""
    wait(100)


def effort_task(view: Any) -> None:
    """The hard task chosen and pressed a while."""
    keys(view, Qt.Key.Key_H)
    wait(150)
    keys(view, *([Qt.Key.Key_Space] * 23), gap=30)


def money(view: Any) -> None:
    """The first trust round with $4 chosen."""
    keys(view, Qt.Key.Key_4)


SHOTS: list[tuple[str, Any, int, Callable[[Any], None]]] = [
    ("igt", IgtParams(feedback_ms=600), 2, igt),
    ("tower", TowerParams(problems=[{"start": "RG|B|", "goal": "B|GR|"}]), 2, tower),
    ("faces", FacesParams(context_trials=0), 11, faces),
    ("faces_context", FacesParams(intensities=(40,), repeats=1, context_trials=1), 3, faces),
    ("effort", EffortParams(), 4, effort),
    ("effort_task", EffortParams(), 4, effort_task),
    ("money", MoneyParams(), 1, money),
]


def shoot(folder: Path, name: str, params: Any, seed: int, act: Callable[[Any], None]) -> Path:
    """Play a game up to the moment `act` sets up and save the view as a PNG."""
    game = "faces" if name.startswith("faces") else "effort" if name.startswith("effort") else name
    log = EventLog.in_dir(tempfile.mkdtemp())
    try:
        session = log.open_session("practice", "practice")
        view = load_object(game_spec(game).view)(SessionRecorder(log, session, game), params, seed)
        view.resize(1280, 800)
        view.show()
        view.start()
        wait(300)
        if name == "faces_context":  # answer the three faces before the context face
            keys(view, Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, gap=700)
            wait(300)
        act(view)
        path = folder / f"{name}.png"
        view.grab().save(str(path))
        view.close()
        return path
    finally:
        log.close()


def main(folder: str) -> None:
    """Save every screenshot into `folder`."""
    app = QApplication.instance() or QApplication([])
    for name, params, seed, act in SHOTS:
        print(shoot(Path(folder), name, params, seed, act))
    del app


if __name__ == "__main__":
    main(sys.argv[1])

"""Child process for the `hiremate play` tests: runs the command in this process, offscreen.

    python -m tests.cli.play_child close ARGS...   a scripted player plays the game to its end, then the window is
                                                   closed, as a person closes it
    python -m tests.cli.play_child wait ARGS...    nobody plays (the test presses Ctrl+C: SIGINT)
"""

from __future__ import annotations

import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from games.widgets import GameWidget
from kiosk.cli.main import main
from kiosk.ui.simulate import make_player

players: list[object] = []


def play_then_close() -> None:
    """Find the game's window, let its scripted player play, close the window once the game is over."""
    views = [w for w in QApplication.topLevelWidgets() if isinstance(w, GameWidget) and w.isVisible()]
    if not views:
        QTimer.singleShot(20, play_then_close)
        return
    view = views[0]
    player = make_player(view.recorder.game, 10.0)
    player.attach(view)  # type: ignore[attr-defined]
    players.append(player)
    view.game_did_finish.connect(lambda _summary: QTimer.singleShot(300, view.close))


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    app = QApplication(sys.argv[:1])
    if mode == "close":
        QTimer.singleShot(0, play_then_close)
    sys.exit(main(args))

"""Take the Arabic (right-to-left) screenshots in docs/screenshots/i18n_ar_*.png: the candidate switches to Arabic on
the welcome screen with the keyboard, then consent, instructions, the balloon and arrows games, the end screen
(run under Xvfb: `xvfb-run -a .venv/bin/python docs/screenshots/i18n_shots.py`)."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from eventlog import Store
from eventlog.recorder import SessionRecorder
from games.spec import game_spec
from i18n import _
from kiosk.services.codes import display_code
from kiosk.services.stationdb import StationDb
from kiosk.ui.app import open_station
from kiosk.ui.candidate_flow import load_game_view
from kiosk.ui.simulate import make_player
from kiosk.ui.station import StationWindow

OUT = Path(__file__).resolve().parent
PIN = "246813"


def wait_for(test: object, ms: int = 20_000) -> None:
    """Process events until test() holds."""
    waited = 0
    while not test():  # type: ignore[operator]
        QTest.qWait(20)
        waited += 20
        if waited > ms:
            raise TimeoutError("screen did not appear")


def shot(window: StationWindow, name: str) -> None:
    QTest.qWait(400)  # past the input gate's READY_MS, and painted
    window.grab().save(str(OUT / f"i18n_ar_{name}.png"))


def hosted(window: StationWindow, game: str, name: str, ready: Callable[[QWidget], bool], **params: object) -> None:
    """A game in Arabic, hosted as the station hosts it (its own layout left to right: left stays left)."""
    session = window.log.open_session("practice", "shots")
    spec = game_spec(game)
    view, playing = load_game_view(spec, SessionRecorder(window.log, session, game), spec.params_model(**params), 7)
    window.screens.game.host(view, _("Game {number} of {total}: {game}").format(number=2, total=8,
                                                                                game=_(spec.title)))
    window.stack.setCurrentWidget(window.screens.game)
    playing.start()
    wait_for(lambda: ready(view))
    shot(window, name)
    playing.suspend()
    window.screens.game.clear()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    data_dir = Path(tempfile.mkdtemp()) / "station"
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        db.station_info()
        db.set_pin(PIN, PIN)
        code = db.issue_codes(1, "default", datetime.now(UTC) + timedelta(hours=2))[0].code
    window, log, lock = open_station(data_dir)
    window.resize(1280, 800)
    window.show()
    s = window.screens
    wait_for(lambda: s.code.start_button.isEnabled())
    for _step in range(6):  # Tab from the code field to the Arabic button, Enter switches
        if s.code.language_buttons["ar"].hasFocus():
            break
        QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
    QTest.keyClick(s.code.language_buttons["ar"], Qt.Key.Key_Return)
    s.code.code_input.setFocus()
    QTest.keyClicks(s.code.code_input, display_code(code))
    shot(window, "1_welcome")
    QTest.keyClick(s.code.code_input, Qt.Key.Key_Return)
    wait_for(lambda: window.stack.currentWidget() is s.consent)
    shot(window, "2_consent")
    QTest.mouseClick(s.consent.agree_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: window.stack.currentWidget() is s.instructions)
    shot(window, "3_instructions")
    window.game_view_did_start.connect(lambda view, game, practice: make_player(game, 3.0).attach(view))
    QTest.mouseClick(s.instructions.begin_button, Qt.MouseButton.LeftButton)
    wait_for(lambda: window.stack.currentWidget() is s.game)
    QTest.qWait(2500)
    shot(window, "4_game_bart")
    window.screens.game.view.suspend()  # type: ignore[union-attr]
    hosted(window, "flanker", "5_game_flanker", lambda view: view.phase == "stimulus")  # type: ignore[attr-defined]
    hosted(window, "decision", "7_game_decision", lambda view: True, scenarios=("dc_public_answer",))
    s.complete.set_saved(True)
    window.stack.setCurrentWidget(s.complete)
    shot(window, "6_completion")
    window.exit_allowed = True
    window.close()
    app.processEvents()
    log.close()
    lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Take docs/screenshots/a11y_ar_hc_200_<game>.png: games hosted in the station in Arabic, at 200 % type, in high
contrast, at 1024x768, showing a stimulus (run under Xvfb: `xvfb-run -a env PYTHONPATH=. .venv/bin/python
docs/screenshots/a11y_shots.py`)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from eventlog import Store
from eventlog.recorder import SessionRecorder
from games.spec import game_spec
from i18n import _
from kiosk.services.stationdb import StationDb
from kiosk.ui.app import open_station
from kiosk.ui.candidate_flow import load_game_view
from kiosk.ui.station_frame import apply_appearance

OUT = Path(__file__).resolve().parent
PIN = "246813"
GAMES = {"go_nogo": "stimulus", "flanker": "stimulus", "stop_signal": "stimulus"}
"""Speeded games, each shot in the phase named (only flanker fits 1024x768 at 200 % wholly: docs/ACCOMMODATIONS.md)."""


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    data_dir = Path(tempfile.mkdtemp()) / "station"
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        db.station_info()
        db.set_pin(PIN, PIN)
    window, log, lock = open_station(data_dir)
    window.resize(1024, 768)
    window.show()
    for _wait in range(1000):  # the station has started: codes can be typed
        if window.screens.code.start_button.isEnabled():
            break
        QTest.qWait(20)
    window.candidate.apply_language("ar")
    apply_appearance(window, 2.0, True)
    for number, (game, phase) in enumerate(GAMES.items(), start=1):
        session = window.log.open_session("practice", "shots")
        spec = game_spec(game)
        view, playing = load_game_view(spec, SessionRecorder(window.log, session, game), spec.params_model(), 7)
        window.screens.game.host(view, _("Game {number} of {total}: {game}").format(number=number, total=7,
                                                                                    game=_(spec.title)))
        window.stack.setCurrentWidget(window.screens.game)
        playing.start()
        for _wait in range(500):
            if getattr(view, "phase", None) == phase:
                break
            QTest.qWait(10)
        QTest.qWait(30)
        window.grab().save(str(OUT / f"a11y_ar_hc_200_{game}.png"))
        playing.suspend()
        window.screens.game.clear()
    window.exit_allowed = True
    window.close()
    app.processEvents()
    log.close()
    lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())

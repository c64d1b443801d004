"""Screenshots of the reaction-time games with their stimulus on screen (run under Xvfb).

xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/screenshots/make_reaction.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from eventlog import EventLog
from eventlog.recorder import SessionRecorder
from games.reaction.params import ChoiceRTParams, GoNoGoParams, ReactionParams, SimpleRTParams
from games.reaction.view import ReactionView

OUT = Path(__file__).parent
QUICK = {"foreperiod_min_ms": 50, "foreperiod_max_ms": 80, "timeout_ms": 20_000, "iti_ms": 50}


def shoot(app: QApplication, log: EventLog, game: str, params: ReactionParams, seed: int) -> None:
    """Show the game, wait for the first stimulus, grab the window into OUT/<game>.png."""
    session = log.open_session(purpose="practice", participant="screenshot")
    view = ReactionView(SessionRecorder(log, session, game), params, seed)
    view.resize(1200, 760)
    view.show()

    def grab(_trial: int, _stimulus: str) -> None:
        def save() -> None:
            view.grab().save(str(OUT / f"{game}.png"))
            view.close()
            app.quit()

        QTimer.singleShot(150, save)

    view.stimulus_did_appear.connect(grab)
    view.start()
    app.exec()


def main() -> None:
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        log = EventLog.in_dir(Path(tmp) / "station")
        shoot(app, log, "simple_rt", SimpleRTParams(**QUICK), 1)
        shoot(app, log, "choice_rt", ChoiceRTParams(choices=4, **QUICK), 1)
        shoot(app, log, "go_nogo", GoNoGoParams(**QUICK), 2)
        log.close()


if __name__ == "__main__":
    main()

"""A child station for crash tests: a scripted candidate redeems a code and plays its battery (an assessment session,
as a real candidate's) until the test SIGKILLs the process.

    python -m tests.kiosk.ui.station_child DATA_DIR CODE SPEED
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from kiosk.ui.app import open_station
from kiosk.ui.simulate import SimulatedCandidate


def main(argv: list[str]) -> int:
    data_dir, code, speed = Path(argv[0]), argv[1], float(argv[2])
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window, log, lock = open_station(data_dir, ask_pin_setup=False)
    candidate = SimulatedCandidate(window, code, speed=speed)
    candidate.failed.connect(lambda problem: print(problem, file=sys.stderr))
    candidate.finished.connect(lambda _: app.quit())
    window.resize(1024, 768)
    window.show()
    candidate.start()
    app.exec()
    window.shutdown()
    log.close()
    lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

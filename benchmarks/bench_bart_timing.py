"""BART timing figures: balloon onset lag (request -> paint end) and pump handler cost (stamp -> recorded).

Run: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python benchmarks/bench_bart_timing.py
(With PySide6 6.12.0 on Python 3.11 the interpreter may abort at exit with "none_dealloc": PySide drops a
reference to None on many calls, e.g. processEvents(); the figures are printed before that.)
"""

from __future__ import annotations

import tempfile
import time
from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from eventlog import EventLog, OpenSession
from eventlog.recorder import SessionRecorder
from games.bart.params import BartParams
from games.bart.player import BartPlayer
from games.bart.view import BartView


def quantile(values: list[int], fraction: float) -> float:
    """The value at a fraction of the sorted list, in ms."""
    return sorted(values)[int(fraction * (len(values) - 1))] / 1e6


def report(name: str, values: list[int]) -> None:
    """One line of figures."""
    print(f"{name}: n={len(values)} median={quantile(values, 0.5):.3f} ms p95={quantile(values, 0.95):.3f} ms "
          f"max={max(values) / 1e6:.3f} ms")


class TimingRecorder(SessionRecorder):
    """Notes, for each pump, the time from its handler stamp until record() returned."""

    def __init__(self, log: EventLog, session: OpenSession, game: str, out: list[int]) -> None:
        super().__init__(log, session, game)
        self.out = out

    def record(self, kind: str, t_ns: int, payload: Any, trial: int | None = None) -> int:
        seq = super().record(kind, t_ns, payload, trial)
        if kind == "bart.pump":
            self.out.append(time.perf_counter_ns() - self.session.t0_perf_ns - t_ns)
        return seq


def main() -> None:
    """Play 30 balloons at 20 pumps with the scripted player at 10x speed and measure."""
    app = QApplication.instance() or QApplication([])
    log = EventLog.in_dir(tempfile.mkdtemp())
    session = log.open_session("practice", "practice")
    handler: list[int] = []
    view = BartView(TimingRecorder(log, session, "bart", handler), BartParams(feedback_ms=100), 3)
    view.resize(1280, 800)
    view.show()
    requested: list[int] = []
    lag: list[int] = []
    view.trial_will_start.connect(lambda _: requested.append(time.perf_counter_ns()))
    view.canvas.balloon_presented.connect(lambda perf: lag.append(perf - requested[-1]))
    BartPlayer([20] * 30, speed=10).attach(view)
    loop = QEventLoop()
    view.game_did_finish.connect(lambda _: loop.quit())
    view.start()
    loop.exec()
    report("balloon onset lag, request -> paint end", lag)
    report("pump handler, stamp -> recorded", handler)
    view.close()
    view.deleteLater()
    app.processEvents()
    log.close()


if __name__ == "__main__":
    main()

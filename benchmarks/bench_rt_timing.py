"""Reaction-time timing figures: stimulus requested->presented lag and posted-key dispatch delay, per platform.

Run offscreen:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_rt_timing.py
Run under Xvfb: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python benchmarks/bench_rt_timing.py
Figures are printed in ms, with the onset lag also as a ratio to a bare repaint of a same-sized widget
measured in the same run (the baseline). No thresholds: this prints what it measures.
"""

from __future__ import annotations

import argparse
import statistics
import time

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from eventlog import EventLog
from games.reaction.params import ChoiceRTParams, GoNoGoParams, ReactionParams, SimpleRTParams
from kiosk.ui.reaction_run import ReactionRun, scratch_log

MS = 1_000_000
FAST = {"foreperiod_min_ms": 40, "foreperiod_max_ms": 80, "timeout_ms": 1000, "iti_ms": 10}


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def line(name: str, values_ns: list[int]) -> str:
    """Median, 95th percentile and maximum in ms."""
    ms = [v / MS for v in values_ns]
    return f"{name:<34} median {statistics.median(ms):7.3f}  p95 {pct(ms, 0.95):7.3f}  max {max(ms):7.3f} ms"


def baseline_repaint(app: QApplication, count: int) -> list[int]:
    """Synchronous repaint() of a bare widget of the game's size: the floor under any onset lag."""
    widget = QWidget()
    widget.resize(1200, 760)
    widget.show()
    app.processEvents()
    out = []
    for _ in range(count):
        start = time.perf_counter_ns()
        widget.repaint()
        out.append(time.perf_counter_ns() - start)
    widget.close()
    return out


def run_variant(log: EventLog, game: str, params: ReactionParams) -> dict[str, list[int]]:
    """Play one game with posted key events; return onset lags, paint parts, dispatch delays, timer overshoot."""
    run = ReactionRun(log, game, params, seed=1, participant="bench")
    view, recorder = run.view, run.recorder
    paint_parts: list[int] = []
    posted: list[int] = []

    def on_stimulus(trial: int, stimulus: str) -> None:
        paint_parts.append(recorder.since_start(view.canvas.paint_end_ns))
        key = view.key_for_stimulus(stimulus) or "Space"
        QTimer.singleShot(30, lambda: post_key(key))

    def post_key(key: str) -> None:
        code = {"Space": Qt.Key.Key_Space, "D": Qt.Key.Key_D, "F": Qt.Key.Key_F, "J": Qt.Key.Key_J,
                "K": Qt.Key.Key_K}[key]
        posted.append(recorder.since_start(time.perf_counter_ns()))
        QCoreApplication.postEvent(view, QKeyEvent(QEvent.Type.KeyPress, code, Qt.KeyboardModifier.NoModifier))

    view.stimulus_did_appear.connect(on_stimulus)
    events = run.play()
    onsets = [e for e in events if e.kind == "rt.stimulus_onset"]
    answers = [e for e in events if e.kind in ("rt.response", "rt.commission")]
    starts = [e for e in events if e.kind == "rt.trial_started"]
    return {
        "overshoot": [
            o.payload["requested_t_ns"] - (s.t_ns + s.payload["foreperiod_ns"])
            for s, o in zip(starts, onsets, strict=True)
        ],
        "lag": [e.payload["presented_t_ns"] - e.payload["requested_t_ns"] for e in onsets],
        "paint": [p - e.payload["requested_t_ns"] for p, e in zip(paint_parts, onsets, strict=True)],
        "dispatch": [a.t_ns - p for a, p in zip(answers, posted, strict=True)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=60)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    print(f"platform: {app.platformName()}  trials per variant: {args.trials}")
    base = baseline_repaint(app, args.trials)
    print(line("baseline: bare widget repaint()", base))
    games: list[tuple[str, ReactionParams]] = [
        ("simple_rt", SimpleRTParams(trials=args.trials, **FAST)),
        ("choice_rt", ChoiceRTParams(trials=args.trials, choices=4, **FAST)),
        ("go_nogo", GoNoGoParams(trials=args.trials, **FAST)),
    ]
    with scratch_log() as log:
        for game, params in games:
            figures = run_variant(log, game, params)
            ratio = statistics.median(figures["lag"]) / statistics.median(base)
            print(line(f"{game}: requested->presented", figures["lag"]) + f"  ({ratio:.1f}x baseline)")
            print(line(f"{game}: requested->paint end", figures["paint"]))
            print(line(f"{game}: posted key->handler", figures["dispatch"]))
            print(line(f"{game}: foreperiod timer overshoot", figures["overshoot"]))


if __name__ == "__main__":
    main()

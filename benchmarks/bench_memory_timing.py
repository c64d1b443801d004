"""Onset lags of the memory and attention games: requested -> presented stamp of every stimulus they draw.

Run offscreen:  QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_memory_timing.py
Run under Xvfb: xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python benchmarks/bench_memory_timing.py
Each game is played by its scripted player with short timings; for every event carrying requested_t_ns and
presented_t_ns the lag is printed in ms (median / p95 / max; for a card flip, from the input's stamp to the
face on screen), beside a bare repaint of a same-sized widget
measured in the same run (the baseline). No thresholds: this prints what it measures.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from eventlog import EventLog
from eventlog.recorder import SessionRecorder
from games.spec import game_spec, load_object

CASES = {
    "digit_span": {"digit_ms": 60, "digit_on_ms": 40, "iti_ms": 10},
    "card_match": {"reveal_ms": 20, "board_pause_ms": 20},
    "flanker": {"conflict_trials": 30, "switch_trials": 30, "fixation_min_ms": 20, "fixation_max_ms": 40,
                "iti_ms": 10},
    "stop_signal": {"trials": 60, "blocks": 1, "fixation_ms": 20, "iti_ms": 10},
}


def summary(values: list[float]) -> str:
    """median / p95 / max of values in ms."""
    s = sorted(values)
    return f"{statistics.median(s):.2f} / {s[round(0.95 * (len(s) - 1))]:.2f} / {s[-1]:.2f}"


def baseline(app: QApplication) -> list[float]:
    """Bare repaints of a widget of the games' size."""
    widget = QWidget()
    widget.resize(1200, 760)
    widget.show()
    app.processEvents()
    lags = []
    for _ in range(60):
        start = time.perf_counter_ns()
        widget.repaint()
        lags.append((time.perf_counter_ns() - start) / 1e6)
    widget.close()
    return lags


def main() -> None:
    app = QApplication([])
    print(f"baseline bare repaint: {summary(baseline(app))} ms")
    with tempfile.TemporaryDirectory() as tmp, EventLog.in_dir(Path(tmp), window_ms=2.0) as log:
        for game, params in CASES.items():
            spec = game_spec(game)
            session = log.open_session("practice", "benchmark")
            view = load_object(spec.view)(SessionRecorder(log, session, game), spec.params_model(**params), 5)
            view.resize(1200, 760)
            view.show()
            player = load_object(spec.player)(speed=20)
            player.attach(view)
            view.game_did_finish.connect(lambda _summary: app.quit())
            view.start()
            app.exec()
            view.close()
            log.flush(10)
            lags: dict[str, list[float]] = {}
            for event in log.store.events(session.session_id):
                p = event.payload
                if "requested_t_ns" in p and "presented_t_ns" in p:
                    lags.setdefault(event.kind, []).append((p["presented_t_ns"] - p["requested_t_ns"]) / 1e6)
                elif event.kind == "card_match.flip":  # from the input's stamp to the face on screen
                    lags.setdefault("card_match.flip (input -> face)", []).append(
                        (p["presented_t_ns"] - event.t_ns) / 1e6)
            for kind, values in lags.items():
                print(f"{kind} (n={len(values)}): {summary(values)} ms")


if __name__ == "__main__":
    main()

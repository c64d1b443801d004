"""Start-up benchmark: process start to first painted frame of the station, against a bare PySide6 window.

Both are measured the same way in the same run: the parent notes CLOCK_MONOTONIC, starts a fresh Python
process, and the child prints the monotonic time of its window's first Paint event (kiosk/ui/first_paint.py)
and exits. The station is `python -m kiosk.cli run` on an initialised data directory; the baseline is a
QMainWindow of the same size with nothing in it. Prints medians and the ratio (target: at most 2x).

    .venv/bin/python benchmarks/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BARE = r"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from kiosk.ui.first_paint import watch_first_paint
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
watch_first_paint(window)
window.show()
app.exec()
"""


def first_paint_ms(command: list[str], env: dict[str, str]) -> float:
    """Milliseconds from just before the process starts to its window's first paint."""
    start = time.monotonic_ns()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    marks = [line.split()[1] for line in result.stderr.splitlines() if line.startswith("first-paint-monotonic-ns")]
    if result.returncode != 0 or not marks:
        raise SystemExit(f"{command[-2:]} did not paint: exit {result.returncode}\n{result.stderr[-2000:]}")
    return (int(marks[0]) - start) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each, alternating (default 15)")
    args = parser.parse_args()
    env = {**os.environ, "HIREMATE_EXIT_AFTER_FIRST_PAINT": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as data_dir:
        env["HIREMATE_DATA_DIR"] = data_dir
        subprocess.run([sys.executable, "-m", "kiosk.cli", "init"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        station_cmd = [sys.executable, "-m", "kiosk.cli", "run"]
        bare_cmd = [sys.executable, "-c", BARE]
        first_paint_ms(station_cmd, env)  # warm the file cache for both before measuring
        first_paint_ms(bare_cmd, env)
        station, bare = [], []
        for _ in range(args.runs):
            station.append(first_paint_ms(station_cmd, env))
            bare.append(first_paint_ms(bare_cmd, env))
    s, b = statistics.median(station), statistics.median(bare)
    print(f"platform: {env['QT_QPA_PLATFORM']}, {args.runs} runs each, alternating")
    print(f"bare PySide6 window  median {b:7.1f} ms  (min {min(bare):.1f})")
    print(f"station (hiremate run) median {s:7.1f} ms  (min {min(station):.1f})")
    print(f"ratio station / bare: {s / b:.2f}x  (target: at most 2x)")


if __name__ == "__main__":
    main()

"""CLI start-up benchmark: wall time of `hiremate --help` (and a few subcommands' --help) vs `python -c pass`."""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES: dict[str, list[str]] = {
    "python -c pass": ["-c", "pass"],
    "hiremate --help": ["-m", "kiosk.cli", "--help"],
    "hiremate receiver serve --help": ["-m", "kiosk.cli", "receiver", "serve", "--help"],
    "hiremate sync run --help": ["-m", "kiosk.cli", "sync", "run", "--help"],
    "hiremate score --help": ["-m", "kiosk.cli", "score", "--help"],
}


def wall_time(args: list[str]) -> float:
    """Seconds from spawning `python ARGS` to its exit (output discarded)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, list[float]]:
    """Interleaved runs of every case (one warm-up each first), so drift on a shared machine hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for args in CASES.values():
        wall_time(args)
    for _ in range(runs):
        for name, args in CASES.items():
            times[name].append(wall_time(args))
    return times


def main() -> None:
    """Print the median wall time of each case and its ratio to `python -c pass` measured in the same run."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20, help="runs per case (default: 20)")
    runs = parser.parse_args().runs
    times = measure(runs)
    baseline = statistics.median(times["python -c pass"])
    print(f"{runs} interleaved runs per case, median wall time ({sys.executable})")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<34} {median * 1000:7.1f} ms  {median / baseline:5.2f}x python -c pass"
              f"  (min {min(values) * 1000:.1f} ms)")


if __name__ == "__main__":
    main()

"""CLI start-up benchmark: wall time of `hiremate --help` (and some subcommands' --help) vs `python -c pass`.

Every case runs in a fresh interpreter, interleaved with the others, and is reported as a ratio to
`python -c pass` measured in the same run. `--before TREE` also times `--help` from another source tree
(e.g. `git archive main | tar -x -C /tmp/main`), imported first through PYTHONPATH, for a before/after figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

CASES: dict[str, list[str]] = {
    "python -c pass": ["-c", "pass"],
    "hiremate --help": ["-m", "kiosk.cli", "--help"],
    "hiremate receiver serve --help": ["-m", "kiosk.cli", "receiver", "serve", "--help"],
    "hiremate sync run --help": ["-m", "kiosk.cli", "sync", "run", "--help"],
    "hiremate score --help": ["-m", "kiosk.cli", "score", "--help"],
}
BASELINE = "python -c pass"


def wall_time(args: list[str], tree: Path | None) -> float:
    """Seconds from spawning `python ARGS` to its exit (output discarded); tree: import our packages from there."""
    env = dict(os.environ)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                   env=env, cwd=tree)
    return time.perf_counter() - start


def measure(cases: dict[str, tuple[list[str], Path | None]], runs: int) -> dict[str, list[float]]:
    """Interleaved runs of every case (one warm-up each first), so drift on a shared machine hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for args, tree in cases.values():
        wall_time(args, tree)
    for _ in range(runs):
        for name, (args, tree) in cases.items():
            times[name].append(wall_time(args, tree))
    return times


def main() -> None:
    """Print the median wall time of each case and its ratio to `python -c pass` measured in the same run."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20, help="runs per case (default: 20)")
    parser.add_argument("--before", type=Path, metavar="TREE", help="also time `hiremate --help` from this tree")
    options = parser.parse_args()
    cases: dict[str, tuple[list[str], Path | None]] = {name: (args, None) for name, args in CASES.items()}
    if options.before is not None:
        cases[f"hiremate --help from {options.before}"] = (CASES["hiremate --help"], options.before.resolve())
    times = measure(cases, options.runs)
    baseline = statistics.median(times[BASELINE])
    print(f"{options.runs} interleaved runs per case, median wall time ({sys.executable})")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:<40} {median * 1000:7.1f} ms  {median / baseline:5.2f}x {BASELINE}"
              f"  (min {min(values) * 1000:.1f} ms)")


if __name__ == "__main__":
    main()

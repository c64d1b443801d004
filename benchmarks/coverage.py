"""Band coverage before (1.1.0, split-half) and after (1.2.0, item-level intervals), per trait: prints a table.

Simulated players across each game's parameter range at the default battery's trial counts
(tests/scoring/coverage.py); a band covers when it contains the player's true position. Nominal is 95 %.
Run: .venv/bin/python benchmarks/coverage.py [--players 200] [--per-player 4]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scoring.tables import TABLES
from tests.scoring.coverage import COVERAGE_MODELS, coverage


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--players", type=int, default=200)
    parser.add_argument("--per-player", type=int, default=4)
    parser.add_argument("--before", default="1.1.0")
    parser.add_argument("--after", default="1.2.0")
    args = parser.parse_args()
    print(f"{'trait':<22}{'game':<10}{'n':>6}  {args.before + ' cover':>12}{'width':>7}  "
          f"{args.after + ' cover':>12}{'width':>7}")
    for family in sorted(COVERAGE_MODELS):
        start = time.perf_counter()
        before = coverage(args.before, family, args.players, args.per_player)
        after = coverage(args.after, family, args.players, args.per_player)
        for key, spec in TABLES[args.after]["traits"].items():
            if spec["source"] != family:
                continue
            print(f"{key:<22}{family:<10}{after.given.get(key, 0):>6}  {before.rate(key):>12.1%}"
                  f"{before.mean_width(key):>7.1f}  {after.rate(key):>12.1%}{after.mean_width(key):>7.1f}")
        print(f"  ({family}: {time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    main()

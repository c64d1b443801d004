"""What one guess at the proctor PIN costs an attacker holding the station database, old parameters vs new.

Measures scrypt at the old cost (N = 2**14, r = 8, 4-digit PINs) and today's (kiosk.services.pin: N = 2**16,
r = 8, 6 to 12 digits) on this machine, one guess at a time on one core, and prints seconds per guess, the
ratio to the old cost (the baseline measured in the same run), and what an exhaustive search of the shortest
PIN then takes on one core. Also the access-code hash (eventlog.codehash). Prints figures only (no thresholds).
Run: .venv/bin/python benchmarks/bench_pin.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eventlog import codehash
from kiosk.services import pin

OLD_N, OLD_DIGITS = 2**14, 4


def per_guess(n: int, r: int, repeat: int) -> float:
    """Median seconds of one scrypt(PIN) with these parameters (maxmem large enough for any N here)."""
    times = []
    for attempt in range(repeat):
        start = time.perf_counter()
        hashlib.scrypt(f"{attempt:06d}".encode(), salt=b"s" * 16, n=n, r=r, p=1, dklen=32, maxmem=2**30)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _duration(seconds: float) -> str:
    for unit, size in (("years", 365.25 * 86400), ("days", 86400), ("hours", 3600), ("minutes", 60)):
        if seconds >= size:
            return f"{seconds / size:.1f} {unit}"
    return f"{seconds:.0f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="guesses timed per setting (median is printed)")
    args = parser.parse_args()
    old = per_guess(OLD_N, 8, args.repeat)
    new = per_guess(pin.SCRYPT_N, pin.SCRYPT_R, args.repeat)
    code = per_guess(codehash.SCRYPT_N, codehash.SCRYPT_R, args.repeat)
    print(f"old PIN hash (N=2**14, r=8):  {old:.3f} s per guess; all {10**OLD_DIGITS:,} 4-digit PINs: "
          f"{_duration(old * 10**OLD_DIGITS)} on one core")
    search = new * 10**pin.MIN_DIGITS
    print(f"new PIN hash (N=2**{pin.SCRYPT_N.bit_length() - 1}, r={pin.SCRYPT_R}): {new:.3f} s per guess "
          f"({new / old:.1f}x the old); all {10**pin.MIN_DIGITS:,} {pin.MIN_DIGITS}-digit PINs: "
          f"{_duration(search)} on one core ({search / (old * 10**OLD_DIGITS):.0f}x the old search)")
    print(f"access-code hash (N=2**{codehash.SCRYPT_N.bit_length() - 1}, r={codehash.SCRYPT_R}): {code:.3f} s per "
          f"guess; a code's 45 unseen bits (hint shown): {_duration(code * 2**45)} on one core")


if __name__ == "__main__":
    main()

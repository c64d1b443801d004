"""The proctor PIN: scrypt hashing with a random salt, and the lockout rule after wrong tries (no Qt, no DB).

A PIN has 6 to 12 digits. One scrypt guess costs about half a second on the 2-core reference machine
(N = 2**16, r = 8: 64 MiB; benchmarks/bench_pin.py prints the figure), so the 10**6 six-digit PINs take about
six days of one core to search from a stolen database, and every prompt is locked after 5 wrong tries. The
parameters are stored with each hash ('scrypt$N$r$p$salt$hash'): hashes made with the old, cheaper ones
(N = 2**14) still verify, and are replaced by a new-cost hash at the next right PIN (needs_rehash).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

__all__ = [
    "LOCK_AFTER",
    "MIN_DIGITS",
    "Lockout",
    "PinError",
    "hash_pin",
    "lock_seconds",
    "needs_rehash",
    "validate_new_pin",
    "verify_pin",
]

SCRYPT_N = 2**16
SCRYPT_R = 8
SCRYPT_P = 1
MIN_DIGITS = 6
MAX_DIGITS = 12
LOCK_AFTER = 5
BASE_LOCK_S = 30
MAX_LOCK_S = 3600


class PinError(ValueError):
    """A new PIN that cannot be used (too short, not digits, or the two entries differ)."""


def validate_new_pin(pin: str, again: str) -> None:
    """Refuse PINs that are not 6 to 12 digits or whose confirmation differs."""
    if not pin.isdigit() or not MIN_DIGITS <= len(pin) <= MAX_DIGITS:
        raise PinError(f"the PIN must be {MIN_DIGITS} to {MAX_DIGITS} digits")
    if pin != again:
        raise PinError("the two PINs differ")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(pin.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=129 * n * r * p + 2**20)


def hash_pin(pin: str, salt: bytes | None = None, n: int = SCRYPT_N) -> str:
    """'scrypt$n$r$p$salt_hex$hash_hex' for a PIN; a fresh 16-byte salt unless one is given."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = _scrypt(pin, salt, n, SCRYPT_R, SCRYPT_P)
    return f"scrypt${n}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def _parts(stored: str) -> tuple[int, int, int, bytes, str]:
    scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
    if scheme != "scrypt":
        raise ValueError(f"unknown PIN hash scheme {scheme!r}")
    return int(n), int(r), int(p), bytes.fromhex(salt_hex), hash_hex


def verify_pin(pin: str, stored: str) -> bool:
    """Whether a PIN matches a stored hash, with the parameters stored in it (constant-time comparison)."""
    n, r, p, salt, hash_hex = _parts(stored)
    return hmac.compare_digest(_scrypt(pin, salt, n, r, p).hex(), hash_hex)


def needs_rehash(stored: str) -> bool:
    """Whether a stored hash was made with cheaper parameters than today's (it is replaced at the next right PIN)."""
    n, r, p, _, _ = _parts(stored)
    return n * r * p < SCRYPT_N * SCRYPT_R * SCRYPT_P


def lock_seconds(level: int) -> int:
    """How long the prompt stays locked at the given lockout level (1, 2, ...): doubling, capped at an hour."""
    return min(MAX_LOCK_S, BASE_LOCK_S << max(0, level - 1))  # doubling per level (a shift: int, never a float)


@dataclass(frozen=True)
class Lockout:
    """Persisted state of the PIN prompt: wrong tries since the last lock, lock level, and lock end (wall ns)."""

    failures: int = 0
    level: int = 0
    locked_until_ns: int = 0

    def remaining_s(self, now_ns: int) -> int:
        """Whole seconds until the prompt opens again (0 when open)."""
        return max(0, -(-(self.locked_until_ns - now_ns) // 1_000_000_000))

    def after_failure(self, now_ns: int) -> Lockout:
        """The state after one more wrong PIN; the 5th wrong try locks for a growing delay."""
        failures = self.failures + 1
        if failures < LOCK_AFTER:
            return Lockout(failures, self.level, self.locked_until_ns)
        level = self.level + 1
        return Lockout(0, level, now_ns + lock_seconds(level) * 1_000_000_000)

    def after_success(self) -> Lockout:
        """A right PIN clears the count and the level."""
        return Lockout()

"""The proctor PIN: scrypt hashing with a random salt, and the lockout rule after wrong tries (no Qt, no DB)."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

__all__ = ["LOCK_AFTER", "Lockout", "PinError", "hash_pin", "lock_seconds", "validate_new_pin", "verify_pin"]

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
LOCK_AFTER = 5
BASE_LOCK_S = 30
MAX_LOCK_S = 3600


class PinError(ValueError):
    """A new PIN that cannot be used (too short, not digits, or the two entries differ)."""


def validate_new_pin(pin: str, again: str) -> None:
    """Refuse PINs that are not 4 to 12 digits or whose confirmation differs."""
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise PinError("the PIN must be 4 to 12 digits")
    if pin != again:
        raise PinError("the two PINs differ")


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """'scrypt$n$r$p$salt_hex$hash_hex' for a PIN; a fresh 16-byte salt unless one is given."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether a PIN matches a stored hash (constant-time comparison)."""
    scheme, n, r, p, salt_hex, hash_hex = stored.split("$")
    if scheme != "scrypt":
        raise ValueError(f"unknown PIN hash scheme {scheme!r}")
    digest = hashlib.scrypt(pin.encode(), salt=bytes.fromhex(salt_hex), n=int(n), r=int(r), p=int(p), dklen=32)
    return hmac.compare_digest(digest.hex(), hash_hex)


def lock_seconds(level: int) -> int:
    """How long the prompt stays locked at the given lockout level (1, 2, ...): doubling, capped at an hour."""
    return min(MAX_LOCK_S, BASE_LOCK_S * 2 ** max(0, level - 1))  # type: ignore[no-any-return]  # int ** int


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

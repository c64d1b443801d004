"""The recruiter PIN on the station database: its own scrypt hash and lockout, apart from the proctor's (no Qt).

Same rules as the proctor PIN (kiosk.services.pin: 6 to 12 digits, scrypt, locked after 5 wrong tries); chosen
on first use of the recruiter view, stored under the station settings `recruiter_pin_hash` and
`recruiter_pin_lockout`. Every function runs on the station's DB worker.
"""

from __future__ import annotations

from kiosk.services.pin import hash_pin, validate_new_pin
from kiosk.services.stationdb import PinCheck, StationDb

__all__ = ["HASH_KEY", "LOCKOUT_KEY", "check_recruiter_pin", "recruiter_pin_is_set", "set_recruiter_pin"]

HASH_KEY = "recruiter_pin_hash"
LOCKOUT_KEY = "recruiter_pin_lockout"


def recruiter_pin_is_set(db: StationDb) -> bool:
    """Whether a recruiter PIN has been chosen on this station."""
    return db.setting(HASH_KEY) is not None


def set_recruiter_pin(db: StationDb, pin: str, again: str) -> None:
    """Choose the recruiter PIN (first use only); stores only its scrypt hash."""
    validate_new_pin(pin, again)
    if recruiter_pin_is_set(db):
        raise PermissionError("the recruiter PIN is already set")
    hashed = hash_pin(pin)  # slow on purpose: outside the transaction, so the log writer never waits on it
    with db.atomic():
        if recruiter_pin_is_set(db):
            raise PermissionError("the recruiter PIN is already set")
        db.set_setting(HASH_KEY, hashed)


def check_recruiter_pin(db: StationDb, pin: str, now_ns: int) -> PinCheck:
    """Try the recruiter PIN: refused unseen while locked; the 5th wrong try locks the prompt for a growing delay."""
    return db.check_pin(pin, now_ns, hash_key=HASH_KEY, lockout_key=LOCKOUT_KEY)

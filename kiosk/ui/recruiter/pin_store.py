"""The recruiter PIN on the station database: its own scrypt hash and lockout, apart from the proctor's (no Qt).

Same rules as the proctor PIN (kiosk.services.pin: 6 to 12 digits, scrypt, locked after 5 wrong tries); chosen
on first use of the recruiter view, stored under the station settings `recruiter_pin_hash` and
`recruiter_pin_lockout`. Every function runs on the station's DB worker.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from kiosk.services.pin import LOCK_AFTER, Lockout, hash_pin, needs_rehash, validate_new_pin, verify_pin
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


def _lockout(db: StationDb) -> Lockout:
    raw = db.setting(LOCKOUT_KEY)
    return Lockout(**json.loads(raw)) if raw else Lockout()


def check_recruiter_pin(db: StationDb, pin: str, now_ns: int) -> PinCheck:
    """Try the recruiter PIN: refused unseen while locked; the 5th wrong try locks the prompt for a growing delay."""
    state = _lockout(db)
    if state.remaining_s(now_ns):
        return PinCheck(False, 0, state.remaining_s(now_ns))
    stored = db.setting(HASH_KEY)
    if stored is not None and verify_pin(pin, stored):
        if state != Lockout():
            db.set_setting(LOCKOUT_KEY, json.dumps(asdict(state.after_success())))
        if needs_rehash(stored):  # a hash of older, cheaper parameters: today's cost now
            db.set_setting(HASH_KEY, hash_pin(pin))
        return PinCheck(True, 0, 0)
    state = state.after_failure(now_ns)
    db.set_setting(LOCKOUT_KEY, json.dumps(asdict(state)))
    return PinCheck(False, LOCK_AFTER - state.failures if not state.remaining_s(now_ns) else 0,
                    state.remaining_s(now_ns))

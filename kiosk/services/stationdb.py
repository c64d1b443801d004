"""Station operational data (no Qt): proctor settings and PIN, one-time codes, people, session progress.

All of it lives in tables beside the event log (migration 4); nothing here touches the events table.
Methods run on the DB worker thread (kiosk.ui.ops) or in CLI commands, never on the GUI thread.
A method that writes more than one statement does it in one transaction (`self.atomic()`); callers
group several calls into one unit the same way (nested blocks become savepoints).
"""

from __future__ import annotations

import json
import re
import secrets
import sqlite3
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from eventlog import Store
from eventlog.codehash import code_salt, hash_code, hint_of, scheme_of
from eventlog.writer import is_storage_error
from i18n import N_, _s
from kiosk.services.codes import display_code, generate_code
from kiosk.services.pin import Lockout, hash_pin, needs_rehash, validate_new_pin, verify_pin

__all__ = [
    "CodeRefused",
    "IssuedCode",
    "PinCheck",
    "Progress",
    "SessionInfo",
    "StationDb",
    "parse_expires",
    "validate_endpoint",
]

SYNC_ENDPOINT_KEY = "sync_endpoint"
SYNC_CA_KEY = "sync_ca_pem"

REFUSALS = {  # catalogue messages: the candidate's screen shows them in the candidate's language
    "unknown": N_("This code is not known at this station. Please check it with the proctor."),
    "used": N_("This code has already been used. Each code works once; please ask the proctor."),
    "expired": N_("This code has expired. Please ask the proctor for a new one."),
    "voided": N_("This code was withdrawn by the proctor. Please ask the proctor for a new one."),
}


class CodeRefused(Exception):
    """A well-formed code that opens no session: reason is 'unknown', 'used', 'expired' or 'voided'."""

    def __init__(self, reason: str) -> None:
        super().__init__(REFUSALS[reason])
        self.reason = reason


@dataclass(frozen=True)
class IssuedCode:
    """One access code. `code` is the code in clear only in memory, where it was just issued or typed; a row read
    back from the database has `code` None (only a hash is stored), its `hint` ('····-····-·XY') to match it to a
    printed slip, and `ref`, the stored hash that identifies the row."""

    code: str | None
    participant: str
    battery: str
    created_utc: str
    expires_utc: str
    used_utc: str | None = None
    session_id: str | None = None
    hint: str | None = None
    ref: str | None = None

    @property
    def shown(self) -> str:
        """The code as printed (XXXX-XXXX-XXX) when it is known here, else its hint."""
        return display_code(self.code) if self.code else (self.hint or "(no hint)")

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return asdict(self)


@dataclass(frozen=True)
class PinCheck:
    """Outcome of a PIN attempt: ok, or how many tries remain, or how long the prompt is locked."""

    ok: bool
    tries_left: int
    locked_s: int


@dataclass(frozen=True)
class Progress:
    """Where a session is in its battery (for crash resume)."""

    session_id: str
    battery: str
    code: str | None
    game_index: int
    game: str | None
    trial: int | None
    owner_pid: int | None


@dataclass(frozen=True)
class SessionInfo:
    """A session as the proctor sees it: status is in progress, interrupted, completed, abandoned or declined."""

    session_id: str
    purpose: str
    participant: str
    battery: str | None
    status: str
    started_utc: str
    events: int
    game_index: int | None
    game: str | None
    trial: int | None
    scored: bool | None = None  # completed sessions: a result of the current scoring version is stored
    queued: bool | None = None  # completed sessions: a bundle is in the sync outbox

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return asdict(self)


CODE_COLUMNS = "code, participant, battery, created_utc, expires_utc, used_utc, session_id, hint"


def _stored_code(row: tuple[Any, ...]) -> IssuedCode:
    ref, participant, battery, created, expires, used, session_id, hint = row
    return IssuedCode(None, participant, battery, created, expires, used, session_id, hint, ref)


def _now() -> datetime:
    return datetime.now(UTC)


def parse_expires(text: str, now: datetime | None = None) -> datetime:
    """'90m', '48h', '7d' from now, or an ISO date/datetime (UTC unless it says otherwise)."""
    now = now or _now()
    match = re.fullmatch(r"\s*(\d+)\s*([mhd])\s*", text)
    if match:
        unit = {"m": "minutes", "h": "hours", "d": "days"}[match.group(2)]
        return now + timedelta(**{unit: int(match.group(1))})
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(_s("--expires {value}: use e.g. 90m, 48h, 7d or an ISO date like 2030-01-31").format(
            value=repr(text))) from None
    when = when if when.tzinfo else when.replace(tzinfo=UTC)
    if when <= now:
        raise ValueError(_s("--expires {value} is in the past").format(value=repr(text)))
    return when


def validate_endpoint(text: str) -> str | None:
    """A receiver base URL as typed: http(s)://host[:port][/path], or None when empty (sync off)."""
    url = text.strip()
    if not url:
        return None
    where = _s("sync endpoint {url}").format(url=repr(url))
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not url.lower().startswith(f"{parts.scheme.lower()}://"):
        raise ValueError(_s("{where}: must start with http:// or https://").format(where=where))
    try:
        host, _ = parts.hostname, parts.port
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    if not host:
        raise ValueError(_s("{where}: needs a host name, e.g. http://192.168.1.20:8765").format(where=where))
    if any(ch.isspace() for ch in url) or parts.query or parts.fragment:
        raise ValueError(_s("{where}: no spaces, query or fragment; give the receiver's base URL").format(
            where=where))
    return url.rstrip("/")


class StationDb:
    """Operational tables of one station database, over a Store's connection."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.conn: sqlite3.Connection = store.conn

    def atomic(self) -> AbstractContextManager[sqlite3.Connection]:
        """One transaction for a block of writes (eventlog.transaction.atomic); nests as a savepoint."""
        return self.store.atomic()

    # -- settings -----------------------------------------------------------------------------

    def setting(self, key: str, default: str | None = None) -> str | None:
        """One station setting, or the default."""
        row = self.conn.execute("SELECT value FROM station_settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store one station setting."""
        self.conn.execute(
            "INSERT INTO station_settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def set_settings(self, values: Mapping[str, str]) -> None:
        """Store several settings together: all of them or, on any error, none."""
        with self.atomic():
            for key, value in values.items():
                self.set_setting(key, value)

    def sync_endpoint(self) -> str | None:
        """The saved receiver URL the station uploads to, or None (sync off)."""
        return self.setting(SYNC_ENDPOINT_KEY) or None

    def set_sync_endpoint(self, text: str) -> str | None:
        """Validate and save the receiver URL (empty turns sync off); return what was saved."""
        url = validate_endpoint(text)
        self.set_setting(SYNC_ENDPOINT_KEY, url or "")
        return url

    def sync_ca_pem(self) -> str | None:
        """The saved receiver CA / self-signed certificate(s) the station trusts (PEM), or None (system store)."""
        return self.setting(SYNC_CA_KEY) or None

    def set_sync_ca_pem(self, pem: str | None) -> None:
        """Save the PEM text to trust for the receiver (checked by the caller); None or '' goes back to the system
        trust store."""
        self.set_setting(SYNC_CA_KEY, pem or "")

    def recipient(self) -> str | None:
        """The receiver's saved age recipient (bundles are encrypted for it), or None (plain bundles)."""
        from sync.recipient import load_recipient

        return load_recipient(self.store)

    def set_recipient(self, text: str | None) -> str | None:
        """Check and save the receiver's age recipient ('' or None clears it), re-encrypting the outbox for it
        (seconds for a full outbox: call it on the DB worker); return what was saved."""
        from sync.recipient import save_recipient

        return save_recipient(self.store, text)  # statement by statement: the log writer never waits seconds

    def station_info(self) -> dict[str, Any]:
        """The station's row (created on first use)."""
        row, _ = self.store.ensure_station()
        return dict(row)

    # -- proctor PIN --------------------------------------------------------------------------

    def pin_is_set(self) -> bool:
        """Whether a proctor PIN has been chosen yet."""
        return self.setting("pin_hash") is not None

    def set_pin(self, pin: str, again: str) -> None:
        """Choose the PIN (first run only; afterwards set_pin refuses). Stores only its scrypt hash."""
        validate_new_pin(pin, again)
        if self.pin_is_set():
            raise PermissionError("the proctor PIN is already set")
        hashed = hash_pin(pin)  # slow on purpose: outside the transaction, so the log writer never waits on it
        with self.atomic():  # look again under the write lock: a PIN chosen meanwhile elsewhere is kept
            if self.pin_is_set():
                raise PermissionError("the proctor PIN is already set")
            self.set_setting("pin_hash", hashed)

    def lockout(self, lockout_key: str = "pin_lockout") -> Lockout:
        """The persisted lockout state of a PIN prompt (the proctor's unless another key is named)."""
        raw = self.setting(lockout_key)
        return Lockout(**json.loads(raw)) if raw else Lockout()

    def check_pin(
        self, pin: str, now_ns: int, hash_key: str = "pin_hash", lockout_key: str = "pin_lockout"
    ) -> PinCheck:
        """Try a PIN (the proctor's, or the one stored under hash_key with its own lockout): refused unseen while
        locked; the 5th wrong try locks the prompt for a growing delay."""
        state = self.lockout(lockout_key)
        if state.remaining_s(now_ns) > 0:
            return PinCheck(False, 0, state.remaining_s(now_ns))
        stored = self.setting(hash_key)
        if stored is not None and verify_pin(pin, stored):
            try:  # a full disk must not keep the proctor out: the right PIN opens the panel even if unsaved
                if state != Lockout():
                    self.set_setting(lockout_key, json.dumps(asdict(state.after_success())))
                if needs_rehash(stored):  # a hash from the cheaper parameters of older versions: today's cost now
                    self.set_setting(hash_key, hash_pin(pin))
            except sqlite3.OperationalError as exc:
                if not is_storage_error(exc):
                    raise
            return PinCheck(True, 0, 0)
        state = state.after_failure(now_ns)
        self.set_setting(lockout_key, json.dumps(asdict(state)))
        from kiosk.services.pin import LOCK_AFTER

        return PinCheck(False, LOCK_AFTER - state.failures if not state.remaining_s(now_ns) else 0,
                        state.remaining_s(now_ns))

    # -- codes --------------------------------------------------------------------------------

    def issue_codes(
        self, count: int, battery: str, expires: datetime, prefix: str = "P",
        person: tuple[str | None, str | None] | None = None,
    ) -> list[IssuedCode]:
        """Make `count` fresh codes, each bound to a new pseudonym, the battery and the expiry."""
        if count < 1:
            raise ValueError(_s("count must be at least 1"))
        created = _now().isoformat()
        salt = self._code_salt()
        fresh = [self._fresh_code(salt, prefix, battery, created, expires) for _ in range(count)]
        issued: list[IssuedCode] = []
        with self.atomic():  # every code and the person's row, or nothing (hashed before: the lock is held briefly)
            for row in fresh:
                while not self._insert_code(row):  # a code collision (about 1 in 2**50): draw again
                    row = self._fresh_code(salt, prefix, battery, created, expires)
                issued.append(row)
            if person is not None and any(person) and count == 1:
                self.conn.execute(
                    "INSERT INTO people (participant, name, email, created_utc) VALUES (?, ?, ?, ?)",
                    (issued[0].participant, person[0] or None, person[1] or None, created))
        return issued

    def _code_salt(self) -> bytes:
        with self.atomic():  # made once, on the first code issued
            return code_salt(self.conn)

    @staticmethod
    def _fresh_code(salt: bytes, prefix: str, battery: str, created: str, expires: datetime) -> IssuedCode:
        code = generate_code()
        return IssuedCode(code, f"{prefix}-{secrets.token_hex(4)}", battery, created,
                          expires.astimezone(UTC).isoformat(), hint=hint_of(code), ref=hash_code(code, salt))

    def _insert_code(self, row: IssuedCode) -> bool:
        try:
            self.conn.execute(
                "INSERT INTO access_codes (code, hint, participant, battery, created_utc, expires_utc)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (row.ref, row.hint, row.participant, row.battery, row.created_utc, row.expires_utc))
        except sqlite3.IntegrityError as exc:
            if "UNIQUE" not in str(exc):
                raise
            return False
        return True

    def codes(self) -> list[IssuedCode]:
        """Every code, newest first: hint and ref, never the code (only its hash is stored)."""
        cursor = self.conn.execute(
            f"SELECT {CODE_COLUMNS} FROM access_codes ORDER BY created_utc DESC, participant")
        return [_stored_code(row) for row in cursor]

    def find_code(self, code: str) -> IssuedCode | None:
        """The stored row of a typed (canonical) code, found by its hash, or None; the row carries the code."""
        schemes = {scheme_of(row[0] + "x") for row in self.conn.execute(  # 'scrypt$N$r$p$' + 64 hex digits
            "SELECT DISTINCT substr(code, 1, length(code) - 64) FROM access_codes WHERE code LIKE 'scrypt$%'")}
        salt = self._code_salt() if schemes else b""
        for scheme in sorted(schemes):
            row = self.conn.execute(f"SELECT {CODE_COLUMNS} FROM access_codes WHERE code = ?",
                                    (hash_code(code, salt, scheme),)).fetchone()
            if row is not None:
                return replace(_stored_code(row), code=code)
        return None

    def redeem(self, code: str, session_id: str, now: datetime | None = None) -> IssuedCode:
        """Spend a typed code on a new session id, atomically; raise CodeRefused when it opens nothing."""
        found = self.find_code(code)  # one scrypt: before the transaction, so the log writer never waits on it
        if found is None:
            raise CodeRefused("unknown")
        return self.redeem_found(found, session_id, now)

    def redeem_found(self, found: IssuedCode, session_id: str, now: datetime | None = None) -> IssuedCode:
        """Spend a code found with find_code, atomically; raise CodeRefused when it opens nothing."""
        now = now or _now()
        with self.atomic():
            row = self.conn.execute(f"SELECT {CODE_COLUMNS} FROM access_codes WHERE code = ?",
                                    (found.ref,)).fetchone()
            if row is None:
                raise CodeRefused("unknown")
            stored = _stored_code(row)
            if stored.used_utc is not None:
                raise CodeRefused("used" if stored.session_id is not None else "voided")
            if datetime.fromisoformat(stored.expires_utc) <= now:
                raise CodeRefused("expired")
            updated = self.conn.execute(
                "UPDATE access_codes SET used_utc = ?, session_id = ? WHERE code = ? AND used_utc IS NULL",
                (now.isoformat(), session_id, found.ref)).rowcount
            if updated != 1:
                raise CodeRefused("used")
        return replace(stored, code=found.code, used_utc=now.isoformat(), session_id=session_id)

    def void_code(self, participant: str, now: datetime | None = None) -> IssuedCode:
        """Void the unused code bound to this pseudonym: it opens nothing from now on.

        A voided code is marked in the codes table as spent at `now` with no session (a redeemed code always
        has its session), so `codes list` and redeem tell it from a used one.
        """
        now = now or _now()
        with self.atomic():
            row = self.conn.execute(f"SELECT {CODE_COLUMNS} FROM access_codes WHERE participant = ?",
                                    (participant,)).fetchone()
            if row is None:
                raise LookupError(_s("no code is bound to {participant}").format(participant=repr(participant)))
            found = _stored_code(row)
            if found.used_utc is not None:
                refusal = (_s("the code of {participant} is used; only an unused code can be voided")
                           if found.session_id is not None else
                           _s("the code of {participant} is already void; only an unused code can be voided"))
                raise ValueError(refusal.format(participant=participant))
            self.conn.execute("UPDATE access_codes SET used_utc = ? WHERE participant = ? AND used_utc IS NULL",
                              (now.isoformat(), participant))
        return replace(found, used_utc=now.isoformat(), session_id=None)

    # -- progress (crash resume) ----------------------------------------------------------------

    def start_progress(self, session_id: str, battery: str, code: str | None, pid: int) -> None:
        """Begin tracking a session's place in its battery (with the code's hint, never the code)."""
        self.conn.execute(
            "INSERT INTO session_progress (session_id, battery, code, game_index, owner_pid, updated_utc)"
            " VALUES (?, ?, ?, 0, ?, ?)",
            (session_id, battery, hint_of(code) if code else None, pid, _now().isoformat()))

    def set_progress(self, session_id: str, game_index: int, game: str | None, trial: int | None) -> None:
        """Remember the game (and trial) a session has reached."""
        self.conn.execute(
            "UPDATE session_progress SET game_index = ?, game = ?, trial = ?, updated_utc = ?"
            " WHERE session_id = ?", (game_index, game, trial, _now().isoformat(), session_id))

    def claim(self, session_id: str, pid: int) -> None:
        """Mark the process that now owns a (resumed) session."""
        self.conn.execute("UPDATE session_progress SET owner_pid = ? WHERE session_id = ?", (pid, session_id))

    def progress(self, session_id: str) -> Progress | None:
        """A session's recorded place, or None."""
        row = self.conn.execute(
            "SELECT session_id, battery, code, game_index, game, trial, owner_pid FROM session_progress"
            " WHERE session_id = ?", (session_id,)).fetchone()
        return Progress(*row) if row else None

    # -- overview -----------------------------------------------------------------------------

    def overview(self, open_here: Callable[[str, int | None], bool]) -> list[SessionInfo]:
        """Every session, newest first; an open session not open in a live station counts as interrupted."""
        infos: list[SessionInfo] = []
        for row in reversed(self.store.sessions()):
            prog = self.progress(row.id)
            status = row.status
            if status in ("open", "interrupted"):
                status = "in progress" if open_here(row.id, prog.owner_pid if prog else None) else "interrupted"
            infos.append(SessionInfo(
                row.id, row.purpose, row.participant, row.battery, status, row.anchor_wall_utc,
                row.event_count if row.event_count is not None else self.store.event_count(row.id),
                prog.game_index if prog else None, prog.game if prog else None, prog.trial if prog else None))
        return infos

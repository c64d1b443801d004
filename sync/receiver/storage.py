"""What the receiver needs from a database (the BundleStorage interface) and the values it stores.

Sessions are keyed by (station key, session id): a station can only ever fill or conflict with its own sessions.
Reading by session id alone is ambiguous when two stations sent the same id; get() then raises AmbiguousSession
and the caller names the station (its id or its key in hex). Two backends implement the interface over the same
SQL (sync/receiver/sqlbase.py): SQLite, the embedded default (sqlite_store.py), and PostgreSQL for several
receiver processes (postgres_store.py); `sync.receiver.backends.open_storage` picks one from `--db`.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from eventlog import EventRecord

if TYPE_CHECKING:
    from eventlog.checkpoints import Signer
    from sync.erasure_protocol import ErasureReceipt
    from sync.receiver.access_values import Accessor, AccessRow
    from sync.receiver.erasure import ErasureOrder
    from sync.receiver.retention import HeldSession, Labels, PurgeOutcome

__all__ = ["AmbiguousSession", "BundleStorage", "ErasedSession", "LiveRow", "SessionView", "StoredBundle"]


@dataclass(frozen=True)
class StoredBundle:
    """What the receiver keeps of one accepted bundle (besides its events)."""

    session_id: str
    bundle_sha256: str
    station_id: str
    public_key: str
    manifest: str
    results: bytes
    scoring_version: str
    rescore: str
    received_utc: str
    bundle: bytes


@dataclass(frozen=True)
class LiveRow:
    """A station's latest accepted heartbeat: its counter, when the receiver took it, and its JSON body."""

    public_key: str
    station_id: str
    seq: int
    received_utc: str
    body: str


class AmbiguousSession(Exception):
    """Several stations sent a session with this id; the reader must say which station."""

    def __init__(self, session_id: str, candidates: list[StoredBundle]) -> None:
        stations = ", ".join(f"{item.station_id} (key {item.public_key[:16]}…)" for item in candidates)
        super().__init__(f"session {session_id} was sent by {len(candidates)} stations: {stations}; add "
                         "?station=<station id or public key hex>")
        self.session_id = session_id
        self.candidates = candidates


class ErasedSession(Exception):
    """An upload of a session this receiver erased (sync/receiver/erasure.py): refused, never stored again."""

    def __init__(self, session_id: str, station_id: str, request_id: str) -> None:
        super().__init__(f"session {session_id} of station {station_id} was erased here (erasure request "
                         f"{request_id}); a bundle of it is refused")
        self.request_id = request_id


class SessionView(Protocol):
    """Reads inside one logged transaction (sync/receiver/access_log.py LoggedRead)."""

    def get(self, session_id: str, station: str | None = None) -> StoredBundle | None:
        """One stored bundle (AmbiguousSession if several stations sent the id and none is named)."""
        ...

    def events(self, session_id: str, station: str | None = None) -> list[EventRecord]:
        """The parsed events of one stored session."""
        ...

    def sessions(self) -> list[StoredBundle]:
        """Every stored bundle, oldest first."""
        ...


class BundleStorage(Protocol):
    """What the receiver needs from a database."""

    migrated_from: int

    @property
    def home(self) -> Path | None:
        """The folder of the receiver's own files (its age identity), if it has one."""
        ...

    @property
    def location(self) -> str:
        """Where the database is, for messages (a file path, or a URL without its password)."""
        ...

    def close(self) -> None:
        """Release the connection(s)."""
        ...

    def enroll(self, public_key: bytes, label: str, station_id: str | None = None) -> bool:
        """Trust a station key (bound to station_id if given); False if it was already enrolled."""
        ...

    def stations(self) -> list[dict[str, Any]]:
        """Every enrolled key: public_key, label, enrolled_utc, station_id (None until bound)."""
        ...

    def enrolled(self, public_key: bytes) -> dict[str, Any] | None:
        """The enrolment row of a station key, or None if it is not trusted."""
        ...

    def is_enrolled(self, public_key: bytes) -> bool:
        """Whether a station key is trusted."""
        ...

    def keys_of_station(self, station_id: str) -> list[str]:
        """The enrolled keys (hex) bound to a station id."""
        ...

    def stored_sha256(self, public_key: str, session_id: str) -> str | None:
        """The hash of the bundle a station key stored under a session id, if any."""
        ...

    def add(self, item: StoredBundle, records: Sequence[EventRecord]) -> tuple[str, StoredBundle]:
        """Store atomically unless the station key already stored this session id: ("created", item) or ("exists",
        the stored one); binds the key to item.station_id if it was not bound yet."""
        ...

    def sessions(self) -> list[StoredBundle]:
        """Every stored bundle, oldest first."""
        ...

    def get(self, session_id: str, station: str | None = None) -> StoredBundle | None:
        """One stored bundle by session id (and station id or key hex); AmbiguousSession if several match."""
        ...

    def bundle_keys(self) -> list[tuple[str, str]]:
        """Every stored bundle's (station key hex, session id), oldest first (without loading the bundles)."""
        ...

    def events(self, session_id: str, station: str | None = None) -> list[EventRecord]:
        """The parsed events of one stored session (selected as get() does)."""
        ...

    def add_token(self, sha256: str, label: str) -> dict[str, Any]:
        """Store a new read token's SHA-256 (never the token) with a label; return its row."""
        ...

    def tokens(self) -> list[dict[str, Any]]:
        """Every read token's row (id, sha256, label, created_utc, revoked_utc), oldest first."""
        ...

    def revoke_token(self, token_id: int) -> dict[str, Any] | None:
        """Mark a token revoked (idempotent); its row, or None if there is no such id."""
        ...

    def put_live(self, row: LiveRow) -> tuple[bool, int]:
        """Keep a station's heartbeat unless one with a counter as high is stored: (whether it was kept, the stored
        counter). Atomic: two processes storing at once never move a station back in time."""
        ...

    def live(self, public_key: str | None = None) -> list[LiveRow]:
        """Every station's latest heartbeat (or one station's), by station key."""
        ...

    def live_versions(self) -> dict[str, int]:
        """Each station key's latest heartbeat counter (cheap: what the dashboard polls)."""
        ...

    def add_login(self, sha256: str, token_id: int, created_utc: str, expires_utc: str) -> None:
        """Store a dashboard login (the SHA-256 of its cookie, never the cookie) made with a read token."""
        ...

    def login(self, sha256: str) -> dict[str, Any] | None:
        """A dashboard login by its cookie's SHA-256, with its token's revoked_utc: sha256, token_id, created_utc,
        expires_utc, revoked_utc; None if there is none."""
        ...

    def drop_login(self, sha256: str) -> None:
        """Forget a dashboard login (log out); also forgets every expired one."""
        ...

    def erase(self, orders: Sequence[ErasureOrder], signer: Signer) -> list[tuple[bool, ErasureReceipt]]:
        """Carry out erasure orders in one transaction (sync/receiver/erasure.py): for each, whether it was new
        and its signed receipt (the stored one when the request id was seen before)."""
        ...

    def erasures(self) -> list[dict[str, Any]]:
        """Every row of the append-only erasures table, oldest first."""
        ...

    def erased(self, station_id: str, session_id: str) -> str | None:
        """The request id that erased this station's session here, or None."""
        ...

    # -- the access log (sync/receiver/access_log.py) and retention (sync/receiver/retention.py) ----------------

    def read_logged(self, who: Accessor, route: str,
                    detail: dict[str, Any] | None = None) -> AbstractContextManager[SessionView]:
        """A transaction for a read: its queries, then its access row (AccessNotRecorded if it cannot be written:
        the read is refused)."""
        ...

    def log_access(self, who: Accessor, route: str, session_ids: Sequence[str],
                   detail: dict[str, Any] | None = None) -> None:
        """Append an access row in its own transaction (AccessNotRecorded if it cannot be written)."""
        ...

    def access_rows(self, token_id: int | None = None, since_utc: str | None = None,
                    session_id: str | None = None) -> list[AccessRow]:
        """The access log, oldest first, optionally of one token, from a time on, or naming one session."""
        ...

    def session_days(self) -> int | None:
        """How many days after closing a session is kept (None: until erased)."""
        ...

    def set_session_days(self, days: int | None, actor: str) -> None:
        """Save the session retention (None: until erased) with its audit row."""
        ...

    def personal_days(self) -> int:
        """How many days after import a group label is kept (default 365)."""
        ...

    def set_retention(self, actor: str, session_days: int | str | None = "keep",
                      personal_days: int | None = None) -> None:
        """Save the periods given (session_days None: until erased; "keep" leaves it) with one audit row."""
        ...

    def purge_labels(self, labels: Labels, now: datetime | None = None, actor: str = "receiver",
                     record_empty: bool = True) -> list[tuple[str, str]]:
        """Remove the group labels past the personal-data period, with a `purge.labels` audit row."""
        ...

    def held(self) -> list[HeldSession]:
        """Every stored session with its expiry, soonest to expire first."""
        ...

    def purge_expired(self, now: datetime | None = None, actor: str = "receiver",
                      record_empty: bool = True) -> PurgeOutcome:
        """Remove every session past its retention (one transaction and audit row each)."""
        ...

    def audit_rows(self, action: str | None = None) -> list[dict[str, Any]]:
        """The receiver audit table, oldest first (optionally only an action and its sub-actions)."""
        ...

    def retention_status(self, now: datetime | None = None) -> dict[str, Any]:
        """What the receiver holds, how old, when it expires."""
        ...

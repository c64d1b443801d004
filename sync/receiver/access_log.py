"""The receiver's access log: one append-only row per read of candidate data, written in the read's transaction.

Who read (the read token's id and label, the dashboard login's token, or an operator at the command line), when
(UTC), what (the route kind: `session`, `session.events`, `report`, `export`, `dashboard.feed`…), which session
ids, and from which client address. A read through `read_logged` runs its queries and appends its row in one
transaction; if the row cannot be written the transaction rolls back and the read is refused
(`AccessNotRecorded`), never served unlogged. `record_access(sql, ...)` appends a row inside any caller's
transaction (the erasure code records its reads and deletions with it).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any, Protocol

from eventlog import EventRecord
from sync.receiver.access_values import (
    ACCESS_FIELDS,
    ERASURE_ROUTE,
    AccessNotRecorded,
    Accessor,
    AccessRow,
    Runs,
    record_access,
    record_erasure,
)
from sync.receiver.storage import StoredBundle

if TYPE_CHECKING:
    from sync.receiver.sql import Sql

__all__ = [
    "ACCESS_FIELDS",
    "ERASURE_ROUTE",
    "AccessNotRecorded",
    "AccessRow",
    "Accessor",
    "LoggedRead",
    "Runs",
    "record_access",
    "record_erasure",
]


class _Selects(Protocol):
    def _select(self, sql: Sql, session_id: str, station: str | None) -> tuple[int, StoredBundle] | None: ...

    def _bundle_events(self, sql: Sql, bundle_id: int) -> list[EventRecord]: ...

    def _all_bundles(self, sql: Sql) -> list[StoredBundle]: ...


class LoggedRead:
    """Reads inside one transaction that also appends their access row: get, events and sessions as the storage
    has them, noting every session id asked for or returned."""

    def __init__(self, storage: _Selects, sql: Sql) -> None:
        self._storage = storage
        self._sql = sql
        self.session_ids: list[str] = []
        self.detail: dict[str, Any] = {}

    def _note(self, session_id: str) -> None:
        if session_id not in self.session_ids:
            self.session_ids.append(session_id)

    def get(self, session_id: str, station: str | None = None) -> StoredBundle | None:
        """One stored bundle (AmbiguousSession if several stations sent the id and none is named)."""
        self._note(session_id)
        found = self._storage._select(self._sql, session_id, station)
        if found is None:
            self.detail.setdefault("not_found", []).append(session_id)
        return found[1] if found else None

    def events(self, session_id: str, station: str | None = None) -> list[EventRecord]:
        """The parsed events of one stored session."""
        self._note(session_id)
        found = self._storage._select(self._sql, session_id, station)
        return [] if found is None else self._storage._bundle_events(self._sql, found[0])

    def sessions(self) -> list[StoredBundle]:
        """Every stored bundle, oldest first."""
        items = self._storage._all_bundles(self._sql)
        for item in items:
            self._note(item.session_id)
        return items


def _like(text: str) -> str:
    """Text to match literally in a LIKE pattern escaped with '!'."""
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_")


class AccessLogStore:
    """The access log's part of SqlStorage (a mixin: SqlStorage supplies _tx, _select and the event query)."""

    def _tx(self, write: bool = True) -> AbstractContextManager[Sql]:
        raise NotImplementedError

    @contextmanager
    def read_logged(self, who: Accessor, route: str, detail: dict[str, Any] | None = None) -> Iterator[LoggedRead]:
        """A transaction for a read: its queries, then its access row (AccessNotRecorded, with everything rolled
        back, if the row cannot be written)."""
        with self._tx() as sql:
            view = LoggedRead(self, sql)  # type: ignore[arg-type]  # SqlStorage has the selects
            yield view
            try:
                record_access(sql, who, route, view.session_ids, {**(detail or {}), **view.detail})
            except Exception as exc:
                raise AccessNotRecorded(f"the read could not be recorded in the access log ({exc}); it was "
                                        "refused") from exc

    def log_access(self, who: Accessor, route: str, session_ids: Sequence[str],
                   detail: dict[str, Any] | None = None) -> None:
        """Append an access row in its own transaction (for reads that take several: an export, the dashboard
        feed); AccessNotRecorded if it cannot be written, and the caller then serves nothing."""
        try:
            with self._tx() as sql:
                record_access(sql, who, route, session_ids, detail)
        except Exception as exc:
            raise AccessNotRecorded(f"the read could not be recorded in the access log ({exc}); it was "
                                    "refused") from exc

    def access_rows(self, token_id: int | None = None, since_utc: str | None = None,
                    session_id: str | None = None) -> list[AccessRow]:
        """The access log, oldest first, optionally of one token, from a time on, or naming one session."""
        where, params = ["1 = 1"], list[Any]()
        if token_id is not None:
            where, params = [*where, "token_id = ?"], [*params, token_id]
        if since_utc is not None:
            where, params = [*where, "at_utc >= ?"], [*params, since_utc]
        if session_id is not None:  # narrowed in SQL, then matched exactly below
            where, params = [*where, "session_ids LIKE ? ESCAPE '!'"], [*params, f"%{_like(json.dumps(session_id))}%"]
        with self._tx(write=False) as sql:
            rows = sql.all(f"SELECT {', '.join(ACCESS_FIELDS)} FROM access_log WHERE {' AND '.join(where)} "
                           "ORDER BY id", params)
        found = [AccessRow.from_row(row) for row in rows]
        return found if session_id is None else [row for row in found if session_id in row.session_ids]

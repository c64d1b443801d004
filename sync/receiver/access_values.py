"""The access log's values — who reads (Accessor), one logged read (AccessRow), the refusal of an unlogged read —
and `record_access`, importable from anywhere in the receiver (this module imports none of it)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

__all__ = [
    "ACCESS_FIELDS",
    "ERASURE_ROUTE",
    "AccessNotRecorded",
    "AccessRow",
    "Accessor",
    "ErasureFacts",
    "Runs",
    "record_access",
    "record_erasure",
]

ACCESS_FIELDS = ("id", "at_utc", "token_id", "token_label", "via", "route", "session_ids", "client", "detail")
ERASURE_ROUTE = "erasure"  # the route of the row an erasure writes for each session it removes


@dataclass(frozen=True)
class Accessor:
    """Who reads: a read token (via `api`), a dashboard login made with one (`dashboard`), or an operator at the
    command line (`cli`, label = the account), with the client's address when there is one."""

    token_id: int | None
    label: str
    via: str = "api"
    client: str | None = None


@dataclass(frozen=True)
class AccessRow:
    """One row of the access log."""

    id: int
    at_utc: str
    token_id: int | None
    token_label: str | None
    via: str
    route: str
    session_ids: list[str]
    client: str | None
    detail: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> AccessRow:
        """From a SELECT of ACCESS_FIELDS."""
        values = dict(zip(ACCESS_FIELDS, row, strict=True))
        return cls(**{**values, "id": int(values["id"]), "session_ids": json.loads(values["session_ids"]),
                      "detail": json.loads(values["detail"])})

    def as_dict(self) -> dict[str, Any]:
        """Plain dict for JSON output."""
        return asdict(self)


class AccessNotRecorded(Exception):
    """The access row of a read could not be written; the read was refused (its transaction rolled back)."""


class Runs(Protocol):
    """Anything that runs one statement with `?` placeholders (sqlbase's Sql)."""

    def run(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; the number of rows it changed."""
        ...


def _now() -> str:
    from sync.outbox import utc_now

    return utc_now()


def record_access(sql: Runs, who: Accessor, route: str, session_ids: Sequence[str],
                  detail: dict[str, Any] | None = None, at_utc: str | None = None) -> None:
    """Append one access row with the caller's statement runner, inside the caller's transaction: it commits or
    rolls back with the read (or the erasure) it records."""
    sql.run("INSERT INTO access_log (at_utc, token_id, token_label, via, route, session_ids, client, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (at_utc or _now(), who.token_id, who.label, who.via, route, json.dumps(list(session_ids)), who.client,
             json.dumps(detail or {}, sort_keys=True, ensure_ascii=False)))


class ErasureFacts(Protocol):
    """What the access log keeps of an erasure (the fields of sync.erasure_protocol.ErasureReceipt it reads)."""

    @property
    def request_id(self) -> str: ...
    @property
    def session_id(self) -> str: ...
    @property
    def station_id(self) -> str: ...
    @property
    def requested_by(self) -> str: ...
    @property
    def removed(self) -> dict[str, int]: ...


def record_erasure(sql: Runs, receipt: ErasureFacts) -> None:
    """The access row of an erasure, inside the erasure's transaction (an erasure hook: who asked, which session,
    the request id and the counts removed; never the data)."""
    record_access(sql, Accessor(None, receipt.requested_by, ERASURE_ROUTE), ERASURE_ROUTE, [receipt.session_id],
                  {"request_id": receipt.request_id, "station_id": receipt.station_id, "removed": receipt.removed})

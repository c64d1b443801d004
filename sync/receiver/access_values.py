"""The access log's values: who reads (Accessor), one logged read (AccessRow), and the refusal of an unlogged read."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["ACCESS_FIELDS", "ERASURE_ROUTE", "AccessNotRecorded", "AccessRow", "Accessor"]

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

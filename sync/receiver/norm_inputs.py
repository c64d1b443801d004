"""Whether the sessions a norm table was built from are still held by the receiver, and if not, why.

A norm table lists the session ids it used (scoring/norms.py, `sessions`). After an erasure or a retention purge
the table still carries what those people contributed, so it should be rebuilt without them. A session the
receiver no longer stores is `erased` when the receiver's `erasures` table (schema version 4, when the storage
has it) or an `erasure` row of the access log names it, `purged` when the receiver audit has a retention purge of
it, else `gone` (no longer stored, no record of why: removed outside the receiver, or before these records).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from sync.receiver.access_values import ERASURE_ROUTE
from sync.receiver.storage import AmbiguousSession, BundleStorage

__all__ = ["NormInput", "norm_inputs"]


@dataclass(frozen=True)
class NormInput:
    """One session a norm table used: held, erased, purged or gone, and when it went."""

    session_id: str
    state: str
    when_utc: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        """Plain dict for JSON output."""
        return asdict(self)


def _held(storage: BundleStorage, session_id: str) -> bool:
    try:
        return storage.get(session_id) is not None
    except AmbiguousSession:  # several stations sent this id: it is held
        return True


def norm_inputs(storage: BundleStorage, session_ids: Sequence[str]) -> list[NormInput]:
    """The state of each session a norm table used, in the table's order."""
    erased: dict[str, str] = {}
    for row in storage.access_rows():
        if row.route == ERASURE_ROUTE:
            erased.update({sid: row.at_utc for sid in row.session_ids})
    erasures = getattr(storage, "erasures", None)  # the erasures table, on a receiver that has it
    if erasures is not None:
        erased.update({str(row["session_id"]): str(row["erased_utc"]) for row in erasures()})
    purged = {str(row["detail"].get("session_id")): str(row["at_utc"]) for row in storage.audit_rows("purge.session")}
    found = []
    for sid in session_ids:
        if _held(storage, sid):
            found.append(NormInput(sid, "held"))
        elif sid in erased:
            found.append(NormInput(sid, "erased", erased[sid]))
        elif sid in purged:
            found.append(NormInput(sid, "purged", purged[sid]))
        else:
            found.append(NormInput(sid, "gone"))
    return found

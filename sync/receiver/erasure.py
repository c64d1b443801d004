"""Erasure at the receiver: remove one station's session everywhere the receiver holds it, in the caller's
transaction, record it in the append-only `erasures` table and sign the receipt.

What goes: the bundle row (the signed bundle's bytes, its manifest and results.json, from which every report,
comparison and export is derived on request: none is stored), the session's events, and the live state
(heartbeat) of its station when that heartbeat names the session. Read tokens and dashboard logins are
receiver-wide, never tied to a session: there is nothing of a session in them to erase. The row kept names the
request, session, station, who asked, why, when and the counts removed — never the data. The same request id
always gets the stored receipt back; a request id reused for another session is refused.

ERASURE_HOOKS are called inside the same transaction after each new erasure is recorded (the receiver's access
log connects here).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventlog.checkpoints import Signer
from sync.erasure_protocol import ErasureReceipt
from sync.receiver.access_values import record_erasure

if TYPE_CHECKING:
    from sync.receiver.sql import Sql

__all__ = ["ERASURE_FIELDS", "ERASURE_HOOKS", "ErasureOrder", "RequestIdReused", "erase_in",
           "erased_in"]

ERASURE_FIELDS = ("request_id", "session_id", "station_id", "station_key", "requested_by", "reason", "erased_utc",
                  "removed", "receipt")
ErasureHook = Callable[["Sql", ErasureReceipt], None]
ERASURE_HOOKS: list[ErasureHook] = [record_erasure]  # the access log shows every erasure


class RequestIdReused(Exception):
    """A request id already used for another session or station."""


@dataclass(frozen=True)
class ErasureOrder:
    """One session to erase: which (station id, session id), under which request id, asked by whom and why."""

    request_id: str
    session_id: str
    station_id: str
    station_key: str
    requested_by: str
    reason: str


def _now() -> str:
    from sync.outbox import utc_now

    return utc_now()


def _names_session(body: str, session_id: str) -> bool:
    try:
        return bool(json.loads(body).get("session_id") == session_id)
    except (ValueError, AttributeError):
        return False


def _remove(sql: Sql, station_id: str, session_id: str) -> dict[str, int]:
    """Delete the session's events, bundle (with its results) and a heartbeat naming it; counts per table."""
    where = "station_id = ? AND session_id = ?"
    ids = [int(row[0]) for row in sql.all(f"SELECT id FROM bundles WHERE {where}", (station_id, session_id))]
    events = sum(sql.run("DELETE FROM events WHERE bundle_id = ?", (bundle_id,)) for bundle_id in ids)
    bundles = sql.run(f"DELETE FROM bundles WHERE {where}", (station_id, session_id))
    beats = 0
    for key, body in sql.all("SELECT public_key, body FROM station_live WHERE station_id = ?", (station_id,)):
        if _names_session(body, session_id):
            beats += sql.run("DELETE FROM station_live WHERE public_key = ?", (key,))
    return {"bundles": bundles, "events": events, "results": bundles, "heartbeats": beats}


def _stored(sql: Sql, order: ErasureOrder) -> ErasureReceipt | None:
    row = sql.one("SELECT receipt FROM erasures WHERE request_id = ?", (order.request_id,))
    if row is None:
        return None
    receipt = ErasureReceipt.model_validate_json(row[0])
    if (receipt.session_id, receipt.station_id) != (order.session_id, order.station_id):
        raise RequestIdReused(f"erasure request {order.request_id} was already used for session "
                              f"{receipt.session_id} of station {receipt.station_id}")
    return receipt


def _signed(order: ErasureOrder, removed: dict[str, int], signer: Signer) -> ErasureReceipt:
    unsigned = ErasureReceipt(request_id=order.request_id, session_id=order.session_id, station_id=order.station_id,
                              station_key=order.station_key, requested_by=order.requested_by, reason=order.reason,
                              removed=dict(sorted(removed.items())), erased_utc=_now(),
                              receiver_key=signer.public_raw.hex())  # sorted: a stored receipt reads back the same
    return unsigned.model_copy(update={"signature": signer.sign(unsigned.message()).hex()})


def erase_in(sql: Sql, order: ErasureOrder, signer: Signer) -> tuple[bool, ErasureReceipt]:
    """Carry out one order inside the caller's transaction: (True, new receipt), or (False, the stored receipt)
    when this request id was carried out before (also by a concurrent process a moment ago)."""
    stored = _stored(sql, order)
    if stored is not None:
        return False, stored
    removed = _remove(sql, order.station_id, order.session_id)
    receipt = _signed(order, removed, signer)
    inserted = sql.all(
        f"INSERT INTO erasures ({', '.join(ERASURE_FIELDS)}) VALUES ({', '.join('?' * len(ERASURE_FIELDS))}) "
        "ON CONFLICT (request_id) DO NOTHING RETURNING request_id",
        (order.request_id, order.session_id, order.station_id, order.station_key, order.requested_by, order.reason,
         receipt.erased_utc, json.dumps(removed, sort_keys=True), receipt.as_json()))
    if not inserted:  # another process recorded this request id meanwhile (its transaction has committed)
        again = _stored(sql, order)
        assert again is not None
        return False, again
    for hook in ERASURE_HOOKS:
        hook(sql, receipt)
    return True, receipt


def erased_in(sql: Sql, station_id: str, session_id: str) -> str | None:
    """The request id that erased this station's session, or None."""
    row = sql.one("SELECT request_id FROM erasures WHERE station_id = ? AND session_id = ? ORDER BY erased_utc "
                  "LIMIT 1", (station_id, session_id))
    return str(row[0]) if row else None

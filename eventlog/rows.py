"""Stored event rows checked field by field: SQLite keeps whatever type a hand-edited file holds, so a reader
never trusts a row's types (a text or real `t_ns`, a NaN in a payload) before it has checked them."""

from __future__ import annotations

import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterator
from typing import Any

from eventlog.errors import ChainBrokenError, StoreError

__all__ = ["FETCH", "Row", "check_row", "read_rows", "shown_value", "strict_payload"]

Row = tuple[str, int, int, str, str | None, int | None, str, str, str]
FETCH = 2000
HEX64 = re.compile(r"[0-9a-f]{64}")
HEX128 = re.compile(r"[0-9a-f]{128}")
_NUMBERS = {"t_ns", "seq"}


def shown_value(value: object) -> str:
    """A stored value for an error message: its SQLite kind and its start, e.g. "text '1200ms'"."""
    if value is None:
        return "null"
    kind = {str: "text", float: "real", bytes: "blob"}.get(type(value), type(value).__name__)
    text = repr(value)
    return f"{kind} {text[:40] + '…' if len(text) > 40 else text}"


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON (NaN and infinities are refused)")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"{text} is out of range for a JSON number (it would be an infinity)")
    return value


_STRICT = json.JSONDecoder(parse_constant=_refuse_constant, parse_float=_finite_float)
"""Made once: json.loads with a keyword builds a decoder per call."""
_SCAN: Callable[[str, int], tuple[Any, int]] = _STRICT.scan_once  # type: ignore[attr-defined]  # set by JSONDecoder.__init__; typeshed omits it


def strict_payload(session_id: str, seq: int, text: object) -> dict[str, Any]:
    """A stored payload parsed as strict JSON (an object, no NaN or infinities, no number too large to be a
    finite float); ChainBrokenError naming the event otherwise."""
    if not isinstance(text, str):
        raise ChainBrokenError(session_id, seq, f"field 'payload' is not JSON text (stored as {shown_value(text)})")
    try:
        if text.startswith("\ufeff"):  # what json.loads refuses before decoding
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        try:  # a stored payload is canonical JSON: one scan reads all of it; anything else gets the full decoder
            value, end = _SCAN(text, 0)
        except StopIteration:
            end = -1
        if end != len(text):  # whitespace around it, extra data, or an error: decode() accepts or names it
            value = _STRICT.decode(text)
    except (ValueError, RecursionError) as exc:
        raise ChainBrokenError(session_id, seq, f"field 'payload' is not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise ChainBrokenError(session_id, seq, f"field 'payload' is a JSON {type(value).__name__}, not an object")
    return value


def check_row(session_id: str, position: int, row: tuple[Any, ...]) -> Row:
    """The row if every field has its type (seq and t_ns integers, t_ns not negative, trial an integer or null,
    hashes 64 hex digits); ChainBrokenError naming the event and the field otherwise."""
    if len(row) != 9:
        raise ChainBrokenError(session_id, position, f"a row of {len(row)} fields, expected 9")
    sid, seq, t_ns, kind, game, trial, payload, prev_hash, digest = row
    if (type(seq) is int and type(t_ns) is int and t_ns >= 0 and type(sid) is str and type(kind) is str
            and type(payload) is str and (game is None or type(game) is str) and (trial is None or type(trial) is int)
            and type(prev_hash) is str and type(digest) is str and len(prev_hash) == 64
            and HEX128.fullmatch(prev_hash + digest)):
        return (sid, seq, t_ns, kind, game, trial, payload, prev_hash, digest)  # the common case, checked at once
    return _checked_fields(session_id, position, row)


def _checked_fields(session_id: str, position: int, row: tuple[Any, ...]) -> Row:
    """check_row field by field, naming the first field that is wrong."""
    sid, seq, t_ns, kind, game, trial, payload, prev_hash, digest = row
    where = seq if type(seq) is int else position
    for name, value in (("seq", seq), ("t_ns", t_ns)):
        if type(value) is not int:
            raise ChainBrokenError(session_id, where,
                                   f"field '{name}' is not an integer (stored as {shown_value(value)})")
    if t_ns < 0:
        raise ChainBrokenError(session_id, where, f"field 't_ns' is negative ({t_ns})")
    for name, value in (("session_id", sid), ("kind", kind), ("payload", payload)):
        if not isinstance(value, str):
            raise ChainBrokenError(session_id, where, f"field '{name}' is not text (stored as {shown_value(value)})")
    if game is not None and not isinstance(game, str):
        raise ChainBrokenError(session_id, where, f"field 'game' is not text or null (stored as {shown_value(game)})")
    if trial is not None and type(trial) is not int:
        raise ChainBrokenError(session_id, where,
                               f"field 'trial' is not an integer or null (stored as {shown_value(trial)})")
    for name, value in (("prev_hash", prev_hash), ("hash", digest)):
        if not isinstance(value, str) or not HEX64.fullmatch(value):
            raise ChainBrokenError(session_id, where,
                                   f"field '{name}' is not 64 hex digits (stored as {shown_value(value)})")
    return (sid, seq, t_ns, kind, game, trial, payload, prev_hash, digest)


def read_rows(conn: sqlite3.Connection, session_id: str) -> Iterator[tuple[Any, ...]]:
    """A session's raw rows in seq order; a damaged file gives StoreError naming the last event read."""
    last = -1
    try:
        cursor = conn.execute(
            "SELECT session_id, seq, t_ns, kind, game, trial, payload, prev_hash, hash"
            " FROM events WHERE session_id = ? ORDER BY seq", (session_id,))
        while True:
            batch = cursor.fetchmany(FETCH)
            if not batch:
                return
            for row in batch:
                yield row
                last = row[1] if type(row[1]) is int else last
    except sqlite3.DatabaseError as exc:
        after = "before its first event" if last < 0 else f"after event {last}"
        raise StoreError(f"session {session_id}: the database cannot be read {after}: {exc}") from None

"""Parsing JSON from bundles strictly: finite numbers, 64-bit integers, bounded nesting, typed event records.

A signature only says who wrote the bytes, not that they are sane: a station (or, without a trusted key, anyone)
can sign NaN, 1e999, a 100,000-deep array or an event whose seq is a string. Everything here turns such input
into a BundleFormatError naming the member, line and field, before any of it reaches hashing, scoring or SQLite.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

from eventlog import EventRecord
from eventlog.canonical import canonical_json
from sync.errors import BundleFormatError

__all__ = ["EVENT_FIELDS", "MAX_DEPTH", "loads_strict", "parse_event_line", "parse_event_row", "parse_event_rows",
           "parse_events"]

MAX_DEPTH = 64
INT64 = (-(2**63), 2**63 - 1)
HEX64 = re.compile(r"[0-9a-f]{64}")
EVENT_FIELDS = ("session_id", "seq", "t_ns", "kind", "game", "trial", "payload", "prev_hash", "hash")
_EVENT_KEYS = frozenset(EVENT_FIELDS)


class _Refused(ValueError):
    """A JSON value the strict parser does not accept."""


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"{text} does not fit a finite double")
    return value


def _check_nesting(value: Any, where: str, max_depth: int) -> None:
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > max_depth:
            raise BundleFormatError(where, f"nested deeper than {max_depth} levels")
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


_FINITE = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite)
_NO_CONSTANTS = json.JSONDecoder(parse_constant=_no_constant)


def loads_strict(text: str | bytes, where: str, max_depth: int = MAX_DEPTH, finite: bool = True) -> Any:
    """UTF-8 JSON without NaN or Infinity, nested at most max_depth, and (unless finite=False, for callers that
    check finiteness another way) without numbers past a finite double; else BundleFormatError."""
    try:
        value = (_FINITE if finite else _NO_CONSTANTS).decode(text if isinstance(text, str) else text.decode())
    except RecursionError:
        raise BundleFormatError(where, f"nested deeper than {max_depth} levels") from None
    except (_Refused, UnicodeDecodeError) as exc:
        raise BundleFormatError(where, str(exc)) from None
    except ValueError as exc:
        raise BundleFormatError(where, f"not JSON ({exc})") from None
    if isinstance(value, dict | list) and _brackets(text) > max_depth:
        _check_nesting(value, where, max_depth)
    return value


def _brackets(text: str | bytes) -> int:
    """An upper bound on the nesting depth: how many containers the text opens (counted in C)."""
    if isinstance(text, bytes):
        return text.count(b"[") + text.count(b"{")
    return text.count("[") + text.count("{")


def _int(value: Any, name: str, where: str, minimum: int = INT64[0]) -> int:
    if type(value) is not int:
        raise BundleFormatError(where, f"field '{name}' must be an integer, got {type(value).__name__}")
    if not minimum <= value <= INT64[1]:
        raise BundleFormatError(where, f"field '{name}' is out of range ({minimum}..{INT64[1]})")
    return value


def _text(value: Any, name: str, where: str, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if type(value) is not str or not value:
        kind = "a non-empty string" + (" or null" if optional else "")
        raise BundleFormatError(where, f"field '{name}' must be {kind}, got {type(value).__name__}")
    if "\x00" in value:  # no station writes one, and a PostgreSQL receiver could not store it
        raise BundleFormatError(where, f"field '{name}' must not contain a NUL character")
    return value


def _hash(value: Any, name: str, where: str) -> str:
    if type(value) is not str or not HEX64.fullmatch(value):
        raise BundleFormatError(where, f"field '{name}' must be 64 lowercase hex digits")
    return value


@lru_cache(maxsize=1024)
def _string(value: str | None) -> str:
    return "null" if value is None else json.dumps(value, ensure_ascii=False)


def _canonical_line(record: EventRecord, payload_json: str) -> str:
    """canonical_json(record.as_dict()), assembled around the payload's canonical JSON (serialised once)."""
    trial = "null" if record.trial is None else str(record.trial)
    return (f'{{"game":{_string(record.game)},"hash":"{record.hash}","kind":{_string(record.kind)},'
            f'"payload":{payload_json},"prev_hash":"{record.prev_hash}","seq":{record.seq},'
            f'"session_id":{_string(record.session_id)},"t_ns":{record.t_ns},"trial":{trial}}}')


def _typed(value: Any, where: str) -> EventRecord:
    if not isinstance(value, dict):
        raise BundleFormatError(where, f"an event is a JSON object, got {type(value).__name__}")
    if value.keys() != _EVENT_KEYS:
        missing, extra = sorted(set(EVENT_FIELDS) - set(value)), sorted(set(value) - set(EVENT_FIELDS))
        raise BundleFormatError(where, f"event fields must be {list(EVENT_FIELDS)}; missing {missing}, "
                                f"unexpected {extra[:8]}")
    if not isinstance(value["payload"], dict):
        raise BundleFormatError(where, f"field 'payload' must be an object, got {type(value['payload']).__name__}")
    trial = value["trial"]
    return EventRecord(
        session_id=str(_text(value["session_id"], "session_id", where)), seq=_int(value["seq"], "seq", where, 0),
        t_ns=_int(value["t_ns"], "t_ns", where), kind=str(_text(value["kind"], "kind", where)),
        game=_text(value["game"], "game", where, optional=True),
        trial=None if trial is None else _int(trial, "trial", where), payload=value["payload"],
        prev_hash=_hash(value["prev_hash"], "prev_hash", where), hash=_hash(value["hash"], "hash", where),
    )


def parse_event_row(line: str, where: str) -> tuple[EventRecord, str]:
    """One events.jsonl line as a record with every field of the right type, in canonical spelling, with its
    payload's canonical JSON (what its hash covers)."""
    record = _typed(loads_strict(line, where, finite=False), where)  # 1e999 (inf) fails canonical_json below
    try:
        payload_json = canonical_json(record.payload)
    except ValueError:
        raise BundleFormatError(where, "a number does not fit a finite double") from None
    if _canonical_line(record, payload_json) != line:
        raise BundleFormatError(where, "not in canonical form (sorted keys, no spaces, UTF-8, no escapes the "
                                "station would not write)")
    return record, payload_json


def parse_event_line(line: str, where: str) -> EventRecord:
    """One events.jsonl line as a typed record (see parse_event_row)."""
    return parse_event_row(line, where)[0]


def parse_event_rows(data: bytes, member: str = "events.jsonl") -> list[tuple[EventRecord, str]]:
    """Every line of events.jsonl as a typed record and its payload's canonical JSON; BundleFormatError naming
    the first bad line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BundleFormatError(member, f"not UTF-8 ({exc})") from None
    if text and not text.endswith("\n"):
        raise BundleFormatError(member, "the last line does not end with a newline")
    return [parse_event_row(line, f"{member} line {number}")
            for number, line in enumerate(text.split("\n")[:-1], start=1)]


def parse_events(data: bytes, member: str = "events.jsonl") -> list[EventRecord]:
    """Every line of events.jsonl as a typed record; BundleFormatError naming the first bad line."""
    return [record for record, _ in parse_event_rows(data, member)]

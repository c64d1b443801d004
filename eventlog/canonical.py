"""Canonical bytes of an event and the SHA-256 hash chain over them."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from json.encoder import encode_basestring
from typing import Any

__all__ = ["GENESIS_HASH", "canonical_json", "chain_event", "chain_hash", "event_bytes", "object_encoder",
           "utc_text"]

GENESIS_HASH = "0" * 64

_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def _not_json(value: object) -> Any:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# The C encoder json.JSONEncoder.encode builds on every call, built once with the same settings (sorted keys,
# ",", ":", no ASCII escaping, NaN refused). It keeps no circular-reference markers, so a cycle ends in
# RecursionError, which canonical_json reports as the ValueError the encoder would have raised.
_C_MAKE: Any = getattr(json.encoder, "c_make_encoder", None)  # None on interpreters without the C accelerator
_C_ENCODE: Any = (_C_MAKE(None, _not_json, encode_basestring, None, ":", ",", True, False, False)
                  if _C_MAKE is not None else None)


def canonical_json(value: Any) -> str:
    """Sorted keys, no spaces, UTF-8 text, no NaN: the one spelling every hash is computed over."""
    if _C_ENCODE is None or isinstance(value, str):
        return _ENCODER.encode(value)
    try:
        return "".join(_C_ENCODE(value, 0))
    except RecursionError:
        raise ValueError("Circular reference detected (or nesting too deep for JSON)") from None


def _float_json(value: float) -> str:
    return float.__repr__(value) if value - value == 0.0 else canonical_json(value)  # NaN, infinities: its error


class _Spellers(dict[type, Callable[[Any], str]]):
    """canonical_json of one value by its exact type, spelled as the C encoder spells it (str, int and float through
    their base types); a value of any other type (a subclass, a list) is spelled by canonical_json itself."""

    def __missing__(self, _kind: type) -> Callable[[Any], str]:
        return canonical_json


_SPELL = _Spellers({str: encode_basestring, int: int.__repr__, float: _float_json,
                    bool: {True: "true", False: "false"}.__getitem__, type(None): lambda _none: "null"})


def object_encoder(names: Iterable[str]) -> Callable[[Mapping[str, Any]], str]:
    """canonical_json for dicts whose keys are exactly `names` (a flat payload model's fields), about twice as fast
    for small dicts: the keys' spellings and order are fixed once, compiled into one expression that spells each
    value by its type, '{"a":' + spell(values['a']) + ',"b":' + … + '}'. Names and spellings enter the source only
    as repr() literals."""
    ordered = sorted(names)
    if not ordered:
        return lambda _values: "{}"
    terms = [f"{(',' if i else '{') + encode_basestring(name) + ':'!r} + _spell[type(_v{i} := values[{name!r}])](_v{i})"
             for i, name in enumerate(ordered)]
    source = f"def encode(values):\n    return {' + '.join(terms)} + '}}'\n"
    scope: dict[str, Any] = {"_spell": _SPELL}
    exec(compile(source, "<eventlog.canonical.object_encoder>", "exec"), scope)
    encode: Callable[[Mapping[str, Any]], str] = scope["encode"]
    return encode


def event_bytes(
    session_id: str,
    seq: int,
    t_ns: int,
    kind: str,
    game: str | None,
    trial: int | None,
    payload_json: str,
) -> bytes:
    """Canonical JSON of the event's fields; payload_json must itself be canonical_json output.

    Equal to canonical_json({"game", "kind", "payload", "seq", "session", "t_ns", "trial"}),
    assembled by hand so the payload is serialised once.
    """
    game_json = _json_string(game)
    kind_json = _json_string(kind)
    session_json = _json_string(session_id)
    trial_json = "null" if trial is None else str(int(trial))
    return (
        f'{{"game":{game_json},"kind":{kind_json},"payload":{payload_json},"seq":{seq:d},'
        f'"session":{session_json},"t_ns":{t_ns:d},"trial":{trial_json}}}'
    ).encode()


@lru_cache(maxsize=1024)
def _json_string(value: str | None) -> str:
    """JSON spelling of a short, often repeated string (session ids, kinds, game names)."""
    return json.dumps(value, ensure_ascii=False)


def chain_hash(prev_hash: str, canonical: bytes) -> str:
    """SHA-256 over the previous hash (hex, ASCII) and the event's canonical bytes."""
    return hashlib.sha256(prev_hash.encode("ascii") + canonical).hexdigest()


def chain_event(
    prev_hash: str,
    session_id: str,
    seq: int,
    t_ns: int,
    kind: str,
    game: str | None,
    trial: int | None,
    payload_json: str,
) -> str:
    """chain_hash(prev_hash, event_bytes(...)) in one step: the writer's per-event hash, encoded once, with the
    spellings that repeat from event to event (game and kind, session) looked up rather than rebuilt.

    `seq` and `t_ns` must be of type int exactly (the log refuses any other t_ns): they are spelled with str(),
    which is what `:d` spells for an int, at half its cost."""
    if not prev_hash.isascii():
        raise UnicodeEncodeError("ascii", prev_hash, 0, len(prev_hash), "the previous hash is not ASCII hex")
    trial_json = "null" if trial is None else str(int(trial))
    text = (f'{prev_hash}{_event_head(game, kind)}{payload_json},"seq":{seq}{_session_part(session_id)}{t_ns},'
            f'"trial":{trial_json}}}')
    return _sha256(text.encode()).hexdigest()


_sha256 = hashlib.sha256


@lru_cache(maxsize=4096)
def _event_head(game: str | None, kind: str) -> str:
    """The canonical text before the payload: '{"game":…,"kind":…,"payload":'."""
    return f'{{"game":{_json_string(game)},"kind":{_json_string(kind)},"payload":'


@lru_cache(maxsize=1024)
def _session_part(session_id: str) -> str:
    """The canonical text between seq and t_ns: ',"session":…,"t_ns":'."""
    return f',"session":{_json_string(session_id)},"t_ns":'


def utc_text(wall_ns: int) -> str:
    """A wall-clock instant (ns since the epoch) as the log writes it: ISO 8601 UTC with microseconds."""
    return datetime.fromtimestamp(wall_ns / 1e9, UTC).isoformat(timespec="microseconds")

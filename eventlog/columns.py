"""A session's stored rows checked column by column, payloads decoded in one pass: the fast read behind
Store.events. It accepts only what the row-by-row checks (rows.check_row, rows.strict_payload) accept, with the
same values; anything it cannot vouch for gives None, and the caller reads row by row, which names the problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from itertools import repeat
from typing import Any

from pydantic_core import from_json

from eventlog.records import EventRecord, records_of_columns

__all__ = ["EVENT_COLUMNS", "checked_records"]

EVENT_COLUMNS = "seq, t_ns, kind, game, trial, payload, prev_hash, hash"
"""What checked_records takes, in this order (the session id is the one the query asked for)."""

_DECODE = partial(from_json, allow_inf_nan=False)
"""Strict JSON in one C call per payload: NaN and infinities refused; refuses a few texts the standard decoder
accepts (lone surrogate escapes, nesting over 200 deep), which then go row by row."""
_DIGITS = bytes.maketrans(b"123456789E", b"000000000e")
_EXPONENTS, _RUN = (b"e000", b"e+000"), 210
"""Where a number could be too large for a float (digits mapped to 0): an exponent of 3 digits or more, or 210
digits in a row. A number overflows only when its digits before the point plus its exponent pass 308, so
without these it cannot. The decoder reads such a number as an infinity and the strict reader refuses it, so a
session with any of these goes row by row (a finite float like 1e+300 included: slower, the same result)."""
_INT, _STR, _DICT = frozenset({int}), frozenset({str}), frozenset({dict})
_STR_OR_NULL: frozenset[type] = frozenset({str, type(None)})
_INT_OR_NULL: frozenset[type] = frozenset({int, type(None)})


def _of(values: Sequence[Any], types: frozenset[type]) -> bool:
    """Whether every value has exactly one of the types (a bool is never taken for an int)."""
    return set(map(type, values)) <= types


def _hex64(values: Sequence[Any]) -> bool:
    """Whether every value is 64 lower-case hex digits."""
    if not _of(values, _STR) or set(map(len, values)) != {64}:
        return False
    joined = "".join(values)
    try:
        return len(bytes.fromhex(joined)) * 2 == len(joined) and joined == joined.lower()  # fromhex skips spaces
    except ValueError:
        return False


def _may_overflow(texts: Sequence[str]) -> bool:
    digits = "".join(texts).encode("ascii", "ignore").translate(_DIGITS)  # a number is ASCII: the rest can go
    if any(sign in digits for sign in _EXPONENTS):
        return True
    return max(map(len, texts)) >= _RUN and b"0" * _RUN in digits  # no payload that short has such a run


def checked_records(session_id: str, rows: Sequence[tuple[Any, ...]]) -> list[EventRecord] | None:
    """The session's rows (EVENT_COLUMNS, in seq order) as records, when every field has its type (as
    rows.check_row) and every payload is a strict JSON object (as rows.strict_payload, same values); None when
    any row might not be, or might decode differently."""
    if not rows:
        return []
    if set(map(len, rows)) != {8}:
        return None
    seqs, times, kinds, games, trials, texts, prevs, digests = zip(*rows, strict=True)
    if not (_of(seqs, _INT) and _of(times, _INT) and min(times) >= 0 and _of(kinds, _STR) and _of(texts, _STR)
            and _of(games, _STR_OR_NULL) and _of(trials, _INT_OR_NULL) and _hex64(prevs) and _hex64(digests)):
        return None
    if _may_overflow(texts):
        return None
    try:
        payloads = list(map(_DECODE, texts))
    except ValueError:
        return None
    if not _of(payloads, _DICT):
        return None
    return records_of_columns(len(rows), repeat(session_id), seqs, times, kinds, games, trials, payloads, prevs,
                              digests)

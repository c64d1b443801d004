"""Store.events' column-by-column read (eventlog.columns) accepts only what the row-by-row read accepts, with the
same values, and a damaged row is still named (issue 19, item 8)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventlog import ChainBrokenError, EventLog, EventRecord, Store
from eventlog.columns import checked_records
from eventlog.rows import check_row, strict_payload
from tests.eventlog.helpers import raw_connection

SID = "s-1"
HASH = "ab" * 32
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | text
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
                      max_leaves=12)
spelled = st.one_of(
    st.dictionaries(text, values, max_size=4).map(lambda v: json.dumps(v, separators=(",", ":"))),
    st.dictionaries(text, values, max_size=4).map(lambda v: json.dumps(v, indent=1)),
    values.map(json.dumps),
    st.sampled_from(['{"a":1e400}', '{"a":-2E999}', '{"a":NaN}', '{"a":Infinity}', '{"a":"\\ud800"}', '{"a":1',
                     "\ufeff{}", ' {"a":1} ', '{"a":1}{}', '{"a":1,"a":2.0}', '{"a":' + "9" * 400 + ".5}",
                     '{"a":' + "9" * 250 + "e60}", '{"a":' + "9" * 209 + "e99}", '{"a":1e0400}', '{"a":1.5e+300}',
                     '{"a":1.5e-300}',
                     '{"a":"' + "\\u00e9" * 3 + '"}', "[" * 300 + "]" * 300, '{"x":"tab\there"}', "", "null"]),
    text,
)
fields = st.tuples(
    st.integers(0, 5) | st.sampled_from(["3", 2.0, None]),  # seq
    st.integers(0, 10**12) | st.sampled_from([-1, "12ms", 1.5, None]),  # t_ns
    st.sampled_from(["test.tick", "bart.pump"]) | st.sampled_from([None, 7, b"k"]),  # kind
    st.sampled_from([None, "bart"]) | st.sampled_from([3, b"g"]),  # game
    st.sampled_from([None, 4]) | st.sampled_from(["4", 4.0]),  # trial
    spelled | st.sampled_from([None, 5, b"{}"]),  # payload
    st.just(HASH) | st.sampled_from(["AB" * 32, "ab" * 31, "zz" * 32, "ab" * 31 + " a", None]),  # prev_hash
    st.just("cd" * 32),  # hash
)


def row_by_row(session_id: str, rows: list[tuple[Any, ...]]) -> list[EventRecord]:
    """What Store.events read before issue 19: each row checked, each payload decoded on its own."""
    out = []
    for position, raw in enumerate(rows):
        sid, seq, t_ns, kind, game, trial, payload, prev, digest = check_row(session_id, position, (session_id, *raw))
        payload_value = strict_payload(session_id, seq, payload)
        out.append(EventRecord(sid, seq, t_ns, kind, game, trial, payload_value, prev, digest))
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])  # a loaded machine
@given(st.lists(fields, max_size=4) | st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10**12),
                                                         st.just("test.tick"), st.none(), st.none(), spelled,
                                                         st.just(HASH), st.just("cd" * 32)), min_size=1, max_size=4))
def test_the_column_read_accepts_only_what_the_row_read_accepts_with_the_same_values(
        rows: list[tuple[Any, ...]]) -> None:
    fast = checked_records(SID, rows)
    try:
        slow = row_by_row(SID, rows)
    except ChainBrokenError:
        assert fast is None
        return
    assert fast is None or repr(fast) == repr(slow)  # repr: 1 and 1.0, True and 1 differ; key order shows


def test_a_clean_session_is_read_by_columns_with_every_value_as_the_row_read_gives_it(data_dir: Path) -> None:
    with EventLog.in_dir(data_dir) as log:
        session = log.open_session("assessment", "P-0001")
        for n in range(50):
            log.record(session.session_id, "test.values", 10 + n, {"numbers": [n / 7, 1e-9 * n, 2.0**70],
                                                                  "flags": {"é": n % 2 == 0}, "note": "ü" * n})
        log.close_session(session.session_id, 1000)
    with Store.in_dir(data_dir) as store:
        rows = store.conn.execute("SELECT seq, t_ns, kind, game, trial, payload, prev_hash, hash FROM events"
                                  " WHERE session_id = ? ORDER BY seq", (session.session_id,)).fetchall()
        fast = checked_records(session.session_id, rows)
        assert fast is not None and len(fast) == 52
        assert repr(store.events(session.session_id)) == repr(fast) == repr(row_by_row(session.session_id, rows))


@pytest.mark.parametrize(("column", "value", "named"), [
    ("payload", '{"n":1e400,"label":""}', "field 'payload' is not valid JSON: 1e400 is out of range"),
    ("payload", '{"n":NaN,"label":""}', "field 'payload' is not valid JSON: NaN is not JSON"),
    ("payload", "[1,2]", "field 'payload' is a JSON list, not an object"),
    ("payload", '{"n":1', "field 'payload' is not valid JSON"),
    ("t_ns", "'12ms'", "field 't_ns' is not an integer (stored as text '12ms')"),
    ("trial", "2.5", "field 'trial' is not an integer or null (stored as real 2.5)"),
    ("hash", "upper(hash)", "field 'hash' is not 64 hex digits"),
])
def test_a_damaged_row_is_still_named_by_store_events(data_dir: Path, column: str, value: str, named: str) -> None:
    with EventLog.in_dir(data_dir) as log:
        session = log.open_session("assessment", "P-0001")
        for n in range(5):
            log.record(session.session_id, "test.tick", 10 + n, {"n": n})
        log.close_session(session.session_id, 1000)
    conn = raw_connection(data_dir / "station.sqlite3")
    literal = value if value.startswith(("'", "upper")) or not value.startswith(("{", "[")) else f"'{value}'"
    conn.execute(f"UPDATE events SET {column} = {literal} WHERE session_id = ? AND seq = 3", (session.session_id,))
    conn.close()
    with Store.in_dir(data_dir) as store, pytest.raises(ChainBrokenError) as caught:
        store.events(session.session_id)
    assert f"event 3: {named}" in str(caught.value)

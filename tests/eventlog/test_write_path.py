"""The fast write path stores what the plain one would: multi-row INSERTs of whole chunks, the rest row by row, in
order across sessions and other ops; a flat model validated by its fields alone accepts, fills and refuses exactly
as the model does."""

from __future__ import annotations

import json
import sqlite3
from enum import IntEnum
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError, field_validator, model_validator

from eventlog import EventLog, Payload, register_kind
from eventlog.canonical import GENESIS_HASH, canonical_json, chain_hash, event_bytes, object_encoder
from eventlog.errors import PayloadError
from eventlog.kinds import _codec, payload_encoder, validate_payload
from eventlog.verify import verify_rows
from eventlog.writer import CHUNK_ROWS


def expected_rows(session_id: str, events: list[tuple[int, str, dict[str, Any], str | None, int | None]],
                  ) -> list[tuple[Any, ...]]:
    """The rows a session of these events must hold, built from the definitions (canonical JSON, SHA-256 chain)."""
    rows, prev = [], GENESIS_HASH
    for seq, (t_ns, kind, payload, game, trial) in enumerate(events):
        text = canonical_json(validate_payload(kind, payload))
        digest = chain_hash(prev, event_bytes(session_id, seq, t_ns, kind, game, trial, text))
        rows.append((session_id, seq, t_ns, kind, game, trial, text, prev, digest))
        prev = digest
    return rows


def test_one_batch_of_two_interleaved_sessions_goes_in_chunks_and_stores_every_row_exactly(tmp_path: Path) -> None:
    statements: list[str] = []
    commits: list[dict[str, int]] = []
    with EventLog.in_dir(tmp_path, window_ms=600_000) as log:  # nothing commits before the flush: one batch
        log._writer._conn.set_trace_callback(statements.append)
        log.add_commit_listener(commits.append)
        log.open_session("test", "P-1", session_id="A")
        sent: dict[str, list[tuple[int, str, dict[str, Any], str | None, int | None]]] = {"A": [], "B": []}

        def record(sid: str, n: int) -> None:
            kind, payload = (("test.values", {"numbers": [n / 7, -n], "flags": {"é": n % 2 == 0}, "note": None})
                             if n % 5 == 0 else ("test.tick", {"n": n, "label": f"k{n % 3}☃"}))
            game, trial = ("bart", n % 11) if n % 3 else (None, None)
            log.record(sid, kind, 1_000 + n, payload, game=game, trial=trial)
            sent[sid].append((1_000 + n, kind, validate_payload(kind, payload), game, trial))

        for n in range(CHUNK_ROWS + 200):  # one run of events: a chunk and 200 single rows
            record("A", n)
        log.open_session("test", "P-2", session_id="B")  # splits the runs of events
        for n in range(CHUNK_ROWS + 200, 5 * CHUNK_ROWS + 400):  # 4 chunks and 200 rows, two sessions interleaved
            record("AB"[n % 2], n)
        log.flush()
        rows = {sid: list(log.store.iter_rows(sid)) for sid in "AB"}
    assert commits[0] == {"A": 1800, "B": 1100}  # every event in the first commit (the next is close()'s, empty)
    multi_row = [s for s in statements if s.startswith("INSERT INTO events") and s.count("), (") == CHUNK_ROWS - 1]
    assert len(multi_row) == 5
    for sid in "AB":
        opened_row = rows[sid][0]
        assert opened_row[3] == "session.opened"
        opened_event = (opened_row[2], "session.opened", json.loads(opened_row[6]), None, None)
        assert rows[sid] == expected_rows(sid, [opened_event, *sent[sid]])
        verify_rows(sid, rows[sid])


def test_a_failing_chunk_rolls_the_whole_batch_back(tmp_path: Path) -> None:
    with EventLog.in_dir(tmp_path, window_ms=600_000) as log:
        session = log.open_session("test", "P-1")
        log.flush()
        conn = sqlite3.connect(tmp_path / "station.sqlite3", isolation_level=None)
        conn.execute("INSERT INTO events VALUES (?, 300, 0, 'test.tick', NULL, NULL, '{}', '', '')",
                     (session.session_id,))  # a row where the first chunk's 300th event will go
        conn.close()
        for n in range(CHUNK_ROWS + 300):
            log.record(session.session_id, "test.tick", n + 1, {"n": n})
        with pytest.raises(Exception, match="UNIQUE constraint failed"):
            log.flush()
        assert [row[1] for row in log.store.iter_rows(session.session_id)] == [0, 300]


@register_kind("writepath.flat")
class Flat(Payload):
    """Plain fields with constraints, defaults and a field validator: validated by the fields validator alone."""

    n: int
    side: Literal["left", "right"] = "left"
    label: str | None = None
    ratio: float = 0.5

    @field_validator("label")
    @classmethod
    def _no_tabs(cls, label: str | None) -> str | None:
        if label is not None and "\t" in label:
            raise ValueError("no tabs")
        return label


@register_kind("writepath.hooked")
class Hooked(Payload):
    """A model-level validator: validated through the model, never by its fields alone."""

    n: int

    @model_validator(mode="after")
    def _even(self) -> Hooked:
        if self.n % 2:
            raise ValueError("n must be even")
        return self


def test_only_models_without_model_level_hooks_are_validated_by_their_fields_alone() -> None:
    assert _codec("writepath.flat").fields is not None
    assert _codec("writepath.hooked").fields is None
    assert validate_payload("writepath.hooked", {"n": 2}) == {"n": 2}
    with pytest.raises(PayloadError, match="n must be even"):
        validate_payload("writepath.hooked", {"n": 3})


values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=5),
                   st.sampled_from(["left", "right", "1", "2.5", "a\tb"]), st.lists(st.integers(), max_size=2))
payloads = st.dictionaries(st.sampled_from(["n", "side", "label", "ratio", "other"]), values, max_size=5)


@given(payloads)
def test_the_fields_validator_accepts_fills_and_refuses_as_the_model_does(payload: dict[str, Any]) -> None:
    try:
        expected = Flat.model_validate(payload).model_dump(mode="json")
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "(payload)"
        for validate in (lambda: validate_payload("writepath.flat", payload),
                         lambda: payload_encoder("writepath.flat")(payload)):
            with pytest.raises(PayloadError) as refused:
                validate()
            assert str(refused.value) == f"writepath.flat: payload field '{field}': {first['msg']}"
        return
    assert validate_payload("writepath.flat", payload) == expected
    assert payload_encoder("writepath.flat")(payload) == canonical_json(expected)  # what record() stores


class Text(str):
    """A str subclass: spelled as its text."""


class Count(IntEnum):
    """An int subclass: spelled as its number."""

    TWO = 2


keys = st.text(st.characters(exclude_categories=["Cs"]), max_size=6)
flat_values = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
               | st.text(st.characters(exclude_categories=["Cs"]), max_size=8) | st.builds(Text, st.text(max_size=3))
               | st.just(Count.TWO) | st.lists(st.integers(), max_size=2))


@given(st.dictionaries(keys, flat_values, max_size=6))
def test_the_flat_object_encoder_spells_what_canonical_json_spells(values: dict[str, Any]) -> None:
    assert object_encoder(values)(values) == canonical_json(values)


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_the_flat_object_encoder_refuses_nan_and_infinities_as_canonical_json_does(bad: float) -> None:
    with pytest.raises(ValueError) as expected:
        canonical_json({"x": bad})
    with pytest.raises(ValueError) as refused:
        object_encoder(["x", "y"])({"x": bad, "y": 1})
    assert str(refused.value) == str(expected.value)


@register_kind("writepath.nan_flat")
class NanFlat(BaseModel):
    """A model that lets NaN through validation (not a Payload): canonical JSON still cannot spell it."""

    x: float


@register_kind("writepath.nan_list")
class NanList(BaseModel):
    """The same with a list, which goes through the model's JSON-mode dump."""

    xs: list[float]


@pytest.mark.parametrize(("kind", "payload"), [("writepath.nan_flat", {"x": float("nan")}),
                                               ("writepath.nan_list", {"xs": [1.0, float("inf")]})])
def test_a_value_canonical_json_cannot_spell_is_a_payload_error_and_uses_no_sequence_number(
        tmp_path: Path, kind: str, payload: dict[str, Any]) -> None:
    with EventLog.in_dir(tmp_path) as log:
        session = log.open_session("test", "P-1")
        with pytest.raises(PayloadError, match=r"payload field '\(payload\)': not representable as canonical JSON"):
            log.record(session.session_id, kind, 5, payload)
        assert log.record(session.session_id, "test.tick", 6, {"n": 1}) == 1

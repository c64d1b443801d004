"""The log's fast paths spell exactly what the general ones do: canonical JSON, the one-step chain hash, and
validation that skips the JSON-mode dump for flat models."""

from __future__ import annotations

import json
from enum import Enum
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, field_serializer

from eventlog.canonical import canonical_json, chain_event, chain_hash, event_bytes
from eventlog.kinds import Payload, _dumps_as_fields, register_kind, validate_payload

GENERAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
text = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | text
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner,
                                                                                                 max_size=4),
                           max_leaves=20)


@given(json_values)
def test_canonical_json_spells_values_as_the_general_encoder_does(value: Any) -> None:
    assert canonical_json(value) == GENERAL.encode(value)


@pytest.mark.parametrize("bad", [float("nan"), {"a": float("inf")}, [1, -float("inf")]])
def test_canonical_json_still_refuses_nan_and_infinities(bad: Any) -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        canonical_json(bad)


def test_canonical_json_refuses_a_cycle_and_an_unknown_type_with_the_encoders_errors() -> None:
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(ValueError):
        canonical_json(cycle)
    with pytest.raises(TypeError, match="not JSON serializable"):
        canonical_json({"when": object()})


@given(text, st.integers(0, 2**40), st.integers(0, 2**62), st.none() | text, st.none() | st.integers(0, 10**6),
       json_values)
def test_chain_event_is_chain_hash_over_event_bytes(session: str, seq: int, t_ns: int, game: str | None,
                                                   trial: int | None, payload: Any) -> None:
    payload_json = canonical_json({"v": payload})
    prev = "ab" * 32
    expected = chain_hash(prev, event_bytes(session, seq, t_ns, "test.kind", game, trial, payload_json))
    assert chain_event(prev, session, seq, t_ns, "test.kind", game, trial, payload_json) == expected


class Colour(Enum):
    RED = "red"


@register_kind("fastpath.flat")
class Flat(Payload):
    """Plain fields only: the validated fields are the dump."""

    n: int
    ratio: float
    label: str | None = None
    side: Literal["left", "right"] = "left"
    ok: bool = True


@register_kind("fastpath.rich")
class Rich(Payload):
    """An enum, a nested list and a custom serialiser: the dump differs from the fields."""

    colour: Colour
    values: list[int]
    stamp: int

    @field_serializer("stamp")
    def _stamp(self, stamp: int) -> str:
        return f"t{stamp}"


class Loose(BaseModel):
    """Extra fields allowed: they live outside the fields, so the dump is needed."""

    model_config = ConfigDict(extra="allow")
    n: int


def test_only_flat_plain_models_skip_the_dump() -> None:
    assert _dumps_as_fields(Flat)
    assert not _dumps_as_fields(Rich)
    assert not _dumps_as_fields(Loose)


@pytest.mark.parametrize("payload", [
    {"n": 3, "ratio": 2}, {"n": "7", "ratio": "1.5", "label": "x", "side": "right", "ok": False},
    {"n": True, "ratio": 1e300, "label": None},
])
def test_flat_validation_returns_what_the_json_dump_would(payload: dict[str, Any]) -> None:
    instance = Flat.model_validate(payload)
    assert validate_payload("fastpath.flat", payload) == instance.model_dump(mode="json")
    assert canonical_json(validate_payload("fastpath.flat", payload)) == GENERAL.encode(
        instance.model_dump(mode="json"))


def test_rich_validation_still_dumps_in_json_mode() -> None:
    data = validate_payload("fastpath.rich", {"colour": "red", "values": [1, 2], "stamp": 5})
    assert data == {"colour": "red", "values": [1, 2], "stamp": "t5"}


@pytest.mark.parametrize("text", ['{"rt":1E310}', '{"x":[-1e999]}'])
def test_a_stored_number_too_large_for_a_float_is_named_not_a_crash(text: str) -> None:
    # json.loads reads 1E310 as an infinity, which canonical JSON then refused with a bare ValueError that
    # reached `hiremate verify-log` as "unexpected ValueError" (found by test_damaged_input's fuzzing)
    from eventlog.errors import ChainBrokenError
    from eventlog.rows import strict_payload

    with pytest.raises(ChainBrokenError, match=r"event 7: field 'payload' is not valid JSON: .* out of range"):
        strict_payload("s", 7, text)


def test_record_of_makes_the_same_frozen_record_and_events_reads_as_iter_events(tmp_path: Any) -> None:
    import dataclasses

    from eventlog import EventLog
    from eventlog.records import EventRecord, record_of

    fields = ("s", 1, 2, "test.kind", "bart", 3, {"a": [1.5]}, "a" * 64, "b" * 64)
    made = record_of(*fields)
    assert made == EventRecord(*fields) and type(made) is EventRecord
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.seq = 5  # type: ignore[misc]  # the point: assigning to a frozen record fails
    with EventLog.in_dir(tmp_path) as log:
        session = log.open_session("test", "P-1")
        log.record(session.session_id, "fastpath.flat", 5, {"n": 1, "ratio": 0.5}, game="bart", trial=2)
        log.close_session(session.session_id, 9)
        assert log.store.events(session.session_id) == list(log.store.iter_events(session.session_id))

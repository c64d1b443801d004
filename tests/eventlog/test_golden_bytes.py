"""The canonical bytes and chain hashes of a fixed set of events never change: golden_chain.json was computed by the
log's code before the write path was made faster (issue 19), so existing logs still verify and re-scoring stays
byte-identical. Never regenerate it to make a test pass: a difference here means stored logs would break."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from eventlog import EventLog, Payload, register_kind
from eventlog.canonical import GENESIS_HASH, canonical_json, chain_event, chain_hash, event_bytes
from eventlog.kinds import validate_payload
from tests.eventlog.helpers import Tick

SESSION = "5f1c2b9e-0d4a-4c1e-9f3b-7a6e2d8c4b10"
GOLDEN = json.loads((Path(__file__).parent / "golden_chain.json").read_text(encoding="utf-8"))


@register_kind("golden.flat")
class GoldenFlat(Payload):
    """Plain fields only (the validator's fast path)."""

    n: int
    ratio: float
    label: str | None = None
    side: Literal["left", "right"] = "left"
    ok: bool = True


class Point(BaseModel):
    """A nested model: its payload goes through the JSON-mode dump."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    x: int
    y: float


@register_kind("golden.nested")
class GoldenNested(Payload):
    """Lists, literals and a nested model."""

    keys: list[Literal["f", "j", "space"]]
    counts: list[int]
    at: Point
    extra: dict[str, float | None] = Field(default_factory=dict)


ODD_TEXT = 'quote " backslash \\ newline \n tab \t nul \x00 del \x7f sep \u2028 é ☃ 日本 🎈'
EVENTS: list[tuple[str, int, Any, str | None, int | None]] = [
    ("test.tick", 1_000, {"n": 0, "label": ""}, None, None),
    ("test.tick", 1_500, {"n": 7}, "bart", 0),
    ("test.tick", 2_000, {"n": "12", "label": "é ☃ 日本 🎈"}, "bart", 1),
    ("test.tick", 2_500, Tick(n=3, label=ODD_TEXT), "bart", 2),
    ("test.values", 3_000, {"numbers": [0.1, 1e-7, 1e16, -0.0, 123456789.125, 1, 2.5e-300, 1.7976931348623157e308],
                            "flags": {"b": True, "a": False, "é": True, "A": False}, "note": None}, "flanker", 12),
    ("test.values", 3_500, {}, None, None),
    ("golden.flat", 4_000, {"n": 2**62, "ratio": 2}, "rt", 3),
    ("golden.flat", 4_001, {"n": -5, "ratio": "1.5", "label": ODD_TEXT, "side": "right", "ok": False}, "rt", 4),
    ("golden.flat", 4_002, GoldenFlat(n=1, ratio=1 / 3, label=None), "rt", 5),
    ("golden.nested", 5_000, {"keys": ["space", "f"], "counts": [], "at": {"x": -1, "y": 0.5},
                              "extra": {"z": None, "a": 1e-5}}, "digit_span", 0),
    ("golden.nested", 5_001, {"keys": [], "counts": [1, -2, 3], "at": Point(x=4, y=2)}, None, 7),
    ("clock.wall_jump", 2**55, {"jump_ns": -2_000_000_000, "wall_utc": "2026-12-03T08:30:00.000001+00:00"}, None,
     None),
    ("session.closed", 2**55 + 1, {"reason": "completed", "event_count": 14}, None, None),
]


def golden_inputs() -> list[tuple[int, str, int, str | None, int | None, dict[str, str]]]:
    """(seq, kind, t_ns, game, trial, golden entry) of every event; seq 0 is the session.opened before them."""
    assert len(GOLDEN) == len(EVENTS)
    return [(seq, kind, t_ns, game, trial, golden)
            for seq, ((kind, t_ns, _payload, game, trial), golden) in enumerate(zip(EVENTS, GOLDEN, strict=True), 1)]


def test_validated_payloads_are_spelled_as_before() -> None:
    for (kind, _t, payload, _g, _tr), golden in zip(EVENTS, GOLDEN, strict=True):
        assert canonical_json(validate_payload(kind, payload)) == golden["payload"], kind


def test_the_chain_from_genesis_has_the_golden_bytes_and_hashes() -> None:
    prev = GENESIS_HASH
    for seq, kind, t_ns, game, trial, golden in golden_inputs():
        canonical = event_bytes(SESSION, seq, t_ns, kind, game, trial, golden["payload"])
        assert canonical == golden["canonical"].encode("utf-8")
        assert hashlib.sha256(prev.encode("ascii") + canonical).hexdigest() == golden["hash"]
        assert chain_hash(prev, canonical) == golden["hash"]
        assert chain_event(prev, SESSION, seq, t_ns, kind, game, trial, golden["payload"]) == golden["hash"]
        prev = golden["hash"]


def test_the_log_stores_the_golden_payloads_and_hashes(tmp_path: Path) -> None:
    with EventLog.in_dir(tmp_path) as log:
        log.open_session("test", "P-golden", session_id=SESSION)
        for kind, t_ns, payload, game, trial in EVENTS[:-1]:
            log.record(SESSION, kind, t_ns, payload, game=game, trial=trial)
        head = log.close_session(SESSION, EVENTS[-1][1])
        rows = list(log.store.iter_rows(SESSION))
    prev = rows[0][8]  # session.opened names this machine's platform and clock, so the golden chain starts after it
    for row, (seq, kind, t_ns, game, trial, golden) in zip(rows[1:], golden_inputs(), strict=True):
        assert row[:7] == (SESSION, seq, t_ns, kind, game, trial, golden["payload"])
        assert row[7] == prev
        assert row[8] == hashlib.sha256((prev + golden["canonical"]).encode("utf-8")).hexdigest()
        prev = row[8]
    assert head == prev

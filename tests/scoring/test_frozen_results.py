"""Every frozen stream re-scores byte for byte with every version that recorded results for it."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from eventlog.records import EventRecord
from scoring import rescore_canonical

FIXTURES = Path(__file__).parent / "fixtures"
FROZEN = sorted(FIXTURES.glob("*.results.json"))


def _events(name: str) -> list[EventRecord]:
    with gzip.open(FIXTURES / f"{name}.events.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [EventRecord.from_json(line) for line in handle if line.strip()]


def _stream_and_version(path: Path) -> tuple[str, str]:
    """`full_session_2.v1_0_0.results.json` -> (full_session_2, 1.0.0); `v1_1_0_frozen` -> (v1_0_0_frozen, 1.1.0)."""
    stem = path.name.removesuffix(".results.json")
    if "." in stem:
        name, version = stem.split(".", 1)
        return name, version[1:].replace("_", ".")
    version = stem.split("_frozen")[0][1:].replace("_", ".")
    return "v1_0_0_frozen", version


def test_there_are_frozen_results_for_every_old_version() -> None:
    versions = {_stream_and_version(p)[1] for p in FROZEN}
    assert {"1.0.0", "1.1.0"} <= versions
    assert len(FROZEN) >= 6


@pytest.mark.parametrize("path", FROZEN, ids=lambda p: p.name)
def test_frozen_results_are_reproduced_byte_for_byte(path: Path) -> None:
    name, version = _stream_and_version(path)
    assert rescore_canonical(_events(name), version) == path.read_bytes()

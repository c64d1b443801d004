"""Same events -> byte-identical canonical JSON, in this process and in a fresh one."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

from scoring import SCORING_VERSION, rescore_canonical, score_session
from tests.scoring.simulate import full_session

ROOT = Path(__file__).resolve().parents[2]
CHILD = """
import hashlib, sys
from scoring import score_session
from tests.scoring.simulate import full_session
sys.stdout.write(hashlib.sha256(score_session(full_session(seed=5)).canonical_json()).hexdigest())
"""


def test_same_stream_twice_gives_identical_bytes() -> None:
    records = full_session(seed=5)
    first = score_session(records).canonical_json()
    second = score_session(list(records)).canonical_json()
    assert first == second
    assert rescore_canonical(records, SCORING_VERSION) == first
    assert json.loads(first)["scoring_version"] == SCORING_VERSION


def test_fresh_process_gives_identical_bytes() -> None:
    here = hashlib.sha256(score_session(full_session(seed=5)).canonical_json()).hexdigest()
    child = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "123", "PATH": "/usr/bin:/bin"})
    assert child.stdout == here


def test_canonical_json_rounds_floats_once() -> None:
    data = json.loads(score_session(full_session(seed=5)).canonical_json())

    def floats(v):  # type: ignore[no-untyped-def]
        if isinstance(v, float):
            yield v
        elif isinstance(v, dict):
            for x in v.values():
                yield from floats(x)
        elif isinstance(v, list):
            for x in v:
                yield from floats(x)

    assert all(round(x, 4) == x for x in floats(data))
    assert "participant" in data and data["participant"] == "P-0001"

"""The BIDS export passes bids-validator (npm, installed by packaging/system-deps.sh test) with no errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from datasets.bids import BidsSink, label, task_label
from tests.datasets.conftest import add_full_sessions, bids_validator, read_table, run_export
from tests.datasets.edge_sessions import edge_session
from tests.sync.sessions import init_station


@pytest.fixture(scope="module")
def mixed_station(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Full sessions (one participant twice), an edge session with pauses and a resume, and a declined-like one."""
    data_dir = tmp_path_factory.mktemp("bids") / "station"
    init_station(data_dir)
    add_full_sessions(data_dir, ["P-1a2b3c4d", "P-1a2b3c4d", "SIM-99aa88bb"])
    edge_session(data_dir)
    return data_dir


def validate(root: Path) -> dict[str, list[dict[str, object]]]:
    done = subprocess.run([*bids_validator(), str(root), "--json", "--no-color"], capture_output=True, text=True,
                          timeout=300, check=False)
    start = done.stdout.find("{")
    assert start >= 0, f"bids-validator printed no JSON (exit {done.returncode}): {done.stderr[-2000:]}"
    report = json.loads(done.stdout[start:])
    return report["issues"]


def test_bids_export_has_no_validator_errors(mixed_station: Path, tmp_path: Path) -> None:
    run_export(mixed_station, tmp_path / "bids", "bids")
    issues = validate(tmp_path / "bids")
    assert issues["errors"] == [], json.dumps(issues["errors"], indent=1)[:4000]
    # Warnings that describe the data, not the export: no dataset authors (a station has none to name), and
    # participants with different numbers of sessions or games.
    expected = {"NO_AUTHORS", "MISSING_SESSION", "INCONSISTENT_SUBJECTS"}
    assert {w["key"] for w in issues["warnings"]} <= expected, [w["key"] for w in issues["warnings"]]


def test_layout_labels_and_sessions(mixed_station: Path, tmp_path: Path) -> None:
    run_export(mixed_station, tmp_path / "bids", "bids")
    root = tmp_path / "bids"
    participants = read_table(root / "participants.tsv")
    assert {(p["participant_id"], p["pseudonym"]) for p in participants} == {
        ("sub-P1a2b3c4d", "P-1a2b3c4d"), ("sub-SIM99aa88bb", "SIM-99aa88bb"), ("sub-P0edge0001", "P-0edge0001")}
    sessions = read_table(root / "sub-P1a2b3c4d" / "sub-P1a2b3c4d_sessions.tsv")
    assert [s["session_id"] for s in sessions] == ["ses-1", "ses-2"]
    assert sorted(p.name for p in (root / "sub-P1a2b3c4d" / "ses-2" / "beh").glob("*.tsv")) == [
        f"sub-P1a2b3c4d_ses-2_task-{t}.tsv" for t in ("bart_beh", "bart_events", "cardmatch_beh", "choicert_beh",
                                                     "decision_beh", "decision_events", "digitspan_beh", "effort_beh",
                                                     "faces_beh", "flanker_beh", "gonogo_beh", "igt_beh", "money_beh",
                                                     "simplert_beh", "stopsignal_beh", "tower_beh")]
    beh = root / "sub-P1a2b3c4d" / "ses-1" / "beh" / "sub-P1a2b3c4d_ses-1_task-bart_beh"
    sidecar = json.loads(beh.with_suffix(".json").read_text(encoding="utf-8"))
    header = beh.with_suffix(".tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")
    assert sidecar["TaskName"] == "bart" and set(header) <= set(sidecar)


def test_labels_are_deterministic_and_distinct(tmp_path: Path) -> None:
    assert label("P-1a2b3c4d") == "P1a2b3c4d" and task_label("go_nogo") == "gonogo"
    sink = BidsSink(tmp_path, "test")
    first, clash, empty = sink._label("P-1a"), sink._label("P1a"), sink._label("--")
    assert first == "P1a" and clash.startswith("P1ax") and len(clash) == 12 and empty.startswith("x")
    assert sink._label("P1a") == clash and clash.isalnum() and empty.isalnum()

"""Resumed, paused and ignored-input trials appear once each, flagged, in every table format."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.datasets.conftest import read_table, run_export
from tests.datasets.edge_sessions import FREEZE_MS, edge_session
from tests.sync.sessions import init_station


@pytest.fixture(scope="module")
def edge_station(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    data_dir = tmp_path_factory.mktemp("edge") / "station"
    init_station(data_dir)
    return data_dir, edge_session(data_dir)


def _rows(out: Path, fmt: str, table: str, game: str) -> list[dict[str, str]]:
    if fmt == "bids":
        task = game.replace("_", "")
        suffix = "events" if table == "bart_pumps" else "beh"
        return [r for p in sorted(out.glob(f"sub-*/ses-*/beh/*_task-{task}_{suffix}.tsv")) for r in read_table(p)]
    return [r for r in read_table(out / f"{table}.{fmt}") if r["game"] == game]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "bids"])
def test_each_trial_appears_once_with_its_flags(fmt: str, edge_station: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, sid = edge_station
    run_export(data_dir, tmp_path / fmt, fmt, sid)
    rt = {r["trial"]: r for r in _rows(tmp_path / fmt, fmt, "rt_trials", "simple_rt")}
    assert len(_rows(tmp_path / fmt, fmt, "rt_trials", "simple_rt")) == 4 == len(rt)
    flags = {t: (r["attempts"], r["paused"], r["repeated_after_resume"], r["ignored_inputs"]) for t, r in rt.items()}
    assert flags == {"1": ("1", "false", "false", "0"), "2": ("2", "true", "false", "0"),
                     "3": ("1", "false", "false", "2"), "4": ("2", "false", "true", "0")}
    assert rt["2"]["paused_ms"] == f"{FREEZE_MS}.0"
    assert [rt[t]["latency_ms"] for t in "1234"] == ["300.000123", "300.000123", "250.0", "300.000123"]
    assert rt["3"]["qt_event_ms"] == "77"
    balloon = _rows(tmp_path / fmt, fmt, "bart_balloons", "bart")
    assert [(b["trial"], b["pumps"], b["paused"], b["paused_ms"], b["ignored_inputs"]) for b in balloon] == [
        ("1", "2", "true", f"{FREEZE_MS}.0", "1")]
    assert [p["pump"] for p in _rows(tmp_path / fmt, fmt, "bart_pumps", "bart")] == ["1", "2"]


def test_the_summary_counts_the_resume_and_the_freezes(edge_station: tuple[Path, str], tmp_path: Path) -> None:
    data_dir, sid = edge_station
    run_export(data_dir, tmp_path / "csv", "csv", sid)
    [row] = read_table(tmp_path / "csv" / "sessions.csv")
    assert (row["resumes"], row["freezes"], row["frozen_ms"]) == ("1", "2", f"{2 * FREEZE_MS}.0")
    assert row["quality_interruptions_raised"] == "true"

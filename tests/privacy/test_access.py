"""The access record: every CLI read of a candidate's data (score, report, bundle export, data export) leaves one
row per session in the privacy audit table; exports after an erasure no longer hold the erased participant, and
the tombstone names the bundle that had already left."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventlog import Store
from kiosk.cli import main
from tests.reports.station import station_with_candidates


@pytest.fixture
def station(data_dir: Path) -> dict[str, str]:
    return station_with_candidates(data_dir)


def hm(data_dir: Path, *argv: str) -> int:
    return main(["--data-dir", str(data_dir), *argv])


def reads(data_dir: Path) -> list[tuple[str, str, str]]:
    with Store.in_dir(data_dir) as store:
        return [(action, subject, actor.split(":")[0]) for action, subject, actor in store.conn.execute(
            "SELECT action, subject, actor FROM privacy_audit WHERE action LIKE 'read.%' ORDER BY n")]


def test_each_read_of_a_candidate_leaves_one_access_row(data_dir: Path, station: dict[str, str], tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert hm(data_dir, "score", "P-7K3Q") == 0
    assert hm(data_dir, "report", "P-7K3Q", "P-5RTC", "--compare", "--html", str(tmp_path / "r.html")) == 0
    assert hm(data_dir, "export", "P-5RTC", "-o", str(tmp_path / "bundles")) == 0
    assert hm(data_dir, "data", "export", "P-7K3Q", "--format", "jsonl", "-o", str(tmp_path / "data")) == 0
    assert reads(data_dir) == [("read.score", "P-7K3Q", "recruiter"), ("read.report", "P-7K3Q", "recruiter"),
                               ("read.report", "P-5RTC", "recruiter"), ("read.export", "P-5RTC", "proctor"),
                               ("read.data_export", "P-7K3Q", "researcher")]
    capsys.readouterr()
    assert hm(data_dir, "privacy", "audit", "--action", "read", "--participant", "P-5RTC", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["action"] for row in rows] == ["read.report", "read.export"]
    assert rows[1]["detail"] == {"session_id": station["P-5RTC"], "output": str(tmp_path / "bundles")}


def test_exports_after_an_erasure_leave_the_participant_out_and_the_tombstone_names_the_copy(
        data_dir: Path, station: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert hm(data_dir, "export", "P-5RTC", "-o", str(tmp_path / "early")) == 0
    assert hm(data_dir, "privacy", "erase", "P-5RTC", "--reason", "request 7") == 0
    out = capsys.readouterr().out
    assert "not recalled (already left the station): bundle written to " + str(tmp_path / "early") in out
    assert hm(data_dir, "export", "--all", "-o", str(tmp_path / "later"), "--json") == 0
    written = json.loads(capsys.readouterr().out)["written"]
    assert written and not any(station["P-5RTC"] in name for name in written)
    assert hm(data_dir, "data", "export", "--all", "--format", "jsonl", "-o", str(tmp_path / "data")) == 0
    capsys.readouterr()
    text = "".join(path.read_text() for path in (tmp_path / "data").rglob("*") if path.is_file())
    assert station["P-7K3Q"] in text and station["P-5RTC"] not in text and "P-5RTC" not in text
    assert hm(data_dir, "report", "P-5RTC", "--html", str(tmp_path / "x.html")) == 1
    assert hm(data_dir, "score", "P-5RTC") == 1

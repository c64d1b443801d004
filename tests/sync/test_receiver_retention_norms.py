"""Norm tables record the sessions they used, so they can be rebuilt after an erasure: `norms check` (against the
station's tombstones) and `receiver norms check` (against what the receiver stores, its erasure records in the
access log and its retention purges) name each session that has gone, and exit 1 while any has."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from eventlog import Store
from kiosk.cli import main
from sync.bundle import build_bundle
from sync.identity import load_identity
from sync.receiver.access_log import Accessor, record_access
from tests.reports.station import station_with_candidates
from tests.sync.conftest import Receiver

pytestmark = pytest.mark.slow


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def candidates(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A station with four scored candidate sessions (and a declined one)."""
    station = tmp_path / "branch"
    return station, station_with_candidates(station)


def test_station_norm_table_names_its_sessions_and_sees_an_erasure(candidates: tuple[Path, dict[str, str]],
                                                                   tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    station, ids = candidates
    table = tmp_path / "norms.toml"
    at = ["--data-dir", str(station)]
    assert _cli(capsys, *at, "norms", "build", "--all", "--group", "test group", "-o", str(table))[0] == 0
    used = tomllib.loads(table.read_text(encoding="utf-8"))["sessions"]
    assert ids["P-7K3Q"] in used and ids["P-5RTC"] in used and ids["P-9XW2"] not in used  # declined: left out
    status, out, _ = _cli(capsys, *at, "norms", "check", str(table))
    assert status == 0 and "every session it used is still held at this station" in out
    assert _cli(capsys, *at, "privacy", "erase", "--session", ids["P-5RTC"], "--reason", "withdrawn")[0] == 0
    status, out, _ = _cli(capsys, *at, "norms", "check", str(table))
    assert status == 1 and f"  {ids['P-5RTC']}: erased at 20" in out
    assert f"1 of the {len(used)} sessions are no longer held at this station: rebuild" in out
    status, out, _ = _cli(capsys, *at, "norms", "check", str(table), "--json")
    report = json.loads(out)
    assert status == 1 and report["rebuild"] is True
    states = {row["session_id"]: row["state"] for row in report["sessions"]}
    assert states == {sid: "erased" if sid == ids["P-5RTC"] else "held" for sid in used}


def test_a_bad_norm_file_gets_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bad.toml").write_text("group = ", encoding="utf-8")
    status, _, err = _cli(capsys, "--data-dir", str(tmp_path), "norms", "check", str(tmp_path / "bad.toml"))
    assert status == 2 and "bad.toml: cannot read TOML" in err and len(err.strip().splitlines()) == 1
    status, _, err = _cli(capsys, "--data-dir", str(tmp_path), "norms", "check", str(tmp_path / "none.toml"))
    assert status == 2 and "no such norm table" in err


def test_receiver_norm_table_sees_erased_purged_and_vanished_sessions(
        candidates: tuple[Path, dict[str, str]], receiver_factory: object, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    station, ids = candidates
    receiver: Receiver = receiver_factory(enroll=[station])  # type: ignore[operator]
    held = [ids["P-7K3Q"], ids["P-5RTC"], ids["P-2MNB"]]
    with Store.in_dir(station) as store:
        for sid in held:
            answer = httpx.post(receiver.url + "/api/v1/bundles", content=build_bundle(store, sid, load_identity(
                station)), headers={"Content-Type": "application/zip"}, timeout=30)
            assert answer.status_code == 201
    table, db = tmp_path / "receiver-norms.toml", ["--db", receiver.db]
    assert _cli(capsys, "receiver", "norms", "build", *held, "--group", "g", "-o", str(table), *db)[0] == 0
    assert sorted(tomllib.loads(table.read_text(encoding="utf-8"))["sessions"]) == sorted(held)
    assert _cli(capsys, "receiver", "norms", "check", str(table), *db)[0] == 0
    storage = receiver.storage
    with storage._tx() as sql:  # type: ignore[attr-defined]  # an erasure as the erasure code records it
        bundle_id = sql.one("SELECT id FROM bundles WHERE session_id = ?", (ids["P-7K3Q"],))[0]
        sql.run("DELETE FROM events WHERE bundle_id = ?", (bundle_id,))
        sql.run("DELETE FROM bundles WHERE id = ?", (bundle_id,))
        record_access(sql, Accessor(None, "station request", "erasure"), "erasure", [ids["P-7K3Q"]])
    storage.set_session_days(1, "operator:test")
    late = datetime.now(UTC) + timedelta(days=2)
    for h in storage.held():
        if h.session_id == ids["P-5RTC"]:
            storage._purge_one(h, 1, "test", late)  # type: ignore[attr-defined]
    with storage._tx() as sql:  # type: ignore[attr-defined]  # gone without any record (a hand-made deletion)
        bundle_id = sql.one("SELECT id FROM bundles WHERE session_id = ?", (ids["P-2MNB"],))[0]
        sql.run("DELETE FROM events WHERE bundle_id = ?", (bundle_id,))
        sql.run("DELETE FROM bundles WHERE id = ?", (bundle_id,))
    status, out, _ = _cli(capsys, "receiver", "norms", "check", str(table), "--json", *db)
    states = {row["session_id"]: (row["state"], bool(row["when_utc"])) for row in json.loads(out)["sessions"]}
    assert status == 1 and states == {ids["P-7K3Q"]: ("erased", True), ids["P-5RTC"]: ("purged", True),
                                      ids["P-2MNB"]: ("gone", False)}
    status, out, _ = _cli(capsys, "receiver", "norms", "check", str(table), *db)
    assert status == 1 and "3 of the 3 sessions are no longer held by the receiver" in out
    assert "purged by retention at " + late.isoformat(timespec="microseconds") in out
    assert f"{ids['P-2MNB']}: no longer stored (no record of why)" in out


def test_receiver_norms_check_reads_the_erasures_table(candidates: tuple[Path, dict[str, str]],
                                                      receiver_factory: object, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sync.receiver.erasure", reason="the receiver's erasures table (schema 4) is not here")
    station, ids = candidates
    receiver: Receiver = receiver_factory(enroll=[station])  # type: ignore[operator]
    held = [ids["P-7K3Q"], ids["P-5RTC"]]
    with Store.in_dir(station) as store:
        for sid in held:
            answer = httpx.post(receiver.url + "/api/v1/bundles", content=build_bundle(store, sid, load_identity(
                station)), headers={"Content-Type": "application/zip"}, timeout=30)
            assert answer.status_code == 201
    table, db = tmp_path / "norms.toml", ["--db", receiver.db, "--data-dir", str(tmp_path / "receiver-home")]
    assert _cli(capsys, "receiver", "norms", "build", *held, "--group", "g", "-o", str(table), *db)[0] == 0
    assert _cli(capsys, "receiver", "erase", "--session", ids["P-5RTC"], "--reason", "withdrawn", *db)[0] == 0
    status, out, _ = _cli(capsys, "receiver", "norms", "check", str(table), "--json", *db)
    states = {row["session_id"]: row["state"] for row in json.loads(out)["sessions"]}
    assert status == 1 and states == {ids["P-7K3Q"]: "held", ids["P-5RTC"]: "erased"}
    (row,) = [row for row in receiver.storage.access_rows(session_id=ids["P-5RTC"]) if row.route == "erasure"]
    assert row.via == "erasure" and row.token_label.startswith("receiver:")  # ERASURE_HOOKS holds record_erasure

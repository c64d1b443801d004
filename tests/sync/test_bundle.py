"""Bundles: deterministic signed zips, pseudonyms only, openssl-verifiable, and `hiremate verify` per check."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from eventlog import Store
from kiosk.cli import main
from sync.bundle import build_bundle, read_bundle
from sync.errors import ExportError
from sync.identity import key_paths, load_identity
from sync.protocol import MEMBERS
from sync.stored_results import stored_results
from sync.verify import verify_bundle
from tests.sync.conftest import session_ids
from tests.sync.sessions import init_station, make_sessions
from tests.sync.tamper import members_of, rebuild, resign


def _bundle(station: Path, index: int = 0) -> bytes:
    with Store.in_dir(station) as store:
        return build_bundle(store, session_ids(station)[index], load_identity(station))


def _verify_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict]:
    capsys.readouterr()
    status = main(["verify", "--json", *args])
    return status, json.loads(capsys.readouterr().out)


def _statuses(result: dict) -> dict[str, str]:
    return {c["check"]: c["status"] for c in result["bundles"][0]["checks"]}


def test_same_session_gives_byte_identical_bundles(station: Path) -> None:
    assert _bundle(station) == _bundle(station)
    assert _bundle(station, 0) != _bundle(station, 1)


def test_bundle_members_and_manifest_fields(station: Path) -> None:
    data = _bundle(station)
    members = members_of(data)
    assert sorted(members) == sorted(MEMBERS)
    manifest = json.loads(members["manifest.json"])
    identity = load_identity(station)
    sid = session_ids(station)[0]
    with Store.in_dir(station) as store:
        row = store.session(sid)
        events = store.events(sid)
    assert manifest["station"] == {"id": identity.station_id, "public_key": identity.public_hex}
    assert manifest["session"]["participant"] == row.participant
    assert manifest["events"] == {"count": row.event_count, "chain_head": row.chain_head}
    assert manifest["versions"]["app"] == row.app_version
    assert members["events.jsonl"].decode().splitlines() == [e.to_json() for e in events]
    assert len(members["manifest.sig"]) == 64
    with Store.in_dir(station) as store:
        assert members["results.json"] == stored_results(store, sid, manifest["versions"]["scoring"])


def test_bundle_carries_the_pseudonym_never_the_name_or_email(station: Path) -> None:
    with Store.in_dir(station) as store:
        participant = store.session(session_ids(station)[0]).participant
        store.conn.execute("INSERT INTO people VALUES (?, ?, ?, ?)",
                           (participant, "Ada Lovelace", "ada@example.org", datetime.now(UTC).isoformat()))
    data = _bundle(station)
    assert participant.encode() in members_of(data)["manifest.json"]
    for member in members_of(data).values():
        assert b"Ada Lovelace" not in member and b"ada@example.org" not in member


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl binary")
def test_stock_openssl_verifies_the_manifest_signature(station: Path, tmp_path: Path) -> None:
    members = members_of(_bundle(station))
    for name in ("manifest.json", "manifest.sig"):
        (tmp_path / name).write_bytes(members[name])
    shutil.copy(key_paths(station)[1], tmp_path / "station.pub.pem")
    command = ["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "station.pub.pem", "-rawin",
               "-in", "manifest.json", "-sigfile", "manifest.sig"]
    good = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    assert "Signature Verified Successfully" in good.stdout
    (tmp_path / "manifest.json").write_bytes(members["manifest.json"].replace(b"P-0000", b"P-9999"))
    bad = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode != 0


def test_export_writes_bundles_that_verify(station: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "usb"
    assert main(["--data-dir", str(station), "export", "--all", "-o", str(out)]) == 0
    files = sorted(out.iterdir())
    assert len(files) == 3
    status, result = _verify_cli(capsys, *map(str, files), "--key", str(key_paths(station)[1]))
    assert status == 0 and result["ok"]
    assert all(set(_statuses({"bundles": [b]}).values()) == {"pass"} for b in result["bundles"])


def test_export_refuses_unknown_and_incomplete_sessions_writing_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "st"
    init_station(directory)
    done = make_sessions(directory, 1)
    abandoned = make_sessions(directory, 1, reason="abandoned")
    out = tmp_path / "usb"
    capsys.readouterr()
    status = main(["--data-dir", str(directory), "export", done[0], abandoned[0], "no-such-id", "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 1
    assert f"{abandoned[0]}: not completed (status: abandoned)" in err and "no-such-id: no such session" in err
    assert not out.exists()
    with Store.in_dir(directory) as store, pytest.raises(ExportError, match="not completed"):
        build_bundle(store, abandoned[0], load_identity(directory))


def test_export_all_skips_practice_and_incomplete_sessions(tmp_path: Path) -> None:
    directory = tmp_path / "st"
    init_station(directory)
    done = make_sessions(directory, 2)
    make_sessions(directory, 1, reason="abandoned")
    from eventlog import EventLog

    with EventLog.in_dir(directory) as log:
        practice = log.open_session(purpose="practice", participant="practice")
        log.close_session(practice.session_id, 10, reason="practice_done")
    out = tmp_path / "usb"
    assert main(["--data-dir", str(directory), "export", "--all", "-o", str(out)]) == 0
    assert sorted(p.name.split(".")[0] for p in out.iterdir()) == sorted(done)


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_verify_names_the_failed_check_for_each_tampering(
    station: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _bundle(station)
    members = members_of(data)
    identity = load_identity(station)
    other = tmp_path / "other"
    init_station(other)
    cases = {
        "members chain": rebuild(data, events_jsonl=members["events.jsonl"].replace(b'"answer":0', b'"answer":3', 1)),
        "signature": rebuild(data, manifest_json=members["manifest.json"].replace(b'"closed_utc": "2',
                                                                                  b'"closed_utc": "1')),
        "signature chain": rebuild(data, manifest_json=members["manifest.json"].replace(b"P-0000", b"P-0042")),
        # a manifest signed by the station key that contradicts its own events (an edited sessions row)
        "chain (participant)": resign(data, identity, edit=lambda m: m["session"].update(participant="P-0042")),
        "chain": resign(data, identity, events_jsonl=b"".join(members["events.jsonl"].splitlines(True)[:-1])),
        "results": resign(data, identity, results_json=members["results.json"].replace(b'"strengths":[]',
                                                                                        b'"strengths":["x"]')),
    }
    wrong_key = rebuild(data, manifest_sig=load_identity(other).sign(members["manifest.json"]))
    cases["signature (other-key)"] = wrong_key
    for expected, bundle in cases.items():
        status, result = _verify_cli(capsys, _write(tmp_path, "b.zip", bundle))
        failed = [name for name, state in _statuses(result).items() if state == "fail"]
        wanted = [word for word in expected.split(" ") if not word.startswith("(")]
        assert status == 1 and failed == wanted, (expected, result)


def test_verify_with_key_refuses_a_bundle_signed_by_another_station(
    station: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    init_station(other)
    foreign = resign(_bundle(station), load_identity(other),
                     edit=lambda m: m["station"].update(public_key=load_identity(other).public_hex))
    assert verify_bundle(foreign).verdict == "untrusted"
    assert verify_bundle(foreign, trusted=[load_identity(other).public_raw]).ok
    status, result = _verify_cli(capsys, _write(tmp_path, "f.zip", foreign), "--key", str(key_paths(station)[1]))
    assert status == 1 and _statuses(result)["station"] == "fail"


def test_verify_reports_unreadable_and_non_bundle_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, result = _verify_cli(capsys, str(tmp_path / "missing.zip"), _write(tmp_path, "x.zip", b"not a zip"))
    assert status == 1
    assert [b["checks"][0]["status"] for b in result["bundles"]] == ["fail", "fail"]
    assert "not a zip file" in result["bundles"][1]["checks"][0]["detail"]


def test_read_bundle_names_the_bad_manifest_field(station: Path) -> None:
    data = _bundle(station)
    manifest = json.loads(members_of(data)["manifest.json"])
    manifest["events"]["count"] = "many"
    broken = rebuild(data, manifest_json=json.dumps(manifest).encode())
    from sync.errors import BundleFormatError

    with pytest.raises(BundleFormatError, match=r"manifest\.json: field 'events\.count'"):
        read_bundle(broken)

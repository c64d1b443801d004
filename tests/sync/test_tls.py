"""HTTPS between station and receiver: a self-signed cert from `receiver make-cert`, `sync run --ca-file`, refusals."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from eventlog import Store
from kiosk.cli import main
from sync.identity import key_paths
from sync.outbox import item, items, read_item_bytes
from sync.receiver import free_port
from sync.receiver.tls import CERT_FILE, KEY_FILE
from sync.trust import client_verify
from sync.worker import SyncWorker
from tests.sync.conftest import Receiver, assert_synced, session_ids


def make_cert(directory: Path, *hosts: str) -> tuple[Path, Path]:
    """The real `hiremate receiver make-cert --host ... -o directory`; return (certificate, key)."""
    host_args = [arg for host in hosts for arg in ("--host", host)]
    assert main(["receiver", "make-cert", *host_args, "-o", str(directory)]) == 0
    return directory / CERT_FILE, directory / KEY_FILE


@pytest.fixture
def tls_pair(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for localhost and 127.0.0.1, and its key."""
    return make_cert(tmp_path / "tls", "localhost", "127.0.0.1")


def _sync(station: Path, *args: str) -> int:
    return main(["--data-dir", str(station), "sync", *args])


def test_make_cert_writes_an_owner_only_key_and_names_the_hosts(
    tls_pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert, key = tls_pair
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert b"BEGIN CERTIFICATE" in cert.read_bytes() and b"PRIVATE KEY" not in cert.read_bytes()
    capsys.readouterr()
    assert main(["receiver", "make-cert", "--host", "receiver.lan", "--host", "192.168.1.20", "-o",
                 str(tmp_path / "lan"), "--json"]) == 0
    made = json.loads(capsys.readouterr().out)
    assert made["names"] == ["receiver.lan", "192.168.1.20"] and not made["expired"]
    assert main(["receiver", "make-cert", "--host", "receiver.lan", "-o", str(tmp_path / "lan")]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["receiver", "make-cert", "-o", str(tmp_path / "none")]) == 2
    assert "--host" in capsys.readouterr().err


def test_https_upload_and_read_with_the_ca_file(
    station: Path, receiver_factory: object, tls_pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    receiver: Receiver = receiver_factory(enroll=[station], tls=tls_pair)  # type: ignore[operator]
    assert receiver.url.startswith("https://127.0.0.1:")
    assert _sync(station, "run", "--endpoint", receiver.url, "--ca-file", str(tls_pair[0])) == 0
    assert "3 delivered" in capsys.readouterr().out
    assert_synced(station, receiver, session_ids(station))  # reads over HTTPS with the token
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        httpx.get(receiver.url + "/healthz", timeout=10)  # the system trust store does not know the cert


def test_untrusted_server_is_refused_and_nothing_is_lost(
    station: Path, receiver_factory: object, tls_pair: tuple[Path, Path], tmp_path: Path,
    capsys: pytest.CaptureFixture[str]
) -> None:
    receiver: Receiver = receiver_factory(enroll=[station], tls=tls_pair)  # type: ignore[operator]
    other_cert, _ = make_cert(tmp_path / "other", "localhost", "127.0.0.1")
    capsys.readouterr()
    for extra in ([], ["--ca-file", str(other_cert)]):  # the system store, then a different self-signed cert
        assert _sync(station, "run", "--endpoint", receiver.url, *extra) == 1
        err = capsys.readouterr().err
        assert "certificate is not trusted" in err and "hiremate sync set-ca FILE" in err
    with Store.in_dir(station) as store:
        rows = items(store)
        assert [row.state for row in rows] == ["pending"] * 3
        assert rows[0].attempts == 2 and "certificate is not trusted" in (rows[0].last_error or "")
        for row in rows:
            read_item_bytes(store, row)  # the bundle file is intact and still matches its hash
    assert receiver.get("/api/v1/sessions").json() == []
    assert _sync(station, "run", "--endpoint", receiver.url, "--ca-file", str(tls_pair[0])) == 0
    assert_synced(station, receiver, session_ids(station))


def test_a_certificate_for_another_host_is_refused(
    station: Path, receiver_factory: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pair = make_cert(tmp_path / "elsewhere", "receiver.example")
    receiver: Receiver = receiver_factory(enroll=[station], tls=pair)  # type: ignore[operator]
    capsys.readouterr()
    assert _sync(station, "run", "--endpoint", receiver.url, "--ca-file", str(pair[0])) == 1
    assert "certificate is not trusted" in capsys.readouterr().err
    with Store.in_dir(station) as store:
        assert {row.state for row in items(store)} == {"pending"}


def test_saved_ca_file_is_used_by_the_cli_and_the_worker(
    station: Path, receiver_factory: object, tls_pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    receiver: Receiver = receiver_factory(enroll=[station], tls=tls_pair)  # type: ignore[operator]
    assert _sync(station, "set-endpoint", receiver.url) == 0
    assert _sync(station, "set-ca", str(tls_pair[0])) == 0
    assert "trusts only" in capsys.readouterr().out
    assert _sync(station, "status", "--json") == 0
    status = json.loads(capsys.readouterr().out)
    assert status["ca"][0]["names"] == ["localhost", "127.0.0.1"]
    ids = session_ids(station)
    with Store.in_dir(station) as store:
        from kiosk.services.stationdb import StationDb

        saved = StationDb(store).sync_ca_pem()
    worker = SyncWorker(Store.in_dir(station).path, receiver.url, ca_pem=saved, idle_s=0.2).start()
    try:
        deadline = time.monotonic() + 60  # stops a hung test only; measures nothing
        while not all(_state(station, sid) == "delivered" for sid in ids):
            assert time.monotonic() < deadline, "worker did not deliver over HTTPS"
            time.sleep(0.02)
    finally:
        worker.stop()
    assert worker.failure is None
    assert_synced(station, receiver, ids)
    assert _sync(station, "run") == 0  # the saved endpoint and certificate; nothing left to send
    assert _sync(station, "set-ca", "") == 0
    assert "system trust store" in capsys.readouterr().out


def _state(station: Path, sid: str) -> str | None:
    with Store.in_dir(station) as store:
        row = item(store, sid)
    return row.state if row else None


def test_sync_ca_file_errors(station: Path, tls_pair: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    cert, key = tls_pair
    cases = [
        (["run", "--endpoint", "https://127.0.0.1:1", "--ca-file", str(cert.parent / "missing.pem")],
         f"--ca-file {cert.parent / 'missing.pem'}: no such file"),
        (["run", "--endpoint", "https://127.0.0.1:1", "--ca-file", str(key)], "looks like a private key"),
        (["run", "--endpoint", "http://127.0.0.1:1", "--ca-file", str(cert)], "--ca-file is for https:// endpoints"),
        (["set-ca", str(cert.parent)], f"certificate {cert.parent}: is a folder"),
    ]
    for args, message in cases:
        assert _sync(station, *args) == 2, args
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1, err
    with Store.in_dir(station) as store:
        assert items(store) == []  # nothing was queued or attempted


@pytest.mark.parametrize("case", ["missing_cert", "missing_key", "folder", "cert_as_key", "key_as_cert",
                                  "mismatched", "garbage", "world_readable_key", "only_cert", "only_key"])
def test_serve_refuses_bad_tls_files_with_one_line_naming_the_file(
    case: str, tls_pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert, key = tls_pair
    _, other_key = make_cert(tmp_path / "other", "localhost")
    garbage = tmp_path / "garbage.pem"
    garbage.write_text("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n")
    loose = tmp_path / "loose.key.pem"
    loose.write_bytes(key.read_bytes())
    loose.chmod(0o644)
    missing = tmp_path / "missing.pem"
    cases = {
        "missing_cert": ([missing, key], f"--tls-cert {missing}: no such file"),
        "missing_key": ([cert, missing], f"--tls-key {missing}: no such file"),
        "folder": ([tmp_path, key], f"--tls-cert {tmp_path}: is a folder"),
        "cert_as_key": ([cert, cert], f"--tls-key {cert}: no PEM private key"),
        "key_as_cert": ([key, key], f"--tls-cert {key}: no PEM certificate"),
        "mismatched": ([cert, other_key], f"--tls-key {other_key}: this key does not match the certificate in {cert}"),
        "garbage": ([garbage, key], f"--tls-cert {garbage}: malformed PEM certificate"),
        "world_readable_key": ([cert, loose], f"--tls-key {loose}: the private key is readable by every user"),
        "only_cert": ([cert, None], "--tls-cert needs --tls-key too"),
        "only_key": ([None, key], "--tls-key needs --tls-cert too"),
    }
    (given_cert, given_key), message = cases[case]
    args = ["--db", str(tmp_path / "r.sqlite3"), "--port", str(free_port())]
    args += ["--tls-cert", str(given_cert)] if given_cert else []
    args += ["--tls-key", str(given_key)] if given_key else []
    capsys.readouterr()
    assert main(["receiver", "serve", *args]) == 2  # returns: the check runs before uvicorn would start serving
    err = capsys.readouterr().err
    assert err.startswith("hiremate receiver serve: ") and message in err and err.count("\n") == 1, err


def test_serve_command_serves_https_with_read_tokens(
    station: Path, tls_pair: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert, key = tls_pair
    db = tmp_path / "served.sqlite3"
    assert main(["receiver", "enroll", str(key_paths(station)[1]), "--db", str(db)]) == 0
    assert main(["receiver", "token", "create", "--label", "test", "--db", str(db), "--json"]) == 0
    out = capsys.readouterr().out
    token = json.loads(out[out.index("{"):])["token"]
    port = free_port()
    url = f"https://127.0.0.1:{port}"
    process = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "receiver", "serve", "--db", str(db),
                                "--port", str(port), "--tls-cert", str(cert), "--tls-key", str(key)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        _wait_healthy(url, cert, process)
        assert _sync(station, "run", "--endpoint", url, "--ca-file", str(cert)) == 0
        verify = client_verify(cert.read_text())
        listed = httpx.get(url + "/api/v1/sessions", headers={"Authorization": f"Bearer {token}"}, verify=verify)
        assert sorted(row["session_id"] for row in listed.json()) == sorted(session_ids(station))
        assert httpx.get(url + "/api/v1/sessions", verify=verify).status_code == 401
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=30)
    assert f"HireMate receiver on {url}" in output and "TLS certificate:" in output


def _wait_healthy(url: str, cert: Path, process: subprocess.Popen[str]) -> None:
    """Poll /healthz over HTTPS until the subprocess serves (the limit only stops a hung test)."""
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, process.communicate()[0]
        try:
            if httpx.get(url + "/healthz", verify=client_verify(cert.read_text()), timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the receiver did not start"
        time.sleep(0.05)


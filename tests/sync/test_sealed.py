"""Bundles encrypted for the receiver (age): the receiver's identity and published recipient, the station's saved
recipient, an outbox that holds only encrypted bundles, exports with an explicit --plain opt-out, the stock age
tool decrypting what the station wrote and openssl verifying the signature inside."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import httpx
import pytest

from eventlog import Store
from kiosk.cli import main
from sync.bundle import build_bundle, bundle_sha256
from sync.client import SyncClient
from sync.errors import SealError
from sync.identity import key_paths, load_identity
from sync.outbox import enqueue_completed, items, read_item_bytes
from sync.receiver import create_app, ingest
from sync.receiver.admin import recipient_info
from sync.receiver.recipient import IDENTITY_FILE, receiver_identity
from sync.recipient import fetch_recipient, load_recipient, save_recipient
from sync.sealing import MAX_STANZAS, is_sealed, seal, unseal
from tests.sync.conftest import Receiver, session_ids
from tests.sync.sessions import make_sessions


def _identity_file(receiver: Receiver) -> Path:
    return receiver.beside_db.parent / IDENTITY_FILE


def _plain(station: Path, sid: str) -> bytes:
    with Store.in_dir(station) as store:
        return build_bundle(store, sid, load_identity(station))


def _save(station: Path, recipient: str | None) -> None:
    with Store.in_dir(station) as store:
        save_recipient(store, recipient)


def test_the_receiver_publishes_its_recipient_and_keeps_its_identity_owner_only(receiver: Receiver) -> None:
    answer = httpx.get(receiver.url + "/api/v1/recipient", timeout=10)  # no token
    assert answer.status_code == 200
    recipient = answer.json()["recipient"]
    assert recipient.startswith("age1") and answer.json()["format"] == "age-encryption.org/v1"
    path = _identity_file(receiver)
    assert path.stat().st_mode & 0o777 == 0o600
    assert receiver_identity(receiver.beside_db).recipient == recipient  # kept, not made again
    assert recipient_info(receiver.beside_db) == {"recipient": recipient, "identity_file": str(path)}
    assert fetch_recipient(receiver.url) == recipient
    path.chmod(0o640)
    with pytest.raises(SealError, match="readable by others"):
        receiver_identity(receiver.beside_db)


@pytest.mark.skipif(shutil.which("age") is None or shutil.which("openssl") is None, reason="needs age and openssl")
def test_stock_age_decrypts_an_export_and_openssl_verifies_the_signature_inside(
    station: Path, receiver: Receiver, tmp_path: Path
) -> None:
    _save(station, fetch_recipient(receiver.url))
    out = tmp_path / "usb"
    assert main(["--data-dir", str(station), "export", "--all", "-o", str(out)]) == 0
    files = sorted(out.iterdir())
    assert files and all(path.name.endswith(".hiremate.zip.age") for path in files)
    sid = files[0].name.split(".")[0]
    decrypted = tmp_path / "bundle.zip"
    subprocess.run(["age", "-d", "-i", str(_identity_file(receiver)), "-o", str(decrypted), str(files[0])],
                   check=True, capture_output=True)
    assert decrypted.read_bytes() == _plain(station, sid)
    with zipfile.ZipFile(decrypted) as archive:
        archive.extract("manifest.json", tmp_path)
        archive.extract("manifest.sig", tmp_path)
    shutil.copy(key_paths(station)[1], tmp_path / "station.pub.pem")
    verified = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", "station.pub.pem", "-rawin",
                               "-in", "manifest.json", "-sigfile", "manifest.sig"], cwd=tmp_path,
                              capture_output=True, text=True)
    assert verified.returncode == 0 and "Signature Verified Successfully" in verified.stdout


def test_export_encrypts_when_a_recipient_is_saved_and_plain_is_an_explicit_opt_out(
    station: Path, receiver: Receiver, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recipient = fetch_recipient(receiver.url)
    _save(station, recipient)
    sealed_dir, plain_dir = tmp_path / "sealed", tmp_path / "plain"
    capsys.readouterr()
    assert main(["--data-dir", str(station), "export", "--all", "-o", str(sealed_dir)]) == 0
    assert f"encrypted for the receiver {recipient}" in capsys.readouterr().out
    assert main(["--data-dir", str(station), "export", "--all", "--plain", "-o", str(plain_dir)]) == 0
    sealed = sorted(sealed_dir.iterdir())
    plain = sorted(plain_dir.iterdir())
    assert [p.name for p in sealed] == [p.name + ".age" for p in plain]
    assert all(is_sealed(p.read_bytes()) for p in sealed) and not any(is_sealed(p.read_bytes()) for p in plain)
    key, identity = str(key_paths(station)[1]), str(_identity_file(receiver))
    assert main(["verify", *map(str, sealed), "--key", key, "--identity", identity]) == 0
    assert main(["verify", str(sealed[0]), "--key", key]) == 1
    assert "FAIL  decrypt    an age-encrypted bundle: give the receiver's identity with --identity FILE" in \
        capsys.readouterr().out
    assert main(["verify", *map(str, plain), "--key", key]) == 0
    stranger = tmp_path / "stranger-receiver"
    other = receiver_identity(stranger / "rx.sqlite3")
    assert main(["verify", str(sealed[0]), "--key", key, "--identity", str(other.path)]) == 1
    assert "FAIL  decrypt    cannot decrypt with the identity of recipient" in capsys.readouterr().out
    os.chmod(identity, 0o644)
    assert main(["verify", str(sealed[0]), "--identity", identity]) == 2
    assert "readable by others" in capsys.readouterr().err


def test_the_outbox_keeps_only_encrypted_bundles_and_they_are_delivered(station: Path, receiver: Receiver) -> None:
    with Store.in_dir(station) as store:
        enqueue_completed(store)  # plain, before the station knew the recipient
        plain_files = {entry.session_id: station / entry.bundle_path for entry in items(store)}
        save_recipient(store, fetch_recipient(receiver.url))
        assert load_recipient(store) == fetch_recipient(receiver.url)
        make_sessions(station, 1)
        enqueue_completed(store)  # encrypted at once
        entries = items(store)
        assert len(entries) == 4 and all(entry.bundle_path.endswith(".hiremate.zip.age") for entry in entries)
        assert not any(path.exists() for path in plain_files.values())
        outbox_files = sorted(p.name for p in (station / "outbox").iterdir())
        assert outbox_files == sorted(Path(entry.bundle_path).name for entry in entries)
        sent = {entry.session_id: read_item_bytes(store, entry) for entry in entries}
        assert all(is_sealed(data) for data in sent.values())
        with SyncClient(receiver.url, seed=1) as client:
            report = client.run_pass(store, force=True)
        assert report.delivered == 4, report
        for entry in items(store):
            receipt = json.loads(entry.receipt or "{}")
            assert entry.state == "delivered" and receipt["upload_sha256"] == bundle_sha256(sent[entry.session_id])
            plain = _plain(station, entry.session_id)
            assert receipt["bundle_sha256"] == bundle_sha256(plain)
            assert receiver.get(f"/api/v1/sessions/{entry.session_id}/bundle").content == plain


def test_a_new_recipient_re_encrypts_the_outbox_from_the_log(station: Path, receiver: Receiver, tmp_path: Path) -> None:
    old = receiver_identity(tmp_path / "old-receiver" / "rx.sqlite3")
    with Store.in_dir(station) as store:
        save_recipient(store, old.recipient)
        enqueue_completed(store)
        save_recipient(store, fetch_recipient(receiver.url))
        for entry in items(store):
            data = read_item_bytes(store, entry)
            with pytest.raises(SealError):
                old.unseal(data)
            assert receiver_identity(receiver.beside_db).unseal(data) == _plain(station, entry.session_id)
        with pytest.raises(SealError, match="is not an age X25519 recipient"):
            save_recipient(store, "age1notakey")
        save_recipient(store, "")
        assert load_recipient(store) is None


def test_the_receiver_refuses_what_it_cannot_decrypt_and_mislabelled_uploads(
    station: Path, receiver: Receiver, tmp_path: Path
) -> None:
    plain = _plain(station, session_ids(station)[0])
    elsewhere = receiver_identity(tmp_path / "elsewhere" / "rx.sqlite3")

    def post(data: bytes, media_type: str) -> httpx.Response:
        return httpx.post(receiver.url + "/api/v1/bundles", content=data, headers={"Content-Type": media_type},
                          timeout=10)

    sealed_type = "application/vnd.hiremate.bundle+age"
    foreign = post(seal(plain, elsewhere.recipient), sealed_type)
    assert foreign.status_code == 422 and foreign.json()["check"] == "decrypt"
    sealed = seal(plain, fetch_recipient(receiver.url))
    header_end = sealed.index(b"\n---")
    stanza = sealed[len(b"age-encryption.org/v1\n"):header_end + 1]
    crowded = b"age-encryption.org/v1\n" + stanza * (MAX_STANZAS + 1) + sealed[header_end + 1:]
    crowded_answer = post(crowded, sealed_type).json()
    assert crowded_answer["detail"].endswith(f"recipient stanzas; at most {MAX_STANZAS} are accepted")
    assert post(sealed, "application/zip").status_code == 400
    assert post(plain, sealed_type).status_code == 400
    assert receiver.get("/api/v1/sessions").json() == []
    assert post(sealed, sealed_type).status_code == 201


def test_in_process_ingest_tells_sealed_from_plain_by_the_bytes(station: Path, storage_factory: object) -> None:
    storage = storage_factory("rx")  # type: ignore[operator]
    storage.enroll(load_identity(station).public_raw, "desk")
    identity = receiver_identity(storage.home / "rx.sqlite3")
    plain = _plain(station, session_ids(station)[0])
    outcome = ingest(storage, seal(plain, identity.recipient), identity.unseal)
    assert outcome.status == 201 and outcome.body["bundle_sha256"] == bundle_sha256(plain)
    assert unseal(seal(b"x", identity.recipient), identity.identity) == b"x"
    assert create_app(storage).title.startswith("HireMate")

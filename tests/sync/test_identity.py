"""Station identity: `hiremate init` makes an owner-only Ed25519 key; `hiremate station` shows its fingerprint."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from kiosk.cli import main
from sync.errors import IdentityError
from sync.identity import fingerprint, key_paths, load_identity, parse_public_key
from tests.sync.sessions import init_station


def test_init_makes_owner_only_key_pair_once(tmp_path: Path) -> None:
    directory = tmp_path / "st"
    init_station(directory)
    private_path, public_path = key_paths(directory)
    if os.name == "posix":
        assert stat.S_IMODE(private_path.stat().st_mode) == 0o600
    first = private_path.read_bytes()
    init_station(directory)
    assert private_path.read_bytes() == first
    assert public_path.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")


def test_station_json_shows_sha256_fingerprint_of_raw_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / "st"
    init_station(directory, name="front-desk")
    capsys.readouterr()
    assert main(["--data-dir", str(directory), "station", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    key = serialization.load_pem_public_key(key_paths(directory)[1].read_bytes())
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert shown["fingerprint"].replace(" ", "") == hashlib.sha256(raw).hexdigest()
    assert shown["name"] == "front-desk"
    assert shown["data_dir"] == str(directory)
    assert fingerprint(directory) == shown["fingerprint"]
    assert load_identity(directory).station_id == shown["station_id"]


def test_station_before_init_fails_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "none"), "station"]) == 1
    assert "hiremate init" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_private_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / "st"
    init_station(directory)
    private_path = key_paths(directory)[0]
    private_path.chmod(0o644)
    with pytest.raises(IdentityError, match="readable by others"):
        load_identity(directory)


def test_parse_public_key_accepts_pem_and_hex_and_names_bad_input(tmp_path: Path) -> None:
    directory = tmp_path / "st"
    init_station(directory)
    identity = load_identity(directory)
    assert parse_public_key(key_paths(directory)[1].read_bytes()) == identity.public_raw
    assert parse_public_key(identity.public_hex) == identity.public_raw
    with pytest.raises(IdentityError, match=r"keyfile\.pem: an Ed25519 public key is 32 bytes"):
        parse_public_key("abcd", where="keyfile.pem")

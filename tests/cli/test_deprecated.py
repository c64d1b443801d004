"""Last release's spellings (`serve ...`, `sync --status`, `sync --set-endpoint`, `sync --set-ca-file`, `sync`
alone) still work for this release: the same effect as today's spelling, one warning line naming it, and the
same strictness (a stray argument is refused, not ignored)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.cli.deprecated import modernise


def warned(new: str) -> str:
    return f"is deprecated and goes in the next release; use `hiremate {new}`"


@pytest.mark.parametrize(("old", "new"), [
    ("serve", "receiver serve"),
    ("serve --db r.sqlite3 --host 0.0.0.0 --port 9000", "receiver serve --db r.sqlite3 --host 0.0.0.0 --port 9000"),
    ("--data-dir D serve --db enroll enroll k.pem", "--data-dir D receiver enroll --db enroll k.pem"),
    ("serve stations --json", "receiver stations --json"),
    ("serve --json token create --label desk", "receiver token create --json --label desk"),
    ("serve token revoke 3 --db r.sqlite3", "receiver token revoke 3 --db r.sqlite3"),
    ("serve make-cert --host lan -o tls", "receiver make-cert --host lan -o tls"),
    ("sync", "sync run"),
    ("sync --endpoint http://a:1 --retry-rejected", "sync run --endpoint http://a:1 --retry-rejected"),
    ("sync --status --json", "sync status --json"),
    ("--data-dir D sync --json --set-endpoint http://a:1", "--data-dir D sync set-endpoint http://a:1 --json"),
    ("sync --set-endpoint=http://a:1", "sync set-endpoint http://a:1"),
    ("sync --set-ca-file ca.pem", "sync set-ca ca.pem"),
    ("sync --set-endpoint http://a:1 --status", "sync set-endpoint http://a:1 --status"),  # then refused
    ("station", "station show"),
    ("--data-dir D station --pem", "--data-dir D station show --pem"),
])
def test_old_spellings_become_todays_words(old: str, new: str) -> None:
    argv, warning = modernise(old.split())
    assert argv == new.split()
    assert warning is not None and warning.startswith("hiremate: `hiremate ")


@pytest.mark.parametrize("line", ["receiver serve --port 9", "sync run", "sync status --json", "sync --help",
                                  "station show --pem", "station new-identity --reason x", "station --help",
                                  "--data-dir sync init", "codes issue --count 1", "sync bogus", ""])
def test_todays_spellings_and_help_are_left_alone(line: str) -> None:
    assert modernise(line.split()) == (line.split(), None)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, list[str]]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err.splitlines()


def same_json(old: list[str], new: list[str], capsys: pytest.CaptureFixture[str], new_spelling: str) -> Any:
    """Both spellings succeed with the same JSON; only the old one warns, in one line."""
    old_status, old_out, old_err = run(old, capsys)
    new_status, new_out, new_err = run(new, capsys)
    assert old_status == new_status == 0
    assert len(old_err) == 1 and warned(new_spelling) in old_err[0] and new_err == []
    assert json.loads(old_out) == json.loads(new_out)
    return json.loads(new_out)


def test_serve_token_create_list_revoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(tmp_path / "r.sqlite3")]
    status, out, err = run(["serve", "token", "create", "--label", "desk", *db, "--json"], capsys)
    assert status == 0 and json.loads(out)["label"] == "desk" and warned("receiver token create") in err[0]
    listed = same_json(["serve", "token", "list", *db, "--json"], ["receiver", "token", "list", *db, "--json"],
                       capsys, "receiver token list")
    assert [row["label"] for row in listed] == ["desk"]
    status, out, err = run(["serve", "token", "revoke", "1", *db], capsys)
    assert status == 0 and "revoked" in out and warned("receiver token revoke") in err[0] and len(err) == 1


def test_serve_make_cert_enroll_and_stations(data_dir: Path, tmp_path: Path, capsys) -> None:
    status, out, err = run(["serve", "make-cert", "--host", "receiver.lan", "-o", str(tmp_path / "tls"), "--json"],
                           capsys)
    assert status == 0 and Path(json.loads(out)["certificate"]).exists() and warned("receiver make-cert") in err[0]
    assert main(["init"]) == 0
    capsys.readouterr()
    db = ["--db", str(tmp_path / "r.sqlite3")]
    status, out, err = run(["serve", "enroll", str(data_dir / "keys" / "station.pub.pem"), *db], capsys)
    assert status == 0 and out.startswith("Enrolled: ") and warned("receiver enroll") in err[0]
    enrolled = same_json(["serve", "stations", *db, "--json"], ["receiver", "stations", *db, "--json"], capsys,
                         "receiver stations")
    assert len(enrolled) == 1


def test_serve_alone_is_receiver_serve(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cert = tmp_path / "receiver.cert.pem"
    status, out, err = run(["serve", "--db", str(tmp_path / "r.sqlite3"), "--tls-cert", str(cert)], capsys)
    assert status == 2 and out == ""  # refused by receiver serve's own check, before uvicorn starts
    assert err == ["hiremate: `hiremate serve` " + warned("receiver serve"),
                   "hiremate receiver serve: --tls-cert needs --tls-key too (give both for HTTPS, neither for HTTP)"]


def test_sync_set_endpoint_set_ca_file_and_status(data_dir: Path, tmp_path: Path, capsys) -> None:
    assert main(["init"]) == 0 and main(["receiver", "make-cert", "--host", "lan", "-o", str(tmp_path)]) == 0
    capsys.readouterr()
    status, out, err = run(["sync", "--set-endpoint", "https://lan:8765"], capsys)
    assert (status, out) == (0, "sync endpoint saved: https://lan:8765\n")
    assert err[0] == "hiremate: `hiremate sync --set-endpoint` " + warned("sync set-endpoint https://lan:8765")
    assert err[1].startswith("warning: the receiver's recipient could not be fetched") and len(err) == 2
    status, out, err = run(["sync", "--set-ca-file", str(tmp_path / "receiver.cert.pem")], capsys)
    assert status == 0 and "trusts only" in out and len(err) == 1
    assert warned(f"sync set-ca {tmp_path / 'receiver.cert.pem'}") in err[0]
    shown = same_json(["sync", "--status", "--json"], ["sync", "status", "--json"], capsys, "sync status")
    assert shown["endpoint"] == "https://lan:8765" and "CN=lan" in shown["ca"][0]["subject"]


def test_sync_alone_is_sync_run(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    status, out, err = run(["sync", "--endpoint", "http://127.0.0.1:9"], capsys)  # an empty outbox: nothing to send
    assert status == 0 and out.startswith("0 delivered") and len(err) == 1 and warned("sync run") in err[0]
    status, out, err = run(["sync"], capsys)
    assert status == 2 and err[0] == "hiremate: `hiremate sync` without a subcommand " + warned("sync run")
    assert err[1].startswith("hiremate sync run: give --endpoint URL") and len(err) == 2


@pytest.mark.parametrize(("argv", "refused"), [
    (["serve", "stations", "bogus"], "hiremate receiver stations: unrecognized argument: bogus"),
    (["serve", "--days", "5", "--label", "x"], "hiremate receiver serve: unrecognized arguments: --days 5 --label x"),
    (["sync", "--set-endpoint", "http://a:1", "--status"], "hiremate sync set-endpoint: unrecognized argument: "
                                                           "--status"),
])
def test_old_spellings_are_checked_as_strictly_as_new_ones(
    argv: list[str], refused: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(argv, capsys)
    assert status == 2 and out == "" and len(err) == 2 and err[1].startswith(refused)
    assert not data_dir.exists()


def test_station_alone_is_station_show(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init"]) == 0
    capsys.readouterr()
    shown = same_json(["station", "--json"], ["station", "show", "--json"], capsys, "station show")
    assert len(shown["public_key"]) == 64

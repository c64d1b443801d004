"""The saved sync endpoint: validation, `hiremate sync set-endpoint`, and which endpoint a pass uses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventlog import Store
from kiosk.cli import main
from kiosk.services.stationdb import StationDb, validate_endpoint
from sync.receiver import free_port
from tests.sync.conftest import Receiver, assert_synced, session_ids


@pytest.mark.parametrize(("text", "error"), [
    ("ftp://receiver.example", "must start with http:// or https://"),
    ("127.0.0.1:8765", "must start with http:// or https://"),
    ("http://", "needs a host name"),
    ("http://receiver:99999", "Port out of range"),
    ("http://receiver.example/a b", "no spaces"),
    ("https://receiver.example/?token=1", "query or fragment"),
])
def test_bad_endpoints_are_refused_with_the_reason(text: str, error: str) -> None:
    with pytest.raises(ValueError, match="sync endpoint") as caught:
        validate_endpoint(text)
    assert error in str(caught.value) and repr(text.strip()) in str(caught.value)


def test_good_endpoints_are_normalised() -> None:
    assert validate_endpoint("  http://127.0.0.1:8765/ ") == "http://127.0.0.1:8765"
    assert validate_endpoint("HTTPS://receiver.example/hiremate") == "HTTPS://receiver.example/hiremate"
    assert validate_endpoint("   ") is None


def _run(station: Path, *args: str) -> int:
    return main(["--data-dir", str(station), "sync", *args])


def test_set_endpoint_refuses_a_bad_url_and_keeps_the_saved_one(
    station: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(station, "set-endpoint", "http://receiver.example:8765") == 0
    assert "the receiver's recipient could not be fetched" in capsys.readouterr().err  # saved all the same
    assert _run(station, "set-endpoint", "receiver.example:8765") == 2
    assert capsys.readouterr().err == ("hiremate sync set-endpoint: sync endpoint 'receiver.example:8765': must "
                                       "start with http:// or https://\n")
    with Store.in_dir(station) as store:
        assert StationDb(store).sync_endpoint() == "http://receiver.example:8765"
    assert _run(station, "set-endpoint", "") == 0
    assert "cleared" in capsys.readouterr().out
    assert _run(station, "status", "--json") == 0
    assert json.loads(capsys.readouterr().out)["endpoint"] is None
    assert _run(station, "run") == 2
    assert "save one with `hiremate sync set-endpoint URL`" in capsys.readouterr().err


def test_pass_uses_endpoint_option_then_env_then_saved(
    station: Path, receiver: Receiver, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    assert _run(station, "set-endpoint", receiver.url) == 0
    monkeypatch.setenv("HIREMATE_SYNC_ENDPOINT", dead)  # the environment overrides the saved endpoint
    assert _run(station, "run") == 1
    assert f"endpoint {dead} is unreachable" in capsys.readouterr().err
    monkeypatch.setenv("HIREMATE_SYNC_ENDPOINT", "not a url")
    assert _run(station, "run") == 2
    assert "HIREMATE_SYNC_ENDPOINT: sync endpoint 'not a url'" in capsys.readouterr().err
    monkeypatch.delenv("HIREMATE_SYNC_ENDPOINT")
    assert _run(station, "run", "--endpoint", dead) == 1  # the option overrides the saved endpoint
    assert _run(station, "status") == 0
    assert f"endpoint: {receiver.url}" in capsys.readouterr().out
    assert _run(station, "run") == 0  # nothing given: the saved endpoint
    assert_synced(station, receiver, session_ids(station))

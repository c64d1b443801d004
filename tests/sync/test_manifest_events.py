"""A manifest signed by the station key must say of the session what its own events say (issue 11, item 1): an
edited `sessions` row signed into a bundle is refused by `hiremate verify` and by the receiver."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventlog import Store
from kiosk.cli import main
from sync.bundle import build_bundle
from sync.identity import key_paths, load_identity
from sync.receiver.ingest import ingest
from tests.sync.conftest import session_ids
from tests.sync.tamper import resign


def _bundle(station: Path) -> bytes:
    with Store.in_dir(station) as store:
        return build_bundle(store, session_ids(station)[0], load_identity(station))


@pytest.mark.parametrize(("field", "value"), [
    ("participant", "P-someone-else"), ("purpose", "practice"), ("battery", "other"), ("time_zone", "XYZ"),
    ("platform", "elsewhere"), ("anchor_wall_utc", "2001-01-01T00:00:00.000000+00:00"), ("status", "abandoned"),
])
def test_verify_refuses_a_signed_manifest_that_contradicts_its_events(
    station: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: str
) -> None:
    forged = resign(_bundle(station), load_identity(station), edit=lambda m: m["session"].update({field: value}))
    path = tmp_path / "forged.hiremate.zip"
    path.write_bytes(forged)
    status = main(["verify", str(path), "--key", str(key_paths(station)[1]), "--json"])
    report = json.loads(capsys.readouterr().out)["bundles"][0]
    chain = next(check for check in report["checks"] if check["check"] == "chain")
    assert status == 1 and chain["status"] == "fail"
    assert chain["detail"].startswith(f"the manifest says {field} {value!r} but the events say")


def test_the_receiver_refuses_it_too(station: Path, storage_factory: object) -> None:
    storage = storage_factory("rx")  # type: ignore[operator]  # the fixture is typed as object in conftest
    storage.enroll(load_identity(station).public_raw, "desk")
    forged = resign(_bundle(station), load_identity(station),
                    edit=lambda m: m["session"].update(participant="P-someone-else"))
    outcome = ingest(storage, forged)
    assert outcome.status == 422 and outcome.body["check"] == "chain"
    assert "the manifest says participant 'P-someone-else'" in outcome.body["detail"]
    assert ingest(storage, _bundle(station)).status == 201  # the genuine one is stored

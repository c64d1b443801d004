"""A session's bundle keeps the scoring version it was first scored with, across station upgrades."""

from __future__ import annotations

import json
from pathlib import Path

from eventlog import Store
from scoring import SCORING_VERSION
from sync.bundle import build_bundle, read_bundle
from sync.identity import load_identity
from sync.stored_results import score_and_store, stored_results
from sync.verify import verify_bundle
from tests.sync.conftest import session_ids

OLD = "1.0.0"


def _bundle(station: Path, session_id: str) -> bytes:
    with Store.in_dir(station) as store:
        return build_bundle(store, session_id, load_identity(station))


def _version(data: bytes) -> str:
    return read_bundle(data).manifest.versions.scoring


def test_a_session_scored_by_an_older_version_keeps_it_in_its_bundle(station: Path) -> None:
    sid = session_ids(station)[0]
    assert OLD != SCORING_VERSION
    with Store.in_dir(station) as store:
        score_and_store(store, sid, OLD)  # scored at completion, before the station was upgraded
    first = _bundle(station, sid)
    assert _version(first) == OLD
    report = verify_bundle(first, trusted=[load_identity(station).public_raw])
    assert report.ok, report.as_dict()
    with Store.in_dir(station) as store:
        score_and_store(store, sid)  # `hiremate score --recompute` after the upgrade adds the current version
        assert stored_results(store, sid, SCORING_VERSION) is not None
        assert json.loads(stored_results(store, sid, OLD) or b"{}")["scoring_version"] == OLD
    assert _bundle(station, sid) == first  # same session, same bundle: no 409 conflict at the receiver


def test_a_session_never_scored_is_scored_now_in_the_current_version(station: Path) -> None:
    sid = session_ids(station)[1]
    with Store.in_dir(station) as store:
        assert stored_results(store, sid, OLD) is None
    data = _bundle(station, sid)
    assert _version(data) == SCORING_VERSION
    assert verify_bundle(data, trusted=[load_identity(station).public_raw]).ok
    with Store.in_dir(station) as store:
        assert stored_results(store, sid, SCORING_VERSION) == read_bundle(data).members["results.json"]

"""Generated hostile bundles, all validly signed by an enrolled station: a manifest field or an event field set to
any JSON value (wrong types, NaN, Infinity, huge integers, deep nesting), and chain-valid events whose payloads
are arbitrary. `verify` never raises and the receiver answers a typed 2xx/4xx, never a 5xx; whatever it stores
can be read back. Examples are bounded in number and size (hypothesis settings below)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventlog import Store
from sync.bundle import build_bundle, zip_members
from sync.identity import StationIdentity, load_identity
from sync.protocol import ErrorBody, Receipt
from sync.receiver import SqliteStorage, create_app, ingest
from sync.receiver.auth import create_token
from sync.verify import verify_bundle
from tests.sync.hostile import events_member, rechain
from tests.sync.sessions import init_station, make_sessions
from tests.sync.tamper import members_of, resign

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
MANIFEST_FIELDS = [("format",), ("format_version",), ("station",), ("station", "id"), ("station", "public_key"),
                   ("session", "id"), ("session", "participant"), ("session", "battery"), ("session", "closed_utc"),
                   ("events",), ("events", "count"), ("events", "chain_head"), ("versions", "scoring"),
                   ("members",), ("members", "events.jsonl"), ("members", "results.json", "size")]
EVENT_FIELDS = ["session_id", "seq", "t_ns", "kind", "game", "trial", "payload", "prev_hash", "hash"]

leaves = (st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=True, allow_infinity=True)
          | st.text(max_size=8))
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=8)
deep = st.integers(1, 3000).map(lambda depth: _nested(depth))
finite = st.recursive(st.none() | st.booleans() | st.integers(-(2**62), 2**62) | st.floats(allow_nan=False,
                      allow_infinity=False) | st.text(max_size=8),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                                   max_size=3), max_leaves=8)


def _nested(depth: int) -> Any:
    value: Any = 0
    for _ in range(depth):
        value = [value]
    return value


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[bytes, StationIdentity]]:
    """A real completed session's bundle and the station identity that signs the variants."""
    directory = tmp_path_factory.mktemp("fuzz") / "station"
    init_station(directory)
    sid = make_sessions(directory, 1)[0]
    identity = load_identity(directory)
    with Store.in_dir(directory) as store:
        yield build_bundle(store, sid, identity), identity


def _dumps(value: Any, **options: Any) -> str:
    try:
        return json.dumps(value, allow_nan=True, ensure_ascii=False, **options)
    except RecursionError:
        return "[" * 3000 + "0" + "]" * 3000


def _answers_typed(data: bytes, identity: StationIdentity) -> None:
    report = verify_bundle(data, trusted=[identity.public_raw])
    assert report.verdict in ("ok", "failed") and all(c.detail and "\n" not in c.detail for c in report.checks)
    storage = SqliteStorage(":memory:")
    storage.enroll(identity.public_raw, "desk")
    outcome = ingest(storage, data)
    assert outcome.status in (200, 201, 400, 403, 409, 422), outcome
    if outcome.status >= 400:
        ErrorBody.model_validate(outcome.body)
        return
    receipt = Receipt.model_validate(outcome.body)
    token, _ = create_token(storage, "fuzz")
    session = f"/api/v1/sessions/{receipt.session_id}"
    paths = ["/api/v1/sessions", session, session + "/events", session + "/bundle"]
    assert _statuses(create_app(storage), paths, token) == [200] * len(paths)


def _statuses(app: Any, paths: list[str], token: str) -> list[int]:
    """GET each path from the app in process (the real ASGI app, no server) with a read token."""

    async def run() -> list[int]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://receiver") as client:
            return [(await client.get(path, headers={"Authorization": f"Bearer {token}"})).status_code
                    for path in paths]

    return asyncio.run(run())


@SETTINGS
@given(field=st.sampled_from(MANIFEST_FIELDS), value=values | deep)
def test_any_value_in_any_manifest_field(signed: tuple[bytes, StationIdentity], field: tuple[str, ...],
                                         value: Any) -> None:
    bundle, identity = signed
    members = members_of(bundle)
    manifest = json.loads(members["manifest.json"])
    target = manifest
    for key in field[:-1]:
        target = target.setdefault(key, {}) if isinstance(target, dict) else target
    if isinstance(target, dict):
        target[field[-1]] = value
    members["manifest.json"] = _dumps(manifest, indent=2, sort_keys=True).encode()[:60_000]
    members["manifest.sig"] = identity.sign(members["manifest.json"])
    _answers_typed(zip_members(members), identity)


@SETTINGS
@given(line=st.integers(0, 6), field=st.sampled_from(EVENT_FIELDS), value=values | deep)
def test_any_value_in_any_event_field(signed: tuple[bytes, StationIdentity], line: int, field: str,
                                      value: Any) -> None:
    bundle, identity = signed
    lines = members_of(bundle)["events.jsonl"].decode().splitlines()
    event = json.loads(lines[line])
    event[field] = value
    lines[line] = _dumps(event, sort_keys=True, separators=(",", ":"))
    _answers_typed(resign(bundle, identity, events_jsonl=("\n".join(lines) + "\n").encode()), identity)


@SETTINGS
@given(line=st.integers(0, 6), payload=st.dictionaries(st.text(max_size=12), finite, max_size=6),
       keep=st.booleans())
def test_chain_valid_events_with_arbitrary_payloads(signed: tuple[bytes, StationIdentity], line: int,
                                                    payload: dict[str, Any], keep: bool) -> None:
    bundle, identity = signed
    events = [json.loads(text) for text in members_of(bundle)["events.jsonl"].decode().splitlines()]
    events[line]["payload"] = {**events[line]["payload"], **payload} if keep else payload
    events = rechain(events)
    head = events[-1]["hash"]
    data = resign(bundle, identity, events_jsonl=events_member(events),
                  edit=lambda manifest: manifest["events"].update(chain_head=head))
    _answers_typed(data, identity)


@SETTINGS
@given(results=st.dictionaries(st.sampled_from(["games", "traits", "scoring_version", "x"]), finite, max_size=4)
       | st.fixed_dictionaries({"games": st.lists(finite, max_size=4)}))
def test_any_results_object(signed: tuple[bytes, StationIdentity], results: dict[str, Any]) -> None:
    bundle, identity = signed
    _answers_typed(resign(bundle, identity, results_json=json.dumps(results).encode()), identity)


def test_the_fixture_bundle_itself_passes(signed: tuple[bytes, StationIdentity], tmp_path: Path) -> None:
    bundle, identity = signed
    assert verify_bundle(bundle, trusted=[identity.public_raw]).ok

"""Benchmark the receiver under many stations: bundles and heartbeats at once, SQLite and PostgreSQL, 1-4 workers.

N simulated stations (default 200; each its own enrolled Ed25519 key and its own loopback address) run at once
for a bounded time against a real `hiremate receiver serve --workers W` process: each uploads a new signed bundle
(a session of 20 events, made in advance) and then sends `--beats-per-bundle` signed heartbeats, over and over, as
fast as the receiver answers. Prints bundles/s, heartbeats/s and p50/p99 latency per configuration, and checks
that every bundle answered 201 is stored exactly once (and nothing else is). No thresholds: the figures depend on
the machine, and the client shares its cores with the server. PostgreSQL is a real server started in a temporary
folder with its durability settings on (tests/pgserver.py).
Run: .venv/bin/python benchmarks/bench_receiver.py [--stations 200] [--seconds 20] [--workers 1 2 4]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from eventlog import Store
from sync.bundle import build_bundle
from sync.heartbeat import HEARTBEATS_PATH, SIGNATURE_HEADER, Heartbeat, signed_message
from sync.identity import StationIdentity, load_identity
from sync.receiver.backends import open_storage
from sync.receiver.server import free_port
from tests.pgserver import PgServer
from tests.sync.hostile import events_member, rechain
from tests.sync.sessions import init_station, make_sessions
from tests.sync.tamper import members_of, resign


@dataclass
class Station:
    """One simulated station: its key and the bundles it will upload."""

    identity: StationIdentity
    bundles: list[bytes] = field(default_factory=list)
    seq: int = 0


@dataclass
class Tally:
    """What one run saw."""

    bundle_ms: list[float] = field(default_factory=list)
    beat_ms: list[float] = field(default_factory=list)
    created: set[tuple[str, str]] = field(default_factory=set)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0


def _identity(number: int, root: Path) -> StationIdentity:
    key = Ed25519PrivateKey.generate()
    from cryptography.hazmat.primitives import serialization

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return StationIdentity(str(uuid.uuid4()), f"desk-{number:03d}", key, raw, root)


def _bundle_for(template: bytes, identity: StationIdentity) -> bytes:
    """The template session as a new session of this station, re-chained and signed with its key."""
    sid = str(uuid.uuid4())
    lines = [json.loads(line) for line in members_of(template)["events.jsonl"].decode().splitlines()]
    for line in lines:
        line["session_id"] = sid
    lines = rechain(lines)

    def edit(manifest: dict[str, Any]) -> None:
        manifest["session"]["id"] = sid
        manifest["events"]["chain_head"] = lines[-1]["hash"]
        manifest["station"].update(id=identity.station_id, public_key=identity.public_hex)

    return resign(template, identity, edit=edit, events_jsonl=events_member(lines))


def make_stations(count: int, bundles_each: int, work: Path) -> list[Station]:
    """`count` stations with `bundles_each` distinct signed bundles each."""
    template_dir = work / "template"
    init_station(template_dir)
    sid = make_sessions(template_dir, 1, events=20)[0]
    with Store.in_dir(template_dir) as store:
        template = build_bundle(store, sid, load_identity(template_dir))
    stations = [Station(_identity(n, work)) for n in range(count)]
    for station in stations:
        station.bundles = [_bundle_for(template, station.identity) for _ in range(bundles_each)]
    return stations


def _heartbeat(station: Station) -> tuple[bytes, str]:
    station.seq += 1
    beat = Heartbeat(station_id=station.identity.station_id, station_key=station.identity.public_hex,
                     station_name=station.identity.name, seq=station.seq, sent_utc="2030-01-01T00:00:00Z",
                     state="game", focus_losses=station.seq % 3)
    body = beat.model_dump_json().encode()
    return body, station.identity.sign(signed_message(body)).hex()


async def _station_loop(client: httpx.AsyncClient, station: Station, until: float, beats_per_bundle: int,
                        tally: Tally) -> None:
    sent_beats, next_bundle = 0, 0
    while time.monotonic() < until:
        if sent_beats % (beats_per_bundle + 1) == 0 and next_bundle < len(station.bundles):
            data, next_bundle = station.bundles[next_bundle], next_bundle + 1
            path, headers, sink = "/api/v1/bundles", {"Content-Type": "application/zip"}, tally.bundle_ms
        else:
            data, signature = _heartbeat(station)
            path, sink = HEARTBEATS_PATH, tally.beat_ms
            headers = {"Content-Type": "application/json", SIGNATURE_HEADER: signature}
        sent_beats += 1
        started = time.perf_counter()
        try:
            answer = await client.post(path, content=data, headers=headers)
        except httpx.HTTPError:
            tally.errors += 1
            continue
        sink.append((time.perf_counter() - started) * 1000)
        tally.statuses[answer.status_code] = tally.statuses.get(answer.status_code, 0) + 1
        if path != HEARTBEATS_PATH and answer.status_code == 201:
            tally.created.add((station.identity.public_hex, answer.json()["session_id"]))


async def load(url: str, stations: list[Station], seconds: float, beats_per_bundle: int) -> tuple[Tally, float]:
    """Every station at once for `seconds`, each from its own loopback address (as real stations have their own;
    the receiver caps connections still sending per address); the tally and the time it really took."""
    tally = Tally()
    clients = [httpx.AsyncClient(base_url=url, timeout=120, transport=httpx.AsyncHTTPTransport(
        local_address=f"127.0.{1 + n // 250}.{1 + n % 250}")) for n in range(len(stations))]
    try:
        started = time.monotonic()
        await asyncio.gather(*(_station_loop(client, s, started + seconds, beats_per_bundle, tally)
                               for client, s in zip(clients, stations, strict=True)))
        return tally, time.monotonic() - started
    finally:
        for client in clients:
            await client.aclose()


def serve(db: str, home: Path, workers: int) -> tuple[subprocess.Popen[str], str]:
    """A real `hiremate receiver serve` process; its URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli", "--data-dir", str(home), "receiver", "serve", "--db", db, "--port",
         str(port), "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"receiver on {url} did not start")


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def run_one(backend: str, workers: int, stations: list[Station], args: argparse.Namespace, pg: PgServer | None,
            work: Path) -> dict[str, Any]:
    """One configuration on a fresh database: load, then check that every created bundle is stored once."""
    db = pg.create_database() if pg else str(work / f"{backend}-{workers}" / "receiver.sqlite3")
    home = work / f"home-{backend}-{workers}"
    storage = open_storage(db, home=home / "receiver")
    for station in stations:
        storage.enroll(station.identity.public_raw, station.identity.name, station.identity.station_id)
        station.seq = 0
    storage.close()
    process, url = serve(db, home, workers)
    try:
        tally, took = asyncio.run(load(url, stations, args.seconds, args.beats_per_bundle))
    finally:
        process.terminate()
        process.wait(60)
    storage = open_storage(db, home=home / "receiver")
    stored = storage.bundle_keys()
    live = storage.live_versions()
    storage.close()
    if pg:
        pg.drop_database(db)
    once = len(stored) == len(set(stored)) and set(stored) == tally.created
    return {"backend": backend, "workers": workers, "bundles_s": len(tally.bundle_ms) / took,
            "beats_s": len(tally.beat_ms) / took, "b50": _pct(tally.bundle_ms, 50), "b99": _pct(tally.bundle_ms, 99),
            "h50": _pct(tally.beat_ms, 50), "h99": _pct(tally.beat_ms, 99), "stored": len(stored),
            "created": len(tally.created), "once": once, "stations_live": len(live), "errors": tally.errors,
            "statuses": dict(sorted(tally.statuses.items()))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20.0, help="load time per configuration")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"], choices=["sqlite", "postgres"])
    parser.add_argument("--beats-per-bundle", type=int, default=4, help="heartbeats a station sends per bundle")
    parser.add_argument("--bundles-each", type=int, default=12, help="distinct bundles made per station")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        stations = make_stations(args.stations, args.bundles_each, work)
        print(f"{args.stations} stations, {args.stations * args.bundles_each} distinct bundles made in "
              f"{time.perf_counter() - started:.1f} s; {args.seconds:g} s of load per configuration")
        pg = PgServer(durable=True).start() if "postgres" in args.backends else None
        rows = []
        try:
            for backend in args.backends:
                for workers in args.workers:
                    rows.append(run_one(backend, workers, stations, args, pg if backend == "postgres" else None, work))
                    print(f"  done: {backend} × {workers}", flush=True)
        finally:
            if pg:
                pg.stop()
    header = (f"{'backend':<10} {'workers':>7} {'bundles/s':>10} {'beats/s':>9} {'bundle p50':>11} {'p99 ms':>8} "
              f"{'beat p50':>9} {'p99 ms':>8}  stored once")
    print(header)
    print("-" * len(header))
    for r in rows:
        check = f"yes ({r['stored']} of {r['created']} created)" if r["once"] else \
            f"NO: {r['stored']} stored, {r['created']} created"
        print(f"{r['backend']:<10} {r['workers']:>7} {r['bundles_s']:>10.1f} {r['beats_s']:>9.1f} {r['b50']:>11.1f} "
              f"{r['b99']:>8.1f} {r['h50']:>9.1f} {r['h99']:>8.1f}  {check}; statuses {r['statuses']}"
              + (f", {r['errors']} transport errors" if r["errors"] else ""))


if __name__ == "__main__":
    main()

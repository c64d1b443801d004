"""Hostile bundles: a zip bomb, validly signed bundles of malformed JSON, and `verify` without a trusted key.

Every one gets a typed refusal: `hiremate verify` exits 1 with the failed check on one line (never a traceback)
and the receiver answers 4xx with an ErrorBody (never a 500, which the sync client would retry forever).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from eventlog import Store
from kiosk.cli import main
from sync.bundle import build_bundle
from sync.identity import StationIdentity, key_paths, load_identity
from sync.protocol import ErrorBody
from sync.receiver import SqliteStorage, ingest
from tests.sync.conftest import session_ids
from tests.sync.hostile import deep_json, events_member, handmade_zip, rechain, zip_bomb
from tests.sync.sessions import init_station
from tests.sync.tamper import members_of, resign

ROOT = Path(__file__).resolve().parents[2]
MIB = 1 << 20


def _bundle(station: Path) -> bytes:
    with Store.in_dir(station) as store:
        return build_bundle(store, session_ids(station)[0], load_identity(station))


PEAK_PROBE = """
import atexit, runpy, sys

def _peak():
    status = open("/proc/self/status").read()
    kib = next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))
    print(f"\\npeak-rss-kib {kib}", file=sys.stderr, flush=True)

atexit.register(_peak)
sys.argv = sys.argv[1:]
if sys.argv[0] == "-m":
    sys.argv = sys.argv[1:]
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
else:
    runpy.run_path(sys.argv[0], run_name="__main__")
"""


def _peak_rss_mib(command: list[str]) -> tuple[int, str, float]:
    """Run a Python child; its exit status, output and its own peak resident set size in MiB (VmHWM at exit).

    Not wait4's ru_maxrss: Linux carries the forking parent's high-water mark into the child across exec,
    so after a few hundred tests it reports pytest's size, not the child's.
    """
    assert command[0] == sys.executable
    args = command[1:]
    if args[0] == "-c":
        script = Path(tempfile.mkdtemp()) / "child.py"
        script.write_text(args[1])
        args = [str(script), *args[2:]]
    result = subprocess.run([sys.executable, "-c", PEAK_PROBE, *args], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300)
    marks = [line.split()[1] for line in result.stderr.splitlines() if line.startswith("peak-rss-kib")]
    out = result.stdout + "".join(line + "\n" for line in result.stderr.splitlines()
                                  if line.strip() and not line.startswith("peak-rss-kib"))
    assert marks, result.stderr[-2000:]
    return result.returncode, out, int(marks[-1]) / 1024


INGEST_CHILD = """
import sys
from pathlib import Path
from sync.receiver import SqliteStorage, ingest
storage = SqliteStorage(sys.argv[1])
storage.enroll(bytes.fromhex(sys.argv[2]), "desk")
outcome = ingest(storage, Path(sys.argv[3]).read_bytes())
print(outcome.status, outcome.body["check"], outcome.body["detail"])
"""


@pytest.mark.slow
def test_a_zip_bomb_is_refused_by_verify_and_the_receiver_without_expanding_it(station: Path, tmp_path: Path) -> None:
    bomb = zip_bomb(_bundle(station), expand_to=1 << 30)  # 1 GiB of zeros behind headers that claim 5 KB
    assert len(bomb) < 2 * MIB
    path = tmp_path / "bomb.hiremate.zip"
    path.write_bytes(bomb)
    status, out, peak = _peak_rss_mib([sys.executable, "-m", "kiosk.cli", "verify", str(path)])
    assert status == 1, out
    assert "FAIL  structure  events.jsonl: compressed" in out and "Traceback" not in out
    assert peak < 400, f"verify peaked at {peak:.0f} MiB on a 1 MiB bomb"
    key = load_identity(station).public_hex
    status, out, peak = _peak_rss_mib([sys.executable, "-c", INGEST_CHILD, str(tmp_path / "rx.sqlite3"), key,
                                       str(path)])
    assert status == 0 and out.startswith("400 structure events.jsonl: compressed"), out
    assert peak < 400, f"the receiver peaked at {peak:.0f} MiB on a 1 MiB bomb"


def _zip_with(members: dict[str, bytes], method: dict[str, int] | None = None) -> bytes:
    import zlib

    method = method or {}
    return handmade_zip([(name, method.get(name, 0), data, len(data), zlib.crc32(data))
                         for name, data in sorted(members.items())])


def test_a_forged_directory_and_oversized_members_are_refused_from_the_headers(station: Path) -> None:
    members = members_of(_bundle(station))
    storage = SqliteStorage(":memory:")
    cases = {
        "a fifth member": ({**members, "extra.bin": b"x"}, "the zip lists 5 entries"),
        "trailing bytes": (None, "bytes after its end record"),
        "a huge manifest": ({**members, "manifest.json": b" " * (65 * 1024)}, "over its 65536-byte cap"),
    }
    for name, (changed, expected) in cases.items():
        data = _zip_with(members) + b"junk" if changed is None else _zip_with(changed)
        outcome = ingest(storage, data)
        assert outcome.status == 400 and expected in outcome.body["detail"], (name, outcome)


def test_the_receiver_checks_the_station_before_reading_the_events(station: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    init_station(other)
    stranger = load_identity(other)
    data = resign(_bundle(station), stranger,
                  edit=lambda m: m["station"].update(id=stranger.station_id, public_key=stranger.public_hex))
    members = members_of(data)
    events = members["events.jsonl"]
    import zlib

    entries = [(name, 0, value, len(value), zlib.crc32(value) ^ (name == "events.jsonl"))  # a bad CRC on events
               for name, value in sorted(members.items())]
    unread = handmade_zip(entries)
    storage = SqliteStorage(":memory:")
    storage.enroll(load_identity(station).public_raw, "desk")
    outcome = ingest(storage, unread)
    assert outcome.status == 403 and outcome.body["check"] == "station", outcome
    assert len(events) > 0


def _edit_line(data: bytes, identity: StationIdentity, index: int, edit: Callable[[str], str]) -> bytes:
    lines = members_of(data)["events.jsonl"].decode().split("\n")
    lines[index] = edit(lines[index])
    return resign(data, identity, events_jsonl="\n".join(lines).encode())


def _rechained(data: bytes, identity: StationIdentity, index: int, field: str, value: object) -> bytes:
    lines = [json.loads(line) for line in members_of(data)["events.jsonl"].decode().splitlines()]
    lines[index][field] = value
    lines = rechain(lines)
    head = lines[-1]["hash"]
    return resign(data, identity, events_jsonl=events_member(lines),
                  edit=lambda m: m["events"].update(chain_head=head))


def _signed_manifest_text(data: bytes, identity: StationIdentity, text: str) -> bytes:
    from sync.bundle import zip_members

    members = members_of(data)
    members["manifest.json"] = text.encode()
    members["manifest.sig"] = identity.sign(members["manifest.json"])
    return zip_members(members)


MALFORMED: dict[str, tuple[Callable[[bytes, StationIdentity], bytes], str]] = {
    "100k-deep payload": (lambda d, i: _edit_line(d, i, 1, lambda line: line.replace(
        '"payload":{', '"payload":{"deep":' + deep_json(100_000) + ",", 1)), "nested deeper"),
    "NaN in a payload": (lambda d, i: _edit_line(d, i, 1, lambda line: line.replace(
        '"payload":{', '"payload":{"x":NaN,', 1)), "NaN is not a JSON number"),
    "1e999 in a payload": (lambda d, i: _edit_line(d, i, 1, lambda line: line.replace(
        '"payload":{', '"payload":{"x":1e999,', 1)), "does not fit a finite double"),
    "seq as a string": (lambda d, i: _edit_line(d, i, 1, lambda line: line.replace('"seq":1', '"seq":"1"')),
                        "field 'seq' must be an integer"),
    "t_ns as a float": (lambda d, i: _edit_line(d, i, 1, lambda line: re.sub(r'"t_ns":\d+', '"t_ns":1.5', line)),
                        "field 't_ns' must be an integer"),
    "trial as text": (lambda d, i: _edit_line(d, i, 1, lambda line: line.replace('"trial":0', '"trial":"x"')),
                      "field 'trial' must be an integer"),
    "t_ns past 64 bits": (lambda d, i: _rechained(d, i, 1, "t_ns", 2**70), "field 't_ns' is out of range"),
    "a lone surrogate": (lambda d, i: _edit_line(d, i, 1, lambda line: line.replace(
        '"payload":{', '"payload":{"x":"\\ud800",', 1)), "not in canonical form"),
    "an event that is a list": (lambda d, i: _edit_line(d, i, 1, lambda line: "[1,2]"), "is a JSON object"),
    "100k-deep results": (lambda d, i: resign(d, i, results_json=deep_json(100_000).encode()), "nested deeper"),
    "results that are a list": (lambda d, i: resign(d, i, results_json=b"[]"), "a JSON object is expected"),
    "30k-deep manifest": (lambda d, i: _signed_manifest_text(d, i, '{"format":' + deep_json(30_000) + "}"),
                           "nested deeper"),
    "manifest count as text": (lambda d, i: resign(d, i, edit=lambda m: m["events"].update(count="7")),
                               "field 'events.count'"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_validly_signed_malformed_json_is_refused_in_one_line_by_verify_and_with_4xx_by_the_receiver(
    case: str, station: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = MALFORMED[case]
    identity = load_identity(station)
    data = make(_bundle(station), identity)
    path = tmp_path / "bad.hiremate.zip"
    path.write_bytes(data)
    capsys.readouterr()
    assert main(["verify", str(path), "--key", str(key_paths(station)[1])]) == 1
    out = capsys.readouterr().out
    failed = [line for line in out.splitlines() if line.startswith("  FAIL")]
    assert out.splitlines()[0].endswith(("FAILED", f"FAILED (session {session_ids(station)[0]})"))
    assert len(failed) == 1 and expected in failed[0], out
    storage = SqliteStorage(tmp_path / "rx.sqlite3")
    storage.enroll(identity.public_raw, "desk")
    outcome = ingest(storage, data)
    assert outcome.status in (400, 422) and expected in outcome.body["detail"], outcome
    ErrorBody.model_validate(outcome.body)
    assert storage.sessions() == []


def test_verify_without_a_trusted_key_says_signer_not_trusted_and_exits_3(
    station: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "good.hiremate.zip"
    path.write_bytes(_bundle(station))
    capsys.readouterr()
    assert main(["verify", str(path)]) == 3
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith(f"{path}: signature valid, signer not trusted")
    assert "  WARN  station    no trusted key given" in out and " OK" not in out
    assert main(["verify", "--json", str(path)]) == 3
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is False and result["verdict"] == "untrusted"
    assert main(["verify", str(path), "--key", str(key_paths(station)[1])]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith(f"{path}: OK")


def test_verify_keys_file_of_pems_and_hex_lines_makes_a_full_pass(
    station: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "good.hiremate.zip"
    path.write_bytes(_bundle(station))
    others = []
    for name in ("a", "b"):
        init_station(tmp_path / name)
        others.append(load_identity(tmp_path / name))
    pems = tmp_path / "pems.txt"
    pems.write_bytes(key_paths(tmp_path / "a")[1].read_bytes() + key_paths(station)[1].read_bytes())
    hexes = tmp_path / "keys.txt"
    hexes.write_text(f"# enrolled stations\n{others[1].public_hex}  desk-b\n\n"
                     f"{load_identity(station).public_hex} desk-1\n")
    stranger = tmp_path / "stranger.txt"
    stranger.write_text(others[0].public_hex + "\n")
    capsys.readouterr()
    assert main(["verify", str(path), "--keys", str(pems)]) == 0
    assert main(["verify", str(path), "--keys", str(hexes)]) == 0
    assert main(["verify", str(path), "--keys", str(stranger)]) == 1
    assert "FAIL  station" in capsys.readouterr().out
    bad = tmp_path / "bad.txt"
    bad.write_text(f"{others[0].public_hex}\nnot a key\n")
    assert main(["verify", str(path), "--keys", str(bad)]) == 2
    assert f"--keys {bad}: line 2: expected a PEM public key or 64 hex digits" in capsys.readouterr().err


def test_the_live_receiver_answers_422_and_the_client_never_retries_it(station: Path, receiver: object) -> None:
    from sync.bundle import bundle_sha256
    from sync.client import SyncClient
    from sync.outbox import enqueue_completed, items

    identity = load_identity(station)
    with Store.in_dir(station) as store:
        enqueue_completed(store)
        first = items(store)[0]
        bad = MALFORMED["100k-deep payload"][0](_bundle(station), identity)
        (station / first.bundle_path).write_bytes(bad)
        with store.conn:
            store.conn.execute("UPDATE outbox SET bundle_sha256 = ?, bundle_size = ? WHERE session_id = ?",
                               (bundle_sha256(bad), len(bad), first.session_id))
        with SyncClient(receiver.url, seed=1) as client:  # type: ignore[attr-defined]
            report = client.run_pass(store, force=True)
            assert report.rejected == 1 and report.delivered == 2 and report.retry == 0, report
            again = client.run_pass(store, force=True)
        assert again.attempted == 0
        row = next(entry for entry in items(store) if entry.session_id == first.session_id)
    assert row.state == "rejected" and row.attempts == 1
    assert row.last_error.startswith("HTTP 422: chain: events.jsonl line 2: nested deeper than 64 levels")
    assert [item.session_id for item in receiver.storage.sessions()  # type: ignore[attr-defined]
            if item.session_id == first.session_id] == []

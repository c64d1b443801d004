"""Stations with real sessions for the export tests, and helpers to run the export command and read its files."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventlog import EventLog, Store
from games.spec import load_event_kinds
from kiosk.cli import main
from kiosk.services import station_kinds  # noqa: F401  (registers station.consent)
from kiosk.services.texts import consent_text, sha256_text
from tests.scoring.simulate import full_session
from tests.sync.sessions import init_station

ROOT = Path(__file__).resolve().parents[2]


def add_full_sessions(data_dir: Path, participants: list[str], seed: int = 1) -> list[str]:
    """Record one session with every game for each pseudonym; return their ids (scored and stored)."""
    load_event_kinds()
    ids = []
    with EventLog.in_dir(data_dir, window_ms=1.0) as log:
        for i, who in enumerate(participants):
            records = full_session(seed=seed + i, latency_ms=280.0 + 10 * i, session_id=f"tmp-{i}", spread=4)
            session = log.open_session(purpose="assessment", participant=who, battery="default")
            log.record(session.session_id, "station.language", records[1].t_ns,
                       {"language": ("en", "es", "de", "ar")[i % 4], "source": "access_code"})
            log.record(session.session_id, "station.consent", records[1].t_ns,
                       {"accepted": True, "text_sha256": sha256_text(consent_text()), "version": "en-1"})
            for rec in records[1:-1]:
                log.record(session.session_id, rec.kind, rec.t_ns, rec.payload, game=rec.game, trial=rec.trial)
            log.close_session(session.session_id, records[-1].t_ns)
            ids.append(session.session_id)
    with Store.in_dir(data_dir) as store:
        from sync.stored_results import score_and_store

        for sid in ids:
            score_and_store(store, sid)
    return ids


@pytest.fixture(scope="module")
def full_station(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A station with three sessions of every game (two by the same participant)."""
    data_dir = tmp_path_factory.mktemp("full") / "station"
    init_station(data_dir)
    ids = add_full_sessions(data_dir, ["P-00aa11bb", "P-00aa11bb", "P-cc22dd33"])
    return data_dir, ids


def run_export(data_dir: Path, out: Path, fmt: str, *selection: str) -> None:
    """`hiremate data export` with the given selection (default --all); assert it succeeded."""
    args = ["--data-dir", str(data_dir), "data", "export", *(selection or ("--all",)), "--format", fmt,
            "-o", str(out)]
    assert main(args) == 0


def read_table(path: Path) -> list[dict[str, str]]:
    """A CSV or TSV file as dicts of text (TSV unescaped)."""
    from datasets.formats import tsv_unescape

    with path.open(encoding="utf-8", newline="") as f:
        if path.suffix == ".csv":
            return list(csv.DictReader(f))
        lines = f.read().splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, (tsv_unescape(v) for v in line.split("\t")), strict=True)) for line in lines[1:]]


def score_json(data_dir: Path, session_id: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """The profile `hiremate score SESSION --json` prints."""
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "score", session_id, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def every_file(root: Path) -> Iterator[Path]:
    """Every file under a folder."""
    yield from sorted(p for p in root.rglob("*") if p.is_file())


def bids_validator() -> list[str]:
    """The command that runs bids-validator (installed by packaging/system-deps.sh test); fails when missing."""
    import shutil

    local = ROOT / ".cache" / "npm" / "node_modules" / ".bin" / "bids-validator"
    if local.exists():
        return [str(local)]
    found = shutil.which("bids-validator")
    if found:
        return [found]
    pytest.fail("bids-validator is not installed: run `packaging/system-deps.sh test` (make test does)", False)
    raise AssertionError  # unreachable


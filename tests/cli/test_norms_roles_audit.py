"""End to end on simulated people: norm tables, derived roles and the adverse-impact audit, through the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eventlog import EventLog
from games.spec import load_event_kinds
from kiosk.cli import main
from scoring import load_role
from scoring.norms import load_norms
from sync.receiver.sqlite_store import SqliteStorage
from sync.receiver.storage import StoredBundle
from tests.scoring.population import person_session
from tests.sync.sessions import init_station

PEOPLE = 56


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A station holding one short session of each of 56 simulated people (battery 'default')."""
    data_dir = tmp_path_factory.mktemp("pop") / "station"
    init_station(data_dir)
    load_event_kinds()
    ids = []
    with EventLog.in_dir(data_dir, window_ms=1.0) as log:
        for i in range(PEOPLE):
            records = person_session(i)
            session = log.open_session(purpose="assessment", participant=f"P-{i:04d}", battery="default")
            for rec in records[1:-1]:
                log.record(session.session_id, rec.kind, rec.t_ns, rec.payload, game=rec.game, trial=rec.trial)
            log.close_session(session.session_id, records[-1].t_ns)
            ids.append(session.session_id)
    return data_dir, ids


def _cli(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), *args])


def test_norms_build_then_score_and_report_show_percentiles(station: tuple[Path, list[str]], tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, ids = station
    out = tmp_path / "norms.toml"
    assert _cli(data_dir, "norms", "build", "--all", "--group", "simulated applicants", "-o", str(out)) == 0
    table = load_norms(out)
    assert sorted(table.sessions) == sorted(ids) and table.battery == "default"
    capsys.readouterr()
    assert _cli(data_dir, "score", ids[0], "--norms", str(out)) == 0
    text = capsys.readouterr().out
    words = " ".join(text.split())
    assert "Compared with other people" in text and "simulated applicants" in words and "percentile" in words
    assert re.search(rf"  {PEOPLE}\n", text), "each percentile row names the size of the norm group"
    assert _cli(data_dir, "score", ids[0]) == 0
    assert "No norm table is loaded" in " ".join(capsys.readouterr().out.split())
    html = tmp_path / "r.html"
    assert _cli(data_dir, "report", ids[0], "--norms", str(out), "--html", str(html)) == 0
    assert "Compared with other people" in html.read_text(encoding="utf-8")
    assert _cli(data_dir, "report", ids[0], "--html", str(html)) == 0
    assert "No norm table is loaded" in html.read_text(encoding="utf-8")


def test_role_derive_writes_a_role_reports_label_and_refuses_too_few(station: tuple[Path, list[str]], tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, ids = station
    out = tmp_path / "picker.toml"
    assert _cli(data_dir, "role", "derive", "--from", *ids[:52], "--name", "Picker", "-o", str(out)) == 0
    role = load_role(out)
    assert role.provenance is not None and role.provenance.n == 52 and set(role.provenance.sessions) == set(ids[:52])
    html = tmp_path / "r.html"
    assert _cli(data_dir, "report", ids[60 % PEOPLE], "--role", str(out), "--html", str(html)) == 0
    assert "Target bands derived from 52 people" in html.read_text(encoding="utf-8")
    capsys.readouterr()
    assert _cli(data_dir, "role", "derive", "--from", *ids[:10], "--name", "Tiny", "-o", str(tmp_path / "t.toml")) == 1
    err = capsys.readouterr().err
    assert "10 incumbent session(s)" in err and "at least 50" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "t.toml").exists()


def _receiver(path: Path, people: int) -> None:
    """A receiver database holding `people` sessions; group b pumps less (a group difference to find)."""
    storage = SqliteStorage(path)
    for i in range(people):
        group_b = i % 2 == 1
        records = person_session(i, f"r-{i:04d}", f"P-{i:04d}", boldness=-25.0 if group_b else 0.0)
        manifest = {"session": {"participant": f"P-{i:04d}", "battery": "default", "status": "completed",
                                "anchor_wall_utc": "2026-01-01T00:00:00+00:00", "closed_utc": None,
                                "time_zone": "UTC"}}
        item = StoredBundle(session_id=f"r-{i:04d}", bundle_sha256=f"{i:064x}", station_id="st", public_key="ab" * 32,
                            manifest=json.dumps(manifest), results=b"{}", scoring_version="1.2.0", rescore="match",
                            received_utc=f"2026-01-01T00:00:{i % 60:02d}+00:00", bundle=b"")
        storage.add(item, records)
    storage.close()


def test_receiver_norms_groups_and_audit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, groups = tmp_path / "receiver.sqlite3", tmp_path / "groups.sqlite3"
    _receiver(db, 64)
    norms = tmp_path / "n.toml"
    assert _cli(tmp_path, "receiver", "norms", "build", "--all", "--group", "all applicants", "-o", str(norms),
                "--db", str(db)) == 0
    assert len(load_norms(norms).sessions) == 64
    labels = tmp_path / "labels.csv"
    rows = ["participant,attribute,group,consent"] + [f"P-{i:04d},cohort,{'b' if i % 2 else 'a'},yes"
                                                      for i in range(64)]
    labels.write_text("\n".join([*rows, "P-9999,cohort,a,no", "P-9998,cohort,,yes"]) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert _cli(tmp_path, "receiver", "groups", "import", str(labels), "--groups", str(groups)) == 0
    out = capsys.readouterr().out
    assert "stored 64 label(s); refused 2" in out and "no consent: not stored" in out
    role = tmp_path / "role.toml"
    role.write_text('name = "Bold"\n[traits.risk_tolerance]\nlow = 30\nhigh = 100\n', encoding="utf-8")
    page = tmp_path / "audit.html"
    assert _cli(tmp_path, "receiver", "audit", "--role", str(role), "--attribute", "cohort", "--threshold", "90",
                "--db", str(db), "--groups", str(groups), "--html", str(page), "--json") == 0
    result = json.loads(capsys.readouterr().out)
    overall = result["selections"][0]
    assert result["people"] == 64 and overall["reference"] == "a"
    rates = {g["group"]: g for g in overall["groups"]}
    assert rates["a"]["n"] == rates["b"]["n"] == 32
    assert rates["b"]["rate"] < rates["a"]["rate"] and rates["b"]["fisher_p"] is not None
    text = page.read_text(encoding="utf-8")
    assert "Adverse-impact audit" in text and "What it cannot show" in text and "Impact ratio" in text
    assert _cli(tmp_path, "receiver", "audit", "--role", str(role), "--attribute", "cohort", "--db", str(db),
                "--groups", str(tmp_path / "empty.sqlite3")) == 1
    labels.write_text("\n".join(rows[:41]) + "\n", encoding="utf-8")  # 20 + 20 people: below the minimum
    small = tmp_path / "small.sqlite3"
    assert _cli(tmp_path, "receiver", "groups", "import", str(labels), "--groups", str(small)) == 0
    capsys.readouterr()
    assert _cli(tmp_path, "receiver", "audit", "--role", str(role), "--attribute", "cohort", "--db", str(db),
                "--groups", str(small)) == 1
    assert "fewer than 30 people" in capsys.readouterr().err
    capsys.readouterr()
    assert _cli(tmp_path, "receiver", "access-log", "--db", str(db), "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    # the norm table's read, then each audit (two refused after reading): one row each, every session named
    assert [row["route"] for row in rows] == ["norms.build", "audit", "audit", "audit"]
    assert all(len(row["session_ids"]) == 64 and row["via"] == "cli" for row in rows)
    assert rows[0]["detail"] == {"group": "all applicants"} and rows[1]["detail"]["attribute"] == "cohort"

"""Retention at the receiver (SQLite and PostgreSQL), with the clock set forward (an injected `now`, no sleeping):
sessions are kept until erased by default; with a period set, a purge removes each expired session's bundle,
results and events in one transaction with an append-only audit row of ids and counts; the status and the
commands say what is held and when it expires; `receiver serve` purges at start and daily."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from eventlog import Store
from kiosk.cli import main
from kiosk.cli.commands.receiver.retention._start import purge_at_start
from sync.bundle import build_bundle
from sync.identity import load_identity
from sync.receiver.retention import DailyPurge, PurgeOutcome
from tests.sync.conftest import Receiver, session_ids

OLD_CLOSE = "2020-01-01T00:00:00+00:00"


@pytest.fixture
def held(station: Path, receiver: Receiver) -> tuple[Receiver, list[str]]:
    """The station's three sessions uploaded, plus 'old-1': a copy of the first that closed in 2020."""
    ids = session_ids(station)
    with Store.in_dir(station) as store:
        for sid in ids:
            answer = httpx.post(receiver.url + "/api/v1/bundles", content=build_bundle(store, sid, load_identity(
                station)), headers={"Content-Type": "application/zip"}, timeout=30)
            assert answer.status_code == 201
    first = receiver.storage.get(ids[0])
    assert first is not None
    manifest = json.loads(first.manifest)
    manifest["session"]["closed_utc"] = OLD_CLOSE
    records = [replace(rec, session_id="old-1") for rec in receiver.storage.events(ids[0])]
    receiver.storage.add(replace(first, session_id="old-1", manifest=json.dumps(manifest)), records)
    return receiver, ids


def _closed(receiver: Receiver, sid: str) -> datetime:
    item = receiver.storage.get(sid)
    assert item is not None
    return datetime.fromisoformat(json.loads(item.manifest)["session"]["closed_utc"])


def test_sessions_are_kept_until_erased_by_default(held: tuple[Receiver, list[str]]) -> None:
    receiver, _ = held
    assert receiver.storage.session_days() is None
    far = datetime.now(UTC) + timedelta(days=365 * 50)
    assert receiver.storage.purge_expired(now=far).removed == []
    assert len(receiver.storage.sessions()) == 4
    assert all(h.expires_utc is None for h in receiver.storage.held())
    (row,) = receiver.storage.audit_rows()
    assert row["action"] == "purge" and row["detail"] == {"sessions_removed": 0, "session_days": None, "sessions": []}


def test_with_the_clock_forward_expired_sessions_go_one_by_one_with_audit_rows(
        held: tuple[Receiver, list[str]]) -> None:
    receiver, ids = held
    storage = receiver.storage
    events = len(storage.events(ids[0]))
    storage.set_session_days(30, "operator:test")
    now = datetime.now(UTC)
    assert storage.purge_expired(now=now, actor="test").removed == [("old-1", storage.sessions()[0].station_id,
                                                                       events)]
    closed = max(_closed(receiver, sid) for sid in ids)
    assert storage.purge_expired(now=closed + timedelta(days=29), actor="test").removed == []
    assert len(storage.sessions()) == 3
    later = closed + timedelta(days=30, seconds=1)
    outcome = storage.purge_expired(now=later, actor="test")
    assert sorted(sid for sid, _, _ in outcome.removed) == sorted(ids)
    assert storage.sessions() == [] and storage.bundle_keys() == []
    assert all(storage.events(sid) == [] and storage.get(sid) is None for sid in ids)
    assert receiver.get(f"/api/v1/sessions/{ids[0]}").status_code == 404
    audit = storage.audit_rows()
    assert [row["action"] for row in audit] == ["retention.set", "purge.session", "purge", "purge",
                                                "purge.session", "purge.session", "purge.session", "purge"]
    per_session = [row for row in audit if row["action"] == "purge.session"]
    assert sorted(row["detail"]["session_id"] for row in per_session) == sorted([*ids, "old-1"])
    assert all(row["detail"]["events_removed"] == events and row["detail"]["bundles_removed"] == 1
               for row in per_session)
    assert audit[-1]["at_utc"] == later.isoformat(timespec="microseconds")
    assert audit[-1]["detail"] == {"sessions_removed": 3, "session_days": 30, "sessions": [
        sid for sid, _, _ in outcome.removed]}
    text = json.dumps(audit)
    assert "P-000" not in text and "synctest" not in text  # ids and counts, never the data or the pseudonyms
    assert storage.purge_expired(now=later, actor="test").removed == []  # nothing twice


def test_status_says_what_is_held_and_when_it_expires(held: tuple[Receiver, list[str]],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    receiver, ids = held
    db = ["--db", receiver.db]
    assert main(["receiver", "retention", "set", "--sessions-days", "30", *db]) == 0
    assert "sessions are kept 30 days after they closed; 1 stored session(s) are past it" in capsys.readouterr().out
    assert main(["receiver", "retention", "status", "--json", *db]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["session_days"] == 30 and status["sessions"]["count"] == 4 and status["sessions"]["expired_now"] == 1
    first = status["held"][0]
    assert first["session_id"] == "old-1" and first["expires_utc"] == "2020-01-31T00:00:00.000000+00:00"
    by_id = {h["session_id"]: h for h in status["held"]}
    assert by_id[ids[1]]["expires_utc"] == (_closed(receiver, ids[1]) + timedelta(days=30)).isoformat(
        timespec="microseconds")
    assert main(["receiver", "retention", "status", *db]) == 0
    out = capsys.readouterr().out
    assert "held: 4 session(s)" in out and "old-1" in out and "past retention now: 1" in out
    assert main(["receiver", "retention", "purge", *db]) == 0
    assert "removed session old-1" in capsys.readouterr().out
    assert main(["receiver", "retention", "status", "--json", *db]) == 0
    after = json.loads(capsys.readouterr().out)
    assert after["sessions"]["count"] == 3 and after["sessions_purged"] == 1 and after["last_purge_utc"]
    assert main(["receiver", "retention", "set", "--sessions-days", "never", *db]) == 0
    assert capsys.readouterr().out.splitlines() == ["sessions are kept until erased",
                                                    "group labels are kept 365 days after they were imported"]
    assert [row["detail"] for row in receiver.storage.audit_rows("retention")] == [{"session_days": 30},
                                                                                  {"session_days": None}]


@pytest.mark.parametrize(("args", "message"), [
    (("--sessions-days", "0"), "--sessions-days '0': must be at least 1 day"),
    (("--sessions-days", "-3"), "--sessions-days '-3': must be at least 1 day"),
    (("--sessions-days", "soon"), "--sessions-days 'soon': give a whole number of days or 'never'"),
    (("--personal-days", "never"), "--personal-days 'never': give a whole number of days"),
    (("--personal-days", "x", "--sessions-days", "3"), "--personal-days 'x': give a whole number of days"),
    ((), "give --sessions-days N|never, --personal-days N, or both"),
])
def test_a_bad_period_changes_nothing(receiver: Receiver, capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                      message: str) -> None:
    assert main(["receiver", "retention", "set", *args, "--db", receiver.db]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert receiver.storage.session_days() is None and receiver.storage.personal_days() == 365
    assert receiver.storage.audit_rows() == []


def test_serve_purges_at_start_and_records_only_what_went(held: tuple[Receiver, list[str]], tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    receiver, _ = held
    args = argparse.Namespace(data_dir=tmp_path / "no-labels", groups=None)
    purge_at_start(receiver.storage, args)
    assert receiver.storage.audit_rows() == []  # nothing expired: nothing recorded
    assert not (tmp_path / "no-labels").exists()  # no group-label file is made to be purged
    receiver.storage.set_session_days(30, "operator:test")
    purge_at_start(receiver.storage, args)
    assert "retention: removed session old-1" in capsys.readouterr().err
    assert [(row["action"], row["actor"]) for row in receiver.storage.audit_rows("purge")] == [
        ("purge.session", "receiver start"), ("purge", "receiver start")]


def test_the_daily_purge_runs_again_and_survives_a_failure() -> None:
    calls: list[int] = []
    said: list[str] = []

    def purge() -> list[str]:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database away")
        return PurgeOutcome([("s-1", "st", 4)]).lines()

    daily = DailyPurge(purge, interval_s=0.01, report=said.append).start()
    try:
        for _ in range(2000):
            if daily.runs >= 2:
                break
            daily._stop.wait(0.01)
    finally:
        daily.stop()
    assert daily.runs >= 2
    assert said[0] == "retention purge failed: database away"
    assert said[1] == "retention: removed session s-1 of station st (4 events)"


def test_a_purge_raced_by_another_process_is_recorded_once(held: tuple[Receiver, list[str]]) -> None:
    receiver, _ = held
    storage: Any = receiver.storage
    storage.set_session_days(30, "operator:test")
    (old,) = [h for h in storage.held() if h.session_id == "old-1"]
    first = storage._purge_one(old, 30, "a", datetime.now(UTC))
    assert first is not None and storage._purge_one(old, 30, "b", datetime.now(UTC)) is None
    assert [row["actor"] for row in storage.audit_rows("purge.session")] == ["a"]


LABELS = "participant,attribute,group,consent\nP-0000,sex,female,yes\nP-0001,sex,male,yes\nP-0001,age,40+,yes\n"


def test_group_labels_expire_after_the_personal_data_period(receiver: Receiver, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from sync.receiver.groups import GroupLabels

    (tmp_path / "labels.csv").write_text(LABELS, encoding="utf-8")
    groups, db = tmp_path / "groups.sqlite3", ["--db", receiver.db, "--groups", str(tmp_path / "groups.sqlite3")]
    assert main(["receiver", "groups", "import", str(tmp_path / "labels.csv"), *db[2:]]) == 0
    labels = GroupLabels(groups)
    imported = datetime.now(UTC)
    try:
        assert receiver.storage.purge_labels(labels, now=imported + timedelta(days=364)) == []
        assert main(["receiver", "retention", "set", "--personal-days", "30", *db[:2]]) == 0
        assert receiver.storage.purge_labels(labels, now=imported + timedelta(days=29)) == []
        assert labels.oldest()[0] == 3
    finally:
        labels.close()
    capsys.readouterr()
    assert main(["receiver", "retention", "status", *db]) == 0
    assert "group labels (consented, for the audit): 3 held, kept 30 days after import" in capsys.readouterr().out
    args = argparse.Namespace(data_dir=tmp_path, groups=groups)
    receiver.storage.set_retention("operator:test", personal_days=1)
    labels = GroupLabels(groups)
    try:
        gone = receiver.storage.purge_labels(labels, now=imported + timedelta(days=2), actor="test")
        assert gone == [("P-0000", "sex"), ("P-0001", "age"), ("P-0001", "sex")] and labels.oldest() == (0, None)
    finally:
        labels.close()
    purge_at_start(receiver.storage, args)  # nothing left: nothing recorded
    rows = receiver.storage.audit_rows("purge.labels")
    assert [row["detail"] for row in rows] == [
        {"labels_removed": 0, "personal_days": 365, "participants": [], "attributes": []},
        {"labels_removed": 0, "personal_days": 30, "participants": [], "attributes": []},
        {"labels_removed": 3, "personal_days": 1, "participants": ["P-0000", "P-0001"], "attributes": ["age", "sex"]}]
    assert "female" not in json.dumps(rows) and "40+" not in json.dumps(rows)  # never the group itself

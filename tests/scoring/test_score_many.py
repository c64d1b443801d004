"""Scoring many sessions at once (sync.score_many, `hiremate score --all --jobs N`): the same bytes as scoring each
alone, in worker processes too, and a session that does not verify is named without stopping the others."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from eventlog import ChainBrokenError, EventLog, Store
from eventlog.verify import verify_session
from kiosk.cli.main import main
from scoring import SCORING_VERSION, rescore_canonical, score_session
from sync.score_many import CHUNK, score_many
from sync.stored_results import stored_results
from tests.eventlog.helpers import raw_connection
from tests.scoring.logged import write_session
from tests.scoring.simulate import full_session
from tests.scoring.speed_golden import digest, load_events, load_results
from tests.scoring.test_fast_path import _rechained


@pytest.fixture(scope="module")
def golden_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """The speed-golden sessions, each stored several times over, in a station database (events only)."""
    path = tmp_path_factory.mktemp("many") / "station.sqlite3"
    Store(path).close()
    streams = load_events()
    plain = sqlite3.connect(path)
    ids = []
    for copy in range(CHUNK // len(streams) + 2):  # more than one chunk, so that two workers share them out
        for records in streams:
            rows = _rechained(records)
            sid = f"{records[0].session_id}#{copy}"
            plain.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                              [(sid, *row[1:]) for row in rows])
            ids.append(sid)
    plain.commit()
    plain.close()
    return path, ids


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_session_scores_to_the_golden_bytes_in_order(golden_db: tuple[Path, list[str]], jobs: int) -> None:
    path, ids = golden_db
    assert len(ids) > CHUNK
    golden = load_results()
    done = score_many(path, ids, jobs)
    assert [s.session_id for s in done] == ids
    for scored in done:
        assert scored.error is None and scored.canonical_json is not None
        name = scored.session_id.split("#")[0]
        assert digest(scored.canonical_json.replace(scored.session_id.encode(), name.encode())) == \
            golden[name][SCORING_VERSION], scored.session_id


def test_an_older_version_is_scored_as_asked(golden_db: tuple[Path, list[str]]) -> None:
    path, ids = golden_db
    version = "1.0.0"
    with Store(path, readonly=True) as store:
        expected = [rescore_canonical(store.events(sid), version) for sid in ids[:3]]
    assert [s.canonical_json for s in score_many(path, ids[:3], 1, version=version)] == expected


def test_no_jobs_is_refused(golden_db: tuple[Path, list[str]]) -> None:
    with pytest.raises(ValueError, match="jobs must be at least 1, got 0"):
        score_many(golden_db[0], golden_db[1], 0)


@pytest.fixture
def station(data_dir: Path) -> tuple[Path, list[str]]:
    """A station log with three closed sessions."""
    with EventLog.in_dir(data_dir, window_ms=5.0) as log:
        ids = [write_session(log, full_session(seed=seed), participant=f"P-{seed:04d}") for seed in (1, 2, 3)]
    return data_dir, ids


def _break(data_dir: Path, session_id: str) -> str:
    """Hand-edit one pump of a session (valid JSON, so only the chain can tell) and return what verify-log says."""
    conn = raw_connection(data_dir / "station.sqlite3")
    conn.execute("UPDATE events SET payload = replace(payload, '\"pump\":1,', '\"pump\":2,') WHERE session_id = ? AND "
                 "seq = (SELECT min(seq) FROM events WHERE session_id = ? AND kind = 'bart.pump')",
                 (session_id, session_id))
    conn.close()
    with Store.in_dir(data_dir) as store, pytest.raises(ChainBrokenError) as caught:
        row = store.session(session_id)
        assert row is not None
        verify_session(store, row)
    return str(caught.value)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_session_that_does_not_verify_is_named_and_the_others_scored(station: tuple[Path, list[str]],
                                                                       jobs: int) -> None:
    data_dir, ids = station
    why = _break(data_dir, ids[1])
    done = score_many(data_dir / "station.sqlite3", ids * 10, jobs, verify=True)
    assert {s.error for s in done[1::3]} == {f"the log does not verify: {why}"}
    assert all(s.canonical_json is None for s in done[1::3])
    with Store.in_dir(data_dir) as store:
        good = {sid: score_session(store.events(sid)).canonical_json() for sid in (ids[0], ids[2])}
    assert all(s.canonical_json == good[s.session_id] for i, s in enumerate(done) if i % 3 != 1)
    unverified = score_many(data_dir / "station.sqlite3", ids[1:2], jobs)  # the edit is valid JSON: it scores
    assert unverified[0].error is None


def test_cli_score_all_stores_what_score_prints(station: tuple[Path, list[str]],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, ids = station
    assert main(["--data-dir", str(data_dir), "score", "--all", "--jobs", "2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["scored"] == ids and out["failed"] == [] and out["jobs"] == 2
    with Store.in_dir(data_dir) as store:
        stored = {sid: stored_results(store, sid) for sid in ids}
        reads = store.conn.execute("SELECT count(*) FROM privacy_audit WHERE action = 'read.score'").fetchone()[0]
    assert reads == 3
    for sid in ids:
        assert main(["--data-dir", str(data_dir), "score", sid, "--json", "--recompute"]) == 0
        assert capsys.readouterr().out.strip().encode() == stored[sid]


def test_cli_score_all_names_a_broken_session_and_exits_1(station: tuple[Path, list[str]],
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, ids = station
    why = _break(data_dir, ids[0])
    assert main(["--data-dir", str(data_dir), "score", "--all", "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == f"cannot score session {ids[0]}: the log does not verify: {why}"
    assert captured.out.startswith(f"scored 2 of 3 closed sessions with scoring {SCORING_VERSION} in ")
    with Store.in_dir(data_dir) as store:
        assert stored_results(store, ids[0]) is None and stored_results(store, ids[1]) is not None


@pytest.mark.parametrize(("argv", "said"), [
    (["score", "--jobs", "2"], "--jobs goes with --all"),
    (["score"], "the following arguments are required: SESSION (or --all)"),
    (["score", "--all", "--jobs", "0"], "--jobs must be at least 1, got 0"),
    (["score", "--all", "--role", "sales_associate"], "--all scores every closed session: give no SESSION"),
])
def test_cli_score_all_arguments(station: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str],
                                 argv: list[str], said: str) -> None:
    assert main(["--data-dir", str(station[0]), *argv]) == 2
    assert said in capsys.readouterr().err

"""A simulated battery exported to every format and read back gives the trial counts, latencies and metrics of
`hiremate score --json`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from datasets import FORMATS
from datasets.formats import cell
from datasets.trial_games import TRIAL_GAME_TABLES
from eventlog import Store
from tests.datasets.conftest import add_full_sessions, read_table, run_export, score_json
from tests.sync.sessions import init_station

COUNT_METRIC = {"bart": "bart.balloons", "decision": "decision.tasks_completed", "digit_span": "digit_span.sequences",
                "card_match": "card_match.moves", "flanker": "flanker.trials", "stop_signal": "stop_signal.trials",
                "igt": "igt.trials", "tower": "tower.problems", "faces": "faces.trials", "effort": "effort.rounds",
                "money": "money.rounds"}
TRIAL_TABLE = {"bart": "bart_balloons", "decision": "decision_scenarios", "digit_span": "digit_span_sequences",
               "card_match": "card_match_moves", "flanker": "flanker_trials", "stop_signal": "stop_signal_trials",
               **{g: t.name for g, t in TRIAL_GAME_TABLES.items()}}


@pytest.fixture(scope="module")
def battery_station(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A station with a session played through the real screens (`hiremate simulate`) and one of every game."""
    data_dir = tmp_path_factory.mktemp("battery") / "station"
    init_station(data_dir)
    # In a child process, as the station tests do: the station's Qt application must not outlive the run here.
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "--data-dir", str(data_dir), "simulate"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    with Store.in_dir(data_dir) as store:
        simulated = [row.id for row in store.sessions()]
    return data_dir, simulated + add_full_sessions(data_dir, ["P-5eed0001"])


def _read_back(out: Path, fmt: str) -> tuple[dict[str, dict[str, str]], dict[tuple[str, str], list[dict[str, str]]]]:
    """(summary row by session, trial rows by (session, game)) as text, from any export format."""
    summaries: dict[str, dict[str, str]] = {}
    trials: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    if fmt in ("csv", "tsv"):
        summaries = {r["session_id"]: r for r in read_table(out / f"sessions.{fmt}")}
        for table in ("rt_trials", *TRIAL_TABLE.values()):
            for r in read_table(out / f"{table}.{fmt}"):
                trials[(r["session_id"], r["game"])].append(r)
    elif fmt == "jsonl":
        for line in (out / "sessions.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            summaries[row["session_id"]] = {k: cell(v) for k, v in row.items()}
        _trials_from_events(out / "events.jsonl", trials)
    else:
        for path in out.glob("sub-*/sub-*_sessions.tsv"):
            for r in read_table(path):
                summaries[r["hiremate_session_id"]] = r
        for path in out.glob("sub-*/ses-*/beh/*_beh.tsv"):
            for r in read_table(path):
                trials[(r["hiremate_session_id"], r["game"])].append(r)
    return summaries, trials


def _trials_from_events(path: Path, trials: dict[tuple[str, str], list[dict[str, str]]]) -> None:
    ends = {"bart.balloon_ended", "rt.trial_ended", "decision.task_completed", "digit_span.submitted",
            "card_match.move_ended", "flanker.trial_ended", "stop_signal.trial_ended",
            *(f"{game}.trial_ended" for game in TRIAL_GAME_TABLES)}
    latency: dict[tuple[str, str, int], int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        key = (e["session_id"], e["game"], e["trial"])
        if e["kind"] in ("rt.response", "rt.commission"):
            latency[key] = e["payload"]["latency_ns"]
        if e["kind"] in ends:
            ns = latency.pop(key, None)
            trials[(e["session_id"], e["game"])].append({"latency_ms": cell(None if ns is None else ns / 1e6)})


def _expected_latencies(data_dir: Path, sid: str, game: str) -> list[str]:
    with Store.in_dir(data_dir) as store:
        return [cell(e.payload["latency_ns"] / 1e6) for e in store.iter_events(sid)
                if e.game == game and e.kind in ("rt.response", "rt.commission")]


def _metric_text(metric: dict[str, Any]) -> str:
    return "n/a" if metric.get("insufficient") else cell(metric["value"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_matches_score_json(fmt: str, battery_station: tuple[Path, list[str]], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, ids = battery_station
    run_export(data_dir, tmp_path / fmt, fmt)
    summaries, trials = _read_back(tmp_path / fmt, fmt)
    assert sorted(summaries) == sorted(ids)
    for sid in ids:
        profile = score_json(data_dir, sid, capsys)
        row = summaries[sid]
        assert row["scoring_version"] == profile["scoring_version"]
        for game in profile["games"]:
            name = game["game"]
            whole = {m["key"]: m for m in game["metrics"] if not m["group"]}
            count = whole[COUNT_METRIC.get(name, "rt.trials")]["value"]
            assert len(trials[(sid, name)]) == count, (fmt, sid, name)
            for key, m in whole.items():
                assert row[f"{name}_{key.split('.', 1)[1]}"] == _metric_text(m), (fmt, name, key)
            if name not in COUNT_METRIC:
                got = [r["latency_ms"] for r in trials[(sid, name)] if r["latency_ms"] != "n/a"]
                assert got == _expected_latencies(data_dir, sid, name)
        for t in profile["traits"]:
            assert row[f"trait_{t['key']}_position"] == cell(t["position"])
            assert row[f"trait_{t['key']}_reliability_label"] == t["reliability_label"]
        for q in profile["quality"]:
            assert row[f"quality_{q['key']}"] == cell(q["value"])
            assert row[f"quality_{q['key']}_raised"] == cell(q["raised"])

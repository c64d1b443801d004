"""Scoring 1.1.0 leaves station freezes out of decision times; 1.0.0 is still reproduced byte for byte."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from eventlog.records import EventRecord
from scoring import SCORING_VERSION, SUPPORTED_VERSIONS, rescore_canonical, score_session
from scoring.model import Profile
from tests.scoring.freeze import with_freeze
from tests.scoring.helpers import StreamBuilder
from tests.scoring.simulate import full_session

FIXTURES = Path(__file__).parent / "fixtures"
FROZEN_NS = 45_000_000_000
TIMES = ("decision.total_time_ms", "decision.active_time_ms", "decision.hesitation_ms", "decision.first_decision_ms")


def _fixture_events() -> list[EventRecord]:
    with gzip.open(FIXTURES / "v1_0_0_frozen.events.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [EventRecord.from_json(line) for line in handle if line.strip()]


def _task_metrics(profile: Profile, task_id: str) -> dict[str, Any]:
    game = next(g for g in profile.games if g.game == "decision")
    return {m.key: m.value for m in game.metrics if m.group == task_id}


def _interruptions(profile: Profile) -> Any:
    return next(q for q in profile.quality if q.key == "interruptions")


def _frozen_pair(reason: str = "proctor") -> tuple[list[EventRecord], list[EventRecord], str]:
    """A session, the same session frozen for 45 s in the middle of its second decision task, and that task."""
    plain = full_session(seed=5, session_id="s-freeze")
    viewed = [r for r in plain if r.kind == "decision.option_viewed"][5]
    return plain, with_freeze(plain, viewed.seq, FROZEN_NS, reason, gap_ns=0), str(viewed.payload["task_id"])


def test_the_current_version_is_1_3_0_and_the_older_versions_are_supported() -> None:
    assert SCORING_VERSION == "1.3.0"
    assert {"1.0.0", "1.1.0", "1.2.0", "1.3.0"} <= set(SUPPORTED_VERSIONS)


def test_version_1_0_0_results_recorded_before_1_1_0_are_reproduced_byte_for_byte() -> None:
    records = _fixture_events()
    recorded = (FIXTURES / "v1_0_0_frozen.results.json").read_bytes()
    assert json.loads(recorded)["scoring_version"] == "1.0.0"
    assert rescore_canonical(records, "1.0.0") == recorded
    assert rescore_canonical(records, "1.1.0") != recorded


def test_a_freeze_inside_a_task_is_not_decision_time_in_1_1_0() -> None:
    plain, frozen, task = _frozen_pair()
    before, after = score_session(plain, "1.1.0"), score_session(frozen, "1.1.0")
    times_before, times_after = _task_metrics(before, task), _task_metrics(after, task)
    assert {k: times_after[k] for k in TIMES} == {k: times_before[k] for k in TIMES}
    assert times_after["decision.frozen_ms"] == FROZEN_NS / 1e6 and times_before["decision.frozen_ms"] == 0
    others = {m.group for g in after.games if g.game == "decision" for m in g.metrics if m.group} - {task}
    assert others and all(_task_metrics(after, t)["decision.frozen_ms"] == 0 for t in others)
    trait = {t.key: t.position for t in after.traits}
    assert trait["deliberation"] == {t.key: t.position for t in before.traits}["deliberation"]


def test_in_1_0_0_the_same_freeze_still_counts_as_task_time() -> None:
    plain, frozen, task = _frozen_pair()
    before, after = score_session(plain, "1.0.0"), score_session(frozen, "1.0.0")
    grown = _task_metrics(after, task)["decision.total_time_ms"] - _task_metrics(before, task)["decision.total_time_ms"]
    assert grown == FROZEN_NS / 1e6
    assert "decision.frozen_ms" not in _task_metrics(after, task)


@pytest.mark.parametrize(("version", "reason", "counted"), [
    ("1.1.0", "proctor", 1), ("1.1.0", "idle", 0), ("1.0.0", "proctor", 0),
])
def test_a_proctor_freeze_is_an_interruption_from_1_1_0_on(version: str, reason: str, counted: int) -> None:
    _, frozen, _ = _frozen_pair(reason)
    flag = _interruptions(score_session(frozen, version))
    assert flag.value == counted and flag.raised == (counted > 0)
    if version == "1.1.0":
        assert f"stopped by the proctor during a game {counted} time(s)" in flag.message


def test_a_freeze_cut_short_by_a_crash_counts_nothing_and_a_later_freeze_still_counts() -> None:
    _, frozen, task = _frozen_pair()
    suspended = next(r for r in frozen if r.kind == "station.game_suspended")
    b = StreamBuilder(frozen[0].session_id, frozen[0].payload["participant"])
    for rec in frozen[1:-1]:
        if rec.kind == "station.game_resumed":
            continue  # the station died during the freeze: no game_resumed, a session.resumed instead
        b.add(rec.kind, rec.t_ns, rec.payload, rec.game, rec.trial)
        if rec.seq == suspended.seq:
            b.add("session.resumed", rec.t_ns + 1, {"interrupted_game": "decision"})
    crashed = b.close()
    later = [r for r in crashed if r.kind == "decision.option_viewed"][15]
    assert later.payload["task_id"] != task
    profile = score_session(with_freeze(crashed, later.seq, FROZEN_NS))
    assert _task_metrics(profile, task)["decision.frozen_ms"] == 0
    assert _task_metrics(profile, str(later.payload["task_id"]))["decision.frozen_ms"] == FROZEN_NS / 1e6
    assert _interruptions(profile).value == 1 + 2  # the crash resume and the two proctor freezes

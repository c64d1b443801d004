"""Hand-computed golden session for the micro-decision game (seed 004 formulas, scoring 1.1.0; 1.2.0 below)."""

from __future__ import annotations

import pytest

from scoring import score_session
from tests.scoring.helpers import MS, StreamBuilder

G = "decision"
TEXT = "Because it is cheaper, therefore better."  # 6 words; because 1.0 + therefore 1.5


def task(b: StreamBuilder, index: int, task_id: str, steps: list[tuple[float, str, dict]]) -> None:
    t0 = b.t_ns + 1000 * MS
    b.add("decision.task_started", t0, {"task_id": task_id, "category": "problem_solving",
                                        "option_ids": ["a", "b", "c", "d"], "reasoning_required": False,
                                        "min_reasoning_chars": 0, "soft_time_limit_s": None}, G, index)
    for at_s, kind, payload in steps:
        b.add(f"decision.{kind}", t0 + round(at_s * 1000) * MS, {"task_id": task_id, **payload}, G, index)


def done(option: str, risk: str) -> dict:
    return {"option_id": option, "risk_level": risk, "tags": ["x"], "soft_limit_exceeded": False}


def stream() -> list:
    b = StreamBuilder()
    b.after(5, "decision.game_started", {"tasks": ["ta", "tb", "tc"], "seed": 1}, G)
    task(b, 0, "ta", [
        (2, "option_viewed", {"option_id": "a", "via": "hover", "started_t_ns": 0, "duration_ns": 2000 * MS}),
        (3, "option_viewed", {"option_id": "b", "via": "hover", "started_t_ns": 0, "duration_ns": 1000 * MS}),
        (4, "option_selected", {"option_id": "a", "risk_level": "low", "tags": ["x"]}),
        (10, "option_changed", {"from_option": "a", "to_option": "b", "from_risk": "low", "to_risk": "high"}),
        (11, "reasoning_started", {}),
        (13, "reasoning_updated", {"chars": 20, "words": 4}),
        (20, "reasoning_submitted", {"text": TEXT, "chars": len(TEXT), "words": 6}),
        (20, "task_completed", done("b", "high")),
    ])
    task(b, 1, "tb", [(2, "option_selected", {"option_id": "c", "risk_level": "medium", "tags": ["x"]}),
                      (3, "task_completed", done("c", "medium"))])
    task(b, 2, "tc", [(6, "option_selected", {"option_id": "d", "risk_level": "low", "tags": ["x"]}),
                      (8, "task_completed", done("d", "low"))])
    b.after(5, "decision.game_ended", {"tasks_completed": 3}, G)
    return b.close()


@pytest.fixture(scope="module")
def profile():  # type: ignore[no-untyped-def]
    return score_session(stream(), "1.1.0")


def test_1_2_0_follows_the_seeds_where_1_1_0_departed() -> None:
    now = score_session(stream(), "1.2.0")
    assert m(now, "decision.risk_exposure", "ta") == "low>high>low>high"  # views a, b, then pick a, change to b
    assert m(now, "decision.active_time_ms", "ta") == 7000  # the looks at a and b lie inside counted gaps here
    assert m(now, "decision.final_option_view_ms", "ta") == 1000  # b, looked at for 1 s (seed 003)
    assert m(now, "decision.reasoning_provided", "ta") is True and m(now, "decision.reasoning_provided", "tb") is False
    # seed 004 8.1: the attempt (20 + 1 + 3 + 1 + 8 = 33 s) less its active time (7 + 3 + 2 s), over 3 tasks
    assert m(now, "decision.mean_hesitation_s") == pytest.approx((33 - 12) / 3)
    thinking = next(i for i in now.interpretations if i.key == "thinking_style")
    assert any("7.0s" in e for e in thinking.evidence)
    aware = next(i for i in now.interpretations if i.key == "risk_awareness")
    assert aware.value == "calculated_risk_taker"  # ta: looked at low, chose high; no task the other way
    assert aware.details == {"aware_tasks": "0", "calculated_tasks": "1"}
    pattern = next(i for i in now.interpretations if i.key == "decision_pattern")
    assert any("HireMate's own" in e for e in pattern.evidence)


def m(profile, key: str, group: str = ""):  # type: ignore[no-untyped-def]
    return profile.game("decision").metric(key, group).value


def test_task_a_by_hand(profile) -> None:  # type: ignore[no-untyped-def]
    assert m(profile, "decision.total_time_ms", "ta") == 20000
    # gaps 2,1,1,(6 idle),1,2,(7 idle),0 seconds: active 7 s
    assert m(profile, "decision.active_time_ms", "ta") == 7000
    assert m(profile, "decision.hesitation_ms", "ta") == 13000
    assert m(profile, "decision.first_decision_ms", "ta") == 4000
    assert m(profile, "decision.changes", "ta") == 1
    assert m(profile, "decision.options_viewed", "ta") == 2
    assert m(profile, "decision.unique_options_viewed", "ta") == 2
    assert m(profile, "decision.reasoning_words", "ta") == 6
    assert m(profile, "decision.logical_keywords", "ta") == 2
    assert m(profile, "decision.keyword_score", "ta") == pytest.approx(2.5)
    assert m(profile, "decision.reasoning_depth", "ta") == pytest.approx(0.4 * 6 / 100 + 0.6 * 2.5 / 10)
    assert m(profile, "decision.risk_exposure", "ta") == "low>high"
    assert m(profile, "decision.final_risk", "ta") == "high"


def test_aggregates_by_hand(profile) -> None:  # type: ignore[no-untyped-def]
    assert m(profile, "decision.risk_preference") == "balanced"  # 1/1/1: |low - high| = 0 < 0.6
    assert m(profile, "decision.decision_consistency") == pytest.approx(0.5)  # 1 - 2000/4000
    assert m(profile, "decision.reasoning_engagement") == pytest.approx(0.24 / 3)
    assert m(profile, "decision.mean_hesitation_s") == pytest.approx((13 + 0 + 6) / 3)


def test_interpretations_quote_numbers(profile) -> None:  # type: ignore[no-untyped-def]
    by_key = {i.key: i for i in profile.interpretations}
    thinking = by_key["thinking_style"]
    assert thinking.value == "intuitive"  # hesitation 6.3 s < 15 and 0.33 changes < 1
    assert thinking.confidence == 0.75
    assert any("6.3s" in e for e in thinking.evidence)
    assert by_key["risk_orientation"].value == "balanced"
    assert by_key["communication_style"].details == {"reasoning_depth": "brief", "logical_structure": "informal"}
    text = " ".join([profile.recruiter_notes, *profile.strengths, *profile.considerations]).lower()
    assert "weakness" not in text
    assert profile.considerations  # brief reasoning and intuitive style give neutral considerations

"""Reading and typing count as activity (1.2.0): the issue's timeline, old recording and new recording.

A candidate reads three options for 7 s each, picks, and types for 20 s. The old game recorded a look
when it ended and one debounced update after typing, so 1.1.0 finds 4.5 s active and 42 s of hesitation;
the game now records the start of each look and the typing burst, and 1.2.0 counts all of it as active.
"""

from __future__ import annotations

from typing import Any

from scoring import score_session
from tests.scoring.helpers import MS, StreamBuilder

G = "decision"
S = 1000 * MS
TEXT = "Because the customers come first, therefore I call them before anything else today."


def _timeline(new_recording: bool, threshold_ms: int | None = 5000, scale: float = 1.0) -> list:
    """Three tasks like this one (the interpretations need three); the first is the issue's timeline."""
    b = StreamBuilder("s-reading")
    started = {"tasks": ["t0", "t1", "t2"], "seed": 1}
    if new_recording:
        started["idle_threshold_ms"] = threshold_ms
    b.after(5, "decision.game_started", started, G)
    for index in range(3):
        task = f"t{index}"
        t0 = b.t_ns + S

        def at(seconds: float, kind: str, payload: dict[str, Any], task: str = task, t0: int = t0,
               index: int = index) -> None:
            b.add(f"decision.{kind}", t0 + round(seconds * scale * S), {"task_id": task, **payload}, G, index)

        head = {"category": "problem_solving", "option_ids": ["a", "b", "c"], "reasoning_required": True,
                "min_reasoning_chars": 10, "soft_time_limit_s": None}
        at(0, "task_started", {**head, "option_risks": ["low", "medium", "high"]} if new_recording else head)
        for n, option in enumerate("abc"):
            if new_recording:
                at(7 * n, "option_view_started", {"option_id": option, "via": "hover"})
            at(7 * (n + 1), "option_viewed", {"option_id": option, "via": "hover",
                                             "started_t_ns": t0 + round(7 * n * scale * S),
                                             "duration_ns": round(7 * scale * S)})
        at(22.5, "option_selected", {"option_id": "a", "risk_level": "low", "tags": []})
        at(24, "reasoning_started", {})
        if new_recording:  # the burst is recorded when typing pauses for the debounce (1 s)
            at(45, "typing_burst", {"started_t_ns": t0 + round(24 * scale * S),
                                    "ended_t_ns": t0 + round(44 * scale * S), "keystrokes": len(TEXT)})
        at(45, "reasoning_updated", {"chars": len(TEXT), "words": len(TEXT.split())})
        at(46.5, "reasoning_submitted", {"text": TEXT, "chars": len(TEXT), "words": len(TEXT.split())})
        at(46.5, "task_completed", {"option_id": "a", "risk_level": "low", "tags": [], "soft_limit_exceeded": False})
    b.after(5, "decision.game_ended", {"tasks_completed": 3}, G)
    return b.close()


def _task(profile: Any, key: str) -> Any:
    return profile.game("decision").metric(key, "t0").value


def test_the_old_rule_counts_reading_and_typing_as_hesitation() -> None:
    old = score_session(_timeline(new_recording=False), "1.1.0")
    assert _task(old, "decision.total_time_ms") == 46500
    assert _task(old, "decision.active_time_ms") == 4500  # only the gaps 21 -> 22.5, 22.5 -> 24, 45 -> 46.5
    assert _task(old, "decision.hesitation_ms") == 42000
    thinking = next(i for i in old.interpretations if i.key == "thinking_style")
    assert any("42.0s" in e for e in thinking.evidence)


def test_reading_and_typing_count_as_active_in_1_2_0() -> None:
    now = score_session(_timeline(new_recording=True))
    assert _task(now, "decision.total_time_ms") == 46500
    assert _task(now, "decision.active_time_ms") == 46500
    assert _task(now, "decision.hesitation_ms") == 0
    assert _task(now, "decision.reading_ms") == 21000 and _task(now, "decision.typing_ms") == 20000
    assert not any(q.raised for q in now.quality if q.key == "idle_time")
    assert not any("idle or away" in c for c in now.considerations)


def test_an_old_recording_still_gets_its_looks_counted_in_1_2_0() -> None:
    """Looks were always recorded with their start: only the typing is invisible in an old session."""
    now = score_session(_timeline(new_recording=False))
    assert _task(now, "decision.active_time_ms") == 21000 + 1500 + 1500 + 1500  # looks + the short gaps
    assert _task(now, "decision.typing_ms") == 0


def test_the_idle_threshold_is_the_one_the_session_ran_with() -> None:
    """The same candidate, twice as slow, on a game run with a 10 s threshold: the same shares of time."""
    slow = score_session(_timeline(new_recording=True, threshold_ms=10_000, scale=2.0))
    assert _task(slow, "decision.active_time_ms") == 93000
    short = score_session(_timeline(new_recording=True, threshold_ms=1000))
    # with 1 s, the 1.5 s gaps and the 1 s from the last key to the debounced update are pauses
    assert _task(short, "decision.active_time_ms") == 46500 - 3 * 1500 - 1000


def test_idle_spells_an_old_game_recorded_while_reading_are_not_idleness_in_1_2_0() -> None:
    """The old view recorded 2 s of idleness at the end of each 7 s look (5 s threshold)."""
    records = _timeline(new_recording=False)
    b = StreamBuilder("s-old-idle")
    for rec in records[1:-1]:
        b.add(rec.kind, rec.t_ns, rec.payload, rec.game, rec.trial)
        if rec.kind == "decision.option_viewed":
            b.add("decision.idle_detected", rec.t_ns, {"task_id": rec.payload["task_id"], "idle_duration_ms": 2000},
                  G, rec.trial)
    old_idle = b.close()
    assert _task(score_session(old_idle, "1.1.0"), "decision.idle_ms") == 6000
    assert _task(score_session(old_idle), "decision.idle_ms") == 0

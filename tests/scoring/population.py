"""A population of simulated people, each with their own risk, speed and care, for norms, roles and the audit."""

from __future__ import annotations

import random

from eventlog.records import EventRecord
from scoring.norms import NormSession
from scoring.profile import score_session
from tests.scoring.helpers import StreamBuilder
from tests.scoring.simulate import play_bart, play_rt


def person_session(index: int, session_id: str | None = None, participant: str | None = None,
                   boldness: float = 0.0) -> list[EventRecord]:
    """Person `index`: a short session (15 balloons, 20 go/no-go trials) with person-specific parameters;
    `boldness` shifts how far they pump (a group difference, for the audit)."""
    rng = random.Random(index)
    b = StreamBuilder(session_id or f"pop-{index:04d}", participant or f"P-{index:04d}")
    stop = max(3, min(120, round(rng.gauss(40 + boldness, 15))))
    play_bart(b, stop, seed=index, balloons=15, gap_ms=rng.uniform(250, 700), spread=6)
    play_rt(b, "go_nogo", rng.uniform(260, 380), seed=index, trials=20, commission_p=rng.uniform(0, 0.4),
            lapse_p=rng.uniform(0, 0.1))
    return b.close()


def population(count: int, start: int = 0, battery: str = "default") -> list[NormSession]:
    """Scored sessions of `count` people, completed, from one battery."""
    return [NormSession(f"pop-{i:04d}", battery, "completed", score_session(person_session(i)))
            for i in range(start, start + count)]

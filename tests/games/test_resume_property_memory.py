"""The crash property of test_resume_property.py for the memory and attention games (issue 14).

Each game's session is played once through its real view by its scripted player; then it is killed after each
of 50+ event positions, resumed with the real view and finished by a fresh player, and must close, score,
export and verify, count every trial exactly once, and resume where the recorded events say (the state is
rebuilt by replaying the events, games/kit/replay.py): the digit span at the next sequence of the adaptive
rule, the card board with the pairs found so far, the stop-signal staircase at its delay. Every fifth resumed
session is killed once more after its resume and resumed again.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from eventlog import EventRecord
from games.card_match.params import CardMatchParams
from games.card_match.player import CardMatchPlayer
from games.digit_span.params import DigitSpanParams
from games.digit_span.player import DigitSpanPlayer
from games.flanker.model import FlankerModel
from games.flanker.params import FlankerParams
from games.flanker.player import FlankerPlayer
from games.stop_signal.model import RaceModel
from games.stop_signal.params import StopSignalParams
from games.stop_signal.player import StopSignalPlayer
from tests.games.crash import Resumed, record_session
from tests.games.test_resume_property import KILLS, SECOND_CRASH_EVERY, Case, kill_and_resume, kill_positions

FAST_TIMED = {"iti_ms": 2, "timeout_ms": 400}

CASES = [
    Case("digit_span", "digit_span.", DigitSpanParams(forward_start=2, forward_max=4, backward_start=2,
                                                      backward_max=3, digit_ms=15, digit_on_ms=10, iti_ms=3),
         lambda: DigitSpanPlayer({"forward": 3, "backward": 2}, speed=100, corrections={1}, input="alternate"), 10,
         "digit_span.trial_started", "digit_span.submitted", "digit_span.sequences"),
    Case("card_match", "card_match.", CardMatchParams(rows=2, cols=4, boards=2, reveal_ms=3, board_pause_ms=3),
         lambda: CardMatchPlayer(oracle=True, mistakes={1, 5}, speed=100, input="alternate"), 10,
         "card_match.flip", "card_match.move_ended", "card_match.moves"),
    Case("flanker", "flanker.", FlankerParams(conflict_trials=9, switch_trials=9, fixation_min_ms=2,
                                              fixation_max_ms=6, **FAST_TIMED),
         lambda: FlankerPlayer(FlankerModel(rt_ms=12, conflict_ms=4, switch_ms=4, sd_ms=0, error_p=0, min_ms=1),
                               speed=100, input="alternate"), 18,
         "flanker.trial_started", "flanker.trial_ended", "flanker.trials"),
    Case("stop_signal", "stop_signal.", StopSignalParams(trials=18, blocks=2, fixation_ms=2, ssd_start_ms=60,
                                                         ssd_step_ms=20, ssd_max_ms=200, **FAST_TIMED),
         lambda: StopSignalPlayer(RaceModel(go_mu_ms=25, go_sigma_ms=0, go_tau_ms=0.001, ssrt_ms=20, error_p=0,
                                            min_ms=1), speed=100, input="alternate"), 18,
         "stop_signal.trial_started", "stop_signal.trial_ended", "stop_signal.trials"),
]


def _check_state(case: Case, result: Resumed) -> None:
    """What each game carries over a crash, beyond the trial counts the shared check covers."""
    events = [e for e in result.events if e.game == case.game and e.kind.startswith(case.namespace)]
    if case.game == "card_match":  # every pair of every board found exactly once, by moves that ended
        found = [(e.payload["board"], e.payload["pairs_found"]) for e in events
                 if e.kind == "card_match.move_ended" and e.payload["outcome"] == "match"]
        assert sorted(found) == [(board, pairs) for board in (0, 1) for pairs in range(1, 5)]
    if case.game == "stop_signal":  # the staircase continues from the recorded delay
        for previous, nxt in zip(_ends(events), _ends(events)[1:], strict=False):
            started = next(e for e in events if e.kind == "stop_signal.trial_started" and e.trial == nxt.trial
                           and e.seq > previous.seq)
            if started.payload["stop"]:
                assert started.payload["ssd_ms"] == previous.payload["next_ssd_ms"]


def _ends(events: list[EventRecord]) -> list[EventRecord]:
    return [e for e in events if e.kind == "stop_signal.trial_ended"]


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.game)
def test_a_memory_or_attention_session_killed_at_any_event_resumes_and_scores(
    qtbot: QtBot, tmp_path: Path, case: Case
) -> None:
    recorded = record_session(qtbot, tmp_path / "recorded", case.game, case.params, 7, case.player)
    positions = kill_positions(recorded, case.game)
    assert len(positions) >= KILLS
    rng = random.Random(f"second-crash-{case.game}")
    for n, kill_at in enumerate(positions):
        result = kill_and_resume(qtbot, tmp_path / f"kill-{kill_at}", case, recorded, kill_at)
        _check_state(case, result)
        if n % SECOND_CRASH_EVERY == 0:
            resumed_at = max(i for i, e in enumerate(result.events) if e.kind == "session.resumed")
            again = rng.randrange(resumed_at + 1, len(result.events))
            _check_state(case, kill_and_resume(qtbot, tmp_path / f"kill-{kill_at}-{again}", case, result.events,
                                               again))

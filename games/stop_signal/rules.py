"""Pure rules of the stop-signal game: the shared timed-trial machine (games/kit/trials.py) plus the stop signal.

On every trial an arrow appears (the go stimulus): press its key. On a stop trial the arrow turns into a red
cross after the stop-signal delay (SSD): then make no response at all. The delay follows the tracking
procedure of the consensus guide (Verbruggen et al. 2019, Recommendation 4): after a successful stop it grows
by `ssd_step_ms`, after a failed stop (any response, before or after the signal, right or wrong key) it
shrinks by the step, within `ssd_min_ms`..`ssd_max_ms`. Which trials stop, and the arrows, are drawn at
construction from the seed: 25 % stop trials spread evenly over the blocks, shuffled within each block.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from eventlog.kinds import Payload
from eventlog.records import EventRecord
from games.core import Restored, Step
from games.kit.trials import MS, InputKind, TimedTrialRules, TrialRuleError, TrialState
from games.stop_signal.events import (
    StopBlockStarted,
    StopGameEnded,
    StopGameResumed,
    StopGameStarted,
    StopGoOnset,
    StopResponse,
    StopSignalOnset,
    StopTrialEnded,
    StopTrialStarted,
)
from games.stop_signal.params import StopSignalParams

__all__ = ["StopSignalRules", "StopTrial", "plan_stop_signal"]

Side = Literal["left", "right"]
Key = Literal["Left", "Right"]


@dataclass(frozen=True, slots=True)
class StopTrial:
    """One planned trial: its block, whether it stops, its arrow and its fixation time."""

    block: int
    stop: bool
    direction: Side
    fixation_ms: int

    @property
    def correct_key(self) -> Key:
        """The arrow key the go stimulus asks for."""
        return "Left" if self.direction == "left" else "Right"


def _split(total: int, parts: int) -> list[int]:
    share, extra = divmod(total, parts)
    return [share + (1 if i < extra else 0) for i in range(parts)]


def plan_stop_signal(params: StopSignalParams, rng: random.Random) -> list[StopTrial]:
    """Every trial: blocks as even as can be, each with its share of stop trials and of left/right arrows."""
    plan: list[StopTrial] = []
    for block, (size, stops) in enumerate(zip(_split(params.trials, params.blocks),
                                              _split(params.stop_trials, params.blocks), strict=True)):
        flags = [i < stops for i in range(size)]
        rng.shuffle(flags)
        sides: list[Side] = ["left" if i % 2 == 0 else "right" for i in range(size)]
        rng.shuffle(sides)
        plan += [StopTrial(block, stop, side, params.fixation_ms) for stop, side in zip(flags, sides, strict=True)]
    return plan


class StopSignalRules(TimedTrialRules[StopTrial]):
    """The stop-signal game's rules: the shared machine, the stop signal and the delay staircase."""

    namespace = "stop_signal."
    params: StopSignalParams

    def make_plan(self, rng: random.Random) -> Sequence[StopTrial]:
        return plan_stop_signal(self.params, rng)

    def start_game(self, state: TrialState, t_ns: int) -> Step[TrialState]:
        """Record the game's parameters and seed; the staircase starts at ssd_start_ms."""
        new, emitted = super().start_game(state, t_ns)
        return Step(replace(new, ssd_ms=self.params.ssd_start_ms), emitted)

    def signal(self, state: TrialState, requested_t_ns: int, presented_t_ns: int) -> Step[TrialState]:
        """The stop signal was asked for and reached the screen (a stop trial, before any response)."""
        self._check(state, "show the stop signal", requested_t_ns, "stimulus")
        if not self.current(state).stop or state.signal_ns is not None or presented_t_ns < requested_t_ns:
            raise TrialRuleError(f"stop_signal: trial {state.trial} has no stop signal to show")
        payload = StopSignalOnset(trial=state.trial, requested_t_ns=requested_t_ns, presented_t_ns=presented_t_ns,
                                  ssd_ns=presented_t_ns - state.onset_ns)
        new = replace(state, signal_ns=presented_t_ns, last_t_ns=presented_t_ns)
        return Step(new, (self._emit("stop_onset", payload, presented_t_ns, state.trial),))

    def apply_more(self, state: TrialState, rec: EventRecord, kind: str) -> Step[TrialState]:
        if kind == "stop_onset":
            return self.signal(state, int(rec.payload["requested_t_ns"]), int(rec.payload["presented_t_ns"]))
        return super().apply_more(state, rec, kind)

    def _next_ssd(self, ssd: int, stopped: bool) -> int:
        p = self.params
        return min(p.ssd_max_ms, max(p.ssd_min_ms, ssd + (p.ssd_step_ms if stopped else -p.ssd_step_ms)))

    # -- payloads ----------------------------------------------------------------------------------

    def started_payload(self) -> Payload:
        p = self.params
        return StopGameStarted(trials=p.trials, stop_trials=p.stop_trials, blocks=p.blocks, timeout_ms=p.timeout_ms,
                               ssd_start_ms=p.ssd_start_ms, ssd_step_ms=p.ssd_step_ms, ssd_min_ms=p.ssd_min_ms,
                               ssd_max_ms=p.ssd_max_ms, keys=list(self.keys), seed=self.seed)

    def block_payload(self, block: int) -> Payload:
        mine = [t for t in self.plan if t.block == block]
        return StopBlockStarted(block=block, trials=len(mine), stop_trials=sum(t.stop for t in mine))

    def trial_payload(self, state: TrialState) -> Payload:
        t = self.current(state)
        return StopTrialStarted(trial=state.trial, block=t.block, stop=t.stop, direction=t.direction,
                                correct_key=t.correct_key, fixation_ns=t.fixation_ms * MS,
                                ssd_ms=state.ssd_ms if t.stop else None)

    def onset_payload(self, state: TrialState, requested_t_ns: int, presented_t_ns: int) -> Payload:
        return StopGoOnset(trial=state.trial, requested_t_ns=requested_t_ns, presented_t_ns=presented_t_ns)

    def response_payload(self, state: TrialState, key: str, latency_ns: int, source: InputKind,
                         qt_event_ms: int | None) -> Payload:
        t = self.current(state)
        return StopResponse(trial=state.trial, key="Left" if key == "Left" else "Right", input=source,
                            latency_ns=latency_ns, correct=key == t.correct_key, stop=t.stop,
                            after_signal=(state.signal_ns is not None) if t.stop else None, qt_event_ms=qt_event_ms)

    def ended(self, state: TrialState, key: str | None) -> tuple[Payload, TrialState]:
        t = self.current(state)
        if t.stop:
            stopped = key is None
            ssd = self._next_ssd(state.ssd_ms, stopped)
            outcome: Literal["stop_success", "stop_failure"] = "stop_success" if stopped else "stop_failure"
            return (StopTrialEnded(trial=state.trial, outcome=outcome, next_ssd_ms=ssd),
                    replace(state, ssd_ms=ssd, stopped=state.stopped + stopped, correct=state.correct + stopped))
        if key is None:
            return (StopTrialEnded(trial=state.trial, outcome="go_omission", next_ssd_ms=state.ssd_ms),
                    replace(state, omissions=state.omissions + 1))
        right = key == t.correct_key
        return (StopTrialEnded(trial=state.trial, outcome="go_correct" if right else "go_error",
                               next_ssd_ms=state.ssd_ms), replace(state, correct=state.correct + right))

    def game_ended_payload(self, state: TrialState) -> Payload:
        return StopGameEnded(trials=state.trial, stop_trials=sum(t.stop for t in self.plan[:state.trial]),
                             stop_successes=state.stopped, go_omissions=state.omissions, final_ssd_ms=state.ssd_ms)

    def resumed_payload(self, restored: Restored[TrialState]) -> Payload:
        s = restored.state
        return StopGameResumed(trial=s.trial, repeated=restored.repeated, trials_done=s.trial,
                               events_restored=restored.events, ssd_ms=s.ssd_ms)

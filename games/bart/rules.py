"""Pure rules of the balloon risk game: a state machine with no Qt, no clock and no database.

Every function takes the current state and the session-relative time `t_ns` of the action and returns
a `Step` (games/core.py): the new state with the `Emission`s to record. An action that breaks the
sequence (pumping a burst balloon, collecting between balloons, time running backwards...) raises a
BartRuleError (a GameRuleError) and emits nothing.

Burst points are drawn once, at `new_game`, from the seeded RNG: balloon i bursts on pump
`randint(1, capacity)`. A uniform burst point over 1..capacity is the same as bursting on pump n+1
with probability 1/(capacity - n) after surviving n pumps (Lejuez et al. 2002).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Literal

from games.bart.events import (
    BalloonEnded,
    BalloonStarted,
    BartGameEnded,
    BartGameStarted,
    Burst,
    Collected,
    ColourCapacity,
    Pump,
)
from games.bart.params import BartParams
from games.core import Emission, GameRuleError, Step

__all__ = [
    "BalloonPlan",
    "BartRuleError",
    "BartSequenceError",
    "BartState",
    "BartTimestampError",
    "Phase",
    "collect",
    "end_game",
    "new_game",
    "plan_balloons",
    "pump",
    "start_balloon",
    "start_game",
]

Phase = Literal["not_started", "between", "inflating", "finished"]
InputKind = Literal["key", "mouse"]
NS_PER_MS = 1_000_000


class BartRuleError(GameRuleError):
    """An action the game's rules refuse; nothing is emitted.

    GameRuleError (ValueError)
     +-- BartRuleError
          +-- BartSequenceError   (the action is not allowed in the current phase)
          +-- BartTimestampError  (t_ns is before the previous action's)
    """


class BartSequenceError(BartRuleError):
    """The action is not allowed now, e.g. pumping after a burst or before the balloon is shown."""

    def __init__(self, action: str, phase: str, detail: str) -> None:
        super().__init__(f"bart: cannot {action} in phase {phase!r}: {detail}")
        self.action = action
        self.phase = phase


class BartTimestampError(BartRuleError):
    """Field 't_ns' went backwards."""


@dataclass(frozen=True, slots=True)
class BalloonPlan:
    """What a balloon is, fixed at the start of the game from the seeded RNG."""

    colour: str
    capacity: int
    burst_point: int  # the pump that bursts it, 1..capacity


@dataclass(frozen=True, slots=True)
class BartState:
    """The whole state of one game (immutable; every action returns a new one)."""

    params: BartParams
    seed: int
    plan: tuple[BalloonPlan, ...]
    phase: Phase = "not_started"
    balloon: int = -1  # index of the current (or last) balloon
    pumps: int = 0  # pumps on the current balloon
    temp_cents: int = 0
    total_cents: int = 0
    max_pumps: int = 0  # most pumps on any ended balloon
    bursts: int = 0
    collects: int = 0
    last_t_ns: int = 0
    last_pump_t_ns: int | None = None

    @property
    def current(self) -> BalloonPlan:
        """The plan of the current balloon."""
        return self.plan[self.balloon]

    @property
    def balloons_done(self) -> int:
        """How many balloons have ended."""
        return self.bursts + self.collects

    @property
    def size(self) -> float:
        """The current balloon's relative radius: pumps over the largest capacity of the game."""
        return min(1.0, self.pumps / self.params.max_capacity)


def plan_balloons(params: BartParams, rng: random.Random) -> tuple[BalloonPlan, ...]:
    """Colours split evenly and shuffled, then one uniform burst point per balloon, in that RNG order."""
    colours = list(params.colours)
    share, extra = divmod(params.balloons, len(colours))
    order = [c for i, c in enumerate(colours) for _ in range(share + (1 if i < extra else 0))]
    rng.shuffle(order)
    return tuple(BalloonPlan(c.colour, c.capacity, rng.randint(1, c.capacity)) for c in order)


def new_game(params: BartParams, rng: random.Random, seed: int) -> BartState:
    """A game not yet started, with every balloon's colour and burst point drawn from rng."""
    return BartState(params=params, seed=seed, plan=plan_balloons(params, rng))


def _check(state: BartState, action: str, t_ns: int, phase: Phase, detail: str) -> None:
    if state.phase != phase:
        raise BartSequenceError(action, state.phase, detail)
    if type(t_ns) is not int or t_ns < state.last_t_ns:
        raise BartTimestampError(f"bart: field 't_ns' of {action} is {t_ns!r}, before the previous {state.last_t_ns}")


def start_game(state: BartState, t_ns: int) -> Step[BartState]:
    """Record the game's parameters and seed."""
    _check(state, "start the game", t_ns, "not_started", "the game has already started")
    p = state.params
    payload = BartGameStarted(
        balloons=p.balloons, colours=[ColourCapacity(colour=c.colour, capacity=c.capacity) for c in p.colours],
        cents_per_pump=p.cents_per_pump, seed=state.seed,
    )
    started = Emission("bart.game_started", payload, t_ns, None)
    return Step(replace(state, phase="between", last_t_ns=t_ns), (started,))


def start_balloon(state: BartState, t_ns: int, requested_t_ns: int | None = None) -> Step[BartState]:
    """Show the next balloon, empty: t_ns is when it was presented, requested_t_ns when it was asked for."""
    _check(state, "start a balloon", t_ns, "between", "a balloon is already inflating or the game is over")
    index = state.balloon + 1
    if index >= len(state.plan):
        raise BartSequenceError("start a balloon", state.phase, f"all {len(state.plan)} balloons are done")
    plan = state.plan[index]
    new = replace(state, phase="inflating", balloon=index, pumps=0, temp_cents=0, last_t_ns=t_ns,
                  last_pump_t_ns=None)
    payload = BalloonStarted(balloon=index, colour=plan.colour, capacity=plan.capacity, requested_t_ns=requested_t_ns)
    return Step(new, (Emission("bart.balloon_started", payload, t_ns, index),))


def pump(state: BartState, t_ns: int, source: InputKind, qt_event_ms: int | None = None) -> Step[BartState]:
    """One pump: 5 cents into the temporary bank, unless this is the balloon's burst point."""
    _check(state, "pump", t_ns, "inflating", "there is no balloon to pump (it burst, was collected or not shown)")
    n = state.pumps + 1
    since = None if state.last_pump_t_ns is None else t_ns - state.last_pump_t_ns
    bursts = n >= state.current.burst_point
    temp = state.temp_cents if bursts else state.temp_cents + state.params.cents_per_pump
    new = replace(state, pumps=n, temp_cents=temp, last_t_ns=t_ns, last_pump_t_ns=t_ns)
    payload = Pump(
        balloon=state.balloon, pump=n, since_prev_ns=since, size=new.size, temp_cents=temp,
        total_cents=state.total_cents, new_max=n > state.max_pumps,
        rapid=since is not None and since < state.params.rapid_pump_ms * NS_PER_MS,
        qt_event_ms=qt_event_ms, input=source,
    )
    pumped = Emission("bart.pump", payload, t_ns, state.balloon)
    if not bursts:
        return Step(new, (pumped,))
    lost = Emission("bart.burst", Burst(balloon=state.balloon, pumps=n, lost_cents=temp), t_ns, state.balloon)
    ended, end_emission = _end_balloon(new, "burst", t_ns)
    return Step(replace(ended, bursts=state.bursts + 1, temp_cents=0), (pumped, lost, end_emission))


def collect(state: BartState, t_ns: int) -> Step[BartState]:
    """Move the temporary bank to the total and end the balloon (allowed with zero pumps)."""
    _check(state, "collect", t_ns, "inflating", "there is no balloon to collect from")
    total = state.total_cents + state.temp_cents
    payload = Collected(balloon=state.balloon, pumps=state.pumps, amount_cents=state.temp_cents, total_cents=total)
    new = replace(state, total_cents=total, last_t_ns=t_ns)
    ended, end_emission = _end_balloon(new, "collected", t_ns)
    return Step(replace(ended, collects=state.collects + 1, temp_cents=0), (
        Emission("bart.collected", payload, t_ns, state.balloon), end_emission,
    ))


def _end_balloon(state: BartState, outcome: Literal["collected", "burst"], t_ns: int) -> tuple[BartState, Emission]:
    plan = state.current
    payload = BalloonEnded(
        balloon=state.balloon, outcome=outcome, pumps=state.pumps, burst_point=plan.burst_point, colour=plan.colour,
    )
    new = replace(state, phase="between", max_pumps=max(state.max_pumps, state.pumps))
    return new, Emission("bart.balloon_ended", payload, t_ns, state.balloon)


def end_game(state: BartState, t_ns: int) -> Step[BartState]:
    """Record the totals once every balloon has ended."""
    _check(state, "end the game", t_ns, "between", "a balloon is still inflating or the game is over")
    if state.balloons_done < len(state.plan):
        raise BartSequenceError(
            "end the game", state.phase, f"only {state.balloons_done} of {len(state.plan)} balloons are done"
        )
    payload = BartGameEnded(
        balloons=state.balloons_done, total_cents=state.total_cents, bursts=state.bursts, collects=state.collects,
    )
    ended = Emission("bart.game_ended", payload, t_ns, None)
    return Step(replace(state, phase="finished", last_t_ns=t_ns), (ended,))

"""Pure rules of the digit span game: a state machine with no Qt, no clock and no database.

Phases: not_started -> (start_game) between -> (start_block) between -> (begin_trial) presenting ->
(show_digit x length) presenting -> (begin_response) responding -> (type_key)* -> (submit) between ->
... -> (end_game) finished. The adaptive rule is Wechsler's: two sequences per length; after both, the
next length, unless both failed (the block ends: discontinue) or the longest length is done.

Every sequence is drawn once, at `new_game`, from the seeded RNG: for each block, length and sequence, its
digits are distinct digits 1-9 in random order, so a session's numbering and digits are the same after a
crash. An action the rules refuse raises DigitSpanRuleError (a GameRuleError) and emits nothing.
`restore` rebuilds the state at the last sequence boundary by replaying the recorded events
(games/kit/replay.py); `interrupt` abandons a sequence being shown (the station paused it): it is shown again.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal, cast

from eventlog.records import EventRecord
from games.core import Emission, GameRuleError, Restored, Step, payload_of
from games.digit_span.events import (
    BlockStarted,
    DigitShown,
    DigitSpanGameEnded,
    DigitSpanGameResumed,
    DigitSpanGameStarted,
    KeyTyped,
    ResponseStarted,
    SequenceStarted,
    Submitted,
)
from games.digit_span.params import DigitSpanParams, Direction
from games.kit.replay import replay

__all__ = [
    "BACKSPACE", "DigitSpanRuleError", "DigitSpanState", "InputKind", "Phase", "accepts", "begin_response",
    "begin_trial", "block_spans", "end_game", "interrupt", "is_done", "new_game", "plan_sequences",
    "position_errors", "restore", "resume_game", "show_digit", "start_block", "start_game", "submit", "target_of",
    "type_key",
]

Phase = Literal["not_started", "between", "presenting", "responding", "finished"]
InputKind = Literal["key", "mouse"]
Key = Literal["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "Backspace"]
BACKSPACE = "Backspace"
DIGIT_KEYS = tuple("0123456789")
ENTRY_SLACK = 3  # an answer may run this many digits past the sequence's length (then digits do nothing)
NS = "digit_span."


class DigitSpanRuleError(GameRuleError):
    """An action the digit span rules refuse (wrong phase, time going backwards, a key the game has not)."""


Plan = tuple[tuple[tuple[tuple[int, ...], ...], ...], ...]
"""plan[block][length - start][sequence] = the digits, in the order shown."""


@dataclass(frozen=True, slots=True)
class DigitSpanState:
    """The whole state of one game (immutable; every action returns a new one)."""

    params: DigitSpanParams
    seed: int
    plan: Plan
    phase: Phase = "not_started"
    block: int = 0  # the current block, == len(directions) when every block is over
    block_open: bool = False  # digit_span.block_started recorded for `block`
    length: int = 0  # the current (or next) sequence's length
    sequence: int = 0  # 0-based index of that sequence within its length
    failures: int = 0  # failed sequences at the current length
    trial: int = -1  # the current or last sequence (0-based, over the whole game)
    shown: int = 0  # digits of the current sequence shown so far
    entry: str = ""
    corrections: int = 0
    response_t_ns: int = 0
    last_key_t_ns: int = 0
    last_t_ns: int = 0
    spans: tuple[int, ...] = ()  # per block played so far: the longest length answered correctly (0: none)
    correct: int = 0

    @property
    def direction(self) -> Direction:
        """The current block's direction."""
        return self.params.directions[self.block]

    @property
    def digits(self) -> tuple[int, ...]:
        """The current (or next) sequence's digits, in the order shown."""
        return self.plan[self.block][self.length - self.params.start(self.direction)][self.sequence]


def plan_sequences(params: DigitSpanParams, rng: random.Random) -> Plan:
    """Every sequence the game could show: per block, length and sequence, distinct digits 1-9 in random order."""
    return tuple(
        tuple(tuple(tuple(rng.sample(range(1, 10), length)) for _ in range(params.sequences_per_length))
              for length in range(params.start(direction), params.longest(direction) + 1))
        for direction in params.directions
    )


def new_game(params: DigitSpanParams, rng: random.Random, seed: int) -> DigitSpanState:
    """A game not yet started, with every sequence drawn from rng."""
    return DigitSpanState(params=params, seed=seed, plan=plan_sequences(params, rng),
                          length=params.start(params.directions[0]), spans=(0,))


def target_of(direction: Direction, digits: Sequence[int]) -> str:
    """The answer a sequence asks for: its digits in order (forward) or reversed (backward)."""
    ordered = digits if direction == "forward" else list(reversed(digits))
    return "".join(str(d) for d in ordered)


def position_errors(target: str, entry: str) -> int:
    """Positions where the answer differs from the target; a missing or extra digit counts once."""
    return sum(1 for i in range(max(len(target), len(entry))) if target[i:i + 1] != entry[i:i + 1])


def is_done(state: DigitSpanState) -> bool:
    """Whether every block is over (the game may end)."""
    return state.block >= len(state.params.directions)


def _check(state: DigitSpanState, action: str, t_ns: int, *phases: Phase) -> None:
    if state.phase not in phases:
        raise DigitSpanRuleError(f"digit_span: cannot {action} in phase {state.phase!r} (needs {' or '.join(phases)})")
    if type(t_ns) is not int or t_ns < state.last_t_ns:
        raise DigitSpanRuleError(f"digit_span: field 't_ns' of {action} is {t_ns!r}, before the previous "
                                 f"{state.last_t_ns}")


def _started_payload(state: DigitSpanState) -> DigitSpanGameStarted:
    p = state.params
    return DigitSpanGameStarted(
        directions=list(p.directions), forward_start=p.forward_start, forward_max=p.forward_max,
        backward_start=p.backward_start, backward_max=p.backward_max, sequences_per_length=p.sequences_per_length,
        digit_ms=p.digit_ms, digit_on_ms=p.digit_on_ms, seed=state.seed)


def start_game(state: DigitSpanState, t_ns: int) -> Step[DigitSpanState]:
    """Record the game's parameters and seed."""
    _check(state, "start the game", t_ns, "not_started")
    return Step(replace(state, phase="between", last_t_ns=t_ns),
                (Emission(f"{NS}game_started", _started_payload(state), t_ns, None),))


def start_block(state: DigitSpanState, t_ns: int) -> Step[DigitSpanState]:
    """The candidate begins the next block (after its instructions)."""
    _check(state, "start a block", t_ns, "between")
    if state.block_open or is_done(state):
        raise DigitSpanRuleError("digit_span: cannot start a block: one is open or every block is over")
    payload = BlockStarted(block=state.block, direction=state.direction, start_length=state.length)
    return Step(replace(state, block_open=True, last_t_ns=t_ns), (Emission(f"{NS}block_started", payload, t_ns, None),))


def begin_trial(state: DigitSpanState, t_ns: int) -> Step[DigitSpanState]:
    """The next sequence begins (its first digit follows with show_digit)."""
    _check(state, "begin a sequence", t_ns, "between")
    if not state.block_open:
        raise DigitSpanRuleError("digit_span: cannot begin a sequence before its block has started")
    trial = state.trial + 1
    payload = SequenceStarted(trial=trial, block=state.block, direction=state.direction, length=state.length,
                              sequence=state.sequence + 1, digits=list(state.digits))
    new = replace(state, phase="presenting", trial=trial, shown=0, entry="", corrections=0, last_t_ns=t_ns)
    return Step(new, (Emission(f"{NS}trial_started", payload, t_ns, trial),))


def show_digit(state: DigitSpanState, requested_t_ns: int, presented_t_ns: int) -> Step[DigitSpanState]:
    """The next digit was asked for and reached the screen (the event's t_ns is presented_t_ns)."""
    _check(state, "show a digit", requested_t_ns, "presenting")
    if presented_t_ns < requested_t_ns or state.shown >= state.length:
        raise DigitSpanRuleError(f"digit_span: digit {state.shown + 1} of {state.length} cannot be shown "
                                 f"(requested {requested_t_ns}, presented {presented_t_ns})")
    payload = DigitShown(trial=state.trial, position=state.shown, digit=state.digits[state.shown],
                         requested_t_ns=requested_t_ns, presented_t_ns=presented_t_ns)
    new = replace(state, shown=state.shown + 1, last_t_ns=presented_t_ns)
    return Step(new, (Emission(f"{NS}digit_shown", payload, presented_t_ns, state.trial),))


def begin_response(state: DigitSpanState, requested_t_ns: int, presented_t_ns: int) -> Step[DigitSpanState]:
    """Every digit has had its time: the answer boxes are shown."""
    _check(state, "begin the answer", requested_t_ns, "presenting")
    if state.shown < state.length or presented_t_ns < requested_t_ns:
        raise DigitSpanRuleError(f"digit_span: only {state.shown} of {state.length} digits were shown")
    payload = ResponseStarted(trial=state.trial, requested_t_ns=requested_t_ns, presented_t_ns=presented_t_ns)
    new = replace(state, phase="responding", response_t_ns=presented_t_ns, last_key_t_ns=presented_t_ns,
                  last_t_ns=presented_t_ns)
    return Step(new, (Emission(f"{NS}response_started", payload, presented_t_ns, state.trial),))


def accepts(state: DigitSpanState, key: str) -> bool:
    """Whether a key would change the answer now (a digit with room left, Backspace with something to erase)."""
    if state.phase != "responding":
        return False
    if key == BACKSPACE:
        return bool(state.entry)
    return key in DIGIT_KEYS and len(state.entry) < state.length + ENTRY_SLACK


def type_key(state: DigitSpanState, key: str, t_ns: int, source: InputKind,
             qt_event_ms: int | None = None) -> Step[DigitSpanState]:
    """A digit typed, or Backspace erasing the last one."""
    _check(state, "type", t_ns, "responding")
    if not accepts(state, key):
        raise DigitSpanRuleError(f"digit_span: key {key!r} does nothing to the answer {state.entry!r}")
    erase = key == BACKSPACE
    entry = state.entry[:-1] if erase else state.entry + key
    payload = KeyTyped(trial=state.trial, key=cast(Key, key), entry=entry, since_prev_ns=t_ns - state.last_key_t_ns,
                       input=source, qt_event_ms=qt_event_ms)
    new = replace(state, entry=entry, corrections=state.corrections + erase, last_key_t_ns=t_ns, last_t_ns=t_ns)
    return Step(new, (Emission(f"{NS}key_typed", payload, t_ns, state.trial),))


def _next(state: DigitSpanState, correct: bool) -> tuple[DigitSpanState, bool]:
    """Where the game goes after an answer: the next sequence, the next length, or the next block."""
    p = state.params
    failures = state.failures + (not correct)
    best = max(state.spans[state.block], state.length if correct else 0)
    spans = (*state.spans[:state.block], best)
    if state.sequence + 1 < p.sequences_per_length:
        return replace(state, sequence=state.sequence + 1, failures=failures, spans=spans), False
    if failures < p.sequences_per_length and state.length < p.longest(state.direction):
        return replace(state, length=state.length + 1, sequence=0, failures=0, spans=spans), False
    block = state.block + 1
    length = p.start(p.directions[block]) if block < len(p.directions) else state.length
    moved = replace(state, block=block, block_open=False, length=length, sequence=0, failures=0,
                    spans=(*spans, 0) if block < len(p.directions) else spans)
    return moved, True


def submit(state: DigitSpanState, t_ns: int, source: InputKind) -> Step[DigitSpanState]:
    """The answer is final: score it and move on by the adaptive rule."""
    _check(state, "submit", t_ns, "responding")
    if not state.entry:
        raise DigitSpanRuleError("digit_span: cannot submit an empty answer")
    target = target_of(state.direction, state.digits)
    correct = state.entry == target
    moved, block_over = _next(state, correct)
    payload = Submitted(
        trial=state.trial, direction=state.direction, length=state.length, target=target, entry=state.entry,
        correct=correct, position_errors=position_errors(target, state.entry), corrections=state.corrections,
        response_ns=t_ns - state.response_t_ns, input=source, block_over=block_over)
    new = replace(moved, phase="between", correct=state.correct + correct, last_t_ns=t_ns)
    return Step(new, (Emission(f"{NS}submitted", payload, t_ns, state.trial),))


def interrupt(state: DigitSpanState, t_ns: int) -> Step[DigitSpanState]:
    """Abandon a sequence being shown (the station paused the game): it is shown again, nothing is recorded.

    While the answer is being typed nothing changes (the boxes wait); between sequences there is nothing to do.
    """
    if state.phase != "presenting":
        return Step(state)
    _check(state, "interrupt", t_ns, "presenting")
    return Step(replace(state, phase="between", trial=state.trial - 1, shown=0, last_t_ns=t_ns))


def block_spans(state: DigitSpanState) -> dict[str, int | None]:
    """The span of each direction played so far (None: not played)."""
    found: dict[str, int | None] = {"forward_span": None, "backward_span": None}
    for direction, span in zip(state.params.directions, state.spans, strict=False):
        found[f"{direction}_span"] = span
    return found


def end_game(state: DigitSpanState, t_ns: int) -> Step[DigitSpanState]:
    """Record the totals once every block is over."""
    _check(state, "end the game", t_ns, "between")
    if not is_done(state):
        raise DigitSpanRuleError(f"digit_span: block {state.block + 1} of {len(state.params.directions)} is not over")
    payload = DigitSpanGameEnded(trials=state.trial + 1, correct=state.correct, **block_spans(state))
    return Step(replace(state, phase="finished", last_t_ns=t_ns), (Emission(f"{NS}game_ended", payload, t_ns, None),))


def _apply(state: DigitSpanState, rec: EventRecord) -> Step[DigitSpanState]:
    """The rules step that recorded `rec`, taken again with the record's values (games/kit/replay.py)."""
    kind = rec.kind.removeprefix(NS)
    if kind == "game_started":
        return start_game(state, rec.t_ns)
    if kind == "block_started":
        return start_block(state, rec.t_ns)
    if kind == "trial_started":  # a second start of the same sequence: the station had paused the first
        return begin_trial(interrupt(state, rec.t_ns).state, rec.t_ns)
    if kind == "digit_shown":
        shown = payload_of(rec, DigitShown)
        return show_digit(state, shown.requested_t_ns, shown.presented_t_ns)
    if kind == "response_started":
        started = payload_of(rec, ResponseStarted)
        return begin_response(state, started.requested_t_ns, started.presented_t_ns)
    if kind == "key_typed":
        typed = payload_of(rec, KeyTyped)
        return type_key(state, typed.key, rec.t_ns, typed.input, typed.qt_event_ms)
    if kind == "submitted":
        return submit(state, rec.t_ns, payload_of(rec, Submitted).input)
    if kind == "game_ended":
        return end_game(state, rec.t_ns)
    raise DigitSpanRuleError(f"digit_span: unknown event kind {rec.kind!r}")


def restore(state: DigitSpanState, records: Sequence[EventRecord]) -> Restored[DigitSpanState]:
    """The state after the last sequence answered (or block begun), from the game's recorded events."""
    if state.phase != "not_started":
        raise DigitSpanRuleError("digit_span: only a game not yet started can be restored")
    return replay(state, records, NS, _apply, lambda s: s.phase in ("between", "finished"))


def resume_game(restored: Restored[DigitSpanState], t_ns: int) -> Step[DigitSpanState]:
    """Record digit_span.game_resumed: the sequence the game continues at and what was restored."""
    state = restored.state
    _check(state, "resume the game", t_ns, "between")
    payload = DigitSpanGameResumed(
        trial=state.trial + 1, repeated=restored.repeated, trials_done=state.trial + 1,
        events_restored=restored.events, block=state.block, length=state.length, correct=state.correct)
    return Step(replace(state, last_t_ns=t_ns), (Emission(f"{NS}game_resumed", payload, t_ns, None),))

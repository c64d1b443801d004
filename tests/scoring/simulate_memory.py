"""Simulated players of the memory and attention games (issue 14), driven through the games' pure rules (no Qt)."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from games.card_match import rules as card_rules
from games.card_match.model import MemoryModel
from games.card_match.params import CardMatchParams
from games.core import Emission
from games.digit_span import rules as span_rules
from games.digit_span.params import DigitSpanParams
from games.flanker.model import FlankerModel
from games.flanker.params import FlankerParams
from games.flanker.rules import FlankerRules
from games.kit.trials import MS, TimedTrialRules, TrialState
from games.stop_signal.model import RaceModel
from games.stop_signal.params import StopSignalParams
from games.stop_signal.rules import StopSignalRules
from tests.scoring.helpers import StreamBuilder

__all__ = ["play_card_match", "play_digit_span", "play_flanker", "play_memory_attention", "play_stop_signal",
           "play_timed"]


def _emit(b: StreamBuilder, game: str, emissions: tuple[Emission, ...]) -> None:
    for e in emissions:
        b.add(e.kind, e.t_ns, e.payload.model_dump(mode="json"), game, e.trial)


def play_digit_span(b: StreamBuilder, span: int | Mapping[str, int] = 6, seed: int = 2,
                    params: DigitSpanParams | None = None, key_ms: float = 400.0) -> None:
    """A player who recalls sequences up to `span` digits exactly and gets the last digit of longer ones wrong."""
    spans = dict(span) if isinstance(span, Mapping) else {"forward": span, "backward": span}
    p = params or DigitSpanParams()
    state = span_rules.new_game(p, random.Random(seed), seed)
    t = b.t_ns + 10 * MS
    state, em = span_rules.start_game(state, t)
    _emit(b, "digit_span", em)
    while not span_rules.is_done(state):
        if not state.block_open:
            t += 3000 * MS
            state, em = span_rules.start_block(state, t)
            _emit(b, "digit_span", em)
        t += p.iti_ms * MS
        state, em = span_rules.begin_trial(state, t)
        _emit(b, "digit_span", em)
        for i in range(state.length):
            onset = t + i * p.digit_ms * MS
            state, em = span_rules.show_digit(state, onset, onset + MS)
            _emit(b, "digit_span", em)
        t += state.length * p.digit_ms * MS
        state, em = span_rules.begin_response(state, t, t + MS)
        _emit(b, "digit_span", em)
        target = span_rules.target_of(state.direction, state.digits)
        answer = target if len(target) <= spans[state.direction] else target[:-1] + str(int(target[-1]) % 9 + 1)
        for key in answer:
            t += round(key_ms * MS)
            state, em = span_rules.type_key(state, key, t, "key")
            _emit(b, "digit_span", em)
        t += 300 * MS
        state, em = span_rules.submit(state, t, "key")
        _emit(b, "digit_span", em)
    state, em = span_rules.end_game(state, t + MS)
    _emit(b, "digit_span", em)


def play_card_match(b: StreamBuilder, memory: int | None = None, seed: int = 2, params: CardMatchParams | None = None,
                    flip_ms: float = 700.0) -> None:
    """A player who remembers the last `memory` cards seen (None: all) and plays the optimal strategy on them."""
    p = params or CardMatchParams()
    state = card_rules.new_game(p, random.Random(seed), seed)
    mind = MemoryModel(memory, random.Random(seed + 1))
    t = b.t_ns + 10 * MS
    state, em = card_rules.start_game(state, t)
    _emit(b, "card_match", em)
    while not card_rules.is_done(state):
        t += p.board_pause_ms * MS
        state, em = card_rules.start_board(state, t, t + MS)
        _emit(b, "card_match", em)
        mind.reset()
        while state.phase == "ready":
            first = mind.first_choice(p.cards)
            t += round(flip_ms * MS)
            state, em = card_rules.flip(state, first, t, t + MS, "mouse")
            _emit(b, "card_match", em)
            mind.saw(first, state.layout[first])
            second = mind.second_choice(p.cards, first, state.layout[first])
            t += round(flip_ms * MS)
            state, em = card_rules.flip(state, second, t, t + MS, "mouse")
            _emit(b, "card_match", em)
            mind.saw(second, state.layout[second])
            if state.layout[first] == state.layout[second]:
                mind.take({first, second})
            t += p.reveal_ms * MS
            state, em = card_rules.end_move(state, t, t + MS)
            _emit(b, "card_match", em)
        state, em = card_rules.complete_board(state, t + MS)
        _emit(b, "card_match", em)
    state, em = card_rules.end_game(state, t + 2 * MS)
    _emit(b, "card_match", em)


def play_timed(b: StreamBuilder, game: str, rules: TimedTrialRules[Any], decide: Any) -> None:
    """Play a timed-trial game: decide(plan, state) gives (key or None, latency ms) for each trial."""
    state = TrialState()
    t = b.t_ns + 10 * MS
    state, em = rules.start_game(state, t)
    _emit(b, game, em)
    while not rules.is_done(state):
        if rules.needs_block(state):
            t += 2000 * MS
            state, em = rules.start_block(state, t)
            _emit(b, game, em)
        t += int(rules.params.iti_ms) * MS
        state, em = rules.begin_trial(state, t)
        _emit(b, game, em)
        plan = rules.current(state)
        t += plan.fixation_ms * MS
        state, em = rules.present(state, t, t + MS)
        _emit(b, game, em)
        onset = t + MS
        key, latency = decide(plan, state)
        if isinstance(rules, StopSignalRules) and plan.stop:
            ssd_at = onset + state.ssd_ms * MS
            if key is None or onset + round(latency * MS) >= ssd_at:
                state, em = rules.signal(state, ssd_at, ssd_at)
                _emit(b, game, em)
        if key is not None and latency < rules.params.timeout_ms:
            state, em = rules.respond(state, key, onset + round(latency * MS), "key")
        else:
            state, em = rules.expire(state, onset + rules.timeout_ns)
        _emit(b, game, em)
        t = state.last_t_ns
    state, em = rules.end_game(state, t + MS)
    _emit(b, game, em)


def play_flanker(b: StreamBuilder, model: FlankerModel | None = None, seed: int = 2,
                 params: FlankerParams | None = None) -> None:
    """A flanker player answering as its FlankerModel says (its own RNG seeded from `seed`)."""
    rng = random.Random(seed + 100)
    chosen = model or FlankerModel()
    play_timed(b, "flanker", FlankerRules(params or FlankerParams(), seed),
                lambda plan, state: chosen.decide(plan, rng))


def play_stop_signal(b: StreamBuilder, model: RaceModel | None = None, seed: int = 2,
                     params: StopSignalParams | None = None) -> None:
    """A stop-signal player following the independent race model (its own RNG seeded from `seed`)."""
    rng = random.Random(seed + 100)
    chosen = model or RaceModel()
    play_timed(b, "stop_signal", StopSignalRules(params or StopSignalParams(), seed),
                lambda plan, state: chosen.decide(plan, state.ssd_ms, rng))


def play_memory_attention(b: StreamBuilder, seed: int = 1) -> None:
    """All four games with typical players, for full sessions."""
    play_digit_span(b, {"forward": 7, "backward": 5}, seed=seed)
    play_card_match(b, memory=6, seed=seed)
    play_flanker(b, seed=seed)
    play_stop_signal(b, seed=seed)

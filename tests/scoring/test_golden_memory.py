"""Hand-computed golden sessions of the memory and attention games, and their insufficient-data paths."""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest

from games.card_match import rules as card_rules
from games.card_match.params import CardMatchParams
from games.digit_span import rules as span_rules
from games.digit_span.params import DigitSpanParams
from games.flanker.params import FlankerParams
from games.flanker.rules import FlankerRules
from games.kit.trials import MS
from games.stop_signal.params import StopSignalParams
from games.stop_signal.rules import StopSignalRules
from scoring import score_session
from scoring.card_match import expected_moves
from scoring.model import GameResult, Profile
from tests.scoring.helpers import StreamBuilder
from tests.scoring.simulate_memory import play_timed


def value(game: GameResult | None, key: str) -> Any:
    assert game is not None
    m = game.metric(key)
    assert m is not None, key
    return m.value


# -- digit span -----------------------------------------------------------------------------------------------

SPAN = DigitSpanParams(forward_start=3, forward_max=5, backward_start=2, backward_max=3)
# Per sequence in order: how the answer differs from the target. Forward: 3 right, 3 two digits swapped,
# 4 last digit wrong, 4 right, 5 one digit missing, 5 one digit extra (both 5s wrong: the part ends).
# Backward: 2 right, 2 right, 3 right, 3 last digit wrong (the longest length: the part ends).
SCRIPT = ["right", "swap", "last", "right", "short", "long", "right", "right", "right", "last"]


def _typed(target: str, how: str) -> str:
    return {"right": target, "swap": target[1] + target[0] + target[2:], "last": target[:-1] + str(int(target[-1])
            % 9 + 1), "short": target[:-1], "long": target + "1"}[how]


def span_session() -> list:
    b = StreamBuilder()
    state = span_rules.new_game(SPAN, random.Random(4), 4)
    t = 10 * MS
    state, em = span_rules.start_game(state, t)
    emitted = list(em)
    for i, how in enumerate(SCRIPT):
        if not state.block_open:
            state, em = span_rules.start_block(state, t)
            emitted += em
        state, em = span_rules.begin_trial(state, t + MS)
        emitted += em
        for k in range(state.length):
            state, em = span_rules.show_digit(state, t + (2 + k) * MS, t + (2 + k) * MS)
            emitted += em
        t += (3 + state.length) * MS
        state, em = span_rules.begin_response(state, t, t)
        emitted += em
        typed = _typed(span_rules.target_of(state.direction, state.digits), how)
        keys = ["9", "Backspace", *typed] if i == 3 else list(typed)  # one correction, in sequence 4
        answer_ms = (500 + 100 * i) * state.length  # so that the time per digit is 500 + 100 i ms
        for k, key in enumerate(keys):
            state, em = span_rules.type_key(state, key, t + (k + 1) * MS, "key")
            emitted += em
        t += answer_ms * MS
        state, em = span_rules.submit(state, t, "key")
        emitted += em
        t += 1000 * MS
    state, em = span_rules.end_game(state, t)
    for e in [*emitted, *em]:
        b.add(e.kind, e.t_ns, e.payload.model_dump(mode="json"), "digit_span", e.trial)
    return b.close()


def test_digit_span_by_hand() -> None:
    profile = score_session(span_session())
    game = profile.game("digit_span")
    assert game is not None and game.completed
    assert value(game, "digit_span.sequences") == 10 and value(game, "digit_span.correct") == 5
    assert (value(game, "digit_span.forward_span"), value(game, "digit_span.forward_correct")) == (4, 2)
    assert (value(game, "digit_span.backward_span"), value(game, "digit_span.backward_correct")) == (3, 3)
    assert value(game, "digit_span.position_errors") == 2 + 1 + 1 + 1 + 1
    assert value(game, "digit_span.position_error_rate") == pytest.approx(6 / (3 + 3 + 4 + 4 + 5 + 5 + 2 + 2 + 3 + 3))
    assert value(game, "digit_span.corrections") == 1
    assert value(game, "digit_span.ms_per_digit") == pytest.approx((900 + 1000) / 2)  # median of 500..1400
    trait = profile.trait("working_memory")
    assert trait is not None and trait.position == pytest.approx(200 / 7)  # (4-2)/7 and (3-1)/7 of 100, averaged
    # Odd items (first sequences): spans 3 forward, 3 backward -> (100/7 + 200/7) / 2; even items: 4 and 2 -> same
    assert trait.reliability == pytest.approx(1.0) and trait.se == pytest.approx(2.0)
    assert "4 digits forward, 3 digits backward" in trait.evidence[0]


def test_a_digit_span_with_one_part_and_no_answer_is_insufficient() -> None:
    b = StreamBuilder()
    p = DigitSpanParams(directions=("backward",))
    _, em = span_rules.start_game(span_rules.new_game(p, random.Random(1), 1), MS)
    for e in em:
        b.add(e.kind, e.t_ns, e.payload.model_dump(mode="json"), "digit_span", e.trial)
    profile = score_session(b.close())
    game = profile.game("digit_span")
    assert game is not None and not game.completed
    forward = game.metric("digit_span.forward_span")
    assert forward is not None and forward.insufficient is not None
    assert "forward sequences" in forward.insufficient.required
    assert game.metric("digit_span.ms_per_digit").insufficient.required == "at least 3 answered sequences"  # type: ignore[union-attr]
    trait = profile.trait("working_memory")
    assert trait is not None and trait.position is None and trait.insufficient is not None


# -- card match -------------------------------------------------------------------------------------------------

CARDS = CardMatchParams(rows=2, cols=2, boards=2)


def card_session() -> list:
    """Each 2 x 2 board (pairs A, B): A1 B1 (no pair), A2 B2 (no pair: the partner of A2 was seen), A1 B1 (a repeat
    error: both pairs known), A1 A2 (pair), B1 B2 (pair). Move k takes 1000 + 100 k ms from ready to its 2nd card."""
    b = StreamBuilder()
    state = card_rules.new_game(CARDS, random.Random(6), 6)
    t = 10 * MS
    state, em = card_rules.start_game(state, t)
    emitted, k = list(em), 0
    for _board in range(2):
        t += MS
        state, em = card_rules.start_board(state, t, t)
        emitted += em
        layout = state.layout
        a1, b1 = 0, next(i for i in range(4) if layout[i] != layout[0])
        a2, b2 = card_rules.partner(layout, a1), card_rules.partner(layout, b1)
        for first, second in ((a1, b1), (a2, b2), (a1, b1), (a1, a2), (b1, b2)):
            state, em = card_rules.flip(state, first, t + 300 * MS, t + 300 * MS, "mouse")
            emitted += em
            t += (1000 + 100 * k) * MS
            state, em = card_rules.flip(state, second, t, t, "mouse")
            emitted += em
            t += 1000 * MS
            state, em = card_rules.end_move(state, t, t)
            emitted += em
            k += 1
        state, em = card_rules.complete_board(state, t)
        emitted += em
    state, em = card_rules.end_game(state, t + MS)
    for e in [*emitted, *em]:
        b.add(e.kind, e.t_ns, e.payload.model_dump(mode="json"), "card_match", e.trial)
    return b.close()


def test_the_perfect_memory_expectation_is_exact() -> None:
    assert expected_moves(1) == 1 and expected_moves(2) == Fraction(8, 3) and expected_moves(3) == Fraction(13, 3)
    assert expected_moves(8) == Fraction(558242, 45045)  # 12.3930 moves for a 4 x 4 board
    assert float(expected_moves(18)) == pytest.approx(28.5332, abs=1e-4)  # 6 x 6
    for n in (8, 18, 40):  # Velleman & Warrington (2013): (3 - 2 ln 2) n + 7/8 - 2 ln 2 as n grows
        assert float(expected_moves(n)) == pytest.approx((3 - 2 * math.log(2)) * n + 7 / 8 - 2 * math.log(2), abs=0.01)
    with pytest.raises(ValueError, match="at least one pair"):
        expected_moves(0)


def test_card_match_by_hand() -> None:
    profile = score_session(card_session())
    game = profile.game("card_match")
    assert game is not None and game.completed
    assert (value(game, "card_match.boards"), value(game, "card_match.moves"), value(game, "card_match.pairs")) == (
        2, 10, 4)
    assert value(game, "card_match.expected_moves") == pytest.approx(16 / 3)
    assert value(game, "card_match.moves_ratio") == pytest.approx(10 / (16 / 3))
    assert value(game, "card_match.repeat_errors") == 2
    assert value(game, "card_match.memory_hit_rate") == pytest.approx(4 / 8)  # moves 2-5 of each board
    assert value(game, "card_match.median_move_ms") == pytest.approx(1450)  # median of 1000..1900
    trait = profile.trait("visual_memory")
    assert trait is not None and trait.position == pytest.approx(50) and trait.reliability == pytest.approx(1.0)
    assert "On 8 moves a pair could be found from memory" in trait.evidence[0] and "2 mismatches" in trait.evidence[0]


def test_a_card_game_cut_before_any_board_is_done_is_insufficient() -> None:
    records = card_session()
    cut = next(i for i, r in enumerate(records) if r.kind == "card_match.board_completed")
    b = StreamBuilder()
    for r in records[1:cut]:
        b.add(r.kind, r.t_ns, r.payload, r.game, r.trial)
    profile = score_session(b.close())
    game = profile.game("card_match")
    assert game is not None and not game.completed
    ratio = game.metric("card_match.moves_ratio")
    assert ratio is not None and ratio.value is None and ratio.insufficient is not None
    assert game.metric("card_match.memory_hit_rate").insufficient.observed == "4 moves where memory could find a pair"  # type: ignore[union-attr]
    assert profile.trait("visual_memory").insufficient is not None  # type: ignore[union-attr]


# -- flanker ----------------------------------------------------------------------------------------------------

def flanker_session() -> Profile:
    """Congruent: the first an error, the second missed, then 400 + 10 i ms; incongruent 480 + 10 i; neutral
    420 + 10 i; switch trials 600 + 10 i, repeat trials 500 + 10 i (i counts the trials of that kind)."""
    rules = FlankerRules(FlankerParams(conflict_trials=36, switch_trials=25), 2)
    seen: dict[str, int] = {}

    def decide(plan: Any, state: Any) -> tuple[str | None, float]:
        kind = plan.condition if plan.kind == "conflict" else ("first" if plan.switch is None else
                                                               "switch" if plan.switch else "repeat")
        i = seen.get(kind, 0)
        seen[kind] = i + 1
        wrong = "Left" if plan.correct_key == "Right" else "Right"
        if kind == "congruent" and i < 2:
            return (wrong, 450.0) if i == 0 else (None, 0.0)
        base = {"congruent": 400, "incongruent": 480, "neutral": 420, "switch": 600, "repeat": 500, "first": 700}
        return plan.correct_key, float(base[kind] + 10 * i)

    b = StreamBuilder()
    play_timed(b, "flanker", rules, decide)
    return score_session(b.close())


def test_flanker_by_hand() -> None:
    profile = flanker_session()
    game = profile.game("flanker")
    assert (value(game, "flanker.trials"), value(game, "flanker.omissions")) == (61, 1)
    assert value(game, "flanker.congruent_accuracy") == pytest.approx(10 / 12)
    assert value(game, "flanker.congruent_rt_ms") == pytest.approx((460 + 470) / 2)  # 420..510
    assert value(game, "flanker.incongruent_rt_ms") == pytest.approx((530 + 540) / 2)  # 480..590
    assert value(game, "flanker.neutral_rt_ms") == pytest.approx((470 + 480) / 2)
    assert value(game, "flanker.conflict_effect_ms") == pytest.approx(535 - 465)
    assert value(game, "flanker.switch_rt_ms") == pytest.approx(655) and value(game, "flanker.repeat_rt_ms") == \
        pytest.approx(555)
    assert value(game, "flanker.switch_cost_ms") == pytest.approx(100)
    assert value(game, "flanker.switch_accuracy") == 1.0 == value(game, "flanker.repeat_accuracy")
    assert profile.trait("interference_control").position == pytest.approx(100 * (200 - 70) / 200)  # type: ignore[union-attr]
    assert profile.trait("flexibility").position == pytest.approx(100 * (400 - 100) / 400)  # type: ignore[union-attr]


def test_a_flanker_game_without_a_switch_block_has_no_switch_cost() -> None:
    b = StreamBuilder()
    play_timed(b, "flanker", FlankerRules(FlankerParams(conflict_trials=12, switch_trials=0), 1),
               lambda plan, state: (plan.correct_key, 450.0))
    profile = score_session(b.close())
    game = profile.game("flanker")
    assert game is not None and game.metric("flanker.switch_cost_ms").insufficient is not None  # type: ignore[union-attr]
    assert game.metric("flanker.congruent_rt_ms").insufficient.observed == "4 correct congruent trials"  # type: ignore[union-attr]
    assert profile.trait("flexibility").position is None and profile.trait("interference_control").position is None  # type: ignore[union-attr]


# -- stop-signal ------------------------------------------------------------------------------------------------

def stop_session(trials: int, go: Callable[[int], float], failed: Callable[[int], float]) -> Profile:
    """Go trial k answered at go(k) ms (the last go trial missed, the one before answered with the wrong key); stop
    trial j fails (answered at failed(j) ms, after the signal) when j is even, stops when j is odd."""
    rules = StopSignalRules(StopSignalParams(trials=trials, blocks=1), 3)
    *_, wrong_go, last_go = [i for i, t in enumerate(rules.plan) if not t.stop]
    counts = {"go": 0, "stop": 0}

    def decide(plan: Any, state: Any) -> tuple[str | None, float]:
        kind = "stop" if plan.stop else "go"
        k = counts[kind]
        counts[kind] = k + 1
        if plan.stop:
            return (plan.correct_key, failed(k)) if k % 2 == 0 else (None, 900.0)
        if state.trial == last_go:
            return None, 0.0
        wrong = "Left" if plan.correct_key == "Right" else "Right"
        return (wrong if state.trial == wrong_go else plan.correct_key), go(k)

    b = StreamBuilder()
    play_timed(b, "stop_signal", rules, decide)
    return score_session(b.close())


def test_stop_signal_by_hand_with_too_few_stop_trials() -> None:
    profile = stop_session(80, lambda k: 400 + 5 * k, lambda j: 450 + 5 * (j // 2))
    game = profile.game("stop_signal")
    assert (value(game, "stop_signal.trials"), value(game, "stop_signal.stop_trials")) == (80, 20)
    assert value(game, "stop_signal.p_respond") == 0.5
    assert value(game, "stop_signal.go_rt_ms") == pytest.approx(545)  # 400..690 (59 responses)
    assert value(game, "stop_signal.go_omission_rate") == pytest.approx(1 / 60)
    assert value(game, "stop_signal.go_error_rate") == pytest.approx(1 / 60)
    assert value(game, "stop_signal.failed_stop_rt_ms") == pytest.approx(472.5)  # 450..495
    assert value(game, "stop_signal.mean_ssd_ms") == pytest.approx(225)  # 250, 200, 250, 200, ...
    assert value(game, "stop_signal.race_check_ms") == pytest.approx(545 - 472.5)
    # all 60 go trials, the miss given the longest RT (690); type-6 quantile at 0.5: h = 30.5 -> 545 + 0.5 * 5
    assert value(game, "stop_signal.ssrt_ms") == pytest.approx(547.5 - 225)
    assert value(game, "stop_signal.ssrt_reliable") is False
    trait = profile.trait("response_inhibition")
    assert trait is not None and trait.position is None and trait.insufficient is not None
    assert "only 20 stop trials (the guide asks for at least 50)" in trait.insufficient.reason


def test_stop_signal_by_hand_with_fifty_stop_trials() -> None:
    profile = stop_session(200, lambda k: 400 + 2 * k, lambda j: 450 + 2 * j)
    game = profile.game("stop_signal")
    assert value(game, "stop_signal.go_rt_ms") == pytest.approx((400 + 696) / 2)  # 149 responses, 400..696
    assert value(game, "stop_signal.go_rt_sd_ms") == pytest.approx(2 * math.sqrt(149 * 150 / 12))
    assert value(game, "stop_signal.failed_stop_rt_ms") == pytest.approx(450 + 2 * 24)  # j = 0, 2, ..., 48
    # 150 go trials, the miss given 696; h = 151 * 0.5 = 75.5 -> x75 = 548, x76 = 550 -> 549; mean SSD 225
    assert value(game, "stop_signal.ssrt_ms") == pytest.approx(549 - 225)
    assert value(game, "stop_signal.ssrt_reliable") is True
    trait = profile.trait("response_inhibition")
    assert trait is not None and trait.position == pytest.approx(100 * (350 - 324) / 200)
    assert "Stop-signal reaction time 324 ms" in trait.evidence[0]


def test_failed_stops_slower_than_go_responses_mark_the_ssrt_unreliable() -> None:
    profile = stop_session(200, lambda k: 400 + 2 * k, lambda j: 800.0)
    game = profile.game("stop_signal")
    assert value(game, "stop_signal.race_check_ms") < 0 and value(game, "stop_signal.ssrt_reliable") is False
    assert value(game, "stop_signal.ssrt_ms") is not None  # still reported, with the reason
    trait = profile.trait("response_inhibition")
    assert trait is not None and trait.position is None
    assert "failed stops were not faster than go responses" in trait.insufficient.reason  # type: ignore[union-attr]

"""The pure BART rules: determinism, money, pump fields, sequence errors and parameters."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from pydantic import ValidationError

from games.bart import rules
from games.bart.params import CLASSIC_COLOURS, BartParams
from games.bart.rules import BartSequenceError, BartState, BartTimestampError
from games.core import Emission

MS = 1_000_000


def started(params: BartParams, seed: int = 7) -> BartState:
    state = rules.new_game(params, random.Random(seed), seed)
    state, _ = rules.start_game(state, 0)
    state, _ = rules.start_balloon(state, 10)
    return state


def kinds(emissions: tuple[Emission, ...]) -> list[str]:
    return [e.kind for e in emissions]


def play_script(params: BartParams, seed: int, stop_at: list[int]) -> tuple[Emission, ...]:
    """Play every balloon, pumping until stop_at[i] pumps (then collect) or a burst; one pump per 300 ms."""
    state = rules.new_game(params, random.Random(seed), seed)
    state, out = rules.start_game(state, 0)
    t = 0
    for target in stop_at:
        t += 1000 * MS
        state, emitted = rules.start_balloon(state, t)
        out += emitted
        while state.phase == "inflating" and state.pumps < target:
            t += 300 * MS
            state, emitted = rules.pump(state, t, "key", t // MS)
            out += emitted
        if state.phase == "inflating":
            state, emitted = rules.collect(state, t + 50 * MS)
            out += emitted
    state, emitted = rules.end_game(state, t + 2000 * MS)
    return out + emitted


def test_same_seed_gives_the_same_balloons_and_events() -> None:
    params = BartParams(balloons=12, colours=CLASSIC_COLOURS)
    first = rules.new_game(params, random.Random(42), 42).plan
    assert first == rules.new_game(params, random.Random(42), 42).plan
    assert first != rules.new_game(params, random.Random(43), 43).plan
    script = [3, 20, 5, 60, 1, 0, 9, 9, 9, 40, 2, 7]
    assert play_script(params, 42, script) == play_script(params, 42, script)


def test_colours_are_split_evenly_and_shuffled() -> None:
    params = BartParams(balloons=30, colours=CLASSIC_COLOURS)
    plan = rules.new_game(params, random.Random(1), 1).plan
    counts = {c.colour: sum(1 for b in plan if b.colour == c.colour) for c in CLASSIC_COLOURS}
    assert counts == {"orange": 10, "yellow": 10, "blue": 10}
    assert [b.colour for b in plan] != sorted(b.colour for b in plan)
    assert all(1 <= b.burst_point <= b.capacity for b in plan)
    uneven = rules.new_game(BartParams(balloons=4, colours=CLASSIC_COLOURS), random.Random(1), 1).plan
    assert sorted(b.colour for b in uneven) == ["blue", "orange", "orange", "yellow"]


def _burst_points(capacity: int, balloons: int, seed: int) -> list[int]:
    params = BartParams(balloons=300, colours=[{"colour": "blue", "capacity": capacity}])
    rng = random.Random(seed)
    points: list[int] = []
    while len(points) < balloons:
        points += [b.burst_point for b in rules.plan_balloons(params, rng)]
    return points[:balloons]


def test_burst_points_are_uniform_chi_square() -> None:
    """Capacity 8, 9000 balloons: chi-square with 7 df stays under 24.32 (the 0.001 critical value)."""
    points = _burst_points(8, 9000, seed=2002)
    expected = len(points) / 8
    observed = [points.count(k) for k in range(1, 9)]
    assert sum(observed) == len(points)  # every point lies in 1..8
    chi2 = sum((o - expected) ** 2 / expected for o in observed)
    assert chi2 < 24.32, (observed, chi2)


def test_burst_points_are_uniform_ks_and_hazard_matches() -> None:
    """Capacity 128, 12000 balloons: KS distance below 1.63/sqrt(n) (alpha 0.01); hazard 1/(128 - n)."""
    points = sorted(_burst_points(128, 12000, seed=17))
    n = len(points)
    d = max(max(abs((i + 1) / n - p / 128), abs(i / n - p / 128)) for i, p in enumerate(points))
    assert d < 1.63 / n**0.5, d
    for pumps_survived in (0, 64, 96):
        at_risk = [p for p in points if p > pumps_survived]
        burst_next = sum(1 for p in at_risk if p == pumps_survived + 1) / len(at_risk)
        hazard = 1 / (128 - pumps_survived)
        assert abs(burst_next - hazard) < 4 * (hazard * (1 - hazard) / len(at_risk)) ** 0.5


def test_pumps_fill_the_temporary_bank_and_collect_moves_it() -> None:
    params = BartParams(balloons=2, colours=[{"colour": "blue", "capacity": 128}], cents_per_pump=5)
    state = started(params)
    state = replace_plan(state, [128, 128])
    for i in range(1, 5):
        state, out = rules.pump(state, 10 + i * 400 * MS, "key")
        assert out[0].payload.temp_cents == 5 * i and out[0].payload.total_cents == 0
    state, out = rules.collect(state, 3000 * MS)
    assert kinds(out) == ["bart.collected", "bart.balloon_ended"]
    assert out[0].payload.model_dump() == {"balloon": 0, "pumps": 4, "amount_cents": 20, "total_cents": 20}
    assert out[1].payload.outcome == "collected" and out[1].payload.burst_point == 128
    assert (state.total_cents, state.temp_cents, state.phase) == (20, 0, "between")


def replace_plan(state: BartState, burst_points: list[int]) -> BartState:
    plan = tuple(replace(b, burst_point=p) for b, p in zip(state.plan, burst_points, strict=True))
    return replace(state, plan=plan)


def test_burst_loses_the_temporary_bank_and_the_bursting_pump_earns_nothing() -> None:
    params = BartParams(balloons=2, cents_per_pump=5)
    state = replace_plan(started(params), [3, 50])
    state, _ = rules.pump(state, 20, "key")
    state, _ = rules.pump(state, 30, "mouse")
    state, out = rules.pump(state, 40, "key")
    assert kinds(out) == ["bart.pump", "bart.burst", "bart.balloon_ended"]
    assert out[0].payload.pump == 3 and out[0].payload.temp_cents == 10
    assert out[1].payload.model_dump() == {"balloon": 0, "pumps": 3, "lost_cents": 10}
    assert out[2].payload.model_dump() == {
        "balloon": 0, "outcome": "burst", "pumps": 3, "burst_point": 3, "colour": "blue",
    }
    assert [e.trial for e in out] == [0, 0, 0]
    assert (state.total_cents, state.temp_cents, state.bursts) == (0, 0, 1)


def test_pump_fields_since_prev_rapid_new_max_and_size() -> None:
    params = BartParams(balloons=2, rapid_pump_ms=250, colours=[{"colour": "red", "capacity": 100}])
    state = replace_plan(started(params), [100, 100])
    state, out = rules.pump(state, 1000 * MS, "key", 1234)
    first = out[0].payload
    assert (first.since_prev_ns, first.rapid, first.new_max, first.size, first.qt_event_ms) == (None, False, True,
                                                                                                 0.01, 1234)
    state, out = rules.pump(state, 1100 * MS, "mouse")
    assert (out[0].payload.since_prev_ns, out[0].payload.rapid, out[0].payload.input) == (100 * MS, True, "mouse")
    state, out = rules.pump(state, 1350 * MS, "key")
    assert (out[0].payload.since_prev_ns, out[0].payload.rapid) == (250 * MS, False)
    state, _ = rules.collect(state, 2000 * MS)
    state, _ = rules.start_balloon(state, 3000 * MS)
    news = []
    for i in range(1, 6):
        state, out = rules.pump(state, 3000 * MS + i * 500 * MS, "key")
        news.append(out[0].payload.new_max)
    assert news == [False, False, False, True, True]
    assert out[0].payload.since_prev_ns == 500 * MS and out[0].payload.size == 0.05


def test_size_is_relative_to_the_largest_capacity() -> None:
    params = BartParams(balloons=3, colours=CLASSIC_COLOURS)
    state = replace_plan(started(params), [8, 32, 128])
    state, out = rules.pump(state, 100, "key")
    assert out[0].payload.size == 1 / 128


def test_collect_with_no_pumps_is_allowed_and_worth_nothing() -> None:
    state = started(BartParams(balloons=1))
    state, out = rules.collect(state, 100)
    assert out[0].payload.model_dump() == {"balloon": 0, "pumps": 0, "amount_cents": 0, "total_cents": 0}
    state, out = rules.end_game(state, 200)
    assert out[0].payload.model_dump() == {"balloons": 1, "total_cents": 0, "bursts": 0, "collects": 1}
    assert state.phase == "finished"


def test_game_totals_add_up() -> None:
    params = BartParams(balloons=6, colours=CLASSIC_COLOURS)
    events = play_script(params, 5, [4, 4, 4, 30, 30, 30])
    ended = [e.payload for e in events if e.kind == "bart.balloon_ended"]
    collected = [e.payload for e in events if e.kind == "bart.collected"]
    total = events[-1].payload
    assert events[0].kind == "bart.game_started" and events[-1].kind == "bart.game_ended"
    assert total.bursts + total.collects == total.balloons == 6 == len(ended)
    assert total.bursts == sum(1 for e in ended if e.outcome == "burst")
    assert total.total_cents == sum(c.amount_cents for c in collected) == sum(5 * c.pumps for c in collected)
    for e in ended:
        assert (e.outcome == "burst") == (e.pumps == e.burst_point)


@pytest.mark.parametrize("action", ["pump", "collect"])
def test_inflating_actions_before_any_balloon_are_refused(action: str) -> None:
    state = rules.new_game(BartParams(balloons=1), random.Random(0), 0)
    with pytest.raises(BartSequenceError, match="phase 'not_started'"):
        rules.pump(state, 0, "key") if action == "pump" else rules.collect(state, 0)
    state, _ = rules.start_game(state, 0)
    with pytest.raises(BartSequenceError, match=f"cannot {action} in phase 'between'"):
        rules.pump(state, 0, "key") if action == "pump" else rules.collect(state, 0)


def test_pump_after_burst_and_collect_twice_are_refused_without_changing_state() -> None:
    state = replace_plan(started(BartParams(balloons=2)), [1, 5])
    burst, _ = rules.pump(state, 100, "key")
    with pytest.raises(BartSequenceError, match="cannot pump in phase 'between'"):
        rules.pump(burst, 200, "key")
    collected, _ = rules.collect(state, 100)
    with pytest.raises(BartSequenceError, match="cannot collect"):
        rules.collect(collected, 200)
    assert burst.phase == collected.phase == "between" and state.phase == "inflating"
    _, out = rules.pump(state, 300, "key")  # the refused calls left the original state usable
    assert kinds(out) == ["bart.pump", "bart.burst", "bart.balloon_ended"]


def test_other_sequence_errors() -> None:
    state = rules.new_game(BartParams(balloons=1), random.Random(0), 0)
    with pytest.raises(BartSequenceError, match="start a balloon"):
        rules.start_balloon(state, 0)
    state, _ = rules.start_game(state, 0)
    with pytest.raises(BartSequenceError, match="start the game"):
        rules.start_game(state, 0)
    with pytest.raises(BartSequenceError, match="only 0 of 1 balloons"):
        rules.end_game(state, 0)
    state, _ = rules.start_balloon(state, 5)
    with pytest.raises(BartSequenceError, match="already inflating"):
        rules.start_balloon(state, 6)
    with pytest.raises(BartSequenceError, match="end the game"):
        rules.end_game(state, 6)
    state, _ = rules.collect(state, 7)
    with pytest.raises(BartSequenceError, match="all 1 balloons are done"):
        rules.start_balloon(state, 8)
    state, _ = rules.end_game(state, 9)
    with pytest.raises(BartSequenceError, match="phase 'finished'"):
        rules.pump(state, 10, "key")


def test_time_running_backwards_is_refused() -> None:
    state = started(BartParams(balloons=1))
    state, _ = rules.pump(state, 5000, "key")
    with pytest.raises(BartTimestampError, match="field 't_ns'"):
        rules.pump(state, 4999, "key")
    with pytest.raises(BartTimestampError, match="field 't_ns'"):
        rules.collect(state, 10.5)  # type: ignore[arg-type]


def test_params_presets_and_errors() -> None:
    assert BartParams().model_dump(mode="json")["colours"] == [{"colour": "blue", "capacity": 128}]
    assert BartParams(colours="classic").colours == CLASSIC_COLOURS
    assert BartParams(balloons="3").balloons == 3
    with pytest.raises(ValidationError, match="unknown colour preset 'neon'"):
        BartParams(colours="neon")
    with pytest.raises(ValidationError, match="distinct"):
        BartParams(colours=[{"colour": "red", "capacity": 8}, {"colour": "red", "capacity": 16}])
    with pytest.raises(ValidationError, match="balloons"):
        BartParams(balloons=0)
    with pytest.raises(ValidationError, match="extra"):
        BartParams(pumps=3)

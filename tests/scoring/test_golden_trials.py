"""Hand-computed golden sessions of the trial games (IGT, tower, faces, effort, money) and their too-little-data
paths."""

from __future__ import annotations

from typing import Any

import pytest

from games.effort.params import EffortParams
from games.effort.rules import EffortRules
from games.faces.params import FacesParams
from games.faces.rules import FacesRules
from games.igt.params import IgtParams
from games.igt.rules import IgtRules
from games.money.params import MoneyParams
from games.money.rules import MoneyRules
from games.tower.params import Problem, TowerParams
from games.tower.rules import TowerRules
from scoring import Profile, score_session
from scoring.faces import Answer, threshold
from tests.scoring.helpers import MS, StreamBuilder
from tests.scoring.simulate_trials import Clock


def value(p: Profile, game: str, key: str, group: str = "") -> Any:
    found = p.game(game).metric(key, group)  # type: ignore[union-attr]
    assert found is not None, key
    return found.value if found.insufficient is None else ("insufficient", found.insufficient.reason)


def igt_session(decks: str) -> Profile:
    b = StreamBuilder()
    clock = Clock(b, "igt", IgtRules(IgtParams(trials=len(decks)), 1))
    for deck in decks:
        assert clock.next_trial(1000)
        clock.step(clock.rules.choose(clock.state, deck, clock.wait(800), "key", deck))  # type: ignore[attr-defined]
    assert not clock.next_trial()
    return score_session(b.close())


def test_igt_40_choices_by_hand() -> None:
    p = igt_session("A" * 10 + "B" * 6 + "CC" + "DD" + "C" * 10 + "D" * 10)
    assert value(p, "igt", "igt.trials") == 40
    assert value(p, "igt", "igt.block_net_score", "1") == 4 - 16
    assert value(p, "igt", "igt.block_net_score", "2") == 20
    assert value(p, "igt", "igt.net_score") == 24 - 16
    assert value(p, "igt", "igt.good_deck_share") == pytest.approx(24 / 40)
    assert value(p, "igt", "igt.infrequent_loss_share") == pytest.approx((6 + 12) / 40)
    assert value(p, "igt", "igt.deck_share", "C") == pytest.approx(12 / 40)
    # A x10: +1000 - 1250; B x6: +600; C, D x2: +100 each; C cards 3-12: +500 - 275; D cards 3-12: +500 - 250
    assert value(p, "igt", "igt.net_money_cents") == (-250 + 600 + 100 + 100 + 225 + 250) * 100
    assert value(p, "igt", "igt.final_cents") == (2000 + 1025) * 100
    assert value(p, "igt", "igt.median_rt_ms") == pytest.approx(800.0)
    assert value(p, "igt", "igt.learning_slope")[0] == "insufficient"  # two complete blocks, three needed
    assert p.trait("outcome_learning").insufficient is not None  # type: ignore[union-attr]
    assert p.trait("long_term_reward").position == pytest.approx(60.0)  # type: ignore[union-attr]


def test_igt_100_choices_slope_and_traits_by_hand() -> None:
    blocks = ["C" * g + "A" * (20 - g) for g in (8, 10, 12, 14, 16)]  # nets -4, 0, +4, +8, +12
    p = igt_session("".join(blocks))
    assert [value(p, "igt", "igt.block_net_score", str(k)) for k in range(1, 6)] == [-4, 0, 4, 8, 12]
    assert value(p, "igt", "igt.learning_slope") == pytest.approx(4.0)
    assert p.trait("outcome_learning").position == pytest.approx(50 + 50 * 4 / 8)  # type: ignore[union-attr]
    assert p.trait("long_term_reward").position == pytest.approx(60.0)  # type: ignore[union-attr]


def tower_session(moves: list[list[tuple[int, int]]], problems: list[tuple[str, str]]) -> Profile:
    b = StreamBuilder()
    rules = TowerRules(TowerParams(problems=[Problem(start=s, goal=g) for s, g in problems], extra_moves_allowed=2),
                       1)
    clock = Clock(b, "tower", rules)
    for problem in moves:
        assert clock.next_trial(1000)
        picked = clock.wait(3000)
        for source, target in problem:
            clock.step(rules.move(clock.state, source, target, clock.wait(500), picked, "key", "1"))
            picked = clock.wait(250)
    assert not clock.next_trial()
    return score_session(b.close())


def test_tower_by_hand() -> None:
    p = tower_session(
        [[(1, 2)], [(1, 2), (0, 1)], [(0, 2), (2, 0), (1, 2), (0, 1)], [(1, 0), (0, 1), (1, 0)]],
        [("RG|B|", "RG||B"), ("RG|B|", "R|G|B"), ("RG|B|", "R|G|B"), ("RG|B|", "RG||B")])
    # 1: perfect (1 move). 2: perfect (2). 3: solved in 4 of 2 (2 extra). 4: not solved, stopped at 1 + 2 moves.
    assert value(p, "tower", "tower.problems") == 4
    assert value(p, "tower", "tower.solved") == 3
    assert value(p, "tower", "tower.perfect") == 2
    assert value(p, "tower", "tower.perfect_share") == pytest.approx(0.5)
    assert value(p, "tower", "tower.mean_excess_moves") == pytest.approx((0 + 0 + 2 + 2) / 4)
    assert value(p, "tower", "tower.median_planning_ms") == pytest.approx(3000.0)
    # execution, first pick-up to last move: 500 for the first move, 750 (250 + 500) for each further one:
    # 500, 1250, 2750 and 2000 ms
    assert value(p, "tower", "tower.median_execution_ms") == pytest.approx((1250 + 2000) / 2)
    assert value(p, "tower", "tower.level_perfect_share", "1") == pytest.approx(0.5)
    assert value(p, "tower", "tower.level_perfect_share", "2") == pytest.approx(0.5)
    assert p.trait("planning").insufficient is not None  # type: ignore[union-attr]  # 4 problems, 6 needed


def answers(rates: dict[int, tuple[int, int]]) -> list[Answer]:
    return [Answer("identify", "happy", k, n < right, 900.0) for k, (right, total) in rates.items()
            for n in range(total)]


def test_the_75_percent_threshold_by_hand() -> None:
    assert threshold(answers({20: (1, 4), 40: (2, 4), 60: (4, 4)}), 0.25, 0.75) == pytest.approx(0.5)
    # 20 % above 40 %: pooled to 0.375 each, then 0.4 + 0.2 * (0.75 - 0.375) / (1 - 0.375)
    assert threshold(answers({20: (2, 4), 40: (1, 4), 60: (4, 4)}), 0.25, 0.75) == pytest.approx(0.52)
    # already above at the faintest level: from the neutral anchor (0, chance)
    assert threshold(answers({20: (4, 4)}), 0.25, 0.75) == pytest.approx(0.2 * 0.5 / 0.75)
    assert threshold(answers({20: (1, 4), 100: (2, 4)}), 0.25, 0.75) is None


def faces_session(right: dict[int, int], params: FacesParams) -> Profile:
    """Answer correctly `right[intensity]` faces of each intensity (in order), the rest wrongly."""
    b = StreamBuilder()
    rules = FacesRules(params, 1)
    clock = Clock(b, "faces", rules)
    used: dict[tuple[str, int], int] = {}
    while clock.next_trial(400):
        plan = rules.plan[clock.state.trial]
        seen = used[(plan.part, plan.intensity)] = used.get((plan.part, plan.intensity), 0) + 1
        ok = plan.part == "context" or seen <= right.get(plan.intensity, 0)
        answer = plan.emotion if ok else next(e for e in params.emotions if e != plan.emotion)
        clock.step(rules.respond(clock.state, answer, clock.wait(1000 + plan.intensity), "key", "1"))
    return score_session(b.close())


def test_faces_by_hand() -> None:
    params = FacesParams(intensities=(20, 40, 60), repeats=2, context_trials=4, context_intensity=40)
    p = faces_session({20: 2, 40: 4, 60: 8}, params)  # 8 faces per intensity (4 emotions x 2)
    assert value(p, "faces", "faces.trials") == 24 + 4
    assert value(p, "faces", "faces.accuracy") == pytest.approx(14 / 24)
    assert value(p, "faces", "faces.accuracy_by_intensity", "40") == pytest.approx(0.5)
    assert value(p, "faces", "faces.threshold_intensity") == pytest.approx(0.5)  # 0.4 + 0.2 * 0.25 / 0.5
    assert value(p, "faces", "faces.context_accuracy") == pytest.approx(1.0)
    assert value(p, "faces", "faces.context_gain") == pytest.approx(1.0 - 0.5)
    assert value(p, "faces", "faces.median_rt_ms") == pytest.approx(1060.0)  # 14 right: 2 x 1020, 4 x 1040, 8 x 1060
    recognition = p.trait("emotion_recognition")
    assert recognition.position == pytest.approx(100 * (14 / 24 - 0.25) / 0.75)  # type: ignore[union-attr]
    assert any("schematic" in e for e in recognition.evidence)  # type: ignore[union-attr]


def test_faces_that_never_reach_75_percent_say_so() -> None:
    p = faces_session({20: 2, 40: 2, 60: 2}, FacesParams(intensities=(20, 40, 60), context_trials=0))
    reason = value(p, "faces", "faces.threshold_intensity")
    assert reason[0] == "insufficient" and "stayed below 75 %" in reason[1]
    assert value(p, "faces", "faces.context_accuracy")[0] == "insufficient"


def effort_session(choices: str, presses: dict[int, int], params: EffortParams) -> Profile:
    """choices: E, H or - (no choice) per round; presses[trial]: how many presses (default: all required)."""
    b = StreamBuilder()
    rules = EffortRules(params, 1)
    clock = Clock(b, "effort", rules)
    for n, c in enumerate(choices):
        assert clock.next_trial(300)
        if c == "-":
            clock.t = rules.choice_deadline(clock.state)
            clock.step(rules.expire_choice(clock.state, clock.t))
            continue
        clock.step(rules.choose(clock.state, "easy" if c == "E" else "hard", clock.wait(1000), "key", c))
        clock.step(rules.start_task(clock.state, clock.wait(10)))
        required = rules.task(clock.state.choice)[0]
        for _ in range(presses.get(n, required)):
            clock.step(rules.press(clock.state, clock.wait(100), "key", "Space"))
        if clock.state.phase == "pressing":
            clock.t = rules.task_deadline(clock.state)
            clock.step(rules.expire_task(clock.state, clock.t))
    assert not clock.next_trial()
    return score_session(b.close())


def test_effort_by_hand() -> None:
    params = EffortParams(probabilities=(50,), easy_presses=3, hard_presses=5, max_trials=5, duration_s=600)
    p = effort_session("EHH-H", {4: 2}, params)  # round 5: a hard task with 2 of 5 presses
    assert value(p, "effort", "effort.rounds") == 5
    assert value(p, "effort", "effort.no_choice") == 1
    assert value(p, "effort", "effort.hard_share") == pytest.approx(3 / 4)
    assert value(p, "effort", "effort.completion_rate") == pytest.approx(3 / 4)
    assert value(p, "effort", "effort.completion_by_choice", "hard") == pytest.approx(2 / 3)
    assert value(p, "effort", "effort.press_rate") == pytest.approx(10.0)  # 3 presses / 0.3 s, 5 / 0.5 s ...
    assert value(p, "effort", "effort.median_choice_rt_ms") == pytest.approx(1000.0)
    assert value(p, "effort", "effort.reward_sensitivity")[0] == "insufficient"  # 4 choices, 10 needed
    assert p.trait("effort_for_reward").insufficient is not None  # type: ignore[union-attr]


def test_effort_all_one_task_gives_no_sensitivity() -> None:
    params = EffortParams(easy_presses=2, hard_presses=3, max_trials=12, duration_s=600)
    p = effort_session("E" * 12, {}, params)
    reason = value(p, "effort", "effort.reward_sensitivity")
    assert reason[0] == "insufficient" and "same task" in reason[1]
    assert p.trait("effort_for_reward").position == 0.0  # type: ignore[union-attr]


def money_session(amounts: list[int], answers_: list[bool], params: MoneyParams) -> Profile:
    b = StreamBuilder()
    rules = MoneyRules(params, 1)
    clock = Clock(b, "money", rules)
    given, said = iter(amounts), iter(answers_)
    while clock.next_trial(1000):
        if rules.plan[clock.state.trial].part == "respond":
            clock.step(rules.answer(clock.state, next(said), clock.wait(900), "key", "A"))
            continue
        clock.step(rules.set_amount(clock.state, next(given), clock.wait(700), "key", "Right"))
        clock.step(rules.confirm(clock.state, clock.wait(300), "key", "Return"))
    return score_session(b.close())


def test_money_by_hand() -> None:
    params = MoneyParams(partner_returns=(50, 20, 60), partner_sends=(2, 5), ultimatum_offers=(2, 4))
    # invest 4, 6, 2 -> returned round(.5*12)=6, round(.2*18)=4 (3.6), round(.6*6)=4 (3.6); return 3 of 6, 5 of 15;
    # give 3; offer 4 (accepted: >= 3); the offers come in a seeded order: answer reject, then accept
    p = money_session([4, 6, 2, 3, 5, 3, 4], [False, True], params)
    assert value(p, "money", "money.rounds") == 3 + 2 + 1 + 1 + 2
    assert value(p, "money", "money.share_sent") == pytest.approx((0.4 + 0.6 + 0.2) / 3)
    # round 2 follows a profitable round (6 back for 4), round 3 a losing one (4 back for 6)
    assert value(p, "money", "money.responsiveness") == pytest.approx(0.6 - 0.2)
    assert value(p, "money", "money.share_returned") == pytest.approx((3 / 6 + 5 / 15) / 2)
    assert value(p, "money", "money.dictator_share") == pytest.approx(0.3)
    assert value(p, "money", "money.ultimatum_offer_share") == pytest.approx(0.4)
    offers = [r.offer for r in MoneyRules(params, 1).plan if r.part == "respond"]
    assert value(p, "money", "money.min_accepted_offer") == pytest.approx(offers[1] / 10)
    assert value(p, "money", "money.max_rejected_offer") == pytest.approx(offers[0] / 10)
    # invest: 10-4+6, 10-6+4, 10-2+4; return: 6-3, 15-5; give: 7; propose: 6; respond: 0, offer
    assert value(p, "money", "money.earnings_cents") == 100 * (12 + 8 + 12 + 3 + 10 + 7 + 6 + 0 + offers[1])
    assert p.trait("trust").position == pytest.approx(100 * 1.2 / 3)  # type: ignore[union-attr]
    assert p.trait("generosity").position == pytest.approx(100 * (0.5 + 1 / 3 + 0.3 + 0.4) / 4)  # type: ignore[union-attr]


def test_a_trial_game_with_no_trial_is_scored_as_insufficient_without_error() -> None:
    b = StreamBuilder()
    for game, rules in (("igt", IgtRules(IgtParams(), 1)), ("tower", TowerRules(TowerParams(), 1)),
                        ("faces", FacesRules(FacesParams(), 1)), ("effort", EffortRules(EffortParams(), 1)),
                        ("money", MoneyRules(MoneyParams(), 1))):
        _, emitted = rules.start_game(rules.initial_state(), b.t_ns + 5 * MS)  # type: ignore[attr-defined]
        for e in emitted:
            b.add(e.kind, e.t_ns, e.payload.model_dump(mode="json"), game, e.trial)
    p = score_session(b.close())
    assert [g.game for g in p.games] == ["igt", "tower", "faces", "effort", "money"]
    assert all(not g.completed for g in p.games)
    assert all(t.position is None and t.insufficient is not None for t in p.traits)
    flag = next(q for q in p.quality if q.key == "incomplete_games")
    assert flag.raised and flag.value == 5

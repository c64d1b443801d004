"""The money exchange's pure rules: the order of rounds, the computer's documented answers, payoffs, refusals."""

from __future__ import annotations

import pytest

from games.money.params import MoneyParams
from games.money.rules import MoneyAmountError, MoneyRules


def test_rounds_run_in_order_and_only_the_offers_are_shuffled() -> None:
    plan = MoneyRules(MoneyParams(), 5).plan
    assert [r.part for r in plan] == ["invest"] * 6 + ["return"] * 6 + ["dictator", "propose"] + ["respond"] * 5
    assert sorted(r.offer for r in plan if r.part == "respond") == [1, 2, 3, 4, 5]  # type: ignore[type-var]
    assert [r.available for r in plan if r.part == "return"] == [6, 15, 24, 30, 12, 18]
    with pytest.raises(ValueError, match="partner_sends"):
        MoneyParams(partner_sends=(11,))


@pytest.mark.parametrize(("percent", "sent", "back"), [(50, 4, 6), (20, 6, 4), (60, 2, 4), (10, 10, 3), (30, 5, 5),
                                                       (50, 1, 2), (0, 7, 0)])
def test_the_computer_returns_its_documented_share_of_the_tripled_amount(percent: int, sent: int, back: int) -> None:
    rules = MoneyRules(MoneyParams(partner_returns=(percent,)), 1)
    assert rules.returned(rules.plan[0], sent) == back  # round(percent * 3 * sent / 100), halves up


def play(rules: MoneyRules, amounts: list[int | bool]) -> list[dict[str, object]]:
    state, _ = rules.start_game(rules.initial_state(), 0)
    out, t = [], 0
    for amount in amounts:
        t += 1000
        state, _ = rules.start_trial(state, t)
        t += 500
        if isinstance(amount, bool):
            state, emitted = rules.answer(state, amount, t, "key", "A")
        else:
            state, _ = rules.set_amount(state, amount, t, "key", "Right")
            t += 100
            state, emitted = rules.confirm(state, t, "key", "Return")
        out.append(emitted[-1].payload.model_dump())
    return out


def test_payoffs_of_every_part() -> None:
    params = MoneyParams(partner_returns=(50,), partner_sends=(4,), ultimatum_accept_min=3, ultimatum_offers=(2,))
    rounds = play(MoneyRules(params, 1), [4, 5, 3, 2, True])
    assert [(r["part"], r["candidate_cents"], r["partner_cents"]) for r in rounds] == [
        ("invest", 1200, 600), ("return", 700, 1100), ("dictator", 700, 300), ("propose", 0, 0),
        ("respond", 200, 800)]
    assert rounds[3]["accepted"] is False and rounds[4]["accepted"] is True
    assert rounds[-1]["total_cents"] == 1200 + 700 + 700 + 0 + 200


def test_refusals_name_what_is_wrong() -> None:
    rules = MoneyRules(MoneyParams(partner_returns=(50,), partner_sends=(), dictator=False, ultimatum_offer=False,
                                   ultimatum_offers=(3,)), 1)
    state, _ = rules.start_game(rules.initial_state(), 0)
    state, _ = rules.start_trial(state, 10)
    with pytest.raises(MoneyAmountError, match="nothing to confirm"):
        rules.confirm(state, 20, "key", "Return")
    with pytest.raises(MoneyAmountError, match=r"0\.\.10"):
        rules.set_amount(state, 11, 20, "key", "Right")
    with pytest.raises(MoneyAmountError, match="not accept or reject"):
        rules.answer(state, True, 20, "key", "A")

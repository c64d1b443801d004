"""Simulated players with known parameters, driven through the games' rules, are recovered in order."""

from __future__ import annotations

from scoring import score_session
from tests.scoring.helpers import StreamBuilder
from tests.scoring.simulate import play_bart, play_decision, play_rt


def bart_profile(stop_at: int, gap_ms: float = 400.0):  # type: ignore[no-untyped-def]
    b = StreamBuilder()
    play_bart(b, stop_at, seed=11, gap_ms=gap_ms)
    return score_session(b.close())


def test_bart_stopping_points_order_risk_tolerance() -> None:
    profiles = [bart_profile(n) for n in (8, 32, 64)]
    positions = [p.trait("risk_tolerance").position for p in profiles]
    adjusted = [p.game("bart").metric("bart.adjusted_pumps").value for p in profiles]
    assert positions[0] < positions[1] < positions[2]
    assert adjusted == [8.0, 32.0, 64.0]  # a fixed stopping point is recovered exactly on unburst balloons
    bursts = [p.game("bart").metric("bart.bursts").value for p in profiles]
    assert bursts[0] <= bursts[1] <= bursts[2]


def test_bart_pumping_pace_orders_decision_speed() -> None:
    slow, fast = bart_profile(32, gap_ms=900), bart_profile(32, gap_ms=200)
    assert fast.trait("decision_speed").position > slow.trait("decision_speed").position


def rt_profile(latency: float, lapse_p: float = 0.0, commission_p: float = 0.0):  # type: ignore[no-untyped-def]
    b = StreamBuilder()
    play_rt(b, "simple_rt", latency, seed=4, trials=30, lapse_p=lapse_p)
    play_rt(b, "go_nogo", latency, seed=4, trials=60, commission_p=commission_p, lapse_p=lapse_p)
    return score_session(b.close())


def test_rt_latencies_recovered_in_order() -> None:
    profiles = [rt_profile(x) for x in (250, 350, 450)]
    medians = [p.game("simple_rt").metric("rt.median_rt_ms").value for p in profiles]
    assert medians[0] < medians[1] < medians[2]
    assert abs(medians[1] - 358) < 40  # the 8 ms presentation lag is not in the latency: ~350 ms
    speed = [p.trait("response_speed").position for p in profiles]
    assert speed[0] > speed[1] > speed[2]


def test_rt_lapses_and_commissions_order_attention_and_restraint() -> None:
    steady, lapsing = rt_profile(300, lapse_p=0.0), rt_profile(300, lapse_p=0.4)
    assert steady.trait("sustained_attention").position > lapsing.trait("sustained_attention").position
    careful, impulsive = rt_profile(300, commission_p=0.0), rt_profile(300, commission_p=0.6)
    assert careful.trait("restraint").position > impulsive.trait("restraint").position
    assert careful.game("go_nogo").metric("rt.dprime").value > impulsive.game("go_nogo").metric("rt.dprime").value


def decision_profile(**kw):  # type: ignore[no-untyped-def]
    b = StreamBuilder()
    play_decision(b, **kw)
    return score_session(b.close())


def test_decision_players_recovered() -> None:
    cautious = decision_profile(risk="low", first_ms=40000, reasoning="deep")
    bold = decision_profile(risk="high", first_ms=4000, changes=3, reasoning="brief")
    assert cautious.trait("scenario_risk").position < bold.trait("scenario_risk").position
    assert cautious.trait("deliberation").position > bold.trait("deliberation").position
    assert cautious.trait("reasoning_depth").position > bold.trait("reasoning_depth").position
    assert cautious.trait("exploration").position < bold.trait("exploration").position
    calm, quick = ({i.key: i.value for i in p.interpretations} for p in (cautious, bold))
    assert calm["risk_orientation"] == "risk_averse"
    assert quick["risk_orientation"] == "risk_tolerant"
    assert calm["communication_style"].startswith("detailed")
    assert quick["decision_pattern"].startswith("fast")

"""Simulated players with known parameters, driven through the games' pure rules into a StreamBuilder."""

from __future__ import annotations

import random
from typing import Any

from games.bart import rules as bart_rules
from games.bart.params import BartParams
from games.decision import rules as dec_rules
from games.decision.params import DecisionParams
from games.decision.scenarios import load_scenarios
from games.reaction.params import ChoiceRTParams, GoNoGoParams, SimpleRTParams
from games.reaction.rules import CHOICE_KEYS, SPACE, ReactionRules, ReactionState
from tests.scoring.helpers import MS, StreamBuilder
from tests.scoring.simulate_memory import play_memory_attention
from tests.scoring.simulate_trials import trial_games

RT_PARAMS = {"simple_rt": SimpleRTParams, "choice_rt": ChoiceRTParams, "go_nogo": GoNoGoParams}


def _emit(b: StreamBuilder, game: str, emissions: Any, t_ns: int) -> None:
    for e in emissions:
        t = getattr(e, "t_ns", t_ns)
        b.add(e.kind, t, e.payload.model_dump(mode="json"), game, e.trial)


def play_bart(b: StreamBuilder, stop_at: int, seed: int = 7, balloons: int = 30, gap_ms: float = 400.0,
              colours: str = "single", spread: int = 0) -> None:
    """A player who pumps each balloon `stop_at` (+- up to `spread`) times unless it bursts first, then collects."""
    rng = random.Random(seed)
    state = bart_rules.new_game(BartParams(balloons=balloons, colours=colours), random.Random(seed), seed)
    t = b.t_ns + 10 * MS
    state, em = bart_rules.start_game(state, t)
    _emit(b, "bart", em, t)
    for _ in range(balloons):
        t += 900 * MS
        state, em = bart_rules.start_balloon(state, t)
        _emit(b, "bart", em, t)
        target = stop_at + (rng.randint(-spread, spread) if spread else 0)
        while state.phase == "inflating" and state.pumps < target:
            t += round(gap_ms * (0.7 + 0.6 * rng.random()) * MS)
            state, em = bart_rules.pump(state, t, "key")
            _emit(b, "bart", em, t)
        if state.phase == "inflating":
            t += 300 * MS
            state, em = bart_rules.collect(state, t)
            _emit(b, "bart", em, t)
    t += 500 * MS
    state, em = bart_rules.end_game(state, t)
    _emit(b, "bart", em, t)


def play_rt(b: StreamBuilder, game: str, latency_ms: float, seed: int = 3, trials: int | None = None,
            sd_ms: float = 40.0, commission_p: float = 0.0, lapse_p: float = 0.0) -> None:
    """A player with normally distributed latencies, a chance of lapses (slow) and of no-go commissions."""
    params = RT_PARAMS[game]() if trials is None else RT_PARAMS[game](trials=trials)
    rules = ReactionRules(params, random.Random(seed), seed)
    rng = random.Random(seed + 1)
    state = ReactionState()
    t = b.t_ns + 10 * MS
    state, em = rules.start(state, t)
    _emit(b, game, em, t)
    while not rules.is_done(state):
        t += params.iti_ms * MS
        state, em = rules.begin_trial(state, t)
        _emit(b, game, em, t)
        t += state.foreperiod_ns
        state, em = rules.present(state, t, t + 8 * MS)
        _emit(b, game, em, t)
        onset = t + 8 * MS
        plan = rules.plan[state.trial]
        lat = max(120.0, rng.gauss(latency_ms, sd_ms)) + (400.0 if rng.random() < lapse_p else 0.0)
        if plan.is_go and lat < params.timeout_ms:
            key = plan.correct_key or SPACE
            state, em = rules.respond(state, key, onset + round(lat * MS))
        elif not plan.is_go and rng.random() < commission_p:
            state, em = rules.respond(state, SPACE, onset + round(lat * MS))
        else:
            state, em = rules.expire(state, onset + params.timeout_ms * MS)
        t = state.last_t_ns
        _emit(b, game, em, t)
    state, em = rules.finish(state, t + MS)
    _emit(b, game, em, t)
    assert CHOICE_KEYS  # the choice keys come from the rules


REASONS = {
    "brief": "Seems fine to me overall, go with it and move on.",
    "deep": ("Because the deadline is fixed, firstly I would check the impact; however, considering the risk "
             "to customers, therefore the safer path is better. Given the cost, if the data holds then we act, "
             "thus we keep trust. Consequently, although slower, it implies fewer surprises and finally less "
             "rework for the whole team over the coming weeks and months ahead of the launch."),
}


def play_decision(b: StreamBuilder, risk: str = "low", first_ms: float = 8000.0, changes: int = 0,
                  reasoning: str = "brief", tasks: int = 6) -> None:
    """A player who views every option, picks the option of risk level `risk`, changes `changes` times."""
    scenarios = load_scenarios()[:tasks]
    state = dec_rules.new_game(scenarios, DecisionParams(), random.Random(1), 1)
    t = b.t_ns + 10 * MS
    step = dec_rules.start_game(state, t)
    _emit(b, "decision", step.emissions, t)
    state = step.state
    for task in scenarios:
        t += 500 * MS
        step = dec_rules.start_task(step.state, t)
        _emit(b, "decision", step.emissions, t)
        view = first_ms / (len(task.options) + 1)
        for opt in task.options:
            t0, t = t, t + round(view * MS)
            step = dec_rules.view_option(step.state, opt.id, "hover", t0, t)
            _emit(b, "decision", step.emissions, t)
        pick = next((o for o in task.options if o.risk_level == risk), task.options[0])
        others = [o for o in task.options if o.id != pick.id]
        sequence = [others[i % len(others)].id for i in range(changes)] + [pick.id]
        t += round(view * MS)
        for i, option_id in enumerate(sequence):
            step = dec_rules.choose(step.state, option_id, t)
            _emit(b, "decision", step.emissions, t)
            t += 1500 * MS if i < len(sequence) - 1 else 0
        text = REASONS[reasoning]
        t += 800 * MS
        step = dec_rules.start_reasoning(step.state, t)
        _emit(b, "decision", step.emissions, t)
        t += 4000 * MS
        step = dec_rules.update_reasoning(step.state, text, t)
        _emit(b, "decision", step.emissions, t)
        t += 1000 * MS
        step = dec_rules.complete_task(step.state, text, t)
        _emit(b, "decision", step.emissions, t)
    step = dec_rules.end_game(step.state, t + MS)
    _emit(b, "decision", step.emissions, t + MS)


def full_session(seed: int = 1, stop_at: int = 32, latency_ms: float = 300.0, session_id: str = "s-full",
                 spread: int = 0) -> list:
    """A session with every game, for end-to-end tests and the benchmark (`spread`: pumps vary by up to +-spread)."""
    b = StreamBuilder(session_id)
    play_bart(b, stop_at, seed=seed, spread=spread)
    for game in ("simple_rt", "choice_rt", "go_nogo"):
        play_rt(b, game, latency_ms, seed=seed, commission_p=0.1, lapse_p=0.05)
    play_decision(b, risk="medium", changes=1, reasoning="deep")
    play_memory_attention(b, seed=seed)  # issue 14's games
    trial_games(b, seed=seed)  # issue 15's games
    return b.close()

"""The IGT's pure rules: the original payoff schedule, choices, errors and restore (games/igt, games/trialkit)."""

from __future__ import annotations

import pytest

from eventlog.records import EventRecord
from games.core import RestoreError
from games.igt.params import BECHARA_1994, IgtParams
from games.igt.rules import IgtRuleError, IgtRules, IgtState
from games.trialkit.rules import TrialSequenceError, TrialTimestampError


def test_the_schedule_has_the_published_structure() -> None:
    for deck, (gain, loss_per_ten, losing_cards) in enumerate(((100, 1250, 5), (100, 1250, 1), (50, 250, 5),
                                                                (50, 250, 1))):
        assert BECHARA_1994.gains_cents[deck] == gain * 100
        losses = BECHARA_1994.losses_cents[deck]
        assert len(losses) == 40
        for block in range(4):  # every ten cards: A and B net -$250, C and D net +$250
            ten = losses[10 * block:10 * block + 10]
            assert sum(ten) == loss_per_ten * 100
            assert sum(1 for x in ten if x) == losing_cards
            assert 10 * gain * 100 - sum(ten) == (-250 if deck < 2 else 250) * 100


def run(rules: IgtRules, decks: str) -> tuple[IgtState, list[tuple[str, object]]]:
    state = rules.initial_state()
    state, emitted = rules.start_game(state, 0)
    out = [(e.kind, e.payload) for e in emitted]
    t = 0
    for deck in decks:
        t += 1000
        state, emitted = rules.start_trial(state, t, t - 5)
        out += [(e.kind, e.payload) for e in emitted]
        t += 700
        state, emitted = rules.choose(state, deck, t, "key", deck)
        out += [(e.kind, e.payload) for e in emitted]
    return state, out


def test_choices_draw_the_next_card_of_the_deck_and_keep_the_total() -> None:
    state, out = run(IgtRules(IgtParams(trials=3), 1), "BBA")
    ended = [p for k, p in out if k == "igt.trial_ended"]
    assert [(e.deck, e.card, e.win_cents, e.loss_cents, e.rt_ns) for e in ended] == [  # type: ignore[attr-defined]
        ("B", 1, 10_000, 0, 700), ("B", 2, 10_000, 0, 700), ("A", 1, 10_000, 0, 700)]
    assert state.total_cents == 200_000 + 30_000 and state.deck_counts == (1, 2, 0, 0)
    assert not IgtRules(IgtParams(trials=3), 1).has_next(state)


def test_a_deck_starts_its_sequence_again_after_40_cards() -> None:
    state, out = run(IgtRules(IgtParams(trials=42), 1), "D" * 42)
    losses = [p.loss_cents for k, p in out if k == "igt.trial_ended"]  # type: ignore[attr-defined]
    assert losses[40:] == list(BECHARA_1994.losses_cents[3][:2])
    assert state.total_cents == 200_000 + 42 * 5000 - 4 * 25_000


def test_the_rules_refuse_what_breaks_the_sequence_and_emit_nothing() -> None:
    rules = IgtRules(IgtParams(trials=1), 1)
    state = rules.initial_state()
    with pytest.raises(TrialSequenceError):
        rules.choose(state, "A", 5, "key", "A")
    state, _ = rules.start_game(state, 10)
    with pytest.raises(TrialTimestampError):
        rules.start_trial(state, 5)
    state, _ = rules.start_trial(state, 20)
    with pytest.raises(IgtRuleError, match="deck"):
        rules.choose(state, "E", 30, "key", "E")
    state, _ = rules.choose(state, "C", 30, "key", "C")
    with pytest.raises(TrialSequenceError, match="no trial is left"):
        rules.start_trial(state, 40)
    state, emitted = rules.end_game(state, 50)
    assert state.phase == "finished" and emitted[0].kind == "igt.game_ended"


def records(out: list[tuple[str, object]]) -> list[EventRecord]:
    recs = []
    for seq, (kind, payload) in enumerate(out, start=1):
        trial = getattr(payload, "trial", None)
        recs.append(EventRecord("s", seq, seq * 10, kind, "igt", trial, payload.model_dump(mode="json"),  # type: ignore[attr-defined]
                                "", ""))
    return recs


def test_restore_rebuilds_the_total_and_repeats_the_interrupted_trial() -> None:
    rules = IgtRules(IgtParams(trials=5), 1)
    _, out = run(rules, "AAC")
    cut = records([*out, ("igt.trial_started", rules.trial_payload(rules.initial_state(), 3, None))])
    restored = IgtRules(IgtParams(trials=5), 1).restore(IgtRules(IgtParams(trials=5), 1).initial_state(), cut)
    assert restored.repeated and restored.events == len(cut)
    assert restored.state.done == 3 and restored.state.deck_counts == (2, 0, 1, 0)
    assert restored.state.total_cents == 200_000 + 25_000
    _, emitted = rules.resume_game(restored, 10_000)
    assert emitted[0].payload.model_dump()["trial"] == 3  # type: ignore[union-attr]


def test_restore_refuses_another_seed_or_events_out_of_order() -> None:
    rules = IgtRules(IgtParams(trials=5), 1)
    _, out = run(rules, "AB")
    with pytest.raises(RestoreError, match="does not start this game"):
        IgtRules(IgtParams(trials=5), 2).restore(IgtRules(IgtParams(trials=5), 2).initial_state(), records(out))
    shuffled = records(out)
    shuffled[1], shuffled[3] = shuffled[3], shuffled[1]
    with pytest.raises(RestoreError):
        rules.restore(rules.initial_state(), shuffled)


def test_abandoning_a_trial_goes_back_between_trials_without_recording() -> None:
    rules = IgtRules(IgtParams(trials=2), 1)
    state, _ = rules.start_game(rules.initial_state(), 0)
    state, _ = rules.start_trial(state, 10)
    back = rules.abandon_trial(state)
    assert back.phase == "between" and back.done == 0
    again, emitted = rules.start_trial(back, 20)
    assert again.trial == 0 and emitted[0].payload.model_dump()["trial"] == 0  # type: ignore[union-attr]

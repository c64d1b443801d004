"""Pure rules of the Iowa Gambling Task: a state machine with no Qt, no clock and no database.

Phases: not_started -> between -> choosing (the decks are shown) -> between ... -> finished. A trial is one
choice: `choose` draws the next card of the chosen deck from the fixed schedule (games/igt/params.py),
records `igt.trial_ended` with its win, loss and the new total at the input's stamp, and the game goes
back between trials (the view shows the card, then the next trial). Nothing is random: the schedule is
the same for every candidate, as in Bechara et al. (1994); the seed is recorded for the record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from games.core import Step
from games.igt.events import (
    IgtGameEnded,
    IgtGameResumed,
    IgtGameStarted,
    IgtTrialEnded,
    IgtTrialStarted,
)
from games.igt.params import DECKS, Deck, IgtParams
from games.trialkit.fields import InputKind
from games.trialkit.rules import BETWEEN, TrialRuleError, TrialRules, TrialState

__all__ = ["CHOOSING", "IgtRuleError", "IgtRules", "IgtState"]

CHOOSING = "choosing"


class IgtRuleError(TrialRuleError):
    """A choice the IGT rules refuse (a deck that does not exist)."""


@dataclass(frozen=True, slots=True)
class IgtState(TrialState):
    """The game's progress and the candidate's money and deck counts."""

    total_cents: int = 0
    deck_counts: tuple[int, int, int, int] = (0, 0, 0, 0)


class IgtRules(TrialRules[IgtState, IgtTrialEnded]):
    """The IGT of one params and seed."""

    game: ClassVar[str] = "igt"
    trial_phases: ClassVar[tuple[str, ...]] = (CHOOSING,)
    ended_model = IgtTrialEnded

    def __init__(self, params: IgtParams, seed: int) -> None:
        super().__init__(seed)
        self.params = params
        self.payoffs = params.payoffs

    def initial_state(self) -> IgtState:
        return IgtState(total_cents=self.params.start_cents)

    def started_payload(self) -> IgtGameStarted:
        net = [10 * self.payoffs.gains_cents[d] - sum(self.payoffs.card(d, i)[1] for i in range(10)) for d in range(4)]
        return IgtGameStarted(trials=self.params.trials, start_cents=self.params.start_cents,
                              schedule=self.payoffs.name, gains_cents=list(self.payoffs.gains_cents),
                              net_per_ten_cents=net, seed=self.seed)

    def trial_payload(self, state: IgtState, trial: int, requested_t_ns: int | None) -> IgtTrialStarted:
        return IgtTrialStarted(trial=trial, requested_t_ns=requested_t_ns, total_cents=state.total_cents)

    def enter_trial(self, state: IgtState, trial: int) -> IgtState:
        return replace(state, phase=CHOOSING)

    def fold(self, state: IgtState, ended: IgtTrialEnded) -> IgtState:
        counts = list(state.deck_counts)
        counts[DECKS.index(ended.deck)] += 1
        return replace(state, total_cents=ended.total_cents, deck_counts=(counts[0], counts[1], counts[2], counts[3]))

    def has_next(self, state: IgtState) -> bool:
        return state.done < self.params.trials

    def ended_payload(self, state: IgtState) -> IgtGameEnded:
        return IgtGameEnded(trials=state.done, total_cents=state.total_cents, deck_counts=list(state.deck_counts))

    def resumed_payload(self, state: IgtState, repeated: bool, events: int) -> IgtGameResumed:
        return IgtGameResumed(trial=state.done, repeated=repeated, trials_done=state.done, events_restored=events,
                              total_cents=state.total_cents, deck_counts=list(state.deck_counts))

    def choose(self, state: IgtState, deck: str, t_ns: int, source: InputKind, key: str,
               qt_event_ms: int | None = None) -> Step[IgtState]:
        """Draw the next card of `deck` ("A".."D"): its win and loss come from the schedule."""
        self.check(state, "choose a deck", t_ns, (CHOOSING,), "the decks are not shown")
        if deck not in DECKS:
            raise IgtRuleError(f"igt: field 'deck' is {deck!r}; choose one of {', '.join(DECKS)}")
        index = DECKS.index(deck)
        win, loss = self.payoffs.card(index, state.deck_counts[index])
        deck_name: Deck = DECKS[index]
        ended = IgtTrialEnded(
            trial=state.trial, rt_ns=t_ns - state.onset_ns, input=source, key=key, qt_event_ms=qt_event_ms,
            deck=deck_name, card=state.deck_counts[index] + 1, win_cents=win, loss_cents=loss, net_cents=win - loss,
            total_cents=state.total_cents + win - loss,
        )
        new, emission = self.finish_trial(state, t_ns, ended)
        assert new.phase == BETWEEN
        return Step(new, (emission,))

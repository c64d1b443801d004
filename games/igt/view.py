"""The Qt view of the Iowa Gambling Task: keys A-D (or 1-4) or the deck buttons choose a card; the card's win
and loss show for `feedback_ms`, then the decks come back. The running total is always on screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from games.core import Emission, IgnoreReason
from games.igt.events import IgtTrialEnded
from games.igt.params import DECKS, IgtParams
from games.igt.rules import IgtRules
from games.igt.widgets import DecksCanvas, dollars
from games.trialkit.fields import InputKind
from games.trialkit.view import KeyHandler, TrialGameView
from games.trialkit.widgets import StampButton
from i18n import N_, _

__all__ = ["DECK_KEYS", "IgtView"]

DECK_KEYS: dict[int, int] = {
    **{int(getattr(Qt.Key, f"Key_{d}")): i for i, d in enumerate(DECKS)},
    **{int(getattr(Qt.Key, f"Key_{n + 1}")): n for n in range(4)},
}
"""Qt key -> deck index: A, B, C, D and 1, 2, 3, 4."""


class IgtView(TrialGameView):
    """One IGT game."""

    trial_noun = (N_("Card {number} of {total}"), N_("Card {number}"))

    def make_rules(self, params: IgtParams, seed: int) -> IgtRules:
        return IgtRules(params, seed)

    def make_canvas(self) -> DecksCanvas:
        return DecksCanvas()

    @property
    def igt_rules(self) -> IgtRules:
        """The rules, typed."""
        assert isinstance(self.rules, IgtRules)
        return self.rules

    @property
    def decks(self) -> DecksCanvas:
        """The canvas, typed."""
        assert isinstance(self.canvas, DecksCanvas)
        return self.canvas

    def make_controls(self) -> list[StampButton]:
        return [self.connect_button(StampButton(_("Deck {deck}").format(deck=d), f"deck_{d}"), self._chooser(i))
                for i, d in enumerate(DECKS)]

    def hint_text(self) -> str:
        return _("Keys:  A, B, C, D (or 1-4) = take a card from that deck")

    def key_handler(self, key: int) -> KeyHandler | None:
        return self._chooser(DECK_KEYS[key]) if key in DECK_KEYS else None

    def _chooser(self, deck: int) -> KeyHandler:
        def choose(t_perf: int, source: InputKind, key: str, qt_ms: int | None) -> IgnoreReason | None:
            self.apply(self.igt_rules.choose(self.state, DECKS[deck], self.now(t_perf), source, key, qt_ms))
            return None

        return choose

    def show_trial(self, trial: int) -> None:
        self.decks.show_decks()

    def show_feedback(self, emitted: tuple[Emission, ...]) -> int:
        ended = emitted[-1].payload
        assert isinstance(ended, IgtTrialEnded)
        self.decks.show_card(DECKS.index(ended.deck), ended.win_cents, ended.loss_cents)
        self.note.setText(_("Deck {deck}: {amount} on this card").format(
            deck=ended.deck, amount=dollars(ended.net_cents, signed=True)))
        return int(self.params.feedback_ms)

    def status_text(self) -> str:
        return _("Total: {amount}").format(amount=dollars(self.state.total_cents))

    def end_text(self) -> str:
        return _("All {done} cards done.\nYou finished with {amount}.").format(
            done=self.state.done, amount=dollars(self.state.total_cents))

    def summary(self) -> dict[str, Any]:
        return {"trials": self.state.done, "total_cents": self.state.total_cents,
                "deck_counts": list(self.state.deck_counts)}

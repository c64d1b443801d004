"""The Qt view of the money-exchange game: arrow keys (or - and +) change the amount, digits 0-9 set it, Home and
End give 0 and all, Enter (or Confirm) confirms; an offer is accepted with A (or Accept) and rejected with R (or
Reject). Every change of the amount is recorded; the computer's answer shows for `feedback_ms`."""

from __future__ import annotations

from PySide6.QtCore import Qt

from games.core import Emission, IgnoreReason
from games.money.events import MoneyTrialEnded
from games.money.params import MoneyParams
from games.money.rules import MoneyRules, Round
from games.money.widgets import MoneyCanvas
from games.trialkit.fields import InputKind
from games.trialkit.view import KeyHandler, TrialGameView
from games.trialkit.widgets import StampButton

__all__ = ["MoneyView", "dollars", "say"]

STEPS = {int(Qt.Key.Key_Left): -1, int(Qt.Key.Key_Down): -1, int(Qt.Key.Key_Right): 1, int(Qt.Key.Key_Up): 1}
PART_TITLES = {"invest": "Trust game: you send", "return": "Trust game: you return", "dictator": "Sharing",
               "propose": "Offer a split", "respond": "The computer's offer"}


class MoneyView(TrialGameView):
    """One money-exchange game."""

    trial_noun = "Round"

    def make_rules(self, params: MoneyParams, seed: int) -> MoneyRules:
        return MoneyRules(params, seed)

    @property
    def money_rules(self) -> MoneyRules:
        """The rules, typed."""
        assert isinstance(self.rules, MoneyRules)
        return self.rules

    def make_canvas(self) -> MoneyCanvas:
        return MoneyCanvas()

    @property
    def money_canvas(self) -> MoneyCanvas:
        """The canvas, typed."""
        assert isinstance(self.canvas, MoneyCanvas)
        return self.canvas

    def make_controls(self) -> list[StampButton]:
        minus = self.connect_button(StampButton("−", "less"), self._step(-1))
        plus = self.connect_button(StampButton("+", "more"), self._step(1))
        for button in (minus, plus):
            button.setMinimumWidth(80)
        return [minus, plus, self.connect_button(StampButton("Confirm (Enter)", "confirm"), self._confirm),
                self.connect_button(StampButton("Accept (A)", "accept"), self._answer(True)),
                self.connect_button(StampButton("Reject (R)", "reject"), self._answer(False))]

    def controls_for_phase(self, phase: str) -> list[StampButton]:
        if phase not in self.rules.trial_phases:
            return []
        return self.buttons[3:] if self.round.part == "respond" else self.buttons[:3]

    def hint_text(self) -> str:
        return self._hint_for(self.round)

    @staticmethod
    def _hint_for(r: Round) -> str:
        """The keys that work in this round (an offer's amount keys, or a response's accept and reject), no others."""
        keys = ("A = accept    R = reject" if r.part == "respond"
                else "← → = less / more    0-9 = that amount    Enter = confirm")
        return f"Keys:  {keys}\nThe other player is the computer, following fixed rules."

    @property
    def round(self) -> Round:
        """The round on screen (or the last one)."""
        return self.money_rules.plan[max(int(self.state.trial), 0)]

    def key_handler(self, key: int) -> KeyHandler | None:
        if key in STEPS:
            return self._step(STEPS[key])
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            return self._set(key - int(Qt.Key.Key_0))
        if key == Qt.Key.Key_Home:
            return self._set(0)
        if key == Qt.Key.Key_End:
            return self._set(-1)
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._confirm
        if key in (Qt.Key.Key_A, Qt.Key.Key_Y):
            return self._answer(True)
        return self._answer(False) if key in (Qt.Key.Key_R, Qt.Key.Key_N) else None

    # -- amounts ----------------------------------------------------------------------------------------

    def _step(self, delta: int) -> KeyHandler:
        def step(t_perf: int, source: InputKind, key: str, qt_ms: int | None) -> IgnoreReason | None:
            now = self.state.amount
            target = (0 if delta < 0 else 1) if now is None else now + delta
            return self._to(target, t_perf, source, key)

        return step

    def _set(self, units: int) -> KeyHandler:
        def set_to(t_perf: int, source: InputKind, key: str, qt_ms: int | None) -> IgnoreReason | None:
            return self._to(self.round.available if units < 0 else units, t_perf, source, key)

        return set_to

    def _to(self, units: int, t_perf: int, source: InputKind, key: str) -> IgnoreReason | None:
        r = self.round
        if r.part == "respond":
            return "not_a_game_key"
        if not 0 <= units <= r.available or units == self.state.amount:
            return "no_target"
        self.apply(self.money_rules.set_amount(self.state, units, self.now(t_perf), source, key))
        self.money_canvas.show_amount(*self._amount_words(r, units))
        return None

    def _confirm(self, t_perf: int, source: InputKind, key: str, qt_ms: int | None) -> IgnoreReason | None:
        if self.round.part == "respond":
            return "not_a_game_key"
        if self.state.amount is None:
            return "no_target"
        self.apply(self.money_rules.confirm(self.state, self.now(t_perf), source, key, qt_ms))
        return None

    def _answer(self, accept: bool) -> KeyHandler:
        def answer(t_perf: int, source: InputKind, key: str, qt_ms: int | None) -> IgnoreReason | None:
            if self.round.part != "respond":
                return "not_a_game_key"
            self.apply(self.money_rules.answer(self.state, accept, self.now(t_perf), source, key, qt_ms))
            return None

        return answer

    # -- words ------------------------------------------------------------------------------------------

    def _d(self, units: int) -> str:
        return dollars(units * self.params.unit_cents)

    def _amount_words(self, r: Round, units: int | None) -> tuple[str, str]:
        if r.part == "respond":
            return "Accept or reject?", ""
        if units is None:
            return "?", "Choose an amount: ← → or the digits 0-9."
        e, m, d = self.params.endowment_units, self.params.multiplier, self._d
        verb = {"invest": "Send", "return": "Return", "dictator": "Give", "propose": "Offer"}[r.part]
        meaning = {"invest": f"The computer receives {d(m * units)}; you keep {d(e - units)} for now.",
                   "return": f"You keep {d(r.available - units)}.",
                   "dictator": f"You keep {d(e - units)}.",
                   "propose": f"If the computer accepts, you keep {d(e - units)}."}[r.part]
        return f"{verb}: {d(units)}", meaning

    def show_trial(self, trial: int) -> None:
        r = self.money_rules.plan[trial]
        count = sum(1 for x in self.money_rules.plan if x.part == r.part)
        heading = f"{PART_TITLES[r.part]} · round {r.round} of {count}"
        self.hint.setText(self._hint_for(r))
        self.money_canvas.show_round(heading, say(r, self.params), *self._amount_words(r, None))

    def show_feedback(self, emitted: tuple[Emission, ...]) -> int:
        ended = emitted[-1].payload
        assert isinstance(ended, MoneyTrialEnded)
        self.money_canvas.show_result(self._result(ended))
        return int(self.params.feedback_ms)

    def _result(self, ended: MoneyTrialEnded) -> str:
        c = dollars
        mine, amount = c(ended.candidate_cents), c(ended.amount_cents)
        if ended.part == "invest":
            back = c(ended.partner_returned_cents or 0)
            grown = c(ended.amount_cents * self.params.multiplier)
            return (f"You sent {amount}; it became {grown}. The computer returned {back}. You end the round with "
                    f"{mine}.")
        if ended.part == "return":
            return f"You returned {amount}. You end the round with {mine}."
        if ended.part == "dictator":
            return f"You gave {amount} and kept {mine}."
        if ended.part == "propose":
            return (f"The computer accepted: you get {mine}, it gets {amount}." if ended.accepted
                    else "The computer refused: you both get nothing this round.")
        return f"You accepted: you get {mine}." if ended.accepted else "You rejected: you both get nothing."

    def status_text(self) -> str:
        return f"Your total: {dollars(self.state.total_cents)}"

    def end_text(self) -> str:
        return "All rounds done. Thank you."


def dollars(cents: int) -> str:
    """Cents as dollars for display: 300 -> '$3', 250 -> '$2.50'."""
    return f"${cents // 100}" + (f".{cents % 100:02d}" if cents % 100 else "")


def say(r: Round, p: MoneyParams) -> str:
    """The round's situation in words."""
    e, m = p.endowment_units, p.multiplier

    def d(units: int) -> str:
        return dollars(units * p.unit_cents)

    if r.part == "invest":
        return (f"You have {d(e)}. Send any part of it to the computer: what you send is multiplied by {m}. "
                "The computer then returns some of it to you.")
    if r.part == "return":
        assert r.partner_sent is not None
        return (f"The computer sent you {d(r.partner_sent)} of its {d(e)}; multiplied by {m}, you received "
                f"{d(r.available)}. How much do you return to it?")
    if r.part == "dictator":
        return f"You have {d(e)}. How much do you give to the computer? It cannot refuse."
    if r.part == "propose":
        return (f"Split {d(e)} with the computer. If it accepts, each gets the share you propose; if it refuses, "
                "you both get nothing.")
    assert r.offer is not None
    return (f"The computer offers you {d(r.offer)} of {d(e)} and keeps {d(e - r.offer)}. Accept, and you both get "
            "that; reject, and you both get nothing.")

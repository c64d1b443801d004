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
from i18n import N_, _

__all__ = ["MoneyView", "dollars", "say"]

STEPS = {int(Qt.Key.Key_Left): -1, int(Qt.Key.Key_Down): -1, int(Qt.Key.Key_Right): 1, int(Qt.Key.Key_Up): 1}
PART_TITLES = {"invest": N_("Trust game: you send"), "return": N_("Trust game: you return"), "dictator": N_("Sharing"),
               "propose": N_("Offer a split"), "respond": N_("The computer's offer")}


class MoneyView(TrialGameView):
    """One money-exchange game."""

    trial_noun = (N_("Round {number} of {total}"), N_("Round {number}"))

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
        return [minus, plus, self.connect_button(StampButton(_("Confirm (Enter)"), "confirm"), self._confirm),
                self.connect_button(StampButton(_("Accept (A)"), "accept"), self._answer(True)),
                self.connect_button(StampButton(_("Reject (R)"), "reject"), self._answer(False))]

    def controls_for_phase(self, phase: str) -> list[StampButton]:
        if phase not in self.rules.trial_phases:
            return []
        return self.buttons[3:] if self.round.part == "respond" else self.buttons[:3]

    def hint_text(self) -> str:
        return self._hint_for(self.round)

    @staticmethod
    def _hint_for(r: Round) -> str:
        """The keys that work in this round (an offer's amount keys, or a response's accept and reject), no others."""
        keys = (_("A = accept    R = reject") if r.part == "respond"
                else _("← → = less / more    0-9 = that amount    Enter = confirm"))
        return _("Keys:  {keys}\nThe other player is the computer, following fixed rules.").format(keys=keys)

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
            return _("Accept or reject?"), ""
        if units is None:
            return "?", _("Choose an amount: ← → or the digits 0-9.")
        e, m, d = self.params.endowment_units, self.params.multiplier, self._d
        verb = {"invest": N_("Send: {amount}"), "return": N_("Return: {amount}"), "dictator": N_("Give: {amount}"),
                "propose": N_("Offer: {amount}")}[r.part]
        meaning = {"invest": _("The computer receives {received}; you keep {kept} for now.").format(
                       received=d(m * units), kept=d(e - units)),
                   "return": _("You keep {kept}.").format(kept=d(r.available - units)),
                   "dictator": _("You keep {kept}.").format(kept=d(e - units)),
                   "propose": _("If the computer accepts, you keep {kept}.").format(kept=d(e - units))}[r.part]
        return _(verb).format(amount=d(units)), meaning

    def show_trial(self, trial: int) -> None:
        r = self.money_rules.plan[trial]
        count = sum(1 for x in self.money_rules.plan if x.part == r.part)
        heading = _("{part} · round {number} of {total}").format(part=_(PART_TITLES[r.part]), number=r.round,
                                                                  total=count)
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
            return _("You sent {amount}; it became {grown}. The computer returned {back}. You end the round with "
                     "{mine}.").format(amount=amount, grown=grown, back=back, mine=mine)
        if ended.part == "return":
            return _("You returned {amount}. You end the round with {mine}.").format(amount=amount, mine=mine)
        if ended.part == "dictator":
            return _("You gave {amount} and kept {mine}.").format(amount=amount, mine=mine)
        if ended.part == "propose":
            return (_("The computer accepted: you get {mine}, it gets {amount}.").format(mine=mine, amount=amount)
                    if ended.accepted else _("The computer refused: you both get nothing this round."))
        return (_("You accepted: you get {mine}.").format(mine=mine) if ended.accepted
                else _("You rejected: you both get nothing."))

    def status_text(self) -> str:
        return _("Your total: {amount}").format(amount=dollars(self.state.total_cents))

    def end_text(self) -> str:
        return _("All rounds done. Thank you.")


def dollars(cents: int) -> str:
    """Cents as dollars for display: 300 -> '$3', 250 -> '$2.50'."""
    return f"${cents // 100}" + (f".{cents % 100:02d}" if cents % 100 else "")


def say(r: Round, p: MoneyParams) -> str:
    """The round's situation in words."""
    e, m = p.endowment_units, p.multiplier

    def d(units: int) -> str:
        return dollars(units * p.unit_cents)

    if r.part == "invest":
        return _("You have {amount}. Send any part of it to the computer: what you send is multiplied by {factor}. "
                 "The computer then returns some of it to you.").format(amount=d(e), factor=m)
    if r.part == "return":
        assert r.partner_sent is not None
        return _("The computer sent you {sent} of its {amount}; multiplied by {factor}, you received "
                 "{received}. How much do you return to it?").format(sent=d(r.partner_sent), amount=d(e), factor=m,
                                                                     received=d(r.available))
    if r.part == "dictator":
        return _("You have {amount}. How much do you give to the computer? It cannot refuse.").format(amount=d(e))
    if r.part == "propose":
        return _("Split {amount} with the computer. If it accepts, each gets the share you propose; if it "
                 "refuses, you both get nothing.").format(amount=d(e))
    assert r.offer is not None
    return _("The computer offers you {offer} of {amount} and keeps {kept}. Accept, and you both get "
             "that; reject, and you both get nothing.").format(offer=d(r.offer), amount=d(e), kept=d(e - r.offer))

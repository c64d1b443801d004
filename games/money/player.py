"""Scripted money-exchange player with known rules, playing the real view by keys or buttons.

As investor it sends `share` of its endowment in the first round; afterwards `share + responsiveness` after
a round in which the computer returned more than was sent and `share - responsiveness` after one in which
it returned less (clamped to 0..1, rounded to whole units). It returns `return_share` of what it received,
gives `dictator_share`, proposes `offer_share` and accepts every offer of at least `accept_min` units.
Amounts are typed as digits when under 10 and stepped with the arrow keys otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from games.money.rules import DECIDING, Round
from games.money.view import MoneyView
from games.trialkit.player import TrialPlayer

__all__ = ["MoneyPlayer", "SendingRules"]


@dataclass
class SendingRules:
    """The pure decision rules (also used by scoring tests without Qt)."""

    share: float = 0.5
    responsiveness: float = 0.2
    return_share: float = 0.33
    dictator_share: float = 0.2
    offer_share: float = 0.4
    accept_min: int = 3
    last_profit: bool | None = None  # the last invest round: did the computer return more than was sent?

    def amount(self, r: Round, endowment: int) -> int:
        """Units to send, return, give or offer in a round."""
        if r.part == "invest":
            share = self.share
            if self.last_profit is not None:
                share += self.responsiveness if self.last_profit else -self.responsiveness
            return round(max(0.0, min(1.0, share)) * endowment)
        share = {"return": self.return_share, "dictator": self.dictator_share, "propose": self.offer_share}[r.part]
        return round(share * r.available)

    def accepts(self, offer: int) -> bool:
        """Whether an ultimatum offer (units) is accepted."""
        return offer >= self.accept_min

    def saw_return(self, sent: int, returned: int) -> None:
        """Remember an invest round's outcome (a round with nothing sent tells nothing)."""
        self.last_profit = None if sent == 0 else returned > sent


class MoneyPlayer(TrialPlayer[MoneyView]):
    """Plays by SendingRules."""

    def __init__(self, share: float = 0.5, *, responsiveness: float = 0.2, return_share: float = 0.33,
                 dictator_share: float = 0.2, offer_share: float = 0.4, accept_min: int = 3, speed: float = 1.0,
                 step_ms: float = 250.0, input: str = "key") -> None:
        super().__init__(speed=speed, think_ms=1500.0, input=input)
        self.rules = SendingRules(share, responsiveness, return_share, dictator_share, offer_share, accept_min)
        self.step_ms = step_ms

    def attach(self, view: MoneyView) -> None:
        super().attach(view)
        view.trial_did_end.connect(self._learn)

    def _learn(self, trial: int) -> None:
        view = self.view
        assert isinstance(view, MoneyView)
        r = view.money_rules.plan[trial]
        if r.part == "invest":
            last = view.state.amount or 0
            self.rules.saw_return(last, view.money_rules.returned(r, last))

    def act(self, view: MoneyView) -> None:
        trial, r = view.state.trial, view.round
        if r.part == "respond":
            accept = self.rules.accepts(r.offer or 0)
            self.press(trial, "accept" if accept else "reject", Qt.Key.Key_A if accept else Qt.Key.Key_R,
                       view.buttons[3 if accept else 4])
            return
        target = self.rules.amount(r, view.params.endowment_units)
        now = view.state.amount
        if now == target:
            self.press(trial, f"confirm {target}", Qt.Key.Key_Return, view.buttons[2])
        elif now is None and target < 10 and not self.use_mouse(trial):
            self.actions.append((trial, f"type {target}", "key"))
            QTest.keyClick(view, Qt.Key(int(Qt.Key.Key_0) + target))
        else:
            up = now is None or target > now
            self.press(trial, "more" if up else "less", Qt.Key.Key_Right if up else Qt.Key.Key_Left,
                       view.buttons[1 if up else 0])
        if view.state.phase == DECIDING:
            self.again(self.step_ms)

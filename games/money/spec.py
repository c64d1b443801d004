"""The money-exchange game as the station discovers it (no Qt import)."""

from __future__ import annotations

from games.money.params import MoneyParams
from games.spec import GameSpec
from i18n import N_

GAMES: list[GameSpec] = [
    GameSpec(
        name="money",
        title=N_("Money exchange (trust and fairness)"),
        params_model=MoneyParams,
        view="games.money.view:MoneyView",
        player="games.money.player:MoneyPlayer",
        events_module="games.money.events",
        extended_time=("feedback_ms",),  # docs/ACCOMMODATIONS.md
    ),
]

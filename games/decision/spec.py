"""The decision game as the station sees it (importing this imports no Qt)."""

from __future__ import annotations

from games.decision.params import DecisionParams
from games.spec import GameSpec
from i18n import N_

GAMES: list[GameSpec] = [
    GameSpec(
        name="decision",
        title=N_("Everyday decisions"),
        params_model=DecisionParams,
        view="games.decision.view:DecisionView",
        player="games.decision.player:DecisionPlayer",
        trial_noun="situation",
        events_module="games.decision.events",
        extended_time=("soft_limit_factor",),  # docs/ACCOMMODATIONS.md
    )
]

"""The balloon risk game as the station discovers it (no Qt import)."""

from __future__ import annotations

from games.bart.params import BartParams
from games.spec import GameSpec
from i18n import N_

GAMES: list[GameSpec] = [
    GameSpec(
        name="bart",
        title=N_("Balloon game"),
        params_model=BartParams,
        view="games.bart.view:BartView",
        player="games.bart.player:BartPlayer",
        trial_noun="balloon",
        events_module="games.bart.events",
        extended_time=("feedback_ms",),  # docs/ACCOMMODATIONS.md
    ),
]

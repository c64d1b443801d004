"""The Iowa Gambling Task as the station discovers it (no Qt import)."""

from __future__ import annotations

from games.igt.params import IgtParams
from games.spec import GameSpec
from i18n import N_

GAMES: list[GameSpec] = [
    GameSpec(
        name="igt",
        title=N_("Card game (Iowa gambling task)"),
        params_model=IgtParams,
        view="games.igt.view:IgtView",
        player="games.igt.player:IgtPlayer",
        events_module="games.igt.events",
        extended_time=("feedback_ms",),  # docs/ACCOMMODATIONS.md
    ),
]

"""The flanker game as the station discovers it (no Qt import)."""

from __future__ import annotations

from games.flanker.params import FlankerParams
from games.spec import GameSpec
from i18n import N_

GAMES: list[GameSpec] = [
    GameSpec(
        name="flanker",
        title=N_("Arrows (flanker)"),
        params_model=FlankerParams,
        view="games.flanker.view:FlankerView",
        player="games.flanker.player:FlankerPlayer",
        events_module="games.flanker.events",
    ),
]

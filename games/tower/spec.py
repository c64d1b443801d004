"""The Tower of London as the station discovers it (no Qt import)."""

from __future__ import annotations

from games.spec import GameSpec
from games.tower.params import TowerParams
from i18n import N_

GAMES: list[GameSpec] = [
    GameSpec(
        name="tower",
        title=N_("Tower puzzle (Tower of London)"),
        params_model=TowerParams,
        view="games.tower.view:TowerView",
        player="games.tower.player:TowerPlayer",
        events_module="games.tower.events",
        extended_time=("feedback_ms",),  # docs/ACCOMMODATIONS.md
    ),
]

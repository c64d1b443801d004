"""The stop-signal game as the station discovers it (no Qt import)."""

from __future__ import annotations

from games.spec import GameSpec
from games.stop_signal.params import StopSignalParams
from i18n import N_

GAMES: list[GameSpec] = [
    GameSpec(
        name="stop_signal",
        title=N_("Stop signal"),
        params_model=StopSignalParams,
        view="games.stop_signal.view:StopSignalView",
        player="games.stop_signal.player:StopSignalPlayer",
        events_module="games.stop_signal.events",
    ),
]

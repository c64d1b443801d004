"""The effort-choice game as the station discovers it (no Qt import)."""

from __future__ import annotations

from games.effort.params import EffortParams
from games.spec import GameSpec
from i18n import N_

GAMES: list[GameSpec] = [
    GameSpec(
        name="effort",
        title=N_("Hard or easy (effort for reward)"),
        params_model=EffortParams,
        view="games.effort.view:EffortView",
        player="games.effort.player:EffortPlayer",
        events_module="games.effort.events",
        extended_time=("easy_seconds", "hard_seconds", "choice_seconds", "duration_s", "feedback_ms"),
    ),
]

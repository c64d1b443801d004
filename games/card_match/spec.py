"""The card match game as the station discovers it (no Qt import)."""

from __future__ import annotations

from games.card_match.params import CardMatchParams
from games.spec import GameSpec
from i18n import N_

GAMES: list[GameSpec] = [
    GameSpec(
        name="card_match",
        title=N_("Card match"),
        params_model=CardMatchParams,
        view="games.card_match.view:CardMatchView",
        player="games.card_match.player:CardMatchPlayer",
        events_module="games.card_match.events",
        extended_time=("board_pause_ms",),  # docs/ACCOMMODATIONS.md
    ),
]

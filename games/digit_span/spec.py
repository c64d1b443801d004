"""The digit span game as the station discovers it (no Qt import)."""

from __future__ import annotations

from games.digit_span.params import DigitSpanParams
from games.spec import GameSpec
from i18n import N_

GAMES: list[GameSpec] = [
    GameSpec(
        name="digit_span",
        title=N_("Digit span"),
        params_model=DigitSpanParams,
        view="games.digit_span.view:DigitSpanView",
        player="games.digit_span.player:DigitSpanPlayer",
        events_module="games.digit_span.events",
        extended_time=("iti_ms",),  # docs/ACCOMMODATIONS.md
    ),
]

"""The emotion-faces game as the station discovers it (no Qt import)."""

from __future__ import annotations

from games.faces.params import FacesParams
from games.spec import GameSpec
from i18n import N_

GAMES: list[GameSpec] = [
    GameSpec(
        name="faces",
        title=N_("Faces (emotion recognition)"),
        params_model=FacesParams,
        view="games.faces.view:FacesView",
        player="games.faces.player:FacesPlayer",
        events_module="games.faces.events",
        extended_time=("iti_ms",),  # docs/ACCOMMODATIONS.md
    ),
]

"""The reaction-time family's games as the station discovers them (no Qt import)."""

from __future__ import annotations

from games.reaction.params import ChoiceRTParams, GoNoGoParams, SimpleRTParams
from games.spec import GameSpec

__all__ = ["GAMES"]

_VIEW = "games.reaction.view:ReactionView"
_PLAYER = "games.reaction.player:ReactionPlayer"
_EVENTS = "games.reaction.events"

GAMES: list[GameSpec] = [
    GameSpec("simple_rt", "Simple reaction time", SimpleRTParams, _VIEW, _PLAYER, _EVENTS),
    GameSpec("choice_rt", "Choice reaction time", ChoiceRTParams, _VIEW, _PLAYER, _EVENTS),
    GameSpec("go_nogo", "Go / no-go", GoNoGoParams, _VIEW, _PLAYER, _EVENTS),
]

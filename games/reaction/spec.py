"""The reaction-time family's games as the station discovers them (no Qt import)."""

from __future__ import annotations

from games.reaction.params import ChoiceRTParams, GoNoGoParams, SimpleRTParams
from games.spec import GameSpec
from i18n import N_

__all__ = ["GAMES"]

_VIEW = "games.reaction.view:ReactionView"
_PLAYER = "games.reaction.player:ReactionPlayer"
_EVENTS = "games.reaction.events"

GAMES: list[GameSpec] = [
    GameSpec("simple_rt", N_("Simple reaction time"), SimpleRTParams, _VIEW, _PLAYER, _EVENTS),
    GameSpec("choice_rt", N_("Choice reaction time"), ChoiceRTParams, _VIEW, _PLAYER, _EVENTS),
    GameSpec("go_nogo", N_("Go / no-go"), GoNoGoParams, _VIEW, _PLAYER, _EVENTS),
]

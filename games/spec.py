"""What every game declares for the station: its name, parameter model, view and scripted player.

A game package `games/<pkg>/` provides `rules.py` (pure, returning games.core Steps), `events.py` (payload
models registered with the event log), `view.py` (Qt, a games.widgets.GameWidget that satisfies the
games.core.GameView contract), `player.py` (scripted player, Qt) and `spec.py` with
`GAMES: list[GameSpec]`. Views and players are named by import path so that importing a spec never
imports Qt. The view contract the station relies on is written down in games/core.py.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

import games

__all__ = ["GameSpec", "all_games", "game_spec", "load_event_kinds", "load_object"]


@dataclass(frozen=True)
class GameSpec:
    """One playable game (a package may offer several, like the reaction-time family)."""

    name: str
    title: str
    params_model: type[BaseModel]
    view: str  # "games.bart.view:BartView"
    player: str  # "games.bart.player:BartPlayer"
    events_module: str  # "games.bart.events"
    trial_noun: str = "trial"  # what the candidate sees a trial called ("Balloon 8 of 30": "balloon")


def load_object(path: str) -> Any:
    """Import 'package.module:attribute' and return the attribute."""
    module_name, _, attribute = path.partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def _game_packages() -> list[str]:
    return sorted(info.name for info in pkgutil.iter_modules(games.__path__) if info.ispkg)


def all_games() -> dict[str, GameSpec]:
    """Every game of every game package, by name."""
    found: dict[str, GameSpec] = {}
    for package in _game_packages():
        try:
            module = importlib.import_module(f"games.{package}.spec")
        except ModuleNotFoundError:
            continue
        for spec in module.GAMES:
            found[spec.name] = spec
    return found


def game_spec(name: str) -> GameSpec:
    """The spec of one game, or a KeyError naming the games there are."""
    specs = all_games()
    if name not in specs:
        raise KeyError(f"unknown game {name!r}; known games: {', '.join(sorted(specs)) or 'none'}")
    return specs[name]


def load_event_kinds() -> None:
    """Import every game's events module so its payload models are registered with the log."""
    for spec in all_games().values():
        importlib.import_module(spec.events_module)

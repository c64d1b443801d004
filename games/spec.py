"""What every game declares for the station: its name, parameter model, view and scripted player.

A game package `games/<pkg>/` provides `rules.py` (pure), `events.py` (payload models registered with
the event log), `view.py` (Qt), `player.py` (scripted player, Qt) and `spec.py` with `GAMES: list[GameSpec]`.
Views and players are named by import path so that importing a spec never imports Qt.

Optional on views: `suspend() -> None` and `resume() -> None`. The station suspends the running game's view
while anything covers it (idle pause, proctor PIN prompt, panel) and resumes it when the game is in front
again. `suspend()` stops every timer that could record or advance the game, ignores input and records
nothing while suspended (a game may flush what was pending at that moment, before the pause); `resume()`
continues sensibly (an interrupted reaction-time attempt is repeated, a balloon due is shown). Both are
idempotent and do nothing before the start or after the end. Every view has a `finished` attribute (True
once `<ns>.game_ended` is recorded); the station records `station.game_suspended` / `station.game_resumed`
around a freeze only while the game is not finished.
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

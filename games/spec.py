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

from pydantic import BaseModel, ValidationError

import games

__all__ = ["ExtendedTimeError", "GameSpec", "all_games", "extend_time", "game_spec", "load_event_kinds",
           "load_object"]


class ExtendedTimeError(ValueError):
    """An extended-time factor would take a game's parameter outside what the game accepts."""


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
    extended_time: tuple[str, ...] = ()
    """The parameters an extended-time accommodation multiplies: the game's timed elements that are not themselves
    what it measures (docs/ACCOMMODATIONS.md says per game what is extended, what is kept and why)."""


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


def extend_time(spec: GameSpec, params: BaseModel, factor: float) -> BaseModel:
    """The game's parameters with each `spec.extended_time` field multiplied by factor (integers rounded), checked
    by the game's own model again; ExtendedTimeError names the field when the result is out of its range."""
    if factor == 1.0 or not spec.extended_time:
        return params
    values = params.model_dump()
    for name in spec.extended_time:
        value = values[name]
        values[name] = round(value * factor) if isinstance(value, int) else value * factor
    try:
        return spec.params_model.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(params)"
        raise ExtendedTimeError(f"extended time {factor:g}x: {spec.name}'s {where} would be "
                                f"{values.get(str(first['loc'][0]) if first['loc'] else '', '?')}: "
                                f"{first['msg']}") from None


def load_event_kinds() -> None:
    """Import every game's events module so its payload models are registered with the log."""
    for spec in all_games().values():
        importlib.import_module(spec.events_module)

"""Marking the measures an accommodation changed as not comparable (from 1.3.0; table `accommodations`)."""

from __future__ import annotations

from collections.abc import Mapping
from fnmatch import fnmatchcase
from typing import Any

from i18n import N_
from scoring.accommodation_tables import APPEARANCE_WHY
from scoring.model import Accommodations, Comparability, GameResult, Interpretation, Metric, Trait

__all__ = ["granted_accommodations", "mark_comparability"]

_NAMES = {"extended_time": N_("extended time {value}"), "type_scale": N_("larger type {value}"),
    "high_contrast": N_("high contrast"),
          "breaks": N_("breaks between games")}


def granted_accommodations(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The accommodations of a station.accommodations payload that change anything (a factor above 1, a flag on)."""
    out: dict[str, Any] = {}
    for key in ("extended_time", "type_scale"):
        value = payload.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 1:
            out[key] = float(value)
    for key in ("high_contrast", "breaks"):
        if payload.get(key) is True:
            out[key] = True
    return out


def _why(name: str, value: Any, rule: Mapping[str, Any], game_rule: Mapping[str, Any]) -> str:
    return str(rule["why"]).format(factor=f"{value:g}" if name == "extended_time" else value,
                                   what=game_rule.get("what", ""), appearance=APPEARANCE_WHY)


def _affected(granted: Mapping[str, Any], table: Mapping[str, Any], game: str, field: str,
              key: str) -> list[str]:
    """The reasons (one per accommodation) why this metric, trait or interpretation of this game is not comparable."""
    reasons = []
    for name, value in granted.items():
        rule = table[name]
        game_rule = rule["games"].get(game)
        if game_rule is not None and any(fnmatchcase(key, pattern) for pattern in game_rule.get(field, ())):
            reasons.append(_why(name, value, rule, game_rule))
    return reasons


def _mark(reasons: list[str]) -> Comparability | None:
    return Comparability(comparable=False, reason=N_("{reasons}.").format(reasons="; ".join(dict.fromkeys(reasons)))
                         ) if reasons else None


def mark_comparability(
    payload: Mapping[str, Any], table: Mapping[str, Any], games: list[GameResult], traits: list[Trait],
    interpretations: list[Interpretation],
) -> tuple[list[GameResult], list[Trait], list[Interpretation], Accommodations]:
    """Every metric, trait and interpretation an accommodation changed, marked with why; and the profile's summary."""
    granted = granted_accommodations(payload)
    marked: list[str] = []

    def metric(game: str, m: Metric) -> Metric:
        mark = _mark(_affected(granted, table, game, "metrics", m.key))
        if mark is None:
            return m
        marked.append(m.key)
        return m.model_copy(update={"comparability": mark})

    new_games = [g.model_copy(update={"metrics": [metric(g.game, m) for m in g.metrics]}) for g in games]
    played = {g.game for g in games}

    def reasons_for(field: str, key: str) -> list[str]:
        return [r for game in sorted(played) for r in _affected(granted, table, game, field, key)]

    new_traits = [t.model_copy(update={"comparability": _mark(reasons_for("traits", t.key))}) for t in traits]
    new_interps = [i.model_copy(update={"comparability": _mark(reasons_for("interpretations", i.key))})
                   for i in interpretations]
    marked += [t.key for t in new_traits if t.comparability] + [i.key for i in new_interps if i.comparability]
    not_comparable = list(dict.fromkeys(marked))
    names = ", ".join(_NAMES[k] if isinstance(v, bool) else _NAMES[k].format(value=f"{v:.0%}" if k == "type_scale"
                                                                              else f"{v:g}x")
                      for k, v in granted.items())
    note = (N_("Accommodations: {names}. {count} measures depend on them and are marked not comparable with sessions "
               "without them; every other measure is comparable.") if not_comparable else
            N_("Accommodations: {names}. No measure of the games played depends on them: every measure is "
               "comparable.")).format(names=names or N_("none that change timing or appearance"),
                                      count=len(not_comparable))
    summary = Accommodations(extended_time=granted.get("extended_time"), type_scale=granted.get("type_scale"),
                             high_contrast=bool(granted.get("high_contrast")), breaks=bool(granted.get("breaks")),
                             not_comparable=not_comparable, note=note)
    return new_games, new_traits, new_interps, summary

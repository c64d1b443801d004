"""The report sections of the trial games (IGT, Tower of London, faces, effort, money): what each game is, its chart
and its metrics in recruiter words; reports/sections.py calls `trial_game_blocks` for them."""

from __future__ import annotations

from collections.abc import Callable

from i18n import N_, _r
from reports.document import Block, Chart, Paragraph, Table
from reports.labels import format_value, label_for
from reports.trial_charts import effort_chart, faces_chart, igt_chart, money_chart, tower_chart
from scoring import GameResult, Metric

__all__ = ["TRIAL_INTROS", "trial_game_blocks"]

MetricsTable = Callable[[list[Metric], str], Table]

TRIAL_INTROS = {
    "igt": N_(
        "The candidate draws 100 cards, one at a time, from four decks. Two decks pay more on each card but lose more "
        "over time; the other two pay less but come out ahead. Nobody is told which is which: the game shows how the "
        "candidate learns from wins and losses and weighs immediate against long-term reward (Bechara et al. 1994)."),
    "tower": N_(
        "The candidate rearranges three balls on three pegs to match a goal picture in as few moves as possible. "
        "Problems need 2 to 5 moves at best; solving them in the fewest moves takes planning ahead (Shallice 1982)."),
    "faces": N_(
        "The candidate names the emotion of faces shown at different strengths of expression, then of faces shown "
        "with a short situation. These faces are schematic drawings made by the station (brows, eyes and mouth), not "
        "a validated photographic set: read the figures as a first indication, not as a clinical measure."),
    "effort": N_(
        "Round after round the candidate chooses an easy task (few key presses, small reward) or a hard one (many "
        "presses, larger reward), told the chance that a finished task pays. The game has a fixed length, so hard "
        "tasks cost time (after Treadway et al. 2009)."),
    "money": N_(
        "The candidate plays money games with the computer, and is told so: sending money that is tripled on the way "
        "(trust), returning part of money received, sharing, and making and answering take-it-or-leave-it offers. The "
        "computer follows fixed, documented rules."),
}

CAPTIONS = {
    "igt": N_(
        "Each bar is one block of 20 choices: good-deck minus bad-deck choices. Learners usually start near zero and "
        "rise."),
    "tower": N_(
        "Each bar is one difficulty (the fewest moves a problem needs), with the typical thinking time before the "
        "first move."),
    "faces": N_(
        "Each bar is one strength of expression. The orange dot marks the strength at which the candidate named 75 % "
        "of the faces correctly."),
    "effort": N_("Each bar is one chance of winning: how often the candidate chose the hard task."),
    "money": N_("Each bar is one kind of decision; the dashed line is an equal split."),
}

_DETAILS = {"igt": ("igt.deck_share",), "faces": ("faces.accuracy_by_emotion",),
            "effort": ("effort.hard_share_by_reward", "effort.completion_by_choice")}


def _details(game: GameResult, keys: tuple[str, ...]) -> list[Block]:
    rows = tuple((f"{label_for(m.key).label}: {m.group}", format_value(m), f"{m.n}")
                 for key in keys for m in game.metrics if m.key == key and m.group)
    columns = (_r("Measure"), _r("Value"), _r("Observations"))
    return [Table(columns, rows, (5.0, 1.6, 2.2), f"details-{game.game}")] if rows else []


def _chart(game: GameResult) -> Chart:
    name = game.game
    if name == "igt":
        canvas = igt_chart(game)
    elif name == "tower":
        canvas = tower_chart(game)
    elif name == "faces":
        emotions = {m.group for m in game.metrics if m.key == "faces.accuracy_by_emotion"}
        found = game.metric("faces.threshold_intensity")
        threshold = found.value if found is not None and isinstance(found.value, float) else None
        canvas = faces_chart(game, 1.0 / max(2, len(emotions)), threshold)
    elif name == "effort":
        canvas = effort_chart(game)
    else:
        canvas = money_chart(game)
    return Chart(canvas.label, canvas, _r(CAPTIONS[name]))


def trial_game_blocks(game: GameResult, metrics_table: MetricsTable) -> list[Block]:
    """A trial game's chart, its whole-game metrics and its per-group details."""
    blocks: list[Block] = [_chart(game), metrics_table([m for m in game.metrics if not m.group],
                                                        f"metrics-{game.game}")]
    if game.game == "faces":
        blocks.append(Paragraph(_r("Schematic stimuli: the faces are drawn by the station from a few parameters, "
                                   "not taken from a validated photographic set."), "muted"))
    return blocks + _details(game, _DETAILS.get(game.game, ()))

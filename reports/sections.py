"""One section per game: what the game is, its charts and its metrics in recruiter words and units."""

from __future__ import annotations

from reports.document import Block, Chart, Heading, Paragraph, Section, Table
from reports.game_charts import bart_chart, decision_chart, go_nogo_chart, rt_chart
from reports.labels import GAME_TITLES, format_value, label_for
from reports.memory_sections import MEMORY_GAMES, MEMORY_INTROS, memory_blocks
from reports.session_data import SessionData
from reports.trial_sections import TRIAL_INTROS, trial_game_blocks
from scoring import GameResult, Metric, Profile

__all__ = ["game_sections", "metrics_table"]

INTROS = {
    "bart": "The candidate inflates balloons for money: each pump adds $0.05 to a temporary bank, and a balloon "
    "can burst at any pump, losing that bank. Collecting moves the bank to safety. Balloons burst at random points; "
    "pumping about half way earns the most on average.",
    "simple_rt": "The candidate presses a key as soon as a signal appears. Responses before the signal or within "
    "0.1 s are too early to be reactions; responses of 0.5 s or more are lapses of attention.",
    "choice_rt": "The candidate presses the key that matches the signal, as fast as they can.",
    "go_nogo": "The candidate responds to go signals and must hold back on no-go signals: it measures speed and "
    "the control of impulsive responses.",
    "decision": "The candidate works through short workplace scenarios: they look at the options, choose one "
    "(and may change their mind) and explain the choice in writing.",
}
INTROS.update(TRIAL_INTROS)  # IGT, tower, faces, effort, money (reports/trial_sections.py)
CAPTIONS = {
    "bart": "Each bar is one balloon; red bars burst. The orange line is the average pumps over the balloons that "
    "did not burst so far (the main risk score, which bursts would bias).",
    "rt": "Each dot is one response, placed at its reaction time. Dots in the orange zone came too early to be a "
    "reaction; dots in the yellow zone are lapses. Responses before the signal are shown on the left.",
    "go_nogo": "Green: the right thing (answered a go signal, held back on a no-go). Red: false alarms.",
    "decision": "Time runs from the moment the scenario was shown. Pauses of the station are left out.",
}


def metrics_table(metrics: list[Metric], key: str) -> Table:
    """Measure, value in units people use, and how many observations it rests on."""
    rows = []
    for m in metrics:
        lab = label_for(m.key)
        based = "" if not m.n else f"{m.n}"
        if m.insufficient is not None:
            based = f"{m.insufficient.observed} (needs {m.insufficient.required})"
        rows.append((lab.label + (f" ({lab.help})" if lab.help else ""), format_value(m), based))
    return Table(("Measure", "Value", "Observations"), tuple(rows), (5.0, 1.6, 2.2), key)


def _whole(game: GameResult) -> list[Metric]:
    return [m for m in game.metrics if not m.group]


def _bart(game: GameResult, data: SessionData) -> list[Block]:
    blocks: list[Block] = [Chart("Pumps per balloon", bart_chart(data.balloons), CAPTIONS["bart"]),
                           metrics_table(_whole(game), "metrics-bart")]
    colours = sorted({m.group for m in game.metrics if m.group})
    for colour in colours:
        blocks += [Heading(f"{colour.capitalize()} balloons"),
                   metrics_table([m for m in game.metrics if m.group == colour], f"metrics-bart-{colour}")]
    return blocks


def _rt(game: GameResult, data: SessionData) -> list[Block]:
    found = next((g for g in data.rt_games if g.game == game.game), None)
    blocks: list[Block] = []
    if found is not None:
        blocks.append(Chart("Reaction times", rt_chart(found), CAPTIONS["rt"]))
        if found.variant == "go_nogo":
            blocks.append(Chart("Go and no-go signals", go_nogo_chart(found), CAPTIONS["go_nogo"]))
    return [*blocks, metrics_table(_whole(game), f"metrics-{game.game}")]


def _titles() -> dict[str, str]:
    from games.decision.scenarios import load_scenarios

    return {s.id: s.title for s in load_scenarios()}


def _task_rows(game: GameResult, titles: dict[str, str]) -> tuple[tuple[str, ...], ...]:
    tasks = [m.group for m in game.metrics if m.key == "decision.total_time_ms" and m.group]
    rows = []
    for task in tasks:
        def v(key: str, task: str = task) -> str:
            m = game.metric(key, task)
            return "–" if m is None else format_value(m)
        rows.append((titles.get(task, task), v("decision.first_decision_ms"), v("decision.unique_options_viewed"),
                     v("decision.changes"), v("decision.reasoning_words"), v("decision.final_risk"),
                     v("decision.total_time_ms")))
    return tuple(rows)


TIME_DETAILS = ("decision.active_time_ms", "decision.hesitation_ms", "decision.reading_ms", "decision.typing_ms",
                "decision.final_option_view_ms", "decision.idle_ms", "decision.focus_losses", "decision.frozen_ms")
CHOICE_DETAILS = ("decision.options_viewed", "decision.logical_keywords", "decision.keyword_score",
                  "decision.reasoning_depth", "decision.reasoning_provided", "decision.risk_exposure")
SHORT = {"decision.active_time_ms": "Active", "decision.hesitation_ms": "Pauses", "decision.options_viewed": "Views",
         "decision.logical_keywords": "Links", "decision.keyword_score": "Link score",
         "decision.reasoning_depth": "Depth", "decision.risk_exposure": "Risk path", "decision.idle_ms": "Idle",
         "decision.focus_losses": "Away", "decision.frozen_ms": "Paused", "decision.reading_ms": "Reading",
         "decision.typing_ms": "Typing", "decision.final_option_view_ms": "On chosen",
         "decision.reasoning_provided": "Wrote"}


def _detail_table(game: GameResult, titles: dict[str, str], details: tuple[str, ...], key: str) -> Table | None:
    tasks = [m.group for m in game.metrics if m.key == "decision.total_time_ms" and m.group]
    keys = [k for k in details if any(m.key == k for m in game.metrics)]
    if not keys:
        return None
    rows = []
    for task in tasks:
        cells = [titles.get(task, task)]
        for k in keys:
            m = game.metric(k, task)
            cells.append("–" if m is None else format_value(m).replace(" of 100", "").replace(" points", ""))
        rows.append(tuple(cells))
    columns = ("Scenario", *[SHORT[k] for k in keys])
    widths = tuple(2.4 if c == "Scenario" else 3.0 if c == "Risk path" else 0.9 for c in columns)
    return Table(columns, tuple(rows), widths, key)


def _decision(game: GameResult, data: SessionData) -> list[Block]:
    titles = _titles()
    words = {m.group: int(m.value) for m in game.metrics if m.key == "decision.reasoning_words"
             and isinstance(m.value, int | float)}
    blocks: list[Block] = []
    if data.tasks:
        blocks.append(Chart("Each scenario over time", decision_chart(data.tasks, titles, words), CAPTIONS["decision"]))
    cols = (label_for("decision.first_decision_ms").label, "Options looked at", "Changes", "Words", "Final risk",
            "Time on scenario")
    details = [t for t in (_detail_table(game, titles, TIME_DETAILS, "task-details"),
                           _detail_table(game, titles, CHOICE_DETAILS, "task-choices")) if t is not None]
    blocks += [Heading("Scenario by scenario"),
               Table(("Scenario", *cols), _task_rows(game, titles), (3.0, 1.3, 1.2, 1.0, 1.0, 1.0, 1.2), "tasks"),
               Paragraph("In detail. Active: reading, choosing and typing (from scoring 1.2.0; before, only the gaps "
                         "between recorded steps under the idle threshold); pauses: the rest; reading: looking at "
                         "options or scrolling; typing: writing the reasoning; on chosen: looking at the option "
                         "finally chosen; idle and away: without input or away from the window; paused: stopped by "
                         "the station; views: every look at an option; links: connectors such as 'because' and "
                         "'therefore' (link score: weighted); depth: of 100; risk path: the risk levels looked at "
                         "and chosen, in order.", "muted"),
               *details, Heading("Across the scenarios"), metrics_table(_whole(game), "metrics-decision")]
    return blocks


def _status(game: GameResult) -> list[Block]:
    return [] if game.completed else [Paragraph("This game started but did not finish: the figures use the finished "
                                                "trials only.", "muted")]


def game_sections(profile: Profile, data: SessionData) -> list[Section]:
    """A section per game played, in the order played."""
    out = []
    first_rt = next((g.game for g in profile.games if g.game not in ("bart", "decision", *MEMORY_GAMES,
                                                                      *TRIAL_INTROS)), None)
    for game in profile.games:
        body: list[Block] = [Paragraph(INTROS.get(game.game, MEMORY_INTROS.get(game.game, "")), "muted"),
                             *_status(game)]
        if game.game in MEMORY_GAMES:
            body += memory_blocks(game, data, metrics_table)
        if game.game in TRIAL_INTROS:
            body += trial_game_blocks(game, metrics_table)
        elif game.game == "bart":
            body += _bart(game, data)
        elif game.game == "decision":
            body += _decision(game, data)
        else:
            body += _rt(game, data)
        fresh = game.game in ("bart", "decision", first_rt, *MEMORY_GAMES, *TRIAL_INTROS)  # later RT games share a page
        out.append(Section(f"game-{game.game}", GAME_TITLES.get(game.game, game.game), tuple(body), fresh))
    return out


"""One section per game: what the game is, its charts and its metrics in recruiter words and units."""

from __future__ import annotations

from i18n import N_, _r, report_language
from reports.document import Block, Chart, Heading, Paragraph, Section, Table
from reports.game_charts import bart_chart, decision_chart, go_nogo_chart, rt_chart
from reports.labels import GAME_TITLES, format_value, label_for
from reports.memory_sections import MEMORY_GAMES, MEMORY_INTROS, memory_blocks
from reports.session_data import SessionData
from reports.trial_sections import TRIAL_INTROS, trial_game_blocks
from scoring import GameResult, Metric, Profile
from scoring.words import localise

__all__ = ["game_sections", "metrics_table"]

INTROS = {
    "bart": N_(
        "The candidate inflates balloons for money: each pump adds $0.05 to a temporary bank, and a balloon can burst "
        "at any pump, losing that bank. Collecting moves the bank to safety. Balloons burst at random points; pumping "
        "about half way earns the most on average."),
    "simple_rt": N_(
        "The candidate presses a key as soon as a signal appears. Responses before the signal or within 0.1 s are too "
        "early to be reactions; responses of 0.5 s or more are lapses of attention."),
    "choice_rt": N_("The candidate presses the key that matches the signal, as fast as they can."),
    "go_nogo": N_(
        "The candidate responds to go signals and must hold back on no-go signals: it measures speed and the control "
        "of impulsive responses."),
    "decision": N_(
        "The candidate works through short workplace scenarios: they look at the options, choose one (and may change "
        "their mind) and explain the choice in writing."),
}
INTROS.update(TRIAL_INTROS)  # IGT, tower, faces, effort, money (reports/trial_sections.py)
BALLOON_COLOURS = {"blue": N_("Blue balloons"), "orange": N_("Orange balloons"), "yellow": N_("Yellow balloons")}
"""The balloon game's colours (the metrics of each colour under its own heading)."""
CAPTIONS = {
    "bart": N_(
        "Each bar is one balloon; red bars burst. The orange line is the average pumps over the balloons that did not "
        "burst so far (the main risk score, which bursts would bias)."),
    "rt": N_(
        "Each dot is one response, placed at its reaction time. Dots in the orange zone came too early to be a "
        "reaction; dots in the yellow zone are lapses. Responses before the signal are shown on the left."),
    "go_nogo": N_("Green: the right thing (answered a go signal, held back on a no-go). Red: false alarms."),
    "decision": N_("Time runs from the moment the scenario was shown. Pauses of the station are left out."),
}


def metrics_table(metrics: list[Metric], key: str) -> Table:
    """Measure, value in units people use, and how many observations it rests on."""
    rows = []
    for m in metrics:
        lab = label_for(m.key)
        based = "" if not m.n else f"{m.n}"
        if m.insufficient is not None:
            based = _r("{observed} (needs {required})").format(observed=localise(m.insufficient.observed),
                                                                required=localise(m.insufficient.required))
        rows.append((lab.label + (f" ({lab.help})" if lab.help else ""), format_value(m), based))
    return Table((_r("Measure"), _r("Value"), _r("Observations")), tuple(rows), (5.0, 1.6, 2.2), key)


def _whole(game: GameResult) -> list[Metric]:
    return [m for m in game.metrics if not m.group]


def _bart(game: GameResult, data: SessionData) -> list[Block]:
    blocks: list[Block] = [Chart(_r("Pumps per balloon"), bart_chart(data.balloons), _r(CAPTIONS["bart"])),
                           metrics_table(_whole(game), "metrics-bart")]
    colours = sorted({m.group for m in game.metrics if m.group})
    for colour in colours:
        blocks += [Heading(_r(BALLOON_COLOURS[colour]) if colour in BALLOON_COLOURS else
                           _r("{colour} balloons").format(colour=colour.capitalize())),
                   metrics_table([m for m in game.metrics if m.group == colour], f"metrics-bart-{colour}")]
    return blocks


def _rt(game: GameResult, data: SessionData) -> list[Block]:
    found = next((g for g in data.rt_games if g.game == game.game), None)
    blocks: list[Block] = []
    if found is not None:
        blocks.append(Chart(_r("Reaction times"), rt_chart(found), _r(CAPTIONS["rt"])))
        if found.variant == "go_nogo":
            blocks.append(Chart(_r("Go and no-go signals"), go_nogo_chart(found), _r(CAPTIONS["go_nogo"])))
    return [*blocks, metrics_table(_whole(game), f"metrics-{game.game}")]


def _titles() -> dict[str, str]:
    """Each scenario's title in the report's language (the shipped translation; English where there is none)."""
    from games.decision.scenarios import load_scenarios, localised

    return {s.id: localised(s, report_language()).title for s in load_scenarios()}


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
SHORT = {"decision.active_time_ms": N_("Active"), "decision.hesitation_ms": N_("Pauses"),
         "decision.options_viewed": N_("Views"), "decision.logical_keywords": N_("Links"),
         "decision.keyword_score": N_("Link score"), "decision.reasoning_depth": N_("Depth"),
         "decision.risk_exposure": N_("Risk path"), "decision.idle_ms": N_("Idle"),
         "decision.focus_losses": N_("Away"), "decision.frozen_ms": N_("Paused"), "decision.reading_ms": N_("Reading"),
         "decision.typing_ms": N_("Typing"), "decision.final_option_view_ms": N_("On chosen"),
         "decision.reasoning_provided": N_("Wrote")}


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
            cells.append("–" if m is None else format_value(m, bare=True))
        rows.append(tuple(cells))
    columns = (_r("Scenario"), *[_r(SHORT[k]) for k in keys])
    widths = (2.4, *[3.0 if k == "decision.risk_exposure" else 0.9 for k in keys])
    return Table(columns, tuple(rows), widths, key)


def _decision(game: GameResult, data: SessionData) -> list[Block]:
    titles = _titles()
    words = {m.group: int(m.value) for m in game.metrics if m.key == "decision.reasoning_words"
             and isinstance(m.value, int | float)}
    blocks: list[Block] = []
    if data.tasks:
        blocks.append(Chart(_r("Each scenario over time"), decision_chart(data.tasks, titles, words),
                            _r(CAPTIONS["decision"])))
    cols = (label_for("decision.first_decision_ms").label, _r("Options looked at"), _r("Changes"), _r("Words"),
            _r("Final risk"), _r("Time on scenario"))
    details = [t for t in (_detail_table(game, titles, TIME_DETAILS, "task-details"),
                           _detail_table(game, titles, CHOICE_DETAILS, "task-choices")) if t is not None]
    blocks += [Heading(_r("Scenario by scenario")),
               Table((_r("Scenario"), *cols), _task_rows(game, titles), (3.0, 1.3, 1.2, 1.0, 1.0, 1.0, 1.2), "tasks"),
               Paragraph(_r("In detail. Active: reading, choosing and typing (from scoring 1.2.0; before, only the "
                            "gaps between recorded steps under the idle threshold); pauses: the rest; reading: looking "
                            "at options or scrolling; typing: writing the reasoning; on chosen: looking at the option "
                            "finally chosen; idle and away: without input or away from the window; paused: stopped by "
                            "the station; views: every look at an option; links: connectors such as 'because' and "
                            "'therefore' (link score: weighted); depth: of 100; risk path: the risk levels looked at "
                            "and chosen, in order."), "muted"),
               *details, Heading(_r("Across the scenarios")), metrics_table(_whole(game), "metrics-decision")]
    return blocks


def _status(game: GameResult) -> list[Block]:
    return [] if game.completed else [Paragraph(_r("This game started but did not finish: the figures use the "
                                                   "finished trials only."), "muted")]


def game_sections(profile: Profile, data: SessionData) -> list[Section]:
    """A section per game played, in the order played."""
    out = []
    first_rt = next((g.game for g in profile.games if g.game not in ("bart", "decision", *MEMORY_GAMES,
                                                                      *TRIAL_INTROS)), None)
    for game in profile.games:
        intro = INTROS.get(game.game, MEMORY_INTROS.get(game.game, ""))
        body: list[Block] = [Paragraph(_r(intro), "muted"),
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
        title = _r(GAME_TITLES[game.game]) if game.game in GAME_TITLES else game.game
        out.append(Section(f"game-{game.game}", title, tuple(body), fresh))
    return out


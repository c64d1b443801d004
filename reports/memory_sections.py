"""The report sections of the memory and attention games (issue 14): what each game is, its chart, its metrics."""

from __future__ import annotations

from collections.abc import Callable

from i18n import N_, _r
from reports.canvas import Canvas
from reports.document import Block, Chart
from reports.memory_charts import card_chart, flanker_chart, span_chart, staircase_chart
from reports.session_data import SessionData
from scoring import GameResult

__all__ = ["MEMORY_GAMES", "MEMORY_INTROS", "memory_blocks"]

MEMORY_INTROS = {
    "digit_span": N_(
        "Digits appear one at a time; the candidate types them back, in order (forward) and then in reverse "
        "(backward). Sequences grow by one digit every two sequences, and each part stops when both sequences of a "
        "length are missed (the Wechsler digit span procedure). The span is the longest sequence repeated exactly."),
    "card_match": N_(
        "Cards lie face down in pairs; each move turns two. A pair stays up; otherwise both turn back, so remembering "
        "where each picture was saves moves. Perfect memory needs about 1.55 moves per pair on a 4 × 4 board "
        "(Velleman & Warrington 2013); luck plays a part, which is why the memory measure counts only the moves where "
        "memory could find the pair."),
    "flanker": N_(
        "Five arrows: the candidate answers the direction of the middle one while the outer ones point the same way, "
        "the other way, or are plain lines (the Eriksen flanker task). In a second part the arrows' colour and "
        "outline say whether to answer the middle arrow or the outer ones, and the rule changes on half the trials."),
    "stop_signal": N_(
        "The candidate answers the direction of an arrow as fast as possible, but must press nothing when a red cross "
        "appears over it, which happens on a quarter of the trials. The cross comes later after each stop and sooner "
        "after each miss, so about half the stops succeed; from that, the stopping time is estimated (the consensus "
        "guide of Verbruggen et al. 2019)."),
}
CAPTIONS = {
    "digit_span": N_(
        "Each mark is one sequence, at its length: filled green when repeated exactly, an open red ring with a cross "
        "when not. The dashed lines separate the forward and backward parts."),
    "card_match": N_(
        "Each square is one move: green when it found a pair, grey when not, red with a cross when it left a pair "
        "untaken whose two cards had both been seen. The orange mark is the average number of moves perfect memory "
        "needs on that board."),
    "flanker": N_(
        "Typical (median) time of the correct answers. Left: the middle arrow with the outer arrows pointing the same "
        "way, plain lines, or the other way. Right: when the rule stayed, and right after it changed."),
    "stop_signal": N_(
        "The delay of the stop signal on each stop trial: filled green when the candidate stopped, an open red ring "
        "with a cross when not. The orange line is the average delay."),
}
MEMORY_GAMES = tuple(MEMORY_INTROS)
CHART_TITLES = {"digit_span": N_("Sequences"), "card_match": N_("Moves on each board"), "flanker": N_("Answer times"),
                "stop_signal": N_("Stop-signal delay")}


def _charts(game: str, data: SessionData) -> list[Block]:
    m = data.memory
    makers: dict[str, Callable[[], tuple[bool, Canvas]]] = {
        "digit_span": lambda: (bool(m.answers), span_chart(m.answers)),
        "card_match": lambda: (bool(m.moves), card_chart(m.moves, m.expected_per_board)),
        "flanker": lambda: (bool(m.flanker), flanker_chart(m.flanker)),
        "stop_signal": lambda: (bool(m.stops), staircase_chart(m.stops, m.ssds_ms, m.ssrt_ms)),
    }
    drawn, canvas = makers[game]()
    return [Chart(_r(CHART_TITLES[game]), canvas, _r(CAPTIONS[game]))] if drawn else []


def memory_blocks(game: GameResult, data: SessionData, metrics_table: Callable[..., Block]) -> list[Block]:
    """A memory or attention game's chart and its metrics table."""
    return [*_charts(game.game, data), metrics_table([m for m in game.metrics if not m.group], f"metrics-{game.game}")]

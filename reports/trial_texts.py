"""Recruiter words of the trial games' traits (one formula sentence each) and what to do when data are missing;
reports/texts.py adds them to its tables (both read in the report's language when a report is written)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from i18n import N_, _r

__all__ = ["TRIAL_ADVICE", "TRIAL_FORMULAS"]

TRIAL_FORMULAS: dict[str, Callable[[Any], str]] = {
    "outcome_learning": lambda s: _r("50 plus the change of the card game's net score (good-deck minus bad-deck "
                                     "choices) from block to block of 20 choices, where {points} a block reaches a "
                                     "pole: 50 means no change.").format(points=f"{s['span_per_block']:g}"),
    "long_term_reward": lambda s: _r("The percentage of cards taken from the decks that pay less at once but more "
                                     "over time."),
    "planning": lambda s: _r("The percentage of tower problems solved in the fewest possible moves."),
    "emotion_recognition": lambda s: _r("The percentage of schematic faces named correctly, rescaled so that guessing "
                                        "scores 0 and naming every face scores 100."),
    "effort_for_reward": lambda s: _r("The percentage of rounds in which the candidate chose the hard task for the "
                                      "larger reward."),
    "trust": lambda s: _r("The average percentage of the money the candidate sent to the computer when what is sent "
                          "is tripled."),
    "generosity": lambda s: _r("The average percentage of the money in the candidate's hands that they passed to the "
                               "computer when returning, sharing and offering: 50 is an equal split."),
}

TRIAL_ADVICE = {
    "igt": N_("Invite the candidate to re-test with the full card game (100 choices)."),
    "tower": N_("Invite the candidate to re-test with every tower problem."),
    "faces": N_("Invite the candidate to re-test with the whole faces game."),
    "effort": N_("Invite the candidate to re-test with the effort game played to its end."),
    "money": N_("Invite the candidate to re-test with every round of the money exchange."),
}
"""Marked with N_(): reports/texts.py's ADVICE reads them in the report's language."""

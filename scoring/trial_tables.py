"""The scoring table entries of the trial games (IGT, Tower of London, faces, effort, money): data, not code.

scoring/tables.py adds them to every scoring version: they are read only when these games' events are
scored, so no session scored before they existed scores differently. A change to any value here is a new
scoring version, as for the rest of the table.
"""

from __future__ import annotations

from typing import Any

from i18n import N_

__all__ = ["TRIAL_GAME_ANCHORS", "TRIAL_GAME_STRENGTHS", "TRIAL_GAME_TABLES", "TRIAL_GAME_TRAITS"]

TRIAL_GAME_TABLES: dict[str, Any] = {
    "igt": {
        "block_size": 20,  # net score per block of 20 choices (Bechara et al. 2000; Buelow & Suhr 2009)
        "min_blocks_slope": 3,  # the learning slope needs three complete blocks
        "min_trials": 20,
        "min_rt": 10,
    },
    "tower": {
        "min_problems": 1,
        "min_timed": 3,  # median planning and execution times need three problems
    },
    "faces": {
        "criterion": 0.75,  # the threshold is the intensity at which 75 % are named correctly
        "min_identify": 16,
        "min_rt": 10,
        "min_context": 4,
    },
    "effort": {
        "min_choices": 10,  # the reward sensitivity needs ten choices with both tasks chosen at least once
        "ridge": 0.1,  # L2 penalty on the slope: a finite estimate even when choices separate perfectly
        "newton_steps": 50,
        "min_tasks": 3,
    },
    "money": {
        "min_invest": 3,
        "min_after_each": 1,  # responsiveness: rounds after a profitable and after a losing round (each)
    },
}

TRIAL_GAME_TRAITS: dict[str, dict[str, Any]] = {
    "outcome_learning": {
        "label": N_("Learning from outcomes"), "low_pole": N_("Keeps early choices"),
            "high_pole": N_("Shifts to what pays"),
        "kind": "style", "source": "igt", "min_items": 60, "ref_sd": 20.0, "span_per_block": 8.0,
    },
    "long_term_reward": {
        "label": N_("Long-term vs immediate reward"), "low_pole": N_("Immediate reward"),
            "high_pole": N_("Long-term reward"),
        "kind": "style", "source": "igt", "min_items": 20, "ref_sd": 20.0,
    },
    "planning": {
        "label": N_("Planning"), "low_pole": N_("Trial and error"), "high_pole": N_("Plans ahead"), "kind": "ability",
        "source": "tower", "min_items": 6, "ref_sd": 20.0,
    },
    "emotion_recognition": {
        "label": N_("Emotion recognition"), "low_pole": N_("Misses faint expressions"),
            "high_pole": N_("Reads faint expressions"),
        "kind": "ability", "source": "faces", "min_items": 16, "ref_sd": 20.0,
    },
    "effort_for_reward": {
        "label": N_("Effort for reward"), "low_pole": N_("Saves effort"), "high_pole": N_("Works for reward"),
        "kind": "style",
        "source": "effort", "min_items": 10, "ref_sd": 20.0,
    },
    "trust": {
        "label": N_("Trust"), "low_pole": N_("Guarded"), "high_pole": N_("Trusting"),
        "kind": "style", "source": "money",
        "min_items": 3, "ref_sd": 20.0,
    },
    "generosity": {
        "label": N_("Fairness / generosity"), "low_pole": N_("Keeps more"), "high_pole": N_("Gives more"),
        "kind": "style",
        "source": "money", "min_items": 3, "ref_sd": 20.0,
    },
}

TRIAL_GAME_ANCHORS: dict[str, str] = {
    # scoring 1.2.0's cited anchors of these traits (docs/SCORING.md, "Anchors")
    "outcome_learning": N_("50 = no change in the net score over the blocks; 8 cards per block of 20 as a pole is "
    "HireMate's choice (no published anchor)."),
    "long_term_reward": N_("The share of choices from the advantageous decks C and D, 0-100 % (Bechara et al. 1994)."),
    "planning": N_("The share of problems solved in the fewest moves, 0-100 % (Shallice 1982; no anchor needed)."),
    "emotion_recognition": N_("Chance (1 / emotions) is 0 and every face named is 100 (no anchor needed)."),
    "effort_for_reward": N_("The share of hard choices, 0-100 % (Treadway et al. 2009; no anchor needed)."),
    "trust": N_("The mean share sent as investor, 0-100 % (Berg et al. 1995; no anchor needed)."),
    "generosity": N_("The mean share given of what was in hand; 50 = an equal split."),
}

TRIAL_GAME_STRENGTHS = {
    "planning": N_("Planned moves ahead: solved most tower problems in the fewest moves."),
    "emotion_recognition": N_("Read emotions reliably, even in faint expressions."),
}

"""What every trial-game metric is, for the codebook (IGT, Tower of London, faces, effort, money; docs/SCORING.md).

Only whole-game metrics are sessions-table columns; the grouped ones (per block, level, intensity, emotion,
probability, choice) are listed here too, so that every key scoring emits is described once.
"""

from __future__ import annotations

from datasets.columns import ColumnType

__all__ = ["TRIAL_GAME_METRICS", "TRIAL_METRIC_DOCS"]

TRIAL_METRIC_DOCS: dict[str, tuple[ColumnType, str, str]] = {
    # key: (column type, unit as scoring states it, meaning)
    "igt.trials": ("integer", "choices", "Card choices made."),
    "igt.net_score": ("integer", "cards", "(C + D) - (A + B) choices over the game (Bechara et al. 1994)."),
    "igt.good_deck_share": ("number", "share", "Choices from the advantageous decks C and D."),
    "igt.infrequent_loss_share": ("number", "share", "Choices from the infrequent-loss decks B and D."),
    "igt.learning_slope": ("number", "cards/block", "Least-squares slope of the net score over the complete "
                                    "blocks of 20 choices (needs 3)."),
    "igt.final_cents": ("integer", "cents", "Money at the end (the $2000 loan included)."),
    "igt.net_money_cents": ("integer", "cents", "Money won minus lost over the game."),
    "igt.median_rt_ms": ("number", "ms", "Median time from the decks' onset to the choice (needs 10)."),
    "igt.block_net_score": ("integer", "cards", "Net score of one block of 20 choices (group = block 1-5)."),
    "igt.deck_share": ("number", "share", "Choices from one deck (group = deck A-D)."),
    "tower.problems": ("integer", "problems", "Problems finished."),
    "tower.solved": ("integer", "problems", "Problems solved (the goal reached within the move limit)."),
    "tower.perfect": ("integer", "problems", "Problems solved in the minimum number of moves."),
    "tower.perfect_share": ("number", "share", "Perfect solutions over problems (Shallice 1982)."),
    "tower.mean_excess_moves": ("number", "moves", "Mean moves beyond the minimum per problem."),
    "tower.median_planning_ms": ("number", "ms", "Median initial planning time: onset to the first pick-up "
                                          "(needs 3 problems)."),
    "tower.median_execution_ms": ("number", "ms", "Median time from the first pick-up to the last move."),
    "tower.level_perfect_share": ("number", "share", "Perfect solutions at one minimum (group = 2-5 moves)."),
    "tower.level_planning_ms": ("number", "ms", "Median planning time at one minimum (group = moves)."),
    "faces.trials": ("integer", "trials", "Faces answered (both parts)."),
    "faces.accuracy": ("number", "share", "Correct answers over identification trials (needs 16)."),
    "faces.threshold_intensity": ("number", "share", "Intensity (0-1) at which the monotone accuracy curve "
                                           "reaches 75 % correct, anchored at chance for a neutral face."),
    "faces.median_rt_ms": ("number", "ms", "Median response time of correct identification answers."),
    "faces.context_accuracy": ("number", "share", "Correct answers in the context part (needs 4)."),
    "faces.context_gain": ("number", "share", "Context accuracy minus identification accuracy at the same "
                                    "intensity."),
    "faces.accuracy_by_intensity": ("number", "share", "Accuracy at one intensity (group = percent)."),
    "faces.accuracy_by_emotion": ("number", "share", "Accuracy for one emotion (group = emotion)."),
    "effort.rounds": ("integer", "rounds", "Rounds played (with or without a choice)."),
    "effort.no_choice": ("integer", "rounds", "Rounds without a choice in time (skipped)."),
    "effort.hard_share": ("number", "share", "Hard choices over choices (Treadway et al. 2009)."),
    "effort.reward_sensitivity": ("number", "per $", "Ridge-penalised logistic slope of choosing hard on the "
                                           "expected-value difference in dollars (needs 10 choices, both tasks)."),
    "effort.completion_rate": ("number", "share", "Tasks finished in time over tasks chosen."),
    "effort.press_rate": ("number", "per s", "Median over tasks of presses per second of the task."),
    "effort.median_choice_rt_ms": ("number", "ms", "Median time from the offer's onset to the choice."),
    "effort.earnings_cents": ("integer", "cents", "Money won over the game."),
    "effort.hard_share_by_probability": ("number", "share", "Hard choices at one win probability (group = "
                                                  "percent)."),
    "effort.hard_share_by_reward": ("number", "share", "Hard choices when the hard reward is below (`low`) or "
                                             "at or above (`high`) the middle of its range."),
    "effort.completion_by_choice": ("number", "share", "Tasks finished in time (group = easy or hard)."),
    "money.rounds": ("integer", "rounds", "Rounds played."),
    "money.share_sent": ("number", "share", "Mean share of the endowment sent as investor (trust game, "
                                  "Berg et al. 1995)."),
    "money.responsiveness": ("number", "share", "Mean share sent after a profitable round minus after a "
                                      "losing one (rounds after a round with money sent)."),
    "money.share_returned": ("number", "share", "Mean share of the received (tripled) amount returned."),
    "money.dictator_share": ("number", "share", "Share of the endowment given in the dictator round."),
    "money.ultimatum_offer_share": ("number", "share", "Share of the endowment offered as proposer."),
    "money.min_accepted_offer": ("number", "share", "Lowest computer offer accepted, over the endowment."),
    "money.max_rejected_offer": ("number", "share", "Highest computer offer rejected, over the endowment."),
    "money.earnings_cents": ("integer", "cents", "Money the candidate ended the rounds with, summed."),
}

_GROUPED = {"igt.block_net_score", "igt.deck_share", "tower.level_perfect_share", "tower.level_planning_ms",
            "faces.accuracy_by_intensity", "faces.accuracy_by_emotion", "effort.hard_share_by_probability",
            "effort.hard_share_by_reward", "effort.completion_by_choice"}
TRIAL_GAME_METRICS: dict[str, tuple[str, ...]] = {
    game: tuple(k for k in TRIAL_METRIC_DOCS if k.startswith(f"{game}.") and k not in _GROUPED)
    for game in ("igt", "tower", "faces", "effort", "money")
}
"""The whole-game metrics of each trial game, in scoring's order (sessions-table columns)."""

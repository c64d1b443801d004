"""Recruiter words and units of the trial games' metrics (IGT, Tower of London, faces, effort, money) and their
titles; reports/labels.py turns them into MetricLabels. A test checks every key scoring emits has one."""

from __future__ import annotations

from i18n import N_

__all__ = ["TRIAL_GAME_TITLES", "TRIAL_LABELS"]

TRIAL_GAME_TITLES = {
    "igt": N_("Card game (Iowa gambling task)"),
    "tower": N_("Tower puzzle (planning)"),
    "faces": N_("Faces (emotion recognition)"),
    "effort": N_("Hard or easy (effort for reward)"),
    "money": N_("Money exchange (trust and fairness)"),
}

TRIAL_LABELS: dict[str, tuple[str, str, str]] = {
    # key: (label, unit, help): label and help marked with N_() (reports/labels.py reads them in the report's
    # language where they are shown); the unit is a name, not a text
    "igt.trials": (N_("Cards chosen"), "count", ""),
    "igt.net_score": (N_("Net score: good-deck minus bad-deck choices"), "signed_count",
                      N_("positive: chose the decks that pay off over time more often")),
    "igt.good_deck_share": (N_("Choices from the decks that pay off over time"), "percent", ""),
    "igt.infrequent_loss_share": (N_("Choices from the decks with rare losses"), "percent",
                                  N_("50 % = no preference for rare over frequent losses")),
    "igt.learning_slope": (N_("Change of the net score from block to block"), "signed_rate",
                           N_("positive: shifted toward the better decks as the game went on")),
    "igt.final_cents": (N_("Money at the end (the $2,000 loan included)"), "dollars", ""),
    "igt.net_money_cents": (N_("Money won or lost in the game"), "signed_dollars", ""),
    "igt.median_rt_ms": (N_("Typical time to choose a card"), "seconds", ""),
    "igt.block_net_score": (N_("Net score in one block of 20 choices"), "signed_count", ""),
    "igt.deck_share": (N_("Choices from one deck"), "percent", ""),
    "tower.problems": (N_("Problems played"), "count", ""),
    "tower.solved": (N_("Problems solved"), "count", ""),
    "tower.perfect": (N_("Problems solved in the fewest possible moves"), "count", ""),
    "tower.perfect_share": (N_("Share solved in the fewest possible moves"), "percent", N_("the main planning score")),
    "tower.mean_excess_moves": (N_("Extra moves per problem"), "moves", N_("moves beyond the fewest possible")),
    "tower.median_planning_ms": (N_("Typical thinking time before the first move"), "seconds", ""),
    "tower.median_execution_ms": (N_("Typical time from the first move to the last"), "seconds", ""),
    "tower.level_perfect_share": (N_("Solved in the fewest moves, at one difficulty"), "percent", ""),
    "tower.level_planning_ms": (N_("Thinking time before the first move, at one difficulty"), "seconds", ""),
    "faces.trials": (N_("Faces answered"), "count", ""),
    "faces.accuracy": (N_("Emotions named correctly"), "percent", N_("chance is 25 %")),
    "faces.threshold_intensity": (N_("Expression strength needed for 75 % correct"), "percent",
                                  N_("lower: reads fainter expressions")),
    "faces.median_rt_ms": (N_("Typical time to name an emotion"), "seconds", ""),
    "faces.context_accuracy": (N_("Emotions named correctly with a situation given"), "percent", ""),
    "faces.context_gain": (N_("Change when a situation was given"), "signed_points", ""),
    "faces.accuracy_by_intensity": (N_("Named correctly at one expression strength"), "percent", ""),
    "faces.accuracy_by_emotion": (N_("Named correctly for one emotion"), "percent", ""),
    "effort.rounds": (N_("Rounds played"), "count", ""),
    "effort.no_choice": (N_("Rounds without a choice in time"), "count", ""),
    "effort.hard_share": (N_("Hard task chosen"), "percent", ""),
    "effort.reward_sensitivity": (N_("How much the chance of reward swayed the choice"), "per_dollar",
                                  N_("0 = not at all; higher: chose hard mainly when it paid more")),
    "effort.completion_rate": (N_("Tasks finished in time"), "percent", ""),
    "effort.press_rate": (N_("Typical pressing speed"), "per_second", ""),
    "effort.median_choice_rt_ms": (N_("Typical time to choose"), "seconds", ""),
    "effort.earnings_cents": (N_("Money won in the game"), "dollars", ""),
    "effort.hard_share_by_probability": (N_("Hard task chosen at one win chance"), "percent", ""),
    "effort.hard_share_by_reward": (N_("Hard task chosen when its reward was low or high"), "percent", ""),
    "effort.completion_by_choice": (N_("Tasks finished in time, by task"), "percent", ""),
    "money.rounds": (N_("Rounds played"), "count", ""),
    "money.share_sent": (N_("Share sent to the computer as investor"), "percent", N_("what is sent is tripled")),
    "money.responsiveness": (N_("Change in sending after generous versus stingy returns"), "signed_points",
                             N_("positive: sent more after the computer returned more")),
    "money.share_returned": (N_("Share returned of what was received"), "percent", ""),
    "money.dictator_share": (N_("Share given away when the computer could not refuse"), "percent", ""),
    "money.ultimatum_offer_share": (N_("Share offered when the computer could refuse"), "percent", ""),
    "money.min_accepted_offer": (N_("Lowest offer accepted"), "percent", N_("share of the stake")),
    "money.max_rejected_offer": (N_("Highest offer rejected"), "percent", N_("share of the stake")),
    "money.earnings_cents": (N_("Money the candidate ended the rounds with"), "dollars", ""),
}

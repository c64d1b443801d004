"""The column specifications of the trial games' tables (igt_trials, tower_problems, faces_trials, effort_trials,
money_rounds): types, units and allowed values come from the games' event payload models where they can."""

from __future__ import annotations

from datasets.columns import Column, TableSpec, col, from_payload
from datasets.context import FLAG_COLUMNS, IDENTITY_COLUMNS
from games.effort.events import EffortTrialEnded, EffortTrialStarted
from games.faces.events import FacesTrialEnded, FacesTrialStarted
from games.igt.events import IgtTrialEnded
from games.money.events import MoneyTrialEnded, MoneyTrialStarted
from games.tower.events import TowerTrialEnded, TowerTrialStarted
from games.trialkit.fields import ResponseFields

__all__ = ["EFFORT", "FACES", "IGT", "MONEY", "TOWER"]


def _game(name: str, what: str) -> Column:
    return col("game", "string", f"The game: `{name}` ({what}).", enum=(name,), nullable=False)


def _trial(noun: str) -> Column:
    return col("trial", "integer", f"The {noun}'s number as the candidate saw it (1 = first).", minimum=1,
               nullable=False, source="event trial column + 1")


def _timing(ns: str) -> tuple[Column, ...]:
    return (
        col("onset_requested_ms", "number", "When the view asked for the trial's first frame, from the session start.",
            unit="ms", minimum=0, source=f"{ns}.trial_started.requested_t_ns"),
        col("onset_presented_ms", "number", "When the trial's first frame was painted (times count from here), from "
            "the session start (docs/TIMING.md).", unit="ms", minimum=0, source=f"{ns}.trial_started.t_ns"),
        col("end_ms", "number", "When the trial ended, from the session start.", unit="ms", minimum=0,
            source=f"{ns}.trial_ended.t_ns"),
        *FLAG_COLUMNS,
    )


def _response(model: type[ResponseFields]) -> tuple[Column, ...]:
    return (
        from_payload(model, "rt_ns", "From the presented onset to the response (stamped in its input handler).",
                     name="rt_ms", ns_to_ms=True),
        from_payload(model, "input", "`key` or `mouse` (an on-screen button or the canvas; touch counts as mouse)."),
        from_payload(model, "key", "The key pressed (Qt's name) or the mouse button."),
        from_payload(model, "qt_event_ms", "Qt's own timestamp of the input event (arbitrary origin).", unit="ms"),
    )


IGT = TableSpec(
    name="igt_trials", title="Iowa gambling task: choices", row="card choice (its last attempt)",
    description="Every choice of the card game: the deck, the card's win and loss, the running total and the time.",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS, _game("igt", "Iowa Gambling Task, Bechara et al. 1994"), _trial("choice"),
        from_payload(IgtTrialEnded, "deck", "The deck chosen: A and B pay more now but lose over ten cards; C and D "
                     "pay less and gain."),
        from_payload(IgtTrialEnded, "card", "How many cards of this deck had been drawn, this one included."),
        from_payload(IgtTrialEnded, "win_cents", "What the card won.", unit="cents"),
        from_payload(IgtTrialEnded, "loss_cents", "What the card lost (0 on most cards).", unit="cents"),
        from_payload(IgtTrialEnded, "net_cents", "Win minus loss.", unit="cents"),
        from_payload(IgtTrialEnded, "total_cents", "The candidate's money after this card.", unit="cents"),
        col("good_deck", "boolean", "An advantageous deck (C or D): counts + in the net score."),
        col("infrequent_loss_deck", "boolean", "A deck with infrequent losses (B or D)."),
        col("block", "integer", "The block of 20 choices (1-5) the net score per block counts it in.", minimum=1),
        *_response(IgtTrialEnded), *_timing("igt"),
    ),
)

TOWER = TableSpec(
    name="tower_problems", title="Tower of London: problems", row="problem (its last attempt)",
    description="Every Tower of London problem: start and goal, minimum moves (by search), moves made, outcome and "
                "the planning and execution times.",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS, _game("tower", "Tower of London, Shallice 1982"), _trial("problem"),
        from_payload(TowerTrialStarted, "start", "The start board ('RG|B|': peg 1 red under green, peg 2 blue)."),
        from_payload(TowerTrialStarted, "goal", "The goal board."),
        from_payload(TowerTrialEnded, "min_moves", "The fewest moves that solve it (breadth-first search).",
                     unit="moves"),
        from_payload(TowerTrialStarted, "max_moves", "The problem ends unsolved after this many moves.", unit="moves"),
        from_payload(TowerTrialEnded, "outcome", "`solved` or stopped at its move limit."),
        from_payload(TowerTrialEnded, "moves", "Moves made.", unit="moves"),
        from_payload(TowerTrialEnded, "excess_moves", "Moves beyond the minimum.", unit="moves"),
        col("perfect", "boolean", "Solved in the minimum number of moves (the planning trait's item)."),
        from_payload(TowerTrialEnded, "planning_ns", "Initial planning time: from the onset to the first pick-up.",
                     name="planning_ms", ns_to_ms=True),
        from_payload(TowerTrialEnded, "execution_ns", "From the first pick-up to the last move.", name="execution_ms",
                     ns_to_ms=True),
        from_payload(TowerTrialEnded, "total_ns", "From the onset to the last move.", name="total_ms", ns_to_ms=True),
        col("move_path", "string", "Every move as from>to pegs, in order (e.g. `1>3 2>1`).", source="tower.move"),
        col("mouse_moves", "integer", "Moves made with the mouse (drag or click) rather than keys 1-3.", minimum=0,
            source="tower.move.input"),
        *_timing("tower"),
    ),
)

FACES = TableSpec(
    name="faces_trials", title="Emotion faces: trials", row="face (its last attempt)",
    description="Every face of the faces game: the expression and its intensity (schematic faces unless an image set "
                "was given), the situation in the context part, the answer, correctness and response time.",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS, _game("faces", "emotion recognition with schematic faces"), _trial("face"),
        from_payload(FacesTrialEnded, "part", "`identify` (the face alone) or `context` (under a situation)."),
        from_payload(FacesTrialStarted, "stimulus", "The face: `schematic:<emotion>:<intensity>` or an image file."),
        from_payload(FacesTrialEnded, "emotion", "The expression shown (the correct answer)."),
        from_payload(FacesTrialEnded, "intensity", "Intensity of the expression, percent of the full one (0 = "
                     "neutral).", unit="%"),
        from_payload(FacesTrialStarted, "context", "The situation shown above the face (context part only)."),
        from_payload(FacesTrialEnded, "response", "The emotion the candidate named."),
        from_payload(FacesTrialEnded, "correct", "The answer names the expression shown."),
        *_response(FacesTrialEnded), *_timing("faces"),
    ),
)

EFFORT = TableSpec(
    name="effort_trials", title="Effort choice: rounds", row="round (its last attempt)",
    description="Every round of the effort game: the offer, the choice, the presses of the task, its completion, the "
                "win and the money.",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS, _game("effort", "Effort Expenditure for Rewards Task, Treadway et al. 2009"),
        _trial("round"),
        from_payload(EffortTrialEnded, "probability", "Chance that a finished task wins.", unit="%"),
        from_payload(EffortTrialStarted, "easy_reward_cents", "The easy task's reward.", unit="cents"),
        from_payload(EffortTrialStarted, "hard_reward_cents", "The hard task's reward this round.", unit="cents"),
        from_payload(EffortTrialEnded, "choice", "`easy`, `hard`, or `none` (no choice in time: the round is "
                     "skipped)."),
        from_payload(EffortTrialEnded, "choice_rt_ns", "From the offer's onset to the choice.", name="choice_rt_ms",
                     ns_to_ms=True),
        from_payload(EffortTrialEnded, "required", "Presses the chosen task needs (0 without a choice).",
                     unit="presses"),
        from_payload(EffortTrialEnded, "presses", "Presses made in the task.", unit="presses"),
        from_payload(EffortTrialEnded, "completed", "The task's presses were all made in time."),
        col("task_onset_ms", "number", "When the task's bar was painted, from the session start.", unit="ms",
            minimum=0, source="effort.task_started.t_ns"),
        from_payload(EffortTrialEnded, "press_ns", "From the task's onset to its completion or its time limit.",
                     name="press_ms", ns_to_ms=True),
        col("press_rate", "number", "Presses per second over press_ms.", unit="per s", minimum=0),
        col("median_interpress_ms", "number", "Median time between consecutive presses.", unit="ms", minimum=0,
            source="effort.press.since_prev_ns"),
        col("mouse_presses", "integer", "Presses made with the on-screen button rather than Space.", minimum=0,
            source="effort.press.input"),
        from_payload(EffortTrialEnded, "won", "A finished task won (drawn with the round's probability)."),
        from_payload(EffortTrialEnded, "earned_cents", "Money won this round.", unit="cents"),
        from_payload(EffortTrialEnded, "total_cents", "Money won so far.", unit="cents"),
        from_payload(EffortTrialEnded, "active_ns", "Time the round used of the game's fixed duration (onset to end "
                     "plus the feedback).", name="active_ms", ns_to_ms=True),
        *_timing("effort"),
    ),
)

MONEY = TableSpec(
    name="money_rounds", title="Money exchange: rounds", row="round (its last attempt)",
    description="Every round of the money exchange (trust game both ways, dictator, ultimatum): what the candidate "
                "decided over, the amount, the computer's side and the money each ended with.",
    key=("session_id", "game", "trial"), bids="beh",
    columns=(
        *IDENTITY_COLUMNS, _game("money", "trust game, Berg et al. 1995; dictator and ultimatum rounds"),
        _trial("round"),
        from_payload(MoneyTrialEnded, "part", "`invest` (send, the computer returns), `return` (the computer sent), "
                     "`dictator` (give), `propose` (ultimatum offer), `respond` (answer the computer's offer)."),
        from_payload(MoneyTrialEnded, "round", "The round's number within its part."),
        from_payload(MoneyTrialEnded, "available_cents", "What the candidate decided over (0 in respond rounds).",
                     unit="cents"),
        from_payload(MoneyTrialStarted, "partner_sent_cents", "Return rounds: what the computer sent (before "
                     "multiplying).", unit="cents"),
        from_payload(MoneyTrialStarted, "offer_cents", "Respond rounds: the computer's offer.", unit="cents"),
        from_payload(MoneyTrialEnded, "amount_cents", "Sent, returned, given or offered; in respond rounds the offer.",
                     unit="cents"),
        col("share", "number", "amount / available (the trust and generosity traits' item; n/a in respond rounds).",
            minimum=0, maximum=1),
        from_payload(MoneyTrialEnded, "accepted", "Propose: the computer accepted; respond: the candidate accepted."),
        from_payload(MoneyTrialEnded, "partner_returned_cents", "Invest rounds: what the computer returned.",
                     unit="cents"),
        from_payload(MoneyTrialEnded, "candidate_cents", "What the candidate ended the round with.", unit="cents"),
        from_payload(MoneyTrialEnded, "partner_cents", "What the computer ended the round with.", unit="cents"),
        from_payload(MoneyTrialEnded, "total_cents", "The candidate's money over the rounds so far.", unit="cents"),
        from_payload(MoneyTrialEnded, "adjustments", "Changes of the amount before confirming (money.amount_changed)."),
        *_response(MoneyTrialEnded), *_timing("money"),
    ),
)

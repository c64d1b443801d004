"""Pure rules of the decision game: a state machine over tasks that returns the events to record.

No Qt, no clock, no database: the scenarios, parameters, a seeded random.Random and every timestamp
(int ns, session-relative) come in; each step returns a `Step` of `Emission`s (games/core.py), each at
the step's t_ns. A step that breaks the event sequence of seeds 003 (section 4.3) and 004 (section 6)
raises a DecisionRuleError subclass (a GameRuleError) and emits nothing:

- task_started comes first in a task, and not twice;
- option_changed only after option_selected (the first pick of a task is option_selected);
- task_completed only with a selection, and with reasoning of the minimum length where required;
- nothing of a task after its task_completed; game_ended only when every task is completed.

`restore(state, records)` rebuilds the state after the last completed task from the game's recorded
events (crash resume, games/core.py); `resume_game` records decision.game_resumed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from eventlog.kinds import Payload
from eventlog.records import EventRecord
from games.core import Emission, Restored, RestoreError, Step, payload_of
from games.decision import errors as err
from games.decision.events import (
    MAX_REASONING_CHARS,
    FocusGained,
    FocusLost,
    GameEnded,
    GameResumed,
    GameStarted,
    IdleDetected,
    OptionChanged,
    OptionSelected,
    OptionViewed,
    OptionViewStarted,
    ReasoningStarted,
    ReasoningSubmitted,
    ReasoningUpdated,
    Scrolled,
    TaskCompleted,
    TaskStarted,
    TypingBurst,
)
from games.decision.params import DecisionParams
from games.decision.scenarios import Scenario
from i18n import _

__all__ = [
    "DecisionState",
    "change_option",
    "choose",
    "complete_task",
    "completed_choices",
    "completion_blocker",
    "end_game",
    "gain_focus",
    "idle",
    "lose_focus",
    "new_game",
    "reasoning_counts",
    "restore",
    "resume_game",
    "scrolled",
    "select_option",
    "start_game",
    "start_reasoning",
    "start_task",
    "typed",
    "update_reasoning",
    "view_option",
    "view_started",
]

Phase = Literal["ready", "between", "in_task", "finished"]


@dataclass(frozen=True, slots=True)
class DecisionState:
    """Where the game stands. `index` is the current (or last completed) task, -1 before the first."""

    tasks: tuple[Scenario, ...]
    seed: int
    phase: Phase = "ready"
    index: int = -1
    task_t0_ns: int = 0
    selected: str | None = None
    reasoning_started: bool = False
    focus_lost_t_ns: int | None = None
    completed: int = 0
    idle_threshold_ms: int | None = None

    @property
    def task(self) -> Scenario:
        """The current task (in_task) or the last one shown."""
        return self.tasks[self.index]

    @property
    def has_next_task(self) -> bool:
        """Whether a task remains to be started."""
        return self.index + 1 < len(self.tasks)


def reasoning_counts(text: str) -> tuple[int, int]:
    """(chars, words) of a reasoning text: all characters; words split on whitespace."""
    return len(text), len(text.split())


def new_game(scenarios: list[Scenario], params: DecisionParams, rng: random.Random, seed: int) -> DecisionState:
    """Pick and order the tasks for a game (a seeded shuffle when params.order is 'shuffle')."""
    by_id = {scenario.id: scenario for scenario in scenarios}
    if params.scenarios == "all":
        chosen = list(scenarios)
    else:
        missing = [sid for sid in params.scenarios if sid not in by_id]
        if missing:
            raise err.UnknownScenarioError(
                f"params.scenarios: unknown scenario id(s) {', '.join(missing)}; known: {', '.join(sorted(by_id))}"
            )
        chosen = [by_id[sid] for sid in params.scenarios]
    if not chosen:
        raise err.UnknownScenarioError("params.scenarios: no scenarios to play")
    if params.order == "shuffle":
        rng.shuffle(chosen)
    if params.soft_limit_factor != 1.0:  # an extended-time accommodation lengthens each suggested time
        chosen = [s.model_copy(update={"soft_time_limit_s": round(s.soft_time_limit_s * params.soft_limit_factor)})
                  if s.soft_time_limit_s else s for s in chosen]
    return DecisionState(tasks=tuple(chosen), seed=seed, idle_threshold_ms=params.idle_threshold_ms)


def _emit(state: DecisionState, kind: str, payload: Payload, t_ns: int) -> Emission:
    """An event of the current task (its index is the trial)."""
    return Emission(kind, payload, t_ns, state.index)


def _refuse_outside_task(state: DecisionState, kind: str) -> None:
    """The common guard of every task event: a task must be open."""
    if state.phase == "in_task":
        return
    if state.phase == "between" and state.index >= 0:
        raise err.TaskCompletedError(
            f"{kind} refused: task {state.task.id!r} is already completed (nothing may follow task_completed)"
        )
    if state.phase == "finished":
        raise err.GameStateError(f"{kind} refused: the game has ended")
    raise err.TaskNotStartedError(f"{kind} refused: no task has been started (task_started must come first)")


def _option(state: DecisionState, kind: str, option_id: str) -> None:
    if option_id not in {option.id for option in state.task.options}:
        known = ", ".join(option.id for option in state.task.options)
        raise err.UnknownOptionError(f"{kind} refused: task {state.task.id!r} has no option {option_id!r} ({known})")


def start_game(state: DecisionState, t_ns: int, first_task: int = 0) -> Step[DecisionState]:
    """Record game_started; `first_task` > 0 resumes a game at that task index."""
    if state.phase != "ready":
        raise err.GameStateError("decision.game_started refused: the game has already started")
    if not 0 <= first_task < len(state.tasks):
        raise err.GameStateError(f"decision.game_started refused: no task {first_task} (tasks: {len(state.tasks)})")
    payload = GameStarted(tasks=[task.id for task in state.tasks], seed=state.seed,
                          idle_threshold_ms=state.idle_threshold_ms)
    new = replace(state, phase="between", index=first_task - 1)
    return Step(new, (Emission("decision.game_started", payload, t_ns, None),))


def start_task(state: DecisionState, t_ns: int, requested_t_ns: int | None = None) -> Step[DecisionState]:
    """Record task_started for the next task (t_ns = when it was presented)."""
    kind = "decision.task_started"
    if state.phase == "in_task":
        raise err.TaskAlreadyStartedError(f"{kind} refused: task {state.task.id!r} is started and not completed")
    if state.phase != "between":
        raise err.GameStateError(f"{kind} refused: the game is {state.phase}, not between tasks")
    if not state.has_next_task:
        raise err.GameStateError(f"{kind} refused: every task has been shown")
    new = replace(state, phase="in_task", index=state.index + 1, task_t0_ns=t_ns, selected=None,
                  reasoning_started=False, focus_lost_t_ns=None)
    task = new.task
    payload = TaskStarted(
        task_id=task.id, category=task.category, option_ids=[option.id for option in task.options],
        reasoning_required=task.reasoning_required, min_reasoning_chars=task.min_chars,
        soft_time_limit_s=task.soft_time_limit_s, requested_t_ns=requested_t_ns,
        option_risks=[option.risk_level for option in task.options],
    )
    return Step(new, (_emit(new, kind, payload, t_ns),))


def view_started(state: DecisionState, option_id: str, via: Literal["hover", "focus"],
                 t_ns: int) -> Step[DecisionState]:
    """Record option_view_started when a hover or keyboard focus on an option begins."""
    kind = "decision.option_view_started"
    _refuse_outside_task(state, kind)
    _option(state, kind, option_id)
    payload = OptionViewStarted(task_id=state.task.id, option_id=option_id, via=via)
    return Step(state, (_emit(state, kind, payload, t_ns),))


def _burst(state: DecisionState, kind: str, started_t_ns: int, ended_t_ns: int) -> tuple[int, int]:
    _refuse_outside_task(state, kind)
    started = max(started_t_ns, state.task_t0_ns)
    if ended_t_ns < started:
        raise err.FocusSequenceError(f"{kind} refused: the burst ends ({ended_t_ns}) before it started ({started})")
    return started, ended_t_ns


def typed(state: DecisionState, started_t_ns: int, ended_t_ns: int, keystrokes: int,
          t_ns: int) -> Step[DecisionState]:
    """Record a burst of keystrokes in the reasoning box (when typing pauses)."""
    kind = "decision.typing_burst"
    started, ended = _burst(state, kind, started_t_ns, ended_t_ns)
    payload = TypingBurst(task_id=state.task.id, started_t_ns=started, ended_t_ns=ended, keystrokes=max(1, keystrokes))
    return Step(state, (_emit(state, kind, payload, t_ns),))


def scrolled(state: DecisionState, started_t_ns: int, ended_t_ns: int, steps: int, t_ns: int) -> Step[DecisionState]:
    """Record a burst of scrolling (when it pauses)."""
    kind = "decision.scrolled"
    started, ended = _burst(state, kind, started_t_ns, ended_t_ns)
    payload = Scrolled(task_id=state.task.id, started_t_ns=started, ended_t_ns=ended, steps=max(1, steps))
    return Step(state, (_emit(state, kind, payload, t_ns),))


def view_option(state: DecisionState, option_id: str, via: Literal["hover", "focus"], started_t_ns: int,
                t_ns: int) -> Step[DecisionState]:
    """Record option_viewed when a hover or keyboard focus on an option ends."""
    kind = "decision.option_viewed"
    _refuse_outside_task(state, kind)
    _option(state, kind, option_id)
    started = max(started_t_ns, state.task_t0_ns)
    if t_ns < started:
        raise err.FocusSequenceError(f"{kind} refused: the view ends ({t_ns}) before it started ({started})")
    payload = OptionViewed(task_id=state.task.id, option_id=option_id, via=via, started_t_ns=started,
                           duration_ns=t_ns - started)
    return Step(state, (_emit(state, kind, payload, t_ns),))


def select_option(state: DecisionState, option_id: str, t_ns: int) -> Step[DecisionState]:
    """Record the first selection of a task."""
    kind = "decision.option_selected"
    _refuse_outside_task(state, kind)
    _option(state, kind, option_id)
    if state.selected is not None:
        raise err.AlreadySelectedError(
            f"{kind} refused: {state.selected!r} is already selected in task {state.task.id!r}; use option_changed"
        )
    option = state.task.option(option_id)
    payload = OptionSelected(task_id=state.task.id, option_id=option_id, risk_level=option.risk_level,
                             tags=list(option.tags))
    return Step(replace(state, selected=option_id), (_emit(state, kind, payload, t_ns),))


def change_option(state: DecisionState, option_id: str, t_ns: int) -> Step[DecisionState]:
    """Record a change of the selection to another option."""
    kind = "decision.option_changed"
    _refuse_outside_task(state, kind)
    _option(state, kind, option_id)
    if state.selected is None:
        raise err.NoSelectionError(
            f"{kind} refused: task {state.task.id!r} has no selection to change (option_selected must come first)"
        )
    if state.selected == option_id:
        raise err.SameOptionError(f"{kind} refused: {option_id!r} is already the selected option")
    before, after = state.task.option(state.selected), state.task.option(option_id)
    payload = OptionChanged(task_id=state.task.id, from_option=before.id, to_option=after.id,
                            from_risk=before.risk_level, to_risk=after.risk_level)
    return Step(replace(state, selected=option_id), (_emit(state, kind, payload, t_ns),))


def choose(state: DecisionState, option_id: str, t_ns: int) -> Step[DecisionState]:
    """A pick: the first of a task is option_selected, another option is option_changed, the same one is nothing."""
    if state.phase == "in_task" and state.selected == option_id:
        _option(state, "decision.option_selected", option_id)
        return Step(state)
    if state.phase == "in_task" and state.selected is not None:
        return change_option(state, option_id, t_ns)
    return select_option(state, option_id, t_ns)


def start_reasoning(state: DecisionState, t_ns: int) -> Step[DecisionState]:
    """Record reasoning_started at the first keystroke in a task's reasoning box."""
    kind = "decision.reasoning_started"
    _refuse_outside_task(state, kind)
    if state.reasoning_started:
        raise err.ReasoningSequenceError(f"{kind} refused: reasoning already started in task {state.task.id!r}")
    payload = ReasoningStarted(task_id=state.task.id)
    return Step(replace(state, reasoning_started=True), (_emit(state, kind, payload, t_ns),))


def update_reasoning(state: DecisionState, text: str, t_ns: int) -> Step[DecisionState]:
    """Record reasoning_updated with the counts (never the text) of the reasoning so far."""
    kind = "decision.reasoning_updated"
    _refuse_outside_task(state, kind)
    if not state.reasoning_started:
        raise err.ReasoningSequenceError(f"{kind} refused: reasoning_started must come first")
    chars, words = reasoning_counts(text)
    payload = ReasoningUpdated(task_id=state.task.id, chars=chars, words=words)
    return Step(state, (_emit(state, kind, payload, t_ns),))


def completion_blocker(state: DecisionState, text: str) -> str | None:
    """Why the task cannot be completed yet (a short sentence for the participant), or None if it can."""
    if state.phase != "in_task":
        return _("There is no open task.")
    if state.selected is None:
        return _("Choose one of the options.")
    chars = len(text.strip())
    if state.task.reasoning_required and chars < state.task.min_chars:
        return _("Please write at least {need} characters ({chars} so far).").format(need=state.task.min_chars,
                                                                                     chars=chars)
    if len(text) > MAX_REASONING_CHARS:
        return _("Please keep your reasoning under {limit} characters.").format(limit=MAX_REASONING_CHARS)
    return None


def complete_task(state: DecisionState, text: str, t_ns: int) -> Step[DecisionState]:
    """Record reasoning_submitted (if reasoning was started) and task_completed."""
    kind = "decision.task_completed"
    _refuse_outside_task(state, kind)
    task = state.task
    if state.selected is None:
        raise err.NoSelectionError(f"{kind} refused: no option is selected in task {task.id!r}")
    if task.reasoning_required and len(text.strip()) < task.min_chars:
        raise err.ReasoningLengthError(
            f"{kind} refused: task {task.id!r} requires at least {task.min_chars} characters of reasoning, "
            f"got {len(text.strip())}"
        )
    if len(text) > MAX_REASONING_CHARS:
        raise err.ReasoningLengthError(f"{kind} refused: reasoning is over {MAX_REASONING_CHARS} characters")
    if text and not state.reasoning_started:
        raise err.ReasoningSequenceError("decision.reasoning_submitted refused: reasoning_started must come first")
    emissions = []
    if state.reasoning_started:
        chars, words = reasoning_counts(text)
        submitted = ReasoningSubmitted(task_id=task.id, text=text, chars=chars, words=words)
        emissions.append(_emit(state, "decision.reasoning_submitted", submitted, t_ns))
    option = task.option(state.selected)
    exceeded = task.soft_time_limit_s is not None and t_ns - state.task_t0_ns > task.soft_time_limit_s * 10**9
    completed = TaskCompleted(task_id=task.id, option_id=option.id, risk_level=option.risk_level,
                              tags=list(option.tags), soft_limit_exceeded=exceeded)
    emissions.append(_emit(state, kind, completed, t_ns))
    new = replace(state, phase="between", completed=state.completed + 1, focus_lost_t_ns=None)
    return Step(new, tuple(emissions))


def idle(state: DecisionState, idle_duration_ms: int, t_ns: int) -> Step[DecisionState]:
    """Record an idle spell of a task when it ends."""
    kind = "decision.idle_detected"
    _refuse_outside_task(state, kind)
    if idle_duration_ms <= 0:
        raise err.FocusSequenceError(f"{kind} refused: idle_duration_ms must be positive, got {idle_duration_ms}")
    payload = IdleDetected(task_id=state.task.id, idle_duration_ms=idle_duration_ms)
    return Step(state, (_emit(state, kind, payload, t_ns),))


def lose_focus(state: DecisionState, t_ns: int) -> Step[DecisionState]:
    """Record that the game window lost focus during a task."""
    kind = "decision.focus_lost"
    _refuse_outside_task(state, kind)
    if state.focus_lost_t_ns is not None:
        raise err.FocusSequenceError(f"{kind} refused: focus is already lost")
    return Step(replace(state, focus_lost_t_ns=t_ns), (_emit(state, kind, FocusLost(task_id=state.task.id), t_ns),))


def gain_focus(state: DecisionState, t_ns: int) -> Step[DecisionState]:
    """Record that the game window got focus back; away_ns since focus_lost."""
    kind = "decision.focus_gained"
    _refuse_outside_task(state, kind)
    if state.focus_lost_t_ns is None:
        raise err.FocusSequenceError(f"{kind} refused: focus_lost must come first")
    payload = FocusGained(task_id=state.task.id, away_ns=max(0, t_ns - state.focus_lost_t_ns))
    return Step(replace(state, focus_lost_t_ns=None), (_emit(state, kind, payload, t_ns),))


def end_game(state: DecisionState, t_ns: int) -> Step[DecisionState]:
    """Record game_ended once every task is completed."""
    kind = "decision.game_ended"
    if state.phase == "finished":
        raise err.GameStateError(f"{kind} refused: the game has already ended")
    if state.phase != "between" or state.has_next_task:
        raise err.GameStateError(f"{kind} refused: tasks remain ({state.completed} of {len(state.tasks)} completed)")
    new = replace(state, phase="finished")
    return Step(new, (Emission(kind, GameEnded(tasks_completed=state.completed), t_ns, None),))


def restore(state: DecisionState, records: Sequence[EventRecord]) -> Restored[DecisionState]:
    """The state after the last completed task, from the game's recorded events (games.core.game_records).

    A task started and not completed (the crash came first) is shown again under its index. No events:
    the game had not started and `state` is returned unchanged.
    """
    if state.phase != "ready":
        raise err.GameStateError("restore refused: only a game not yet started can be restored")
    if not records:
        return Restored(state)
    head = records[0]
    tasks = [task.id for task in state.tasks]
    if head.kind != "decision.game_started" or payload_of(head, GameStarted).tasks != tasks:
        raise RestoreError(f"decision: event seq {head.seq} ({head.kind}) does not start this game "
                           f"(tasks {', '.join(tasks)}, seed {state.seed})")
    started = [r.trial for r in records if r.kind == "decision.task_started"]
    completed = [r for r in records if r.kind == "decision.task_completed"]
    first = started[0] if started and started[0] is not None else 0
    for n, rec in enumerate(completed):
        if rec.trial != first + n or payload_of(rec, TaskCompleted).task_id != tasks[first + n]:
            raise RestoreError(f"decision: event seq {rec.seq} ({rec.kind}) completes task {rec.trial}, "
                               f"expected task {first + n} ({tasks[first + n]})")
    index = first + len(completed) - 1
    finished = any(r.kind == "decision.game_ended" for r in records)
    new = replace(state, phase="finished" if finished else "between", index=index, completed=len(completed))
    return Restored(new, repeated=bool(started) and started[-1] == index + 1, events=len(records))


def completed_choices(records: Sequence[EventRecord]) -> dict[str, str]:
    """Task id -> the option completed, for the game's summary, from recorded decision.task_completed events."""
    done = (payload_of(r, TaskCompleted) for r in records if r.kind == "decision.task_completed")
    return {payload.task_id: payload.option_id for payload in done}


def resume_game(restored: Restored[DecisionState], t_ns: int) -> Step[DecisionState]:
    """Record decision.game_resumed: the task the game continues at and whether it is shown again."""
    state = restored.state
    if state.phase != "between":
        raise err.GameStateError(f"decision.game_resumed refused: the game is {state.phase}, not between tasks")
    payload = GameResumed(trial=state.index + 1, repeated=restored.repeated, trials_done=state.completed,
                          events_restored=restored.events,
                          next_task=state.tasks[state.index + 1].id if state.has_next_task else None)
    return Step(state, (Emission("decision.game_resumed", payload, t_ns, None),))

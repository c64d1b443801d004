"""Pure rules of the emotion-faces game: a state machine with no Qt, no clock and no database.

Phases: not_started -> between -> responding (a face is shown) -> between ... -> finished. The plan is
drawn once from the seeded RNG: every (emotion, intensity) pair `repeats` times in a shuffled order, then
the context trials (each emotion's situations in turn, shuffled). With an image set (params.stimulus_dir)
each image is an identification trial `repeats` times, and each image with a context sentence is a
context trial. `respond` records `faces.trial_ended` with the answer and whether it names the emotion
shown. A response naming no emotion of the game raises FacesResponseError.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from games.core import Step
from games.faces.events import (
    FacesGameEnded,
    FacesGameResumed,
    FacesGameStarted,
    FacesTrialEnded,
    FacesTrialStarted,
    Part,
)
from games.faces.params import FacesParams
from games.faces.stimuli import CONTEXTS, FULL, SCHEMATIC_SET, StimulusSetError, load_image_set
from games.trialkit.fields import InputKind
from games.trialkit.rules import TrialRuleError, TrialRules, TrialState

__all__ = ["RESPONDING", "FacePlan", "FacesResponseError", "FacesRules", "FacesState", "plan_faces"]

RESPONDING = "responding"


class FacesResponseError(TrialRuleError):
    """A response that names no emotion of the game."""


@dataclass(frozen=True, slots=True)
class FacePlan:
    """One trial: the face (schematic or an image file), its emotion and intensity, and its situation."""

    part: Part
    emotion: str
    intensity: int
    stimulus: str
    context: str | None = None
    file: str | None = None  # an image set's file (None: a schematic face)


@dataclass(frozen=True, slots=True)
class FacesState(TrialState):
    """The game's progress and the correct answers so far."""

    correct: int = 0


def _schematic(params: FacesParams, rng: random.Random) -> tuple[FacePlan, ...]:
    unknown = [e for e in params.emotions if e not in FULL]
    if unknown:
        raise StimulusSetError(f"schematic faces show {', '.join(FULL)}; not {', '.join(unknown)} "
                               "(give stimulus_dir for other emotions)")
    identify = [FacePlan("identify", e, i, f"schematic:{e}:{i}") for e in params.emotions
                for i in params.intensities for _ in range(params.repeats)]
    rng.shuffle(identify)
    contexts = [(e, CONTEXTS[e][k % len(CONTEXTS[e])]) for k in range(params.context_trials)
                for e in params.emotions][:params.context_trials]
    rng.shuffle(contexts)
    return (*identify, *(FacePlan("context", e, params.context_intensity, f"schematic:{e}:{params.context_intensity}",
                                  text) for e, text in contexts))


def _images(params: FacesParams, rng: random.Random) -> tuple[str, tuple[FacePlan, ...]]:
    assert params.stimulus_dir is not None
    set_id, rows = load_image_set(Path(params.stimulus_dir), params.emotions)
    identify = [FacePlan("identify", r.emotion, r.intensity, r.file, file=r.file) for r in rows if r.context is None
                for _ in range(params.repeats)]
    context = [FacePlan("context", r.emotion, r.intensity, r.file, r.context, r.file) for r in rows if r.context]
    rng.shuffle(identify)
    rng.shuffle(context)
    return set_id, (*identify, *context)


def plan_faces(params: FacesParams, rng: random.Random) -> tuple[str, tuple[FacePlan, ...]]:
    """(stimulus set id, every trial in order), drawn from rng."""
    if params.stimulus_dir is not None:
        return _images(params, rng)
    return SCHEMATIC_SET, _schematic(params, rng)


class FacesRules(TrialRules[FacesState, FacesTrialEnded]):
    """The emotion-faces game of one params and seed."""

    game: ClassVar[str] = "faces"
    trial_phases: ClassVar[tuple[str, ...]] = (RESPONDING,)
    ended_model = FacesTrialEnded

    def __init__(self, params: FacesParams, seed: int) -> None:
        super().__init__(seed)
        self.params = params
        self.stimulus_set, self.plan = plan_faces(params, random.Random(seed))

    def initial_state(self) -> FacesState:
        return FacesState()

    def started_payload(self) -> FacesGameStarted:
        return FacesGameStarted(emotions=list(self.params.emotions), stimulus_set=self.stimulus_set,
                                identify_trials=sum(p.part == "identify" for p in self.plan),
                                context_trials=sum(p.part == "context" for p in self.plan), seed=self.seed)

    def trial_payload(self, state: FacesState, trial: int, requested_t_ns: int | None) -> FacesTrialStarted:
        p = self.plan[trial]
        return FacesTrialStarted(trial=trial, requested_t_ns=requested_t_ns, part=p.part, emotion=p.emotion,
                                 intensity=p.intensity, stimulus=p.stimulus, context=p.context)

    def enter_trial(self, state: FacesState, trial: int) -> FacesState:
        return replace(state, phase=RESPONDING)

    def fold(self, state: FacesState, ended: FacesTrialEnded) -> FacesState:
        return replace(state, correct=state.correct + ended.correct)

    def has_next(self, state: FacesState) -> bool:
        return state.done < len(self.plan)

    def ended_payload(self, state: FacesState) -> FacesGameEnded:
        return FacesGameEnded(trials=state.done, correct=state.correct)

    def resumed_payload(self, state: FacesState, repeated: bool, events: int) -> FacesGameResumed:
        return FacesGameResumed(trial=state.done, repeated=repeated, trials_done=state.done, events_restored=events,
                                correct=state.correct)

    def respond(self, state: FacesState, emotion: str, t_ns: int, source: InputKind, key: str,
                qt_event_ms: int | None = None) -> Step[FacesState]:
        """Name the emotion of the face on screen."""
        self.check(state, "answer", t_ns, (RESPONDING,), "no face is shown")
        if emotion not in self.params.emotions:
            raise FacesResponseError(f"faces: field 'response' is {emotion!r}; answer one of "
                                     f"{', '.join(self.params.emotions)}")
        p = self.plan[state.trial]
        ended = FacesTrialEnded(trial=state.trial, rt_ns=t_ns - state.onset_ns, input=source, key=key,
                                qt_event_ms=qt_event_ms, part=p.part, emotion=p.emotion, intensity=p.intensity,
                                response=emotion, correct=emotion == p.emotion)
        new, emission = self.finish_trial(state, t_ns, ended)
        return Step(new, (emission,))

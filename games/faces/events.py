"""Payload models of the emotion-faces game's events (namespace "faces."), registered with the event log.

The event's `trial` column is the 0-based trial index for trial events and empty for faces.game_started /
faces.game_resumed / faces.game_ended. Intensities are percent of the full expression (0 = neutral).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind
from games.trialkit.fields import OnsetFields, ResponseFields, ResumedFields

__all__ = ["FacesGameEnded", "FacesGameResumed", "FacesGameStarted", "FacesTrialEnded", "FacesTrialStarted", "Part"]

Part = Literal["identify", "context"]


@register_kind("faces.game_started")
class FacesGameStarted(Payload):
    """The game begins: the emotions to choose from, the stimulus set, the plan's size and the seed."""

    emotions: list[str] = Field(min_length=2)
    stimulus_set: str = Field(min_length=1)  # "schematic-v1", or "images:<sha256 of labels.csv>"
    identify_trials: int = Field(ge=0)
    context_trials: int = Field(ge=0)
    seed: int


@register_kind("faces.trial_started")
class FacesTrialStarted(OnsetFields):
    """A face is shown (with its situation in the context part); t_ns: painted."""

    part: Part
    emotion: str = Field(min_length=1)  # the expression shown (the correct answer)
    intensity: int = Field(ge=0, le=100)
    stimulus: str = Field(min_length=1)  # "schematic:happy:40" or the image file
    context: str | None = None


@register_kind("faces.trial_ended")
class FacesTrialEnded(ResponseFields):
    """The candidate named an emotion (stamped in the input handler)."""

    part: Part
    emotion: str = Field(min_length=1)
    intensity: int = Field(ge=0, le=100)
    response: str = Field(min_length=1)
    correct: bool


@register_kind("faces.game_resumed")
class FacesGameResumed(ResumedFields):
    """The game continues after a crash with the count of correct answers so far."""

    correct: int = Field(ge=0)


@register_kind("faces.game_ended")
class FacesGameEnded(Payload):
    """The game is over: trials and correct answers."""

    trials: int = Field(ge=0)
    correct: int = Field(ge=0)

"""Payload fields the trial games share: the trial index, the presented onset's request, and a timed response."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from games.core import GameResumedFields
from games.trialkit.rules import TrialFields

__all__ = ["InputKind", "OnsetFields", "ResponseFields", "ResumedFields", "TrialFields"]

InputKind = Literal["key", "mouse"]


class OnsetFields(TrialFields):
    """A `<ns>.trial_started`: its t_ns is when the trial's first frame was painted."""

    requested_t_ns: int | None = Field(None, ge=0)  # when the view asked for the frame


class ResponseFields(TrialFields):
    """A response stamped in its input handler: time from the presented onset, and how it was given."""

    rt_ns: int = Field(ge=0)  # from the trial's presented onset (its trial_started t_ns) to the response
    input: InputKind
    key: str = Field(min_length=1)  # Qt's key name ("1", "Space") or the mouse button ("left")
    qt_event_ms: int | None = None  # Qt's own event timestamp (ms, platform origin), None when absent


class ResumedFields(GameResumedFields):
    """The fields every `<ns>.game_resumed` of a trial game has (games.core.GameResumedFields)."""

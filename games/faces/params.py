"""Parameters of the emotion-faces game: forced-choice identification at graded intensities, then faces in context.

Identification: every emotion at every intensity `repeats` times, in a seeded random order; the candidate
names the emotion (forced choice among `emotions`). Graded intensities of the same expressions follow
the Emotion Recognition Task of Montagne, Kessels, De Haan & Perrett (2007), which morphs neutral faces
toward full expressions in steps; the defaults here (20-100 % in steps of 20, twice each) are this
station's shorter choice. Context: `context_trials` faces at `context_intensity` % shown under a one-line
situation (pymetrics-style faces in context); the face and the situation always agree.
`stimulus_dir` replaces the schematic faces with a folder of images and a labels.csv (games/faces/stimuli.py).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from games.faces.stimuli import EMOTIONS

__all__ = ["FacesParams"]


class FacesParams(BaseModel):
    """How an emotion-faces game is played."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    emotions: tuple[str, ...] = Field(default=EMOTIONS, min_length=2, max_length=6)
    intensities: tuple[int, ...] = Field(default=(20, 40, 60, 80, 100), min_length=1, max_length=10)
    repeats: int = Field(default=2, ge=1, le=10)
    context_trials: int = Field(default=8, ge=0, le=40)
    context_intensity: int = Field(default=40, ge=0, le=100)
    stimulus_dir: str | None = Field(default=None, min_length=1)
    iti_ms: int = Field(default=500, ge=0, le=10_000)

    @field_validator("emotions")
    @classmethod
    def _distinct(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(value)) != len(value) or not all(v.isalpha() and v.islower() for v in value):
            raise ValueError(f"emotions must be distinct lower-case words, got {list(value)}")
        return value

    @field_validator("intensities")
    @classmethod
    def _percent(cls, value: tuple[int, ...]) -> tuple[int, ...]:
        if any(not 0 < v <= 100 for v in value) or len(set(value)) != len(value):
            raise ValueError(f"intensities must be distinct percentages 1..100, got {list(value)}")
        return tuple(sorted(value))

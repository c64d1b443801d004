"""Parameters of the decision game: which scenarios, their order, idle threshold and reasoning debounce."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from games.decision.scenarios import load_scenarios

__all__ = ["DecisionParams"]


class DecisionParams(BaseModel):
    """What the station may tune; the content of each task lives in its scenario file.

    - `scenarios`: "all" (every shipped scenario) or a list of scenario ids (on the command line also
      "a,b,c"), shown in that order when `order` is "fixed".
    - `order`: "fixed" (file-name order, or the order listed) or "shuffle" (a shuffle by the game's seed).
    - `idle_threshold_ms`: no input for this long during a task counts as an idle spell. Default 5000 ms,
      the IDLE_THRESHOLD_MS of seed 004 (section 7.1, "active interaction time").
    - `reasoning_debounce_ms`: typing must pause this long before a `reasoning_updated` (counts only) is
      recorded. No literature value: 1000 ms is an engineering choice, long enough that a typing burst
      gives one event, short enough to show the rhythm of writing.
    - `soft_limit_factor`: each scenario's suggested time (`soft_time_limit_s`) is multiplied by this (rounded to
      whole seconds); above 1 only under an extended-time accommodation (docs/ACCOMMODATIONS.md).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    scenarios: Literal["all"] | tuple[str, ...] = "all"
    order: Literal["fixed", "shuffle"] = "fixed"
    idle_threshold_ms: int = Field(default=5000, ge=100, le=600_000)
    reasoning_debounce_ms: int = Field(default=1000, ge=10, le=60_000)
    soft_limit_factor: float = Field(default=1.0, ge=1.0, le=4.0)

    @field_validator("scenarios", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if isinstance(value, str) and value != "all":
            value = [part.strip() for part in value.split(",") if part.strip()]
        if isinstance(value, list | tuple):
            if not value:
                raise ValueError("name at least one scenario id, or 'all'")
            if len(set(value)) != len(value):
                raise ValueError("scenario ids must not repeat")
        return value

    @field_validator("scenarios")
    @classmethod
    def _known(cls, value: Literal["all"] | tuple[str, ...]) -> Literal["all"] | tuple[str, ...]:
        if value == "all":
            return value
        known = {scenario.id for scenario in load_scenarios()}
        missing = [sid for sid in value if sid not in known]
        if missing:
            raise ValueError(f"unknown scenario id(s) {', '.join(missing)}; known: {', '.join(sorted(known))}")
        return value

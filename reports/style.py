"""Colours, text fitting and axis ticks shared by every chart (one palette for HTML, SVG and PDF)."""

from __future__ import annotations

import math

__all__ = ["CANDIDATE", "INK", "fit", "nice_ticks"]

INK = "#1f2933"
MUTED = "#5f6b7a"
GRID = "#dfe4ea"
TRACK = "#e6e9ee"
BRAND = "#0b6e79"
STYLE = "#5b4b9a"
ABILITY = "#1e7a4a"
ABILITY_STEPS = ("#eef6f0", "#d5ebdc", "#b9dec6", "#9acfae", "#7cc096")
TARGET = "#2e9e5b"
BURST = "#cf3e3e"
COLLECT = "#2f7f93"
AVERAGE = "#e08600"
EARLY = "#ef8a3c"
LAPSE = "#f2c94c"
WARN = "#b7791f"
CANDIDATE = ("#0b6e79", "#c2410c", "#6d28d9", "#4d7c0f")
"""Marker colours of candidates A-D in a comparison."""

CHAR_EM = 0.6
"""Average advance of a DejaVu Sans character in ems; text is cut with an ellipsis to stay inside its column."""


def fit(text: str, size: float, width: float) -> str:
    """The text, cut with an ellipsis when it would run past `width` at font size `size`."""
    room = int(width / (size * CHAR_EM))
    return text if len(text) <= room else text[: max(1, room - 1)].rstrip() + "…"


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least `top` (1, 2 or 5 times a power of ten apart)."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    n = math.ceil(top / step - 1e-9)
    return [i * step for i in range(n + 1)]

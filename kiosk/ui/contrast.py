"""WCAG 2.2 colour contrast: relative luminance and contrast ratio of two sRGB colours written as #rrggbb.

Formulas from the definitions "relative luminance" and "contrast ratio" of WCAG 2.2
(W3C Recommendation, 5 October 2023, https://www.w3.org/TR/WCAG22/#dfn-relative-luminance and #dfn-contrast-ratio):
each 8-bit channel C is scaled to C/255; it is C/12.92 when C <= 0.04045, else ((C + 0.055) / 1.055) ** 2.4;
L = 0.2126 R + 0.7152 G + 0.0722 B; the ratio is (L1 + 0.05) / (L2 + 0.05) with L1 the lighter colour.
Level AA asks 4.5:1 for text (SC 1.4.3) and 3:1 for user-interface components and focus indicators (SC 1.4.11).
"""

from __future__ import annotations

import re

__all__ = ["TEXT_AA", "UI_AA", "contrast_ratio", "relative_luminance"]

TEXT_AA = 4.5
"""WCAG 2.2 SC 1.4.3 Contrast (Minimum), level AA, for text below the large-text size."""
UI_AA = 3.0
"""WCAG 2.2 SC 1.4.11 Non-text Contrast, level AA: component boundaries, states and focus indicators."""

_HEX = re.compile(r"^#([0-9a-fA-F]{6})$")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The WCAG relative luminance (0 black .. 1 white) of a #rrggbb colour; ValueError names a malformed one."""
    match = _HEX.match(colour)
    if match is None:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    digits = match.group(1)
    red, green, blue = (_channel(int(digits[i:i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours, 1 (same) .. 21 (black on white), in either order."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)

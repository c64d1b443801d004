"""The games' look: the type scale and the theme colours the games paint with (standard and high contrast), Qt-free.

The station sets it (kiosk.ui.appearance.set_current); a game reads `current()` when it paints, and games.widgets
repaints every game view when it changes. Only text grows with the scale: stimulus geometry never reads it
(docs/ACCOMMODATIONS.md, "What grows and what stays").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

__all__ = ["GAME_HIGH_CONTRAST", "GAME_STANDARD", "TEXT_PAIRS", "UI_PAIRS", "GameLook", "GamePalette", "current",
           "set_current", "subscribe"]


@dataclass(frozen=True)
class GamePalette:
    """The named colours (#rrggbb) games draw with. `cue_*` are the colour-coded stimuli; each carries a shape or
    symbol too (games.widgets.MARKS), so colour is never the only cue."""

    name: str
    background: str  # behind the stimuli
    panel: str  # cards, boxes, side panels
    text: str
    muted: str  # hints and captions
    good: str  # text: a win, a match
    bad: str  # text: a loss
    outline: str  # a stimulus's outline: boxes, cards, pegs, bars
    fixation: str
    focus: str  # the keyboard focus ring (the game view, the card or box the keys are on)
    button_bg: str
    button_text: str
    button_border: str
    button_pressed: str
    disabled_text: str
    disabled_bg: str
    mark_ink: str  # the symbols on colour-coded stimuli (draw_mark): ink on a halo
    mark_halo: str
    on_cue: str  # text on a colour-coded fill (a deck's letter)
    card_back: str
    cue_blue: str
    cue_orange: str
    cue_green: str
    cue_red: str
    cue_teal: str
    cue_purple: str
    cue_yellow: str
    cue_pink: str
    cue_grey: str
    cue_brown: str

    def colours(self) -> dict[str, str]:
        """Every named colour."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "name"}


_TABLE = {  # role: (standard, high contrast)
    "background": ("#f4f6f8", "#000000"), "panel": ("#ffffff", "#000000"),
    "text": ("#2e3440", "#ffffff"), "muted": ("#5b6775", "#e0e0e0"),
    "good": ("#2e7051", "#7ee2a8"), "bad": ("#a4262c", "#ff9c9c"),
    "outline": ("#a7afb9", "#ffffff"), "fixation": ("#8a8f98", "#ffffff"),
    "focus": ("#e0a100", "#ffdd00"), "button_bg": ("#e3e7ec", "#000000"),
    "button_text": ("#2e3440", "#ffffff"), "button_border": ("#a7afb9", "#ffffff"),
    "button_pressed": ("#cdd5de", "#333333"), "disabled_text": ("#5b6775", "#a6a6a6"),
    "disabled_bg": ("#eef0f3", "#000000"), "mark_ink": ("#1f2a36", "#000000"),
    "mark_halo": ("#ffffff", "#ffffff"), "on_cue": ("#ffffff", "#000000"),
    "card_back": ("#5b7a99", "#3f7fbf"), "cue_blue": ("#2f6db5", "#6cb4ff"),
    "cue_orange": ("#c46a1a", "#ffa040"), "cue_green": ("#3c8d6e", "#4cd98a"),
    "cue_red": ("#c0392b", "#ff6b6b"), "cue_teal": ("#2f7f8c", "#3fd6d6"),
    "cue_purple": ("#8e44ad", "#c9a0ff"), "cue_yellow": ("#b7950b", "#ffe14d"),
    "cue_pink": ("#c2185b", "#ff8cc6"), "cue_grey": ("#5d6d7e", "#bdbdbd"),
    "cue_brown": ("#b8a58a", "#d9b98c"),
}

GAME_STANDARD = GamePalette("standard", **{role: pair[0] for role, pair in _TABLE.items()})
"""The calm look every game had before themes (a game may keep its own shade of a cue: games.widgets.GameColours)."""

GAME_HIGH_CONTRAST = GamePalette("high_contrast", **{role: pair[1] for role, pair in _TABLE.items()})
"""White on black like the station's high-contrast theme; bright cues (3:1 and more on black), black symbols on a
white halo, a yellow focus ring."""

TEXT_PAIRS = (("text", "background"), ("text", "panel"), ("muted", "background"), ("muted", "panel"),
              ("good", "background"), ("good", "panel"), ("bad", "background"), ("bad", "panel"),
              ("button_text", "button_bg"), ("button_text", "button_pressed"), ("mark_ink", "mark_halo"))
"""(text, its background) pairs games draw: WCAG 2.2 SC 1.4.3 asks 4.5:1 (tests/games/test_game_look.py)."""

CUES = ("cue_blue", "cue_orange", "cue_green", "cue_red", "cue_teal", "cue_purple", "cue_yellow", "cue_pink",
        "cue_grey", "cue_brown", "card_back")
UI_PAIRS = (("outline", "background"), ("outline", "panel"), ("fixation", "background"), ("focus", "background"),
            ("focus", "panel"), ("focus", "card_back"), ("button_border", "background"),
            *((cue, "background") for cue in CUES), *(("on_cue", cue) for cue in CUES))
"""(graphic, what it is drawn on) pairs: stimuli, outlines and the focus ring, 3:1 (SC 1.4.11) in high contrast;
a cue's letter (on_cue) is held to 3:1 as large bold text (SC 1.4.3's large-text level)."""


@dataclass(frozen=True)
class GameLook:
    """A type scale (1.0-2.0, the station's) and a theme."""

    scale: float = 1.0
    high_contrast: bool = False

    @property
    def palette(self) -> GamePalette:
        """The colours in force."""
        return GAME_HIGH_CONTRAST if self.high_contrast else GAME_STANDARD

    def pt(self, points: float) -> float:
        """A text size at this scale (stimulus sizes never go through here)."""
        return points * self.scale


_current = GameLook()
_listeners: list[Callable[[GameLook], None]] = []


def current() -> GameLook:
    """The look games paint with now."""
    return _current


def set_current(look: GameLook) -> None:
    """Paint games at `look` from now on; every subscriber hears of a change."""
    global _current
    if look == _current:
        return
    _current = look
    for listener in list(_listeners):
        listener(look)


def subscribe(listener: Callable[[GameLook], None]) -> None:
    """Call `listener` with the new look at every change (games.widgets repaints the game views)."""
    if listener not in _listeners:
        _listeners.append(listener)

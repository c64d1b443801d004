"""The station's look in one place: a theme (standard or high contrast) and a type scale (100-200 %), turned into the
style sheets of the window, its pages, the game page and the proctor panel; `apply_appearance` switches them live.

Every colour a sheet uses comes from the Theme's named colours, and every font size is multiplied by the scale;
tests/kiosk/ui/test_appearance_contrast.py checks each colour pair of each sheet against WCAG 2.2 AA.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from games import look as game_look

__all__ = ["HIGH_CONTRAST", "MAX_SCALE", "MIN_SCALE", "SCALE_STEP", "STANDARD", "Appearance", "Theme",
           "current", "game_page_sheet", "panel_sheet", "parse_appearance", "set_current", "station_sheet",
           "window_sheet"]

MIN_SCALE, MAX_SCALE, SCALE_STEP = 1.0, 2.0, 0.25
"""Type scale bounds and the step of Ctrl+plus / Ctrl+minus (and of the proctor's setting)."""


@dataclass(frozen=True)
class Theme:
    """The named colours (#rrggbb) of a station theme; `disabled_border_style` is the line of a disabled control."""

    name: str
    page: str  # the page behind everything
    text: str  # body text and control labels
    quiet: str  # hints and headers
    error: str  # error lines
    notice_text: str
    notice_bg: str
    problem_bg: str  # the station's problem line (error text on it)
    control_bg: str  # buttons and fields
    control_hover: str
    border: str  # the boundary of buttons and fields
    primary_text: str
    primary_bg: str
    primary_border: str
    focus_text: str
    focus_bg: str  # the fill of a focused button
    focus_ring: str  # the 4 px ring of every focused control
    field_focus_bg: str
    field_focus_text: str
    disabled_text: str
    disabled_bg: str
    disabled_border: str
    selection_text: str
    selection_bg: str
    disabled_border_style: str = "solid"

    def colours(self) -> dict[str, str]:
        """Every named colour of the theme."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name).startswith("#")}


STANDARD = Theme(
    name="standard", page="#f4f6f8", text="#1f2a36", quiet="#5b6775", error="#a4262c", notice_text="#7a4b00",
    notice_bg="#fff4ce", problem_bg="#fde7e9", control_bg="#ffffff", control_hover="#eef3f8", border="#75808c",
    primary_text="#ffffff", primary_bg="#2b6cb0", primary_border="#2b6cb0", focus_text="#0b0c0c", focus_bg="#ffdd00",
    focus_ring="#0b0c0c", field_focus_bg="#fffbd6", field_focus_text="#1f2a36", disabled_text="#5b6775",
    disabled_bg="#e6e9ed",
    disabled_border="#8c97a3", selection_text="#ffffff", selection_bg="#1d70b8",
)
"""The calm everyday look (light page, dark text, a yellow fill and a near-black ring on the focused control)."""

HIGH_CONTRAST = Theme(
    name="high_contrast", page="#000000", text="#ffffff", quiet="#ffffff", error="#ff9c9c", notice_text="#000000",
    notice_bg="#ffe14d", problem_bg="#3a0000", control_bg="#000000", control_hover="#262626", border="#767676",
    primary_text="#ffffff", primary_bg="#003a75", primary_border="#8cc8ff", focus_text="#000000", focus_bg="#ffdd00",
    focus_ring="#ffdd00", field_focus_bg="#ffdd00", field_focus_text="#000000", disabled_text="#a6a6a6",
    disabled_bg="#000000",
    disabled_border="#8c8c8c", selection_text="#000000", selection_bg="#8cc8ff", disabled_border_style="dashed",
)
"""White on black, grey control borders; a focused control gets a yellow ring (and a button or field a yellow fill
with black text); primary buttons a light-blue border; disabled ones a dashed border."""


@dataclass(frozen=True)
class Appearance:
    """A type scale (1.0-2.0) and a theme; ValueError says what is wrong with a scale out of range."""

    scale: float = 1.0
    high_contrast: bool = False

    def __post_init__(self) -> None:
        if not MIN_SCALE <= self.scale <= MAX_SCALE:
            raise ValueError(f"type scale {self.scale:g} is outside {MIN_SCALE:g}-{MAX_SCALE:g} (100 %-200 %)")

    @property
    def theme(self) -> Theme:
        """The theme in force."""
        return HIGH_CONTRAST if self.high_contrast else STANDARD

    def stepped(self, steps: int) -> Appearance:
        """The same theme, `steps` scale steps bigger (negative: smaller), kept within 100-200 %; 0 resets to 100 %."""
        scale = 1.0 if steps == 0 else min(MAX_SCALE, max(MIN_SCALE, self.scale + steps * SCALE_STEP))
        return Appearance(scale, self.high_contrast)

    def setting(self) -> str:
        """The station setting's text, e.g. "scale=1.5;contrast=high"."""
        return f"scale={self.scale:g};contrast={'high' if self.high_contrast else 'standard'}"


def parse_appearance(text: str | None) -> Appearance:
    """An Appearance from its setting text (None or "": the standard one); ValueError names what is wrong."""
    if not text:
        return Appearance()
    parts = dict(part.split("=", 1) for part in text.split(";") if "=" in part)
    try:
        scale = float(parts.get("scale", "1"))
    except ValueError:
        raise ValueError(f"appearance setting {text!r}: scale is not a number") from None
    contrast = parts.get("contrast", "standard")
    if contrast not in ("standard", "high"):
        raise ValueError(f"appearance setting {text!r}: contrast must be standard or high")
    return Appearance(scale, contrast == "high")


_current = Appearance()


def current() -> Appearance:
    """The appearance the station shows now (new pages and windows take it)."""
    return _current


HEADING_GROWTH = 0.5
"""Headings (34 pt at 100 %) grow by half as much as the rest: 51 pt at 200 %, still the largest text on a page,
where 68 pt would leave no room for what a candidate reads on a 1024x768 screen."""


def _pt(look: Appearance, points: float) -> str:
    return f"{round(points * look.scale)}pt"


def _heading_pt(look: Appearance, points: float) -> str:
    return f"{round(points * (1 + (look.scale - 1) * HEADING_GROWTH))}pt"


def window_sheet(look: Appearance | None = None) -> str:
    """The window itself (the page colour behind every page)."""
    t = (look or _current).theme
    return f"QWidget#stationRoot, QStackedWidget {{ background: {t.page}; }}"


def station_sheet(look: Appearance | None = None) -> str:
    """Every station page (not a game): labels, buttons, fields and texts, their focus and disabled looks."""
    a = look or _current
    t = a.theme

    def s(points: float) -> str:
        return _pt(a, points)

    return f"""
QWidget#stationRoot, QStackedWidget {{ background: {t.page}; }}
QLabel {{ color: {t.text}; font-size: {s(22)}; }}
QLabel[role="title"] {{ font-size: {_heading_pt(a, 34)}; font-weight: 600; }}
QScrollArea#pageScroll, QWidget#pageScrollContent {{ background: transparent; border: none; }}
QLabel[role="hint"] {{ color: {t.quiet}; font-size: {s(16)}; }}
QLabel[role="error"] {{ color: {t.error}; font-size: {s(20)}; }}
QLabel[role="notice"] {{ color: {t.notice_text}; background: {t.notice_bg}; border-radius: 8px; padding: 10px;
                        font-size: {s(16)}; }}
QLabel[role="small"] {{ font-size: {s(14)}; }}
QLabel#stationProblem {{ color: {t.error}; background: {t.problem_bg}; font-size: {s(16)}; padding: 8px; }}
QPushButton {{ font-size: {s(20)}; padding: 10px 30px; border-radius: 10px; background: {t.control_bg};
              border: 4px solid {t.border}; color: {t.text}; min-width: 180px; }}
QPushButton:hover {{ background: {t.control_hover}; color: {t.text}; }}
QPushButton[role="primary"] {{ background: {t.primary_bg}; color: {t.primary_text};
                              border: 4px solid {t.primary_border}; }}
QPushButton:focus, QPushButton[role="primary"]:focus {{ background: {t.focus_bg}; color: {t.focus_text};
                                                       border: 4px solid {t.focus_ring}; }}
QPushButton:disabled {{ color: {t.disabled_text}; background: {t.disabled_bg};
                       border: 4px {t.disabled_border_style} {t.disabled_border}; }}
QPushButton#callProctorButton {{ font-size: {s(14)}; padding: 4px 16px; min-width: 0; border-width: 2px; }}
QPushButton#callProctorButton:focus {{ border-width: 4px; }}
QLineEdit {{ font-size: {s(26)}; padding: 8px; border: 2px solid {t.border}; border-radius: 8px;
            background: {t.control_bg}; color: {t.text}; }}
QLineEdit:focus {{ border: 4px solid {t.focus_ring}; background: {t.field_focus_bg}; color: {t.field_focus_text}; }}
QTextBrowser {{ font-size: {s(17)}; background: {t.control_bg}; color: {t.text}; border: 2px solid {t.border};
               border-radius: 8px; padding: 12px; }}
QTextBrowser:focus {{ border: 4px solid {t.focus_ring}; }}
QScrollBar {{ background: {t.page}; width: 16px; }}
QScrollBar::handle {{ background: {t.border}; min-height: 40px; border-radius: 4px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ height: 0px; width: 0px; border: none; }}
"""


def game_page_sheet(look: Appearance | None = None) -> str:
    """The game page: only its header and "Call the proctor" (the game view itself takes games.look, set with the
    current appearance)."""
    a = look or _current
    t = a.theme
    return f"""
QLabel#gameHeader, QLabel#proctorCalledNote {{ color: {t.quiet}; font-size: {_pt(a, 14)}; }}
QPushButton#callProctorButton {{ font-size: {_pt(a, 14)}; padding: 4px 16px; border-radius: 10px;
                                background: {t.control_bg}; border: 2px solid {t.border}; color: {t.text}; }}
QPushButton#callProctorButton:focus {{ background: {t.focus_bg}; color: {t.focus_text};
                                      border: 4px solid {t.focus_ring}; }}
"""


PANEL_MAX_SCALE = MAX_SCALE
"""The proctor panel's type grows with the scale all the way to 200 % (13 pt at 100 %, 26 pt at 200 %): its rows
wrap or stack and its tabs scroll, so nothing is cut off on a 1024x768 screen (kiosk.ui.screens.panel)."""


def panel_sheet(look: Appearance | None = None) -> str:
    """The proctor panel on top of the station sheet: denser type, tables, tabs, check boxes, spin and combo boxes."""
    a = look or _current
    t, s = a.theme, _pt(Appearance(min(a.scale, PANEL_MAX_SCALE), a.high_contrast), 13)
    box = f"{round(13 * min(a.scale, PANEL_MAX_SCALE))}px"  # a check box's square grows with the type
    p = "QWidget#proctorPanel"
    return f"""
{p} QLabel, {p} QGroupBox, {p} QLineEdit, {p} QComboBox, {p} QSpinBox, {p} QTableWidget, {p} QPlainTextEdit,
{p} QCheckBox, {p} QTabBar, {p} QHeaderView {{ font-size: {s}; }}
{p} QLabel#panelHeading {{ font-size: {_heading_pt(a, 22)}; font-weight: 600; }}
{p} QCheckBox::indicator {{ width: {box}; height: {box}; border: 2px solid {t.border}; background: {t.control_bg}; }}
{p} QCheckBox::indicator:checked {{ border: 2px solid {t.text}; background: {t.selection_bg}; }}
{p} QGroupBox, {p} QCheckBox, {p} QTabBar::tab {{ color: {t.text}; background: {t.page}; }}
{p} QGroupBox {{ font-weight: 600; }}
{p} QScrollArea#panelTabScroll, {p} QWidget#panelTabContent {{ background: transparent; border: none; }}
{p} QPushButton {{ font-size: {s}; padding: 6px 12px; min-width: 70px; border-width: 2px; }}
{p} QPushButton:focus {{ border-width: 3px; }}
{p} QLineEdit {{ padding: 4px; border-width: 1px; }}
{p} QComboBox, {p} QSpinBox, {p} QTableWidget, {p} QPlainTextEdit {{ color: {t.text}; background: {t.control_bg};
    border: 1px solid {t.border}; selection-color: {t.selection_text}; selection-background-color: {t.selection_bg}; }}
{p} QHeaderView::section {{ color: {t.text}; background: {t.page}; border: 1px solid {t.border}; }}
{p} QLineEdit:focus, {p} QSpinBox:focus, {p} QComboBox:focus, {p} QTableWidget:focus, {p} QPlainTextEdit:focus,
{p} QCheckBox:focus {{ border: 3px solid {t.focus_ring}; }}
{p} QTabBar::tab:selected {{ color: {t.text}; background: {t.control_bg}; border: 2px solid {t.border}; }}
{p} QTabBar::tab:focus {{ background: {t.focus_bg}; color: {t.focus_text}; border: 2px solid {t.focus_ring}; }}
"""


def set_current(look: Appearance) -> None:
    """The appearance new pages and windows take from now on (kiosk.ui.station_frame.apply_appearance also restyles
    what is on screen), and the look the games paint with (games.look: every game view repaints at once)."""
    global _current
    _current = look
    game_look.set_current(game_look.GameLook(look.scale, look.high_contrast))  # the games repaint in it

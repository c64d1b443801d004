"""Qt widgets of the decision game: option cards (hover, focus, pick), the Continue button and the look."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QEnterEvent, QFocusEvent, QFont, QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from games.look import GameLook, current
from games.widgets import game_sheet, scale_fonts, set_base_font
from i18n import _, ngettext

__all__ = ["MIN_SCALE", "STYLE", "ActivityWatch", "ContinueButton", "KeyRoute", "OptionCard", "about",
           "add_shortcuts", "fit_fonts", "fit_to_height", "font", "font_for", "footer", "forward_key", "header_row",
           "key_hint", "label", "reasoning_box", "reasoning_prompt", "route_key", "situation", "style", "tab_target"]

Via = Literal["hover", "focus"]
ViewHook = Callable[[str, Via, int], None]  # (option_id, via, perf_ns)
PickHook = Callable[[str, int, int | None], None]  # (option_id, perf_ns, qt_event_ms)
MoveHook = Callable[["OptionCard", int], None]  # (card, +1 / -1)

INK, MUTED, ACCENT = "text", "muted", "accent"
"""A label's ink (the view's sheet colours it in the current palette)."""


def style(look: GameLook | None = None) -> str:
    """The decision game's sheet in `look` (games.look): option cards, the text box, Continue and their focus."""
    look = look or current()
    p = look.palette
    if look.high_contrast:  # like the station's high-contrast pages: a yellow ring and fill on the focused control
        card, hover, chosen, chosen_bg, edge = p.panel, "#262626", "#8cc8ff", "#003a75", "#767676"
        button, button_text, button_edge, focus = "#003a75", p.text, "2px solid #8cc8ff", p.focus
        off, off_text, off_edge = p.disabled_bg, p.disabled_text, f"2px dashed {edge}"
        focus_button = f"background: {p.focus}; color: #000000; border: 3px solid {p.focus};"
    else:  # the game's calm look as it always was
        card, hover, chosen, chosen_bg, edge = "#ffffff", "#f0f5f8", "#2f6f9f", "#e6f0f7", "#d5dde2"
        button, button_text, button_edge, focus = "#2f6f9f", "white", "none", "#1d4f75"
        off, off_text, off_edge = "#b8c6cf", "#eef2f4", "none"
        focus_button = f"border: 3px solid {focus};"
    return game_sheet(look) + f"""
QLabel {{ color: {p.text}; }}
QLabel[ink="muted"] {{ color: {p.muted}; }}
QLabel[ink="accent"] {{ color: {chosen}; }}
OptionCard {{ background: {card}; border: 2px solid {edge}; border-radius: 14px; }}
OptionCard[hovered="true"] {{ background: {hover}; }}
OptionCard[selected="true"] {{ background: {chosen_bg}; border: 3px solid {chosen}; }}
OptionCard:focus {{ border: 3px dashed {chosen if not look.high_contrast else focus}; }}
OptionCard[selected="true"]:focus {{ border: 4px solid {focus}; }}
QPlainTextEdit {{ background: {card}; color: {p.text}; border: 2px solid {edge}; border-radius: 10px;
                  padding: 8px; }}
QPlainTextEdit:focus {{ border: 3px solid {chosen if not look.high_contrast else focus}; }}
QPushButton {{ background: {button}; color: {button_text}; border: {button_edge}; border-radius: 12px;
               padding: 12px 36px; }}
QPushButton:disabled {{ background: {off}; color: {off_text}; border: {off_edge}; }}
QPushButton:focus {{ {focus_button} }}
"""


STYLE = style(GameLook())
"""The sheet in the standard look (the view takes the current look when it is shown)."""


class ActivityWatch(QObject):
    """An application-wide event filter, while started, handing every event to a callback (the idle clock)."""

    def __init__(self, seen: Callable[[QObject, QEvent], None]) -> None:
        super().__init__()
        self._seen = seen
        self._on = False

    def start(self) -> None:
        """Watch the application's events."""
        app = QApplication.instance()
        if app is not None and not self._on:
            app.installEventFilter(self)
            self._on = True

    def stop(self) -> None:
        """Stop watching."""
        app = QApplication.instance()
        if app is not None and self._on:
            app.removeEventFilter(self)
            self._on = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Hand the event on; never consume it."""
        self._seen(watched, event)
        return False


def about(seconds: int) -> str:
    """A suggested time in words: "about 45 seconds", "about 2 minutes"."""
    if seconds < 90:
        return _("about {seconds} seconds").format(seconds=seconds)
    minutes = round(seconds / 60)
    return ngettext("about {minutes} minute", "about {minutes} minutes", minutes).format(minutes=minutes)


@dataclass(frozen=True)
class KeyRoute:
    """What a key press that reached the page does: pick option `index`, focus card `index`, type, or nothing."""

    action: Literal["pick", "focus", "type", "ignore"]
    index: int = 0


COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | \
    Qt.KeyboardModifier.MetaModifier


def route_key(event: QKeyEvent, cards: int, typing: bool) -> KeyRoute:
    """Route a key no card or text box took. `typing`: the text box has the focus (its keys never pick)."""
    key = event.key()
    if typing or not cards:
        return KeyRoute("ignore")
    if Qt.Key.Key_1 <= key <= Qt.Key.Key_9 and key - Qt.Key.Key_1 < cards:
        return KeyRoute("pick", key - Qt.Key.Key_1)
    if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
        return KeyRoute("focus", 0 if key == Qt.Key.Key_Down else cards - 1)
    text = event.text()
    if text.isprintable() and text.strip() and not text.isdigit() and not event.modifiers() & COMMAND_MODIFIERS:
        return KeyRoute("type")
    return KeyRoute("ignore")


def forward_key(event: QKeyEvent, target: QWidget) -> None:
    """Give a key press to another widget (the letter typed on a card goes into the text box)."""
    copy = QKeyEvent(QEvent.Type.KeyPress, event.key(), event.modifiers(), event.text(), event.isAutoRepeat())
    QApplication.sendEvent(target, copy)


def tab_target(focused: QWidget | None, ring: Sequence[QWidget], forward: bool) -> QWidget:
    """Where Tab (forward) or Shift+Tab goes: round the ring, or to its first widget from outside it."""
    if focused is None or focused not in ring:
        return ring[0]
    return ring[(list(ring).index(focused) + (1 if forward else -1)) % len(ring)]


def fit_fonts(root: QWidget, scale: float) -> None:
    """Set every font under `root` to its base size (label(), font_for()) times the type scale times `scale`."""
    scale_fonts(root, scale)


MIN_SCALE = 0.7  # the smallest type a view shrinks to (18 pt option text at 12.6 pt)


def fit_to_height(view: QWidget, min_scale: float = MIN_SCALE) -> None:
    """Shrink the type under `view` (to no less than min_scale of its size) until its layout fits the view's
    height: a 1024x768 screen shows the longest task whole, a larger one at full size."""
    layout = view.layout()
    scale = 1.0
    while True:
        fit_fonts(view, scale)
        if layout is not None:
            layout.invalidate()
        need = layout.heightForWidth(view.width()) if layout is not None else -1
        if need <= view.height() or scale <= min_scale:
            return
        scale = round(scale - 0.05, 2)


def situation(index: int, total: int) -> str:
    """Where the candidate is: "Situation 2 of 6"."""
    return _("Situation {number} of {total}").format(number=index + 1, total=total)


def reasoning_prompt(required: bool, need: int) -> str:
    """The question above the text box, with the length it needs."""
    if required:
        return _("Why did you choose it? (at least {need} characters)").format(need=need)
    return _("Why did you choose it? (optional)")


def key_hint(options: int) -> str:
    """The keys that work on a task with this many options."""
    return _("Keys: 1–{options} or ↑ ↓ and Enter to choose  ·  Tab to the text box  ·  Ctrl+Enter to continue"
             ).format(options=options)


def font_for(widget: QWidget, points: int) -> None:
    """Give a widget the game's font at `points` (scaled with the others by fit_fonts)."""
    set_base_font(widget, points)


def font(points: int) -> QFont:
    """The game's font at a size in points."""
    chosen = QFont()
    chosen.setPointSize(points)
    return chosen


def reasoning_box() -> QPlainTextEdit:
    """The text box for the candidate's reasoning (Tab leaves it: it never types a tab)."""
    box = QPlainTextEdit()
    box.setObjectName("reasoning")
    font_for(box, 16)
    box.setFixedHeight(84)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(_("Write a sentence or two about your choice…"))
    return box


def label(text: str, points: int, colour: str = INK, bold: bool = False, wrap: bool = True) -> QLabel:
    """A plain text label in the game's type scale."""
    widget = QLabel(text)
    set_base_font(widget, points, bold)  # fit_fonts scales from it
    widget.setWordWrap(wrap)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setProperty("ink", colour)  # "text", "muted" or "accent": coloured by style()
    return widget


class OptionCard(QFrame):
    """One option: hover and keyboard focus count as viewing it; click, Enter or Space picks it."""

    def __init__(self, option_id: str, number: int, text: str, on_view_begin: ViewHook, on_view_end: ViewHook,
                 on_pick: PickHook, on_move: MoveHook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.option_id = option_id
        self.number = number
        self._begin, self._end, self._pick, self._move = on_view_begin, on_view_end, on_pick, on_move
        self.hovering = False
        self.focused = False
        self.setObjectName(f"option_{option_id}")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)  # wrapped option text needs more lines on a narrow screen: never cut it
        self.setSizePolicy(policy)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(_("Option {number}: {text}").format(number=number, text=text))
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 8, 18, 8)
        row.setSpacing(16)
        self.badge = label(str(number), 18, ACCENT, bold=True, wrap=False)
        self.badge.setFixedWidth(28)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text_label = label(text, 18)
        row.addWidget(self.badge)
        row.addWidget(self.text_label, 1)
        self.set_selected(False)

    def set_selected(self, selected: bool) -> None:
        """Show (or clear) the selected look."""
        self.setProperty("selected", "true" if selected else "false")
        self.badge.setText("✓" if selected else str(self.number))
        self._restyle()

    def _restyle(self) -> None:
        self.style().unpolish(self)
        self.style().polish(self)

    def enterEvent(self, event: QEnterEvent) -> None:
        """The pointer came onto the card: a hover view begins."""
        t = time.perf_counter_ns()
        self.hovering = True
        self.setProperty("hovered", "true")
        self._restyle()
        self._begin(self.option_id, "hover", t)
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        """The pointer left the card: the hover view ends."""
        t = time.perf_counter_ns()
        if self.hovering:
            self.hovering = False
            self.setProperty("hovered", "false")
            self._restyle()
            self._end(self.option_id, "hover", t)
        super().leaveEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Keyboard focus came to the card: a focus view begins (focus taken by a mouse click is not one)."""
        t = time.perf_counter_ns()
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            self.focused = True
            self._begin(self.option_id, "focus", t)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Keyboard focus left the card: the focus view ends."""
        t = time.perf_counter_ns()
        if self.focused:
            self.focused = False
            self._end(self.option_id, "focus", t)
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """The press is the card's (the pick comes on release), so it is not logged as a click on nothing."""
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click (released on the card) picks the option."""
        t = time.perf_counter_ns()
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self._pick(self.option_id, t, int(event.timestamp()))
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter or Space picks; Up and Down move between cards; other keys go to the view."""
        t = time.perf_counter_ns()
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._pick(self.option_id, t, int(event.timestamp()))
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move(self, 1 if key == Qt.Key.Key_Down else -1)
        else:
            super().keyPressEvent(event)


class ContinueButton(QPushButton):
    """The big Continue button; Enter on it works like Space or a click."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter clicks the focused button."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.isEnabled():
            self.click()
            return
        super().keyPressEvent(event)


def footer(key_hint: str, on_continue: Callable[[], None]) -> tuple[QHBoxLayout, QLabel, QLabel, ContinueButton]:
    """The footer row: the hint and key-hint lines, and the Continue button (row, hint, key hint, button)."""
    row = QHBoxLayout()
    hints = QVBoxLayout()
    hints.setSpacing(2)
    hint, keys = label("", 16, MUTED), label(key_hint, 12, MUTED)
    hints.addWidget(hint)
    hints.addWidget(keys)
    button = ContinueButton(_("Continue"))
    button.setObjectName("continue")
    font_for(button, 20)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.clicked.connect(on_continue)
    row.addLayout(hints, 1)
    row.addWidget(button)
    return row, hint, keys, button


def header_row() -> tuple[QHBoxLayout, QLabel, QLabel]:
    """The header row: progress on the left, the suggested time on the right (row, progress, time)."""
    row = QHBoxLayout()
    progress, limit = label("", 14, MUTED, wrap=False), label("", 14, MUTED, wrap=False)
    row.addWidget(progress)
    row.addStretch(1)
    row.addWidget(limit)
    return row, progress, limit


def add_shortcuts(owner: QWidget, keys: Sequence[str], slot: Callable[[], None]) -> None:
    """Key sequences that run `slot` anywhere inside `owner`."""
    for sequence in keys:
        shortcut = QShortcut(QKeySequence(sequence), owner)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

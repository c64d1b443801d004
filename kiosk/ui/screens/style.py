"""Shared look of the station screens: calm colours, large type, big buttons, and small layout helpers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from kiosk.ui.appearance import STANDARD, Appearance, current, game_page_sheet, station_sheet, window_sheet

__all__ = ["FOCUS_RING", "GAME_PAGE_STYLE", "STYLE_SHEET", "WINDOW_STYLE", "BigButton", "ButtonRow", "button",
           "button_row", "centred_column", "hint", "message", "title"]

STYLE_SHEET = station_sheet(Appearance())
"""Every station page in the standard look at 100 % (kiosk.ui.appearance builds it for any theme and scale)."""
WINDOW_STYLE = window_sheet(Appearance())
"""The window itself; each page gets STYLE_SHEET (the game page only GAME_PAGE_STYLE: games keep their own type)."""
GAME_PAGE_STYLE = game_page_sheet(Appearance())
FOCUS_RING = STANDARD.focus_ring
"""The focus ring of every station control (with a yellow fill on buttons): 4 px, near-black on the light page."""


def _styled(label: QLabel, role: str) -> QLabel:
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


def title(text: str) -> QLabel:
    """A large centred heading."""
    return _styled(QLabel(text), "title")


def hint(text: str) -> QLabel:
    """A quiet line telling which keys do what."""
    return _styled(QLabel(text), "hint")


def message(role: str = "error") -> QLabel:
    """An initially empty line for errors or notices."""
    label = _styled(QLabel(""), role)
    label.setVisible(False)
    return label


RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class BigButton(QPushButton):
    """A push button that also answers Return/Enter (not only Space), like Space on the release of a fresh press.

    A press that auto-repeats, or a release whose press this button never saw (a key held down while the
    screen changed), does nothing: only a deliberate press-and-release chooses.
    """

    _return_down: int | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in RETURN_KEYS:
            if not event.isAutoRepeat() and self.isEnabled():
                self._return_down = event.key()
                self.setDown(True)
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() in RETURN_KEYS:
            event.accept()
            if event.isAutoRepeat() or self._return_down != event.key():
                return
            self._return_down = None
            self.setDown(False)
            if self.isEnabled():
                self.click()
            return
        super().keyReleaseEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._return_down = None
        super().focusOutEvent(event)


def button(text: str, primary: bool = False, name: str | None = None) -> QPushButton:
    """A big push button; the primary one is filled."""
    widget = BigButton(text)
    if primary:
        widget.setProperty("role", "primary")
    if name:
        widget.setObjectName(name)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    return widget


def _scrolled(parent: QWidget) -> QWidget:
    """The page's content inside a frameless scroll area that takes no focus: a page whose large type does not fit
    the screen scrolls (Tab scrolls to the focused control) instead of squeezing its text."""
    scroll = QScrollArea()
    scroll.setObjectName("pageScroll")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    content = QWidget()
    content.setObjectName("pageScrollContent")
    scroll.setWidget(content)
    layout = QVBoxLayout(parent)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(scroll)
    return content


def centred_column(parent: QWidget, *items: QWidget | QBoxLayout, max_width: int = 900) -> QVBoxLayout:
    """Lay items out in a centred column of at most max_width pixels, with space above and below (scrolling when
    the type is too large for the screen)."""
    outer = QHBoxLayout(_scrolled(parent))
    column = QVBoxLayout()
    column.setSpacing(24)
    column.addStretch(1)
    for item in items:
        if isinstance(item, QLabel):
            item.setWordWrap(True)
            item.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(item)  # full column width, so wrapped text gets the height it needs
        elif isinstance(item, QWidget):
            item.setMaximumWidth(max_width)
            column.addWidget(item, 0, Qt.AlignmentFlag.AlignHCenter)
        else:
            column.addLayout(item)
    column.addStretch(1)
    holder = QWidget()
    holder.setMaximumWidth(max_width + 200)
    holder.setLayout(column)
    outer.addStretch(1)
    outer.addWidget(holder, 10)
    outer.addStretch(1)
    return column


class ButtonRow(QHBoxLayout):
    """A row of buttons, side by side; stacked top to bottom while the type is large (kiosk.ui.station_frame.restyle
    turns it when the scale changes), so that large buttons never run off a small screen."""


def button_row(*buttons: QPushButton) -> QHBoxLayout:
    """Buttons side by side, centred (stacked above 125 % type)."""
    row = ButtonRow()
    if current().scale > 1.25:
        row.setDirection(QBoxLayout.Direction.TopToBottom)
        row.setSpacing(12)
    row.setSpacing(32)
    row.addStretch(1)
    for item in buttons:
        row.addWidget(item)
    row.addStretch(1)
    return row

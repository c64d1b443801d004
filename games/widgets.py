"""The Qt half of every game view: the station's two signals, enabling on suspend/resume, the view's own timers,
logging every key press and click the game ignores (`game.input_ignored`, see games/core.py), and the game look
(games.look: text at the station's type scale, the theme's colours, a focus ring), applied again when it changes."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, MutableMapping
from typing import Any, ClassVar, Literal

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from eventlog.errors import SessionClosedError
from eventlog.recorder import Recorder
from games import look as game_look
from games.core import INPUT_IGNORED, IgnoreReason, InputIgnored, SuspendableGame

__all__ = ["BASE_PT", "MARKS", "GameColours", "GameWidget", "button_name", "colour", "draw_mark", "game_font",
           "game_sheet", "key_name", "scale_fonts", "set_base_font", "stimulus_area"]

FOCUS_RING = 4
"""Width (px) of the ring round a game view that has the keys."""
MOUSE_PRESSES = (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick)
PRESSES = (QEvent.Type.KeyPress, *MOUSE_PRESSES)
BUTTONS = {Qt.MouseButton.LeftButton: "left", Qt.MouseButton.RightButton: "right",
           Qt.MouseButton.MiddleButton: "middle"}


def key_name(key: int) -> str:
    """Qt's name of a key without its "Key_" prefix ("Space", "A", "Return"); hex for a key Qt has no name for."""
    try:
        name = Qt.Key(key).name
    except ValueError:
        return f"0x{key:x}"
    return str(name).removeprefix("Key_") or f"0x{key:x}"


def button_name(button: Qt.MouseButton) -> str:
    """"left", "right", "middle", or Qt's name of another mouse button."""
    return BUTTONS.get(button) or str(button.name).removesuffix("Button").lower() or "unknown"


MARKS = ("dot", "plus", "bar", "ring", "triangle", "square", "diamond", "cross")
"""The symbols a stimulus that differs by colour also carries, one per colour, so that colour is never the only cue."""
_MARK_POINTS = {
    "plus": ((-1, 0), (1, 0), (0, -1), (0, 1)), "bar": ((-1, 0), (1, 0)),
    "cross": ((-0.75, -0.75), (0.75, 0.75), (-0.75, 0.75), (0.75, -0.75)),
    "triangle": ((0, -1), (0.9, 0.7), (-0.9, 0.7)),
    "square": ((-0.75, -0.75), (0.75, -0.75), (0.75, 0.75), (-0.75, 0.75)),
    "diamond": ((0, -1), (1, 0), (0, 1), (-1, 0)),
}


def _mark_path(mark: str, centre: QPointF, size: float) -> QPainterPath:
    path = QPainterPath()
    if mark in ("dot", "ring"):
        path.addEllipse(centre, size * (0.45 if mark == "dot" else 0.8), size * (0.45 if mark == "dot" else 0.8))
        return path
    points = [centre + QPointF(x * size, y * size) for x, y in _MARK_POINTS[mark]]
    if mark in ("plus", "bar", "cross"):  # strokes, two points each
        for start, end in zip(points[::2], points[1::2], strict=True):
            path.moveTo(start)
            path.lineTo(end)
        return path
    path.addPolygon(points)
    path.closeSubpath()
    return path


def draw_mark(painter: QPainter, centre: QPointF, size: float, index: int) -> None:
    """Draw MARKS[index] (modulo their number) of half-size `size` at centre: dark strokes with a light halo, so it
    shows on any fill and in greyscale."""
    path = _mark_path(MARKS[index % len(MARKS)], centre, size)
    width = max(3.0, size * 0.22)
    palette = game_look.current().palette
    painter.save()
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for ink, pen_width in ((QColor(palette.mark_halo), width * 2), (QColor(palette.mark_ink), width)):
        painter.setPen(QPen(ink, pen_width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawPath(path)
    painter.restore()


# -- the game look (games.look) on the Qt side ---------------------------------------------------------

BASE_PT = "base_pt"
"""A widget's text size at 100 % (points), a dynamic property: the look sets its font to base_pt x scale."""


BASE_MIN = "base_min"
"""A button's own minimum size at 100 % (it grows to what its text needs at a larger scale)."""


ONE_LINE = "one_line"
"""A label the view did not wrap: at 100 % it stays on one line."""


def colour(role: str) -> QColor:
    """A colour of the current game palette by its role ("text", "cue_green", ...)."""
    return QColor(getattr(game_look.current().palette, role))


class GameColours(MutableMapping[str, QColor]):
    """A game's named colours, read from the current palette at paint time: name -> palette role, or
    (role, standard hex) where the game keeps its own shade in the standard theme; a QColor set by name is used as
    it is in every theme."""

    def __init__(self, roles: dict[str, str | tuple[str, str] | QColor]) -> None:
        self.roles = dict(roles)

    def __getitem__(self, name: str) -> QColor:
        role = self.roles[name]
        if isinstance(role, QColor):
            return QColor(role)
        if isinstance(role, tuple):
            role, standard = role
            if not game_look.current().high_contrast:
                return QColor(standard)
        return colour(role)

    def __setitem__(self, name: str, value: QColor) -> None:
        self.roles[name] = QColor(value)

    def __delitem__(self, name: str) -> None:
        del self.roles[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.roles)

    def __len__(self) -> int:
        return len(self.roles)


def stimulus_area(stage: QWidget) -> QRectF:
    """Where a stage draws its stimuli: its full width, its minimum height, centred. Neither depends on the type
    scale (larger text takes height from the stage, never width, and never below its minimum), so a stimulus drawn
    in this area keeps its size and place when the type grows (docs/ACCOMMODATIONS.md)."""
    height = float(min(stage.height(), stage.minimumHeight() or stage.height()))
    return QRectF(0.0, (stage.height() - height) / 2, float(stage.width()), height)


def game_font(points: float, bold: bool = False, base: QFont | None = None) -> QFont:
    """A font for text painted now: `points` at 100 %, times the type scale."""
    font = QFont(base) if base is not None else QFont()
    font.setPointSizeF(game_look.current().pt(points))
    font.setBold(bold)
    return font


def set_base_font(widget: QWidget, points: float, bold: bool = False) -> None:
    """Give a widget its text size at 100 % (the look scales it: scale_fonts) and its font at today's scale."""
    widget.setProperty(BASE_PT, float(points))
    widget.setFont(game_font(points, bold, widget.font()))


def scale_fonts(root: QWidget, factor: float = 1.0) -> None:
    """Every font under `root` at its base size x the type scale x `factor`; a text widget without a base size
    takes its present size as its base the first time (a label a view sized itself)."""
    scale = game_look.current().scale * factor
    for widget in (root, *root.findChildren(QWidget)):
        base = widget.property(BASE_PT)
        if base is None:
            if widget is root or not _has_text(widget):
                continue
            base = widget.font().pointSizeF()
            widget.setProperty(BASE_PT, base)
        size = float(base) * scale
        if abs(widget.font().pointSizeF() - size) > 0.01:
            font = QFont(widget.font())
            font.setPointSizeF(size)
            widget.setFont(font)
        if isinstance(widget, QAbstractButton):  # a button's own minimum size never cuts its larger text
            if widget.property(BASE_MIN) is None:
                widget.setProperty(BASE_MIN, widget.minimumSize())
            least, hint = widget.property(BASE_MIN), widget.sizeHint()
            widget.setMinimumSize(max(least.width(), hint.width()), max(least.height(), hint.height()))
        elif isinstance(widget, QLabel):  # above 100 % a line wraps rather than widen the view past the screen
            if widget.property(ONE_LINE) is None:
                widget.setProperty(ONE_LINE, not widget.wordWrap())
            widget.setWordWrap(scale > 1 or not widget.property(ONE_LINE))


def _has_text(widget: QWidget) -> bool:
    return widget.metaObject().className() in TEXT_WIDGETS or isinstance(widget, QAbstractButton)


TEXT_WIDGETS = {"QLabel", "QPlainTextEdit", "QTextEdit", "QLineEdit"}


def game_sheet(look: game_look.GameLook | None = None) -> str:
    """The style sheet of a game view's own labels and buttons in the current palette (no sizes: fonts are set
    per widget); QLabel[ink="muted"] is a hint or caption."""
    p = (look or game_look.current()).palette
    return f"""
QLabel {{ color: {p.text}; background: transparent; }}
QLabel[ink="muted"] {{ color: {p.muted}; }}
QLabel[ink="good"] {{ color: {p.good}; }}
QPushButton {{ background: {p.button_bg}; color: {p.button_text}; border: 2px solid {p.button_border};
              border-radius: 12px; padding: 6px 14px; }}
QPushButton:pressed {{ background: {p.button_pressed}; }}
QPushButton:disabled {{ color: {p.disabled_text}; background: {p.disabled_bg}; border: 2px dashed {p.outline}; }}
"""


class _Notifier(QObject):
    changed = Signal()


_notifier: _Notifier | None = None


def _look_notifier() -> _Notifier:
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
        game_look.subscribe(lambda _look: _notifier.changed.emit() if _notifier is not None else None)
    return _notifier


def _widget_name(widget: QObject | None) -> str | None:
    if widget is None:
        return None
    return widget.objectName() or type(widget).__name__


class GameWidget(SuspendableGame, QWidget):
    """Base class of the games' views: a QWidget that satisfies games.core.GameView with the view's hooks."""

    game_did_finish = Signal(dict)
    trial_will_start = Signal(int)

    def __init__(self, recorder: Recorder, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recorder = recorder
        self._timers: dict[str, QTimer] = {}
        self._look: game_look.GameLook | None = None  # the look last applied
        _look_notifier().changed.connect(self.apply_look)

    def _set_interactive(self, interactive: bool) -> None:
        self.setEnabled(interactive)
        if interactive:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- ignored input ----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """Presses before the start, after the end, while suspended and auto-repeats are logged and go no further."""
        if event.type() in PRESSES:
            stamp = time.perf_counter_ns()
            repeat = isinstance(event, QKeyEvent) and event.isAutoRepeat()
            reason = self.gate_reason(repeat)
            if reason is not None:
                self.ignore_event(event, reason, stamp)
                event.accept()
                return True
        return super().event(event)

    def showEvent(self, event: QShowEvent) -> None:
        """Watch the view's buttons (see eventFilter) each time it is shown, in the current look."""
        self.watch_buttons()
        if self._look != game_look.current():
            self.apply_look()
        super().showEvent(event)

    # -- the look ---------------------------------------------------------------------------------

    look_style: ClassVar[Callable[..., str]] = staticmethod(game_sheet)
    """The view's style sheet in a look (a view with rules of its own gives a function that adds to game_sheet)."""

    def look_sheet(self, look: game_look.GameLook) -> str:
        """The view's style sheet in `look`."""
        return type(self).look_style(look)

    def apply_look(self) -> None:
        """Show the view in the current look: its sheet, every text at the type scale, every part repainted (a
        child with its own `apply_look()`, such as a button with its own sheet, restyles itself)."""
        look = game_look.current()
        self._look = look
        sheet = self.look_sheet(look)
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)
        for child in self.findChildren(QWidget):
            restyle = getattr(child, "apply_look", None)
            if callable(restyle):
                restyle()
        scale_fonts(self)
        self.look_applied()
        for child in (self, *self.findChildren(QWidget)):
            child.update()

    def look_applied(self) -> None:
        """Called after the look changed the fonts (a view that fits its text to its height fits it again)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        """The palette's background and, while the keys go to the view, a focus ring round it."""
        look = game_look.current()
        palette = look.palette
        painter = QPainter(self)
        if look.high_contrast or not self.autoFillBackground():  # (a view's own fill keeps its standard shade)
            painter.fillRect(self.rect(), QColor(palette.background))
        if self.hasFocus():
            painter.setPen(QPen(QColor(palette.focus), FOCUS_RING))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            half = FOCUS_RING / 2
            painter.drawRect(QRectF(self.rect()).adjusted(half, half, -half, -half))
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def watch_buttons(self) -> None:
        """Watch every button of the view for clicks while it is disabled (a view adding buttons later calls it)."""
        for button in self.findChildren(QAbstractButton):
            button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Log a click on a disabled button of this view: a disabled button swallows it, so the view never sees it.

        (A click on any other disabled widget goes on to the view, whose event() logs it.)
        """
        if event.type() in MOUSE_PRESSES and isinstance(watched, QAbstractButton) and isinstance(event, QMouseEvent):
            stamp = time.perf_counter_ns()
            if not watched.isEnabled() and self.isAncestorOf(watched):
                self.ignore_input("mouse", button_name(event.button()), self.gate_reason() or "control_disabled",
                                  stamp, qt_ms=event.timestamp(), target=_widget_name(watched))
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click no control took (on the background, a label...): logged, and taken so it goes no further."""
        self.ignore_event(event, "no_target", time.perf_counter_ns())
        event.accept()

    def ignore_event(self, event: QEvent, reason: IgnoreReason, stamp: int) -> None:
        """Log a key or mouse event the game ignores, stamped at `stamp` (perf_counter_ns)."""
        if isinstance(event, QKeyEvent):
            self.ignore_input("key", key_name(event.key()), reason, stamp, auto_repeat=event.isAutoRepeat(),
                              qt_ms=event.timestamp())
        elif isinstance(event, QMouseEvent):
            target = self.childAt(event.position().toPoint())
            self.ignore_input("mouse", button_name(event.button()), reason, stamp, qt_ms=event.timestamp(),
                              target=_widget_name(target or self))

    def ignore_input(self, input: Literal["key", "mouse"], key: str, reason: IgnoreReason, stamp: int, *,
                     auto_repeat: bool = False, qt_ms: int | None = None, target: str | None = None) -> None:
        """Record one ignored press (`game.input_ignored`); after the session closed there is nothing to record."""
        payload = InputIgnored(input=input, key=key, reason=reason, auto_repeat=auto_repeat, phase=self.phase,
                               target=target, qt_event_ms=int(qt_ms) if qt_ms else None)
        with contextlib.suppress(SessionClosedError):
            self.recorder.record(INPUT_IGNORED, max(0, self.recorder.since_start(stamp)), payload,
                                 trial=self.current_trial)

    # -- timers and the end -----------------------------------------------------------------------

    def _timer(self, name: str, slot: Callable[[], None], *, precise: bool = False,
               interval_ms: int | None = None) -> QTimer:
        """A single-shot timer of the view, listed by timers_active() and stopped by _stop_timers()."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        if precise:
            timer.setTimerType(Qt.TimerType.PreciseTimer)
        if interval_ms is not None:
            timer.setInterval(interval_ms)
        timer.timeout.connect(slot)
        self._timers[name] = timer
        return timer

    def timers_active(self) -> list[str]:
        """Names of the view's own timers still running (none while suspended or once finished)."""
        return [name for name, timer in self._timers.items() if timer.isActive()]

    def _stop_timers(self) -> None:
        """Stop every timer of the view."""
        for timer in self._timers.values():
            timer.stop()

    def _shut_down(self) -> None:
        """Stop everything that could still record (at the end of the game and when the window closes)."""
        self._stop_timers()

    def _announce_finished_later(self, summary: dict[str, Any]) -> None:
        """A resumed game that had already ended: tell the station on the next event-loop turn."""
        QTimer.singleShot(0, self, lambda: self.game_did_finish.emit(summary))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window stops every timer; nothing more is recorded."""
        self._shut_down()
        super().closeEvent(event)

"""Where a station page does not fit: widgets outside the window, or squeezed below what their text needs."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

__all__ = ["misfits"]


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    return f"{type(widget).__name__}({widget.objectName() or text[:40]!r})"


def misfits(window: QWidget) -> list[str]:
    """Every visible widget that is not wholly inside the window, and every label or button (with text) smaller
    than its minimum size hint (its text would be cut)."""
    bounds = QRect(0, 0, window.width(), window.height())
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.width() == 0:
            continue
        top_left = widget.mapTo(window, widget.rect().topLeft())
        rect = QRect(top_left, widget.size())
        if not bounds.contains(rect):
            found.append(f"{_name(widget)} at {rect.getRect()} is outside the {bounds.width()}x{bounds.height()} "
                         "window")
        elif isinstance(widget, QLabel | QAbstractButton) and widget.text():
            need = widget.minimumSizeHint()
            need_w, need_h = need.width(), need.height()
            if isinstance(widget, QLabel) and widget.wordWrap():  # wrapped text needs its height at this width
                need_w, need_h = 0, widget.heightForWidth(widget.width())
            if widget.width() < need_w or widget.height() < need_h:
                found.append(f"{_name(widget)} is {widget.width()}x{widget.height()}, needs {need_w}x{need_h}")
    return found

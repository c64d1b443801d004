"""Where a station page does not fit: widgets outside the window (or, on a page that scrolls, outside its scrolled
content or wider than it), or squeezed below what their text needs."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QLabel, QScrollArea, QWidget

__all__ = ["misfits"]


def _name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QLabel | QAbstractButton) else ""
    return f"{type(widget).__name__}({widget.objectName() or text[:40]!r})"


def _frame(widget: QWidget, window: QWidget) -> QWidget:
    """What must hold the widget wholly: the scrolled content of the page scroll area it is in, else the window."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = parent.parentWidget().parentWidget() if parent.parentWidget() is not None else None
        if isinstance(area, QScrollArea) and area.widget() is parent:
            return parent
        parent = parent.parentWidget()
    return window


def misfits(window: QWidget) -> list[str]:
    """Every visible widget that is not wholly inside the window (inside its page's scrolled content, when the
    page scrolls: reached by scrolling, never cut), every scrolled content wider than its view (no sideways
    scrolling), and every label or button (with text) smaller than its minimum size hint (its text would be cut)."""
    found = []
    contents = set()
    for area in window.findChildren(QScrollArea):
        content = area.widget()
        contents.add(content)
        if area.isVisible() and content is not None and content.width() > area.viewport().width():
            found.append(f"{_name(area)}: content {content.width()} px wide in a {area.viewport().width()} px view")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.width() == 0 or widget in contents:
            continue
        frame = _frame(widget, window)
        bounds = QRect(0, 0, frame.width(), frame.height())
        top_left = widget.mapTo(frame, widget.rect().topLeft())
        rect = QRect(top_left, widget.size())
        if not bounds.contains(rect):
            found.append(f"{_name(widget)} at {rect.getRect()} is outside the {bounds.width()}x{bounds.height()} "
                         f"{'window' if frame is window else 'scrolled page'}")
        elif isinstance(widget, QLabel | QAbstractButton) and widget.text():
            need = widget.minimumSizeHint()
            need_w, need_h = need.width(), need.height()
            if isinstance(widget, QLabel) and widget.wordWrap():  # wrapped text needs its height at this width
                need_w, need_h = 0, widget.heightForWidth(widget.width())
            if widget.width() < need_w or widget.height() < need_h:
                found.append(f"{_name(widget)} is {widget.width()}x{widget.height()}, needs {need_w}x{need_h}")
    return found

"""What a screen reader cannot name: every focusable widget under a root whose accessible name (what Qt's
accessibility interface reports, the text a screen reader speaks) is empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractSpinBox, QWidget

__all__ = ["accessible_name", "focusable", "unnamed"]


def accessible_name(widget: QWidget) -> str:
    """The name Qt's accessibility interface gives the widget (an explicit name, a button's text, a buddy label)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def focusable(root: QWidget) -> list[QWidget]:
    """Every widget under root (root included) that can take the keyboard focus, shown or not; a part of another
    control (a spin box's line edit, a combo box's drop-down list in its own popup window) counts as that control."""
    found = []
    for widget in (root, *root.findChildren(QWidget)):
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.window() is not root.window():
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QAbstractSpinBox) or (parent is not None and parent.focusProxy() is widget):
            continue
        found.append(widget)
    return found


def unnamed(root: QWidget) -> list[str]:
    """Each focusable widget under root without an accessible name, as class(objectName)."""
    return [f"{type(w).__name__}({w.objectName()!r})" for w in focusable(root) if not accessible_name(w)]

"""What a language walk finds on a page: visible text that did not come through the pseudo-locale, and text wider
(or taller) than the widget that shows it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QTextBrowser, QWidget

from i18n import LANGUAGES
from i18n.pseudo import is_pseudo

__all__ = ["clipped_texts", "problems"]

NOT_TRANSLATED = set(LANGUAGES.values())  # the language buttons name each language in itself, on purpose


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or ''}".strip()


def _clipped(widget: QLabel | QAbstractButton) -> str | None:
    """Why the widget's text does not fit inside its contents rectangle (None when it fits)."""
    box = widget.contentsRect()
    metrics = widget.fontMetrics()
    text = widget.text().replace("&&", "&")
    if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText and "<" in text:
        return None  # rich text lays itself out; its size hint is checked by tests/kiosk/ui/test_layout.py
    if isinstance(widget, QLabel) and widget.wordWrap():
        need = widget.heightForWidth(widget.width())
        return f"needs {need} px of height, has {widget.height()}" if need > widget.height() else None
    widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    room = box.width()
    if isinstance(widget, QAbstractButton):  # the button's frame and padding take their part of the width
        room = widget.width() - (widget.sizeHint().width() - metrics.horizontalAdvance(text))
    return f"text is {widest} px wide, room {room}" if widest > room else None


def _without(text: str, data: Iterable[str]) -> str:
    """The text without the data values it shows (names, ids, paths: shown as they are in every language)."""
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, "")
    return text


def problems(root: QWidget, where: str, data: Iterable[str] = ()) -> list[str]:
    """Every visible label, button or text browser under root whose text is not pseudo-localised or is clipped;
    `data` are values a text may show as they are (a station's name, its id, a folder)."""
    data = [value for value in data if value]
    found = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.isVisible():
            continue
        if isinstance(widget, QTextBrowser):
            text = widget.toPlainText()
            if text.strip() and not is_pseudo(_without(text, data)):
                found.append(f"{where}: {_name(widget)} shows untranslated text {text[:60]!r}")
            continue
        if not isinstance(widget, QLabel | QAbstractButton):
            continue
        text = widget.text()
        if not text.strip() or text in NOT_TRANSLATED:
            continue
        if not is_pseudo(_without(text, data)):
            found.append(f"{where}: {_name(widget)} shows untranslated text {text!r}")
        clipped = _clipped(widget)
        if clipped:
            found.append(f"{where}: {_name(widget)} clips {text[:50]!r}: {clipped}")
    return found


def clipped_texts(root: QWidget, where: str) -> list[str]:
    """Every visible label or button under root whose text is clipped (in any language)."""
    found = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLabel | QAbstractButton) and widget.isVisible() and widget.text().strip():
            clipped = _clipped(widget)
            if clipped:
                found.append(f"{where}: {_name(widget)} clips {widget.text()[:50]!r}: {clipped}")
    return found

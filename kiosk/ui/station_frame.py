"""The station window's frame, loaded before its first paint: the page rows, the station look, a lazy describe()."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.ui.screens.candidate import GameScreen
from kiosk.ui.screens.style import GAME_PAGE_STYLE, STYLE_SHEET

__all__ = ["describe", "root_rows", "style_pages"]


def describe(exc: BaseException) -> str:
    """kiosk.ui.ops.describe, imported on first use (kiosk.ui.ops loads the event log)."""
    from kiosk.ui.ops import describe as describe_failure

    return describe_failure(exc)


def style_pages(*widgets: QWidget) -> None:
    """The station's look on its own pages and rows, never inside a game view (a game keeps its own type)."""
    for widget in widgets:
        if isinstance(widget, GameScreen):
            widget.setStyleSheet(GAME_PAGE_STYLE)
        else:
            widget.setStyleSheet(STYLE_SHEET + widget.styleSheet())


def root_rows(*rows: QWidget) -> tuple[QWidget, QVBoxLayout]:
    """A widget holding rows top to bottom without margins, the first one stretching; and its layout."""
    root = QWidget()
    layout = QVBoxLayout(root)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    for row in rows:
        layout.addWidget(row)
    layout.setStretch(0, 1)
    return root, layout

"""The station window's frame, loaded before its first paint: the page rows, the station look, a lazy describe()."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.accessible import name_controls
from kiosk.ui.appearance import current, game_page_sheet, panel_sheet, station_sheet, window_sheet
from kiosk.ui.qtapp import current_app
from kiosk.ui.screens.candidate import GameScreen
from kiosk.ui.screens.style import ButtonRow

__all__ = ["describe", "restyle", "root_rows", "style_pages", "window_sheet"]

_PAGE = "stationPage"
"""The property style_pages sets on what it styles, so that restyle() finds it again."""


def describe(exc: BaseException) -> str:
    """kiosk.ui.ops.describe, imported on first use (kiosk.ui.ops loads the event log)."""
    from kiosk.ui.ops import describe as describe_failure

    return describe_failure(exc)


def style_pages(*widgets: QWidget) -> None:
    """The station's look (kiosk.ui.appearance, as it is now) on its own pages and rows, never inside a game view
    (a game keeps its own type); the proctor panel adds its own denser sheet. Their controls get their accessible
    names and descriptions (kiosk.ui.accessible) on the way."""
    for widget in widgets:
        name_controls(widget)
        widget.setProperty(_PAGE, True)
        if isinstance(widget, GameScreen):
            widget.setStyleSheet(game_page_sheet())
        elif widget.objectName() == "proctorPanel":
            widget.setStyleSheet(station_sheet() + panel_sheet())
        else:
            widget.setStyleSheet(station_sheet())


def restyle(target: object) -> None:
    """Give a station window (or every station window of a QApplication) the current appearance again: the window,
    every page style_pages styled, and button rows stacked when the type is too large for them side by side."""
    app = current_app()
    windows = (app.topLevelWidgets() if app is not None else []) if target is app else [target]
    stacked = current().scale > 1.25
    for window in windows:
        if not isinstance(window, QWidget) or window.objectName() != "stationRoot":
            continue
        window.setStyleSheet(window_sheet())
        style_pages(*(w for w in window.findChildren(QWidget) if w.property(_PAGE)))
        for row in window.findChildren(ButtonRow):
            row.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)
            row.setSpacing(12 if stacked else 32)


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

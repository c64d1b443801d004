"""The station window's frame, loaded before its first paint: the page rows, the station look, a lazy describe()."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.ui.accessible import name_controls
from kiosk.ui.appearance import (
    Appearance,
    current,
    game_page_sheet,
    panel_sheet,
    set_current,
    station_sheet,
    window_sheet,
)
from kiosk.ui.qtapp import current_app
from kiosk.ui.screens.candidate import GameScreen
from kiosk.ui.screens.style import ButtonRow

__all__ = ["apply_appearance", "could_not", "describe", "restyle", "restyle_stale", "root_rows", "style_pages",
           "window_sheet"]

_PAGE, _STALE = "stationPage", "stationStale"
"""The properties: style_pages styled it (restyle() finds it again); it still has the look before the last change."""


def describe(exc: BaseException) -> str:
    """kiosk.ui.ops.describe, imported on first use (kiosk.ui.ops loads the event log)."""
    from kiosk.ui.ops import describe as describe_failure

    return describe_failure(exc)


def could_not(what: str, exc: BaseException) -> str:
    """kiosk.ui.ops.could_not ("Could not <what>: <error>" in the station's language), imported on first use."""
    from kiosk.ui.ops import could_not as said

    return said(what, exc)


def style_pages(*widgets: QWidget) -> None:
    """The station's look (kiosk.ui.appearance, as it is now) on its own pages and rows, never inside a game view
    (a game keeps its own type); the proctor panel adds its own denser sheet. Their controls get their accessible
    names and descriptions (kiosk.ui.accessible) on the way."""
    for widget in widgets:
        name_controls(widget)
        widget.setProperty(_PAGE, True)
        if isinstance(widget, GameScreen):  # on its header only: a sheet on the page would repolish the game's view
            widget.header.setStyleSheet(game_page_sheet())
        elif widget.objectName() == "proctorPanel":
            widget.setStyleSheet(station_sheet() + panel_sheet())
        else:
            widget.setStyleSheet(station_sheet())


def apply_appearance(target: object, scale: float, high_contrast: bool) -> Appearance:
    """Show the station (a StationWindow, or every station window of a QApplication) at this type scale (1.0-2.0)
    and theme from now on, its pages restyled at once; the same look for windows made later. ValueError: a scale
    out of range (nothing changes then)."""
    look = Appearance(scale, high_contrast)
    set_current(look)
    restyle(target)
    return look


def restyle(target: object) -> None:
    """Give a station window (or every station window of a QApplication) the current appearance again: the window,
    the pages style_pages styled that show now (the others when they come to the front: restyle_stale), and
    button rows stacked when the type is too large for them side by side. Restyling every page at once takes
    the GUI thread about 0.3 s, too long while a game runs; the pages in view take a few milliseconds."""
    app = current_app()
    windows = (app.topLevelWidgets() if app is not None else []) if target is app else [target]
    stacked = current().scale > 1.25
    for window in windows:
        if not isinstance(window, QWidget) or window.objectName() != "stationRoot":
            continue
        if window.styleSheet() != window_sheet():  # (a new sheet on the window repolishes every widget in it)
            window.setStyleSheet(window_sheet())
        pages = [w for w in window.findChildren(QWidget) if w.property(_PAGE)]
        style_pages(*(w for w in pages if w.isVisibleTo(window)))
        for page in pages:
            page.setProperty(_STALE, not page.isVisibleTo(window))
        for row in window.findChildren(ButtonRow):
            row.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)
            row.setSpacing(12 if stacked else 32)


def restyle_stale(page: QWidget | None) -> None:
    """A page comes to the front: give it the current look if it missed a change while hidden."""
    if page is not None and page.property(_STALE):
        page.setProperty(_STALE, False)
        style_pages(page)


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

"""Keeps the kiosk window fullscreen on its screen and in front, with or without a window manager.

Without a window manager a fullscreen request does nothing (the window keeps its default size in a corner), so
the keeper sets the window's geometry to the whole screen it starts on before asking for fullscreen. Under a
window manager a minimise request, "show desktop" (Super+D) or another window on top takes the station away:
the window reports it (`KioskGuard.window_deactivated(cause)`), and the keeper brings it back, fullscreen and
active, retrying every `RETRY_MS` until the window is in front again. The station's own modal dialogs (print,
save) are not "away" (the window checks for them before it reports).
"""

from __future__ import annotations

import warnings

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["RETRY_MS", "KioskKeeper", "start_screen"]

RETRY_MS = 150


def start_screen(near: QPoint | None = None) -> QScreen:
    """The screen the station starts on: the one under the mouse pointer (or `near`), else the primary screen."""
    screen = QGuiApplication.screenAt(near if near is not None else QCursor.pos())
    return screen or QGuiApplication.primaryScreen()


class KioskKeeper(QObject):
    """Shows a window fullscreen on one screen and takes it back to the front whenever it is taken away."""

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self.screen: QScreen | None = None
        self.retry = QTimer(self)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self._bring_back)

    def show(self, screen: QScreen | None = None) -> None:
        """Show the window fullscreen on `screen` (default: the screen it starts on)."""
        self.screen = screen or start_screen()
        self._fill_screen()
        self.window.showFullScreen()
        self.window.raise_()
        self.window.activateWindow()

    def _fill_screen(self) -> None:
        if self.screen is None:
            self.screen = start_screen()
        handle = self.window.windowHandle()
        if handle is not None and handle.screen() is not self.screen:
            handle.setScreen(self.screen)
        self.window.setGeometry(self.screen.geometry())

    @property
    def in_front(self) -> bool:
        """Whether the window is shown, not minimised, and the active window."""
        w = self.window
        return w.isVisible() and not w.isMinimized() and w.isActiveWindow()

    def taken_away(self) -> None:
        """The window lost the focus, was minimised or hidden: bring it back now and keep trying until it is."""
        if not self.retry.isActive():
            self.retry.start()
        QTimer.singleShot(0, self, self._bring_back)

    def _bring_back(self) -> None:
        if self.in_front and self.window.isFullScreen():
            self.retry.stop()
            return
        state = self.window.windowState() & ~Qt.WindowState.WindowMinimized
        self.window.setWindowState(state | Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowActive)
        self._fill_screen()
        self.window.showFullScreen()
        self.window.raise_()
        self.window.activateWindow()
        self._resync_activation()

    def _resync_activation(self) -> None:
        """Make the window active when the platform already reports it as its focus window but the widget layer
        forgot it: after a hide, a platform that kept the window focused sends no new activation (Qt's offscreen
        platform does this), so activateWindow() alone would never bring the station back to the front."""
        handle = self.window.windowHandle()
        if handle is not None and QGuiApplication.focusWindow() is handle and not self.window.isActiveWindow():
            with warnings.catch_warnings():  # deprecated in Qt 6 for activateWindow(), which does nothing here
                warnings.simplefilter("ignore", DeprecationWarning)
                QApplication.setActiveWindow(self.window)

    def stop(self) -> None:
        """Stop bringing the window back (the proctor closes the station)."""
        self.retry.stop()

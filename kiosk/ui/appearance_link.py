"""The station window's appearance: the proctor's saved default (station setting "appearance"), the panel's box
that changes it, and Ctrl+plus / Ctrl+minus / Ctrl+0, which scale the type for whoever sits at the station; and a
session's accommodations the window applies (larger type, high contrast, the idle limits an extended time grows).

The welcome screen for the next candidate goes back to the default. The keys are the station's, never a game's:
an application event filter takes them before any widget. When a game is in front the press is still logged where
a game's keys are (game.input_ignored, reason "station_key"), and any change is recorded in the open session as
station.appearance.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from games.widgets import GameWidget, key_name
from i18n import N_, _s
from kiosk.ui.appearance import Appearance, current, parse_appearance
from kiosk.ui.qtapp import current_app
from kiosk.ui.station_frame import apply_appearance, could_not, describe, restyle_stale

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedWidget

    from kiosk.services.stationdb import StationDb
    from kiosk.ui.candidate_flow import CandidateController
    from kiosk.ui.lockdown import KioskGuard
    from kiosk.ui.ops import DbOps
    from kiosk.ui.screens.panel import ProctorPanel
    from kiosk.ui.station_screens import Screens

__all__ = ["SETTING", "STEPS", "AppearanceLink", "scale_step"]

SETTING = "appearance"
STEPS = {Qt.Key.Key_Plus: 1, Qt.Key.Key_Equal: 1, Qt.Key.Key_Minus: -1, Qt.Key.Key_0: 0}
"""Ctrl + these keys: one step bigger (plus, or the = key it shares on most keyboards), smaller, back to 100 %."""


def scale_step(event: QKeyEvent) -> int | None:
    """The scale step a key event asks for (+1, -1, 0 for reset), or None when it is not a type-size key."""
    if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
        return None
    try:
        return STEPS.get(Qt.Key(event.key()))
    except ValueError:  # a key Qt has no name for
        return None


class StationParts(Protocol):
    """What the appearance needs of the station window (kiosk.ui.station.StationWindow, which builds the link)."""

    @property
    def candidate(self) -> CandidateController: ...
    @property
    def guard(self) -> KioskGuard: ...
    @property
    def ops(self) -> DbOps: ...
    @property
    def panel(self) -> ProctorPanel: ...
    @property
    def screens(self) -> Screens: ...
    @property
    def stack(self) -> QStackedWidget: ...
    def tell_proctor(self, text: str) -> None: ...


class AppearanceLink(QObject):
    """Loads and saves the station's default appearance, and owns the type-size keys of one station window."""

    def __init__(self, window: StationParts) -> None:
        super().__init__(window.stack)  # lives as long as the window
        self.window = window
        self.default = Appearance()
        box = window.panel.appearance_box
        box.appearance_chosen.connect(self.save_default)
        window.stack.currentChanged.connect(self._page_changed)
        window.candidate.accommodated_appearance_wanted.connect(self.show_accommodation)
        window.candidate.accommodated_time_wanted.connect(self.extend_limits)
        window.candidate.candidate_did_change.connect(lambda active: None if active else self.extend_limits(1.0))
        window.ops.read(lambda db: db.setting(SETTING), self._loaded, what=N_("read the type size and contrast"),
                        failure=lambda exc: window.tell_proctor(could_not(N_("read the type size and contrast"),
                                                                          exc)))
        app = current_app()
        if app is not None:
            app.installEventFilter(self)
            window.screens.code.offer_type_size(True)  # the welcome page says the keys work

    def detach(self) -> None:
        """Stop taking the type-size keys (the welcome page stops offering them)."""
        app = current_app()
        if app is not None:
            app.removeEventFilter(self)
        self.window.screens.code.offer_type_size(False)

    def _loaded(self, text: str | None) -> None:
        try:
            self.default = parse_appearance(text)
        except ValueError as exc:
            self.window.tell_proctor(_s("The saved type size and contrast are not used: {error}").format(error=exc))
            return
        self.window.panel.appearance_box.show_appearance(self.default)
        self.show(self.default, "proctor")

    def _page_changed(self, _index: int) -> None:
        """The welcome screen for the next candidate: back to the station's default (one candidate's Ctrl+plus, or a
        session's accommodation, is not the next one's)."""
        window = self.window
        restyle_stale(window.stack.currentWidget())
        if window.stack.currentWidget() is window.screens.code and not window.candidate.active:
            self.show(self.default, "proctor")

    def show_accommodation(self, scale: float, high_contrast: bool) -> None:
        """Larger type and/or high contrast granted on the candidate's access code: shown for this session (never
        smaller than the station's default), recorded as station.appearance with source "session"."""
        look = Appearance(max(scale, self.default.scale), high_contrast or self.default.high_contrast)
        self.show(look, "session")

    def extend_limits(self, factor: float) -> None:
        """A session's extended time lengthens the proctor's idle and pause limits (1.0: back to them when the
        session ends); lengthened limits are recorded as station.idle_limits in the session."""
        idle_s, pause_s = self.window.guard.extend_limits(factor)
        if factor > 1:
            self.window.candidate.record("station.idle_limits", {"idle_s": idle_s, "pause_s": pause_s,
                                                                 "extended_time": factor})

    def save_default(self, look: Appearance) -> None:
        """The proctor's choice: save it as the station's default, then show it."""
        def saved(_: object) -> None:
            self.default = look
            self.show(look, "proctor")
            said = (_s("Type size {percent} %, high contrast: saved.") if look.high_contrast
                    else _s("Type size {percent} %, standard colours: saved."))
            self.window.tell_proctor(said.format(percent=round(look.scale * 100)))

        def write(db: StationDb) -> None:
            db.set_setting(SETTING, look.setting())

        self.window.ops.write(write, saved, what=N_("save the type size and contrast"),
                              failure=lambda exc: self.window.tell_proctor(_s("Not saved: {error}").format(
                                  error=describe(exc))))

    def show(self, look: Appearance, source: str) -> None:
        """Show the station at `look` now; a change is recorded in the open session (if any)."""
        if look == current():
            return
        apply_appearance(self.window, look.scale, look.high_contrast)
        self.window.candidate.record("station.appearance", {"scale": look.scale, "high_contrast": look.high_contrast,
                                                            "source": source})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            return False
        mine = isinstance(watched, QWidget) and watched.window() is self.window.stack.window()
        if not isinstance(event, QKeyEvent) or not mine:
            return False
        step = scale_step(event)
        if step is None:
            return False
        event.accept()
        if kind == QEvent.Type.KeyPress:
            self._pressed(event, step)
        return True

    def _pressed(self, event: QKeyEvent, step: int) -> None:
        stamp = time.perf_counter_ns()
        self.window.guard.touch()  # input all the same: the idle clock starts again
        view = self.window.candidate.view
        if isinstance(view, GameWidget) and self.window.stack.currentWidget() is self.window.screens.game:
            view.ignore_input("key", f"Ctrl+{key_name(event.key())}", "station_key", stamp,
                              auto_repeat=event.isAutoRepeat(), qt_ms=event.timestamp())
        if not event.isAutoRepeat():
            self.show(current().stepped(step), "keys")

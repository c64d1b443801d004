"""Proctor screens: the PIN prompt (set on first run, lockout countdown), the pause overlay and the panel."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from i18n import _, _s, candidate_language, is_rtl
from kiosk.ui.screens.style import button, button_row, centred_column, hint, message, title

__all__ = ["PauseScreen", "PinScreen"]


class PinScreen(QWidget):
    """Asks for the proctor PIN, or asks to choose one on first run."""

    pin_entered = Signal(str)
    pin_chosen = Signal(str, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = title(_s("Proctor"))
        self.explain = hint("")
        self.pin_input = self._field("pinInput", _s("PIN"))
        self.again_input = self._field("pinAgainInput", _s("PIN again"))
        self.error = message("error")
        self.ok_button = button(_s("Unlock"), primary=True, name="pinOkButton")
        self.cancel_button = button(_s("Back"), name="pinCancelButton")
        self.key_hint = hint("")
        centred_column(self, self.heading, self.explain, self.pin_input, self.again_input, self.error,
                       button_row(self.cancel_button, self.ok_button), self.key_hint)
        self.setting = False
        self.purpose = "panel"  # what the PIN opens: "panel", or "exit" (closing the station)
        self._locked_s = 0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.ok_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self._cancel)
        self.pin_input.returnPressed.connect(self._submit)
        self.again_input.returnPressed.connect(self._submit)

    @staticmethod
    def _field(name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName(name)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setPlaceholderText(placeholder)
        field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        field.setMaxLength(12)
        field.setMinimumWidth(360)
        return field

    def ask(self, setting: bool, can_cancel: bool = True, purpose: str = "panel") -> None:
        """Prepare the prompt: choose a new PIN (first run), or type the PIN to open the panel or close the station."""
        self.setting = setting
        self.purpose = "panel" if setting else purpose
        closing = self.purpose == "exit"
        self.heading.setText(_s("Choose the proctor PIN") if setting else _s("Close the station") if closing
                             else _s("Proctor PIN"))
        self.explain.setText(
            _s("First run: choose a PIN of 6 to 12 digits. Only a scrypt hash of it is stored.") if setting
            else _s("Type the proctor PIN to close the station. A candidate session still open stays open: it can "
                    "be resumed when the station starts again.") if closing
            else _s("Type the proctor PIN to open the proctor panel."))
        self.again_input.setVisible(setting)
        self.pin_input.setPlaceholderText(_s("PIN"))
        self.again_input.setPlaceholderText(_s("PIN again"))
        self.cancel_button.setText(_s("Back"))
        self.ok_button.setText(_s("Save PIN") if setting else _s("Close the station") if closing else _s("Unlock"))
        self.cancel_button.setVisible(can_cancel)
        self.key_hint.setText(_s("Enter confirms; Escape goes back.") if can_cancel else _s("Enter confirms."))
        self.pin_input.clear()
        self.again_input.clear()
        self.show_error("")
        if not self._countdown.isActive():
            self._set_enabled(True)
        self.pin_input.setFocus()

    def _submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self._set_enabled(False)
        if self.setting:
            self.pin_chosen.emit(self.pin_input.text(), self.again_input.text())
        else:
            self.pin_entered.emit(self.pin_input.text())

    def _cancel(self) -> None:
        if self.cancel_button.isVisible():
            self.stop()
            self.cancelled.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Escape leaves the prompt (only the prompt)
        if event.key() == Qt.Key.Key_Escape:
            self._cancel()
            return
        super().keyPressEvent(event)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.pin_input, self.again_input, self.ok_button):
            widget.setEnabled(enabled)
        if enabled:
            self.pin_input.setFocus()

    def show_error(self, text: str) -> None:
        """Show why the PIN was refused and let the proctor try again."""
        self.error.setText(text)
        self.error.setVisible(bool(text))
        if text and not self._countdown.isActive():
            self.pin_input.clear()
            self.again_input.clear()
            self._set_enabled(True)

    def show_locked(self, seconds: int) -> None:
        """Lock the prompt and count down the seconds until it opens again."""
        self._locked_s = seconds
        self._set_enabled(False)
        self._countdown.start()
        self._tick(step=0)

    def _tick(self, step: int = 1) -> None:
        self._locked_s = max(0, self._locked_s - step)
        if self._locked_s <= 0:
            self._countdown.stop()
            self.show_error("")
            self._set_enabled(True)
            return
        self.error.setText(_s("Too many wrong PINs. The prompt is locked for {seconds} s.").format(
            seconds=self._locked_s))
        self.error.setVisible(True)

    def focus_first(self) -> None:
        """The PIN field."""
        self.pin_input.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def locked(self) -> bool:
        """Whether the lockout countdown is running."""
        return self._countdown.isActive()

    def stop(self) -> None:
        """Stop the countdown timer (when the prompt is left or the station closes)."""
        self._countdown.stop()


class PauseScreen(QWidget):
    """Shown over everything when the candidate has been idle too long: only the proctor continues."""

    proctor_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reason = hint("")
        self.call_button = button("", primary=True, name="pauseProctorButton")
        self.heading, self.body = title(""), hint("")
        centred_column(self, self.heading, self.reason, self.body, button_row(self.call_button))
        self.call_button.clicked.connect(self.proctor_requested)
        self.show_reason("")

    def show_reason(self, text: str) -> None:
        """Say why the station paused (the text already translated), in the candidate's language and direction."""
        self.heading.setText(_("Paused"))
        self.body.setText(_("Please call the proctor. The assessment continues after the proctor's PIN."))
        self.call_button.setText(_("Proctor: continue"))
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(candidate_language())
                                else Qt.LayoutDirection.LeftToRight)
        self.reason.setText(text)

    def focus_first(self) -> None:
        """The proctor's button."""
        self.call_button.setFocus(Qt.FocusReason.OtherFocusReason)

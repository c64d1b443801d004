"""The recruiter view's PIN prompt: choose the recruiter PIN on first use (twice), otherwise type it; Enter goes on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from i18n import _s
from kiosk.services.pin import MAX_DIGITS, MIN_DIGITS
from kiosk.ui.screens.style import BigButton

__all__ = ["RecruiterPinPage"]


def _pin_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(MAX_DIGITS)
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    return field


class RecruiterPinPage(QWidget):
    """Asks for the recruiter PIN; `submitted(pin, again)` (again is "" when only checking), `cancelled()`."""

    submitted = Signal(str, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setting = False
        self.heading = QLabel(_s("Recruiter view"))
        self.heading.setStyleSheet("font-size: 20pt; font-weight: 600;")
        self.prompt = QLabel("")
        self.prompt.setObjectName("recruiterPinPrompt")
        self.prompt.setWordWrap(True)
        self.pin_input = _pin_field("recruiterPinInput")
        self.again_input = _pin_field("recruiterPinAgain")
        self.again_label = QLabel(_s("The same PIN again"))
        self.error = QLabel("")
        self.error.setObjectName("recruiterPinError")
        self.error.setStyleSheet("color: #b00020; font-weight: 600;")
        self.error.setWordWrap(True)
        self.open_button = BigButton(_s("Open"))
        self.open_button.setObjectName("recruiterPinOpen")
        self.close_button = BigButton(_s("Close"))
        self.close_button.setObjectName("recruiterPinClose")
        self.hint = QLabel(_s("Enter: open · Tab: next field · Esc: close"))
        self.hint.setProperty("role", "small")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for widget in (self.heading, self.prompt, self.pin_input, self.again_label, self.again_input, self.error):
            layout.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.close_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        layout.addStretch(2)
        self.pin_input.returnPressed.connect(self._enter)
        self.again_input.returnPressed.connect(self._submit)
        self.open_button.clicked.connect(self._submit)
        self.close_button.clicked.connect(self.cancelled)
        self.ask(setting=False)

    def ask(self, setting: bool) -> None:
        """Ask for the PIN: to choose it (setting) or to check it; the fields are cleared."""
        self.setting = setting
        self.prompt.setText(_s("Choose a recruiter PIN ({low} to {high} digits), apart from the proctor's. "
                               "Recruiters type it to open this view.").format(low=MIN_DIGITS, high=MAX_DIGITS)
                            if setting else _s("Type the recruiter PIN."))
        self.again_label.setVisible(setting)
        self.again_input.setVisible(setting)
        self.pin_input.clear()
        self.again_input.clear()
        self.set_busy(False)

    def show_error(self, text: str) -> None:
        """A one-line reason (wrong PIN, locked, PINs differ); the fields are cleared for a new try."""
        self.error.setText(text)
        self.pin_input.clear()
        self.again_input.clear()
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        """While the worker checks the PIN the fields and Open wait."""
        for widget in (self.pin_input, self.again_input, self.open_button):
            widget.setEnabled(not busy)
        if not busy:
            self.pin_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def _enter(self) -> None:
        if self.setting:
            self.again_input.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            self._submit()

    def _submit(self) -> None:
        self.error.setText("")
        self.set_busy(True)
        self.submitted.emit(self.pin_input.text(), self.again_input.text() if self.setting else "")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
            return
        super().keyPressEvent(event)

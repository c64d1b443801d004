"""The screen shown over everything while the station cannot write its log (a full disk): calm words for the
candidate, the cause for the proctor. Nothing recorded is lost meanwhile; the station goes back by itself once
the log writes again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.ui.screens.style import button, button_row, centred_column, hint, message, title

__all__ = ["StorageScreen"]


class StorageScreen(QWidget):
    """'Please call the proctor', with what failed in a smaller line for the proctor."""

    proctor_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storageScreen")
        self.call_button = button("Proctor", primary=True, name="storageProctorButton")
        self.cause = message("error")
        self.cause.setObjectName("storageCause")
        centred_column(self, title("Please call the proctor"),
                       hint("The station needs a moment of the proctor's help. Nothing you have done is lost: "
                            "you will continue exactly where you were."),
                       self.cause, button_row(self.call_button))
        self.call_button.clicked.connect(self.proctor_requested)

    def show_cause(self, text: str) -> None:
        """What the proctor needs to know: why the station cannot save, and what brings it back."""
        self.cause.setText(f"For the proctor: {text}. Free some disk space; the session continues by itself "
                           "once the station can save again.")
        self.cause.setVisible(True)

"""The screen shown over everything while the station cannot write its log (a full disk): calm words for the
candidate, the cause for the proctor. Nothing recorded is lost meanwhile; the station goes back by itself once
the log writes again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from i18n import _, _s
from kiosk.ui.screens.style import button, button_row, centred_column, hint, message, title

__all__ = ["StorageScreen"]


class StorageScreen(QWidget):
    """'Please call the proctor', with what failed in a smaller line for the proctor."""

    proctor_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storageScreen")
        self.call_button = button("", primary=True, name="storageProctorButton")
        self.cause = message("error")
        self.cause.setObjectName("storageCause")
        self.heading, self.body = title(""), hint("")
        centred_column(self, self.heading, self.body, self.cause, button_row(self.call_button))
        self.call_button.clicked.connect(self.proctor_requested)
        self.retranslate()

    def show_cause(self, text: str) -> None:
        """What the proctor needs to know: why the station cannot save, and what brings it back; the candidate's
        part in the candidate's language."""
        self.retranslate()
        self.cause.setText(_s("For the proctor: {cause}. Free some disk space; the session continues by itself "
                              "once the station can save again.").format(cause=text))
        self.cause.setVisible(True)

    def retranslate(self) -> None:
        """The candidate's part in the candidate's language."""
        self.heading.setText(_("Please call the proctor"))
        self.body.setText(_("The station needs a moment of the proctor's help. Nothing you have done is lost: "
                            "you will continue exactly where you were."))
        self.call_button.setText(_("Proctor"))

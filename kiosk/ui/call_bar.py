"""The "Call the proctor" row: under every candidate page, and in the game's header row while a game runs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLabel, QWidget

from i18n import _, candidate_language, is_rtl
from kiosk.ui.screens.style import button

__all__ = ["CallBar"]


class CallBar(QWidget):
    """The candidate's button that calls the proctor, and its calm confirmation beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 2, 12, 6)
        self.note = QLabel("")
        self.note.setObjectName("proctorCalledNote")
        self.note.setProperty("role", "small")
        self.button = button(_("Call the proctor"), name="callProctorButton")
        self.button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click never takes the keys from a game
        row.addWidget(self.note, 1)
        row.addWidget(self.button)

    def retranslate(self) -> None:
        """The button in the candidate's language (the note is set, translated, when the proctor is called)."""
        self.button.setText(_("Call the proctor"))
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(candidate_language())
                                else Qt.LayoutDirection.LeftToRight)

    def place(self, page_layout: QBoxLayout, game_header: QBoxLayout, game_page: QWidget, in_game: bool) -> None:
        """Move into the game's header row while a game runs (leaving the game the height), under the page
        otherwise (second row of `page_layout`)."""
        if in_game and self.parent() is not game_page:
            page_layout.removeWidget(self)
            game_header.addWidget(self, 1)
            self.setContentsMargins(0, 0, 0, 0)
        elif not in_game and self.parent() is game_page:
            game_header.removeWidget(self)
            page_layout.insertWidget(1, self)

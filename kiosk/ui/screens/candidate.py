"""Candidate-facing screens: access code, consent, instructions, the game host, and the end screens."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QTextBrowser, QVBoxLayout, QWidget

from kiosk.ui.screens.style import button, button_row, centred_column, hint, message, title

__all__ = ["CodeEntryScreen", "ConsentScreen", "EndScreen", "GameScreen", "InstructionsScreen"]


class CodeEntryScreen(QWidget):
    """The welcome screen: type the one-time access code the proctor gave you."""

    code_submitted = Signal(str)
    retry_requested = Signal()

    HINT = "Type the code, then press Enter. Letters or digits; dashes are optional."

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code_input = QLineEdit()
        self.code_input.setObjectName("codeInput")
        self.code_input.setPlaceholderText("XXXX-XXXX-XXX")
        self.code_input.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_input.setMaxLength(20)
        self.code_input.setMinimumWidth(520)
        self.start_button = button("Start", primary=True, name="startButton")
        self.retry_button = button("Try again", primary=True, name="retryButton")
        self.retry_button.setVisible(False)
        self.error = message("error")
        self.notice = message("notice")
        self.key_hint = hint(self.HINT)
        centred_column(
            self, title("Welcome to HireMate"), QLabel("Please type the access code you were given."),
            self.code_input, self.error, button_row(self.retry_button, self.start_button), self.key_hint,
            self.notice,
        )
        self.code_input.returnPressed.connect(self._submit)
        self.start_button.clicked.connect(self._submit)
        self.retry_button.clicked.connect(self._retry)

    def _submit(self) -> None:
        if self.start_button.isEnabled():
            self.code_submitted.emit(self.code_input.text())

    def set_busy(self, busy: bool) -> None:
        """Disable input while the code is being checked."""
        self.start_button.setEnabled(not busy)
        self.code_input.setReadOnly(busy)

    def show_failure(self, text: str) -> None:
        """Codes cannot be taken yet (the station failed to start): say why, keep the field shut, offer Try again."""
        self.set_busy(True)
        self.error.setText(text)
        self.error.setVisible(True)
        self.retry_button.setVisible(True)
        self.key_hint.setText("Press Enter to try again.")
        self.retry_button.setFocus()

    def _retry(self) -> None:
        self.retry_button.setVisible(False)
        self.error.setVisible(False)
        self.key_hint.setText(self.HINT)
        self.retry_requested.emit()

    def show_error(self, text: str) -> None:
        """Show why the code was not accepted and let the candidate try again."""
        self.set_busy(False)
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.code_input.selectAll()
        self.code_input.setFocus()

    def show_notice(self, text: str) -> None:
        """A line for the proctor (e.g. an interrupted session waits for them)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def reset(self) -> None:
        """Empty the field for the next candidate."""
        self.code_input.clear()
        self.show_error("")


class ConsentScreen(QWidget):
    """The consent text with an explicit agree or decline."""

    accepted = Signal()
    declined = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(False)
        self.text.setMinimumSize(900, 420)
        self.agree_button = button("I agree, continue", primary=True, name="agreeButton")
        self.decline_button = button("I do not agree", name="declineButton")
        centred_column(
            self, title("Before you start"), self.text, button_row(self.decline_button, self.agree_button),
            hint("Tab moves between the buttons; Enter or Space chooses."), max_width=1100,
        )
        self.agree_button.clicked.connect(self.accepted)
        self.decline_button.clicked.connect(self.declined)

    def show_text(self, markdown: str) -> None:
        """Display the consent text and put the focus on the text so a choice needs a deliberate step."""
        self.text.setMarkdown(markdown)
        self.text.setFocus()


class InstructionsScreen(QWidget):
    """What the next game is about, with an optional practice round."""

    practice = Signal()
    begin = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = title("")
        self.progress = hint("")
        self.text = QTextBrowser()
        self.text.setMinimumSize(900, 320)
        self.practice_button = button("Practise first", name="practiceButton")
        self.begin_button = button("Start the game", primary=True, name="beginButton")
        self.error = message("error")
        centred_column(
            self, self.progress, self.heading, self.text, self.error,
            button_row(self.practice_button, self.begin_button),
            hint("Tab moves between the buttons; Enter or Space chooses."), max_width=1100,
        )
        self.practice_button.clicked.connect(self.practice)
        self.begin_button.clicked.connect(self.begin)

    def show_game(self, heading: str, markdown: str, position: str, practice_offered: bool, resuming: bool) -> None:
        """Fill in the game's title, instructions and the buttons that apply."""
        self.heading.setText(heading)
        self.progress.setText(position)
        prefix = "**Welcome back.** The game continues where it was interrupted.\n\n" if resuming else ""
        self.text.setMarkdown(prefix + markdown)
        self.practice_button.setVisible(practice_offered)
        self.begin_button.setText("Continue the game" if resuming else "Start the game")
        self.show_error("")
        self.begin_button.setFocus()

    def show_error(self, text: str) -> None:
        """A line saying what went wrong (empty hides it); the buttons that remain still work."""
        self.error.setText(text)
        self.error.setVisible(bool(text))


class GameScreen(QWidget):
    """Hosts one game view under a small header saying where the candidate is."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel("")
        self.header.setProperty("role", "hint")
        self.header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 8, 0, 0)
        self._layout.addWidget(self.header)
        self.view: QWidget | None = None

    def host(self, view: QWidget, header: str) -> None:
        """Put a game view in place (replacing any previous one) and give it the focus."""
        self.clear()
        self.header.setText(header)
        self.view = view
        self._layout.addWidget(view, 1)
        view.setFocus()

    def clear(self) -> None:
        """Remove and dispose of the hosted view."""
        if self.view is not None:
            self._layout.removeWidget(self.view)
            self.view.hide()
            self.view.deleteLater()
            self.view = None


class EndScreen(QWidget):
    """The closing screen: thanks after completion, or a polite goodbye after declining."""

    finished = Signal()

    def __init__(self, heading: str, body: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body = QLabel(body)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = hint("")
        self.done_button = button("Done", primary=True, name=name)
        centred_column(self, title(heading), self.body, self.status, button_row(self.done_button),
                       hint("Press Enter when you have told the proctor."))
        self.done_button.clicked.connect(self.finished)

    def set_saved(self, saved: bool) -> None:
        """Say whether everything is safely stored yet; Done waits until it is."""
        self.status.setText("Everything is saved." if saved else "Saving…")
        self.done_button.setEnabled(saved)
        if saved:
            self.done_button.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.done_button.isEnabled():
            self.done_button.click()
            return
        super().keyPressEvent(event)

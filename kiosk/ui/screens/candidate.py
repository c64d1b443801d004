"""Candidate-facing screens: access code, consent, instructions, practice over, the game host, the end screens.

Every page has a `screen_name` (the name the station's events use) and `focus_first()`, which puts the
keyboard focus where a person starts on that page. On the pages that lead into a game the first focus is
on the text, never on a button: starting a game takes a deliberate Tab and Enter (or a click).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextBrowser, QVBoxLayout, QWidget

from i18n import LANGUAGES, N_, _, ngettext_s
from kiosk.ui.accessible import name_game_view
from kiosk.ui.screens.style import button, button_row, centred_column, hint, message, title

__all__ = [
    "CandidatePage",
    "CodeEntryScreen",
    "ConsentScreen",
    "EndScreen",
    "GameScreen",
    "InstructionsScreen",
    "PracticeOverScreen",
]

BUTTONS_HINT = N_("Tab moves to the buttons; Enter or Space chooses.")


class CandidatePage(QWidget):
    """A page of the candidate side: its name in the log (`screen_name`) and where the focus starts."""

    screen_name = "candidate"

    def retranslate(self) -> None:
        """Set the page's fixed texts in the candidate's language (again after the candidate switched)."""

    def focus_first(self) -> None:
        """Put the keyboard focus on the page's first control (the page itself by default)."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)


READING_WIDTH = 900
"""How wide a text the candidate reads wants to be (px): a comfortable line, narrower only on a small screen."""


class _ReadingText(QTextBrowser):
    """A text to read that asks for a reading width: the centred column otherwise gives it a QTextBrowser's
    default hint (256 px), a narrow box scrolled line by line even on a wide screen."""

    def sizeHint(self) -> QSize:
        return QSize(READING_WIDTH, super().sizeHint().height())


def _reading_text(min_height: int, name: str) -> QTextBrowser:
    text = _ReadingText()
    text.setObjectName(name)
    text.setOpenExternalLinks(False)
    text.setMinimumHeight(min_height)
    return text


class CodeEntryScreen(CandidatePage):
    """The welcome screen: type the one-time access code the proctor gave you."""

    screen_name = "code_entry"
    code_submitted = Signal(str)
    retry_requested = Signal()
    language_chosen = Signal(str)  # a language tag: the candidate switched with a language button

    HINT = N_("Type the code, then press Enter. Letters or digits; dashes are optional.")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code_input = QLineEdit()
        self.code_input.setObjectName("codeInput")
        self.code_input.setPlaceholderText("XXXX-XXXX-XXX")
        self.code_input.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_input.setMaxLength(20)
        self.code_input.setMinimumWidth(420)
        self.start_button = button("", primary=True, name="startButton")
        self.retry_button = button("", primary=True, name="retryButton")
        self.retry_button.setVisible(False)
        self.error = message("error")
        self.notice = message("notice")
        self.notice.setObjectName("proctorNotice")
        self.key_hint = hint("")
        self.heading, self.prompt = title(""), QLabel("")
        self.language_hint = hint("")
        self.size_hint = hint("")  # shown only where the type-size keys work (offer_type_size)
        self.size_hint.setObjectName("typeSizeHint")
        self.size_hint.setVisible(False)
        self.language_buttons = {tag: button(name, name=f"language_{tag}") for tag, name in LANGUAGES.items()}
        for tag, choice in self.language_buttons.items():
            choice.setLocale(QLocale(tag))  # i18n: each language is offered by its own name, never translated
            choice.setStyleSheet("min-width: 0px; padding-left: 18px; padding-right: 18px;")  # four fit 1024 px
            choice.clicked.connect(lambda _checked=False, t=tag: self.language_chosen.emit(t))
        self._failed = False
        centred_column(
            self, self.heading, self.prompt, self.code_input, self.error,
            button_row(self.retry_button, self.start_button), self.key_hint, self.notice,
            button_row(*self.language_buttons.values()), self.language_hint, self.size_hint,
        )
        self.code_input.returnPressed.connect(self._submit)
        self.start_button.clicked.connect(self._submit)
        self.retry_button.clicked.connect(self._retry)
        self.retranslate()

    def retranslate(self) -> None:
        """The welcome texts in the candidate's language."""
        self.heading.setText(_("Welcome to HireMate"))
        self.prompt.setText(_("Please type the access code you were given."))
        self.start_button.setText(_("Start"))
        self.retry_button.setText(_("Try again"))
        self.key_hint.setText(_("Press Enter to try again.") if self._failed else _(self.HINT))
        self.language_hint.setText(_("Language: Tab moves to the languages; Enter or Space switches."))
        for tag, choice in self.language_buttons.items():
            choice.setAccessibleDescription(_("Switches the assessment to {language}; Enter or Space chooses it")
                                            .format(language=LANGUAGES[tag]))
        self.size_hint.setText(_("Text size: Ctrl and + make the text larger, Ctrl and - smaller, Ctrl and 0 "
                                 "back to normal."))

    def offer_type_size(self, offered: bool) -> None:
        """Say (or stop saying) that Ctrl and + / - change the text size: only where those keys work (the station
        window's kiosk.ui.appearance_link takes them)."""
        self.size_hint.setVisible(offered)

    def focus_first(self) -> None:
        """The code field (or Try again, when the station could not start)."""
        target = self.retry_button if self.retry_button.isVisible() else self.code_input
        target.setFocus(Qt.FocusReason.OtherFocusReason)

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
        self._failed = True
        self.retranslate()
        self.retry_button.setFocus()

    def _retry(self) -> None:
        self.retry_button.setVisible(False)
        self.error.setVisible(False)
        self._failed = False
        self.retranslate()
        self.retry_requested.emit()
        self.code_input.setFocus()

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

    def show_interrupted(self, count: int) -> None:
        """Tell the proctor how many interrupted sessions wait to be resumed (none: no line)."""
        self.show_notice(ngettext_s("Proctor: {count} interrupted session can be resumed from the proctor panel.",
                                    "Proctor: {count} interrupted sessions can be resumed from the proctor panel.",
                                    count).format(count=count) if count else "")

    def reset(self) -> None:
        """Empty the field for the next candidate."""
        self.code_input.clear()
        self.show_error("")


class ConsentScreen(CandidatePage):
    """The consent text with an explicit agree, or a decline that asks once more (it uses up the code)."""

    screen_name = "consent"
    accepted = Signal()
    declined = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = _reading_text(260, "consentText")
        self.agree_button = button("", primary=True, name="agreeButton")
        self.decline_button = button("", name="declineButton")
        self.confirm = message("notice")
        self.confirm.setObjectName("declineQuestion")
        self.back_button = button("", name="declineBackButton")
        self.confirm_button = button("", name="declineConfirmButton")
        self.back_button.setVisible(False)
        self.confirm_button.setVisible(False)
        self.key_hint = hint("")
        self.heading = title("")
        self.retranslate()
        centred_column(
            self, self.heading, self.text, self.confirm,
            button_row(self.decline_button, self.agree_button, self.back_button, self.confirm_button),
            self.key_hint, max_width=1100,
        )
        self.agree_button.clicked.connect(self.accepted)
        self.decline_button.clicked.connect(lambda: self._ask(True))
        self.back_button.clicked.connect(lambda: self._ask(False))
        self.confirm_button.clicked.connect(self.declined)

    def retranslate(self) -> None:
        """The consent page's buttons and question in the candidate's language (the text comes from assets)."""
        self.heading.setText(_("Before you start"))
        self.agree_button.setText(_("I agree, continue"))
        self.decline_button.setText(_("I do not agree"))
        self.confirm.setText(_("Are you sure? If you do not take part, your access code is used up: it cannot be "
                               "used again, and nothing more is recorded."))
        self.back_button.setText(_("Back to the text"))
        self.confirm_button.setText(_("Yes, I do not take part"))
        self.key_hint.setText(_(BUTTONS_HINT))

    @property
    def asking(self) -> bool:
        """Whether the "are you sure?" question is showing."""
        return self.confirm_button.isVisible()

    def _ask(self, asking: bool, focus: bool = True) -> None:
        for widget in (self.confirm, self.back_button, self.confirm_button):
            widget.setVisible(asking)
        for widget in (self.decline_button, self.agree_button):
            widget.setVisible(not asking)
        if focus:
            (self.back_button if asking else self.decline_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def show_text(self, markdown: str) -> None:
        """Display the consent text; the question is not asked yet."""
        self.text.setMarkdown(markdown)
        self._ask(False, focus=False)

    def focus_first(self) -> None:
        """The text, so that a choice needs a deliberate step."""
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)


class InstructionsScreen(CandidatePage):
    """What the next game is about, with an optional practice round."""

    screen_name = "instructions"
    practice = Signal()
    begin = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = title("")
        self.progress = hint("")
        self.text = _reading_text(200, "instructionsText")
        self.practice_button = button("", name="practiceButton")
        self.begin_button = button("", primary=True, name="beginButton")
        self.error = message("error")
        self.key_hint = hint("")
        self.retranslate()
        centred_column(
            self, self.progress, self.heading, self.text, self.error,
            button_row(self.practice_button, self.begin_button), self.key_hint, max_width=1100,
        )
        self.practice_button.clicked.connect(self.practice)
        self.begin_button.clicked.connect(self.begin)

    def retranslate(self) -> None:
        """The buttons in the candidate's language (the game's texts come with show_game)."""
        self.practice_button.setText(_("Practise first"))
        self.begin_button.setText(_("Start the game"))
        self.key_hint.setText(_(BUTTONS_HINT))

    def show_game(self, heading: str, markdown: str, position: str, practice_offered: bool, resuming: bool) -> None:
        """Fill in the game's title, instructions and the buttons that apply (texts already translated)."""
        self.heading.setText(heading)
        self.progress.setText(position)
        prefix = _("**Welcome back.** The game continues where it was interrupted.") + "\n\n" if resuming else ""
        self.text.setMarkdown(prefix + markdown)
        self.practice_button.setVisible(practice_offered)
        self.begin_button.setText(_("Continue the game") if resuming else _("Start the game"))
        self.key_hint.setText(_(BUTTONS_HINT) if practice_offered else
                              _("Tab moves to {button}; Enter or Space chooses.").format(
                                  button=self.begin_button.text()))
        self.show_error("")

    def focus_first(self) -> None:
        """The instructions text: the game starts only after a deliberate Tab and Enter (or a click)."""
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_error(self, text: str) -> None:
        """A line saying what went wrong (empty hides it); the buttons that remain still work."""
        self.error.setText(text)
        self.error.setVisible(bool(text))


class PracticeOverScreen(CandidatePage):
    """Between a practice round and the real game: the practice is over, the next round counts."""

    screen_name = "practice_over"
    begin = Signal()
    reread = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceOverScreen")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.heading = title("")
        self.body = QLabel("")
        self.reread_button = button("", name="rereadButton")
        self.begin_button = button("", primary=True, name="practiceOverBeginButton")
        self.key_hint = hint("")
        self.retranslate()
        centred_column(self, self.heading, self.body, button_row(self.reread_button, self.begin_button),
                       self.key_hint)
        self.reread_button.clicked.connect(self.reread)
        self.begin_button.clicked.connect(self.begin)

    def retranslate(self) -> None:
        """The page's fixed texts in the candidate's language."""
        self.heading.setText(_("Practice over"))
        self.reread_button.setText(_("Read the instructions again"))
        self.begin_button.setText(_("Start the game"))
        self.key_hint.setText(_(BUTTONS_HINT))

    def show_game(self, game_title: str) -> None:
        """Name the game that comes next (its title already translated)."""
        self.body.setText(_("That was the practice round: {game}. It did not count.\n"
                            "The real game starts when you choose Start the game. From then on, everything counts."
                            ).format(game=game_title))


class GameScreen(CandidatePage):
    """Hosts one game view under a small header saying where the candidate is."""

    screen_name = "game"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = QLabel("")
        self.header.setObjectName("gameHeader")
        self.header.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.header.setWordWrap(True)  # a long game title at 200 % wraps beside "Call the proctor"
        self.header_row = QHBoxLayout()  # the header, and the station's "Call the proctor" while a game runs
        self.header_row.setContentsMargins(12, 0, 12, 0)
        self.header_row.addWidget(self.header, 1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 4, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addLayout(self.header_row)
        self.view: QWidget | None = None

    def host(self, view: QWidget, header: str) -> None:
        """Put a game view in place (replacing any previous one) and give it the focus."""
        self.clear()
        self.header.setText(header)
        name_game_view(view, header)
        self.view = view
        view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # in every language: the left key stays on the left
        self._layout.addWidget(view, 1)
        view.setFocus()

    def focus_first(self) -> None:
        """The game view."""
        if self.view is not None:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Remove and dispose of the hosted view; closing it first stops whatever it still runs (timers, filters)."""
        if self.view is not None:
            self._layout.removeWidget(self.view)
            self.view.close()
            self.view.deleteLater()
            self.view = None


class EndScreen(CandidatePage):
    """A closing screen (completed, declined, or a session that could not go on); Done waits until it is saved."""

    finished = Signal()

    SAVING = N_("Saving your answers…")
    SAVED = N_("Your answers are saved.")

    def __init__(self, screen_name: str, heading: str, body: str, name: str, parent: QWidget | None = None) -> None:
        """heading and body are catalogue messages (marked with N_), shown in the candidate's language."""
        super().__init__(parent)
        self.screen_name = screen_name
        self._texts = (heading, body)
        self._saved: bool | None = None
        self.heading = title("")
        self.body = QLabel("")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = hint("")
        self.status.setObjectName(f"{screen_name}Status")
        self.done_button = button("", primary=True, name=name)
        self.done_hint = hint("")
        self.retranslate()
        centred_column(self, self.heading, self.body, self.status, button_row(self.done_button), self.done_hint)
        self.done_button.clicked.connect(self.finished)

    def retranslate(self) -> None:
        """The closing texts in the candidate's language."""
        self.heading.setText(_(self._texts[0]))
        self.body.setText(_(self._texts[1]))
        self.done_button.setText(_("Done"))
        self.done_hint.setText(_("Press Enter when you have told the proctor."))
        if self._saved is not None:
            self.status.setText(_(self.SAVED if self._saved else self.SAVING))

    def set_saved(self, saved: bool) -> None:
        """Say whether the candidate's answers are durably stored yet (true once the log is); Done waits for it."""
        self._saved = saved
        self.status.setText(_(self.SAVED if saved else self.SAVING))
        self.done_button.setEnabled(saved)
        if saved and self.isVisible():
            self.done_button.setFocus()

    def show_failure(self, text: str) -> None:
        """Saving failed: say so (Done stays disabled; the proctor takes over)."""
        self._saved = None
        self.status.setText(text)
        self.done_button.setEnabled(False)

    def focus_first(self) -> None:
        """Done, once it is enabled."""
        (self.done_button if self.done_button.isEnabled() else self).setFocus(Qt.FocusReason.OtherFocusReason)

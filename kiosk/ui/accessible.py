"""Accessible names and descriptions of the station's controls, in one table by object name, given by
`name_controls` to every page the station styles, to a hosted game view and to the recruiter view; a name a
widget set for itself where it was made is kept. tests/kiosk/ui/test_accessible_names.py walks every screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from i18n import N_, _, _s

__all__ = ["CANDIDATE_CONTROLS", "CONTROLS", "name_controls", "name_game_view"]

NAMED, DESCRIBED = "accessibleNameFromTable", "accessibleDescriptionFromTable"
"""The properties of a widget whose name (description) came from the table: a language switch gives it again."""

CONTROLS: dict[str, tuple[str | None, str]] = {
    # the candidate path
    "codeInput": (N_("Access code"), N_("Type the code the proctor gave you, then press Enter; dashes are optional")),
    "startButton": (None, N_("Checks the access code and shows the consent text")),
    "retryButton": (None, N_("Tries to start the station again")),
    "consentText": (N_("Consent text"), N_("Read it with the arrow keys and Page Down; Tab moves to the buttons")),
    "agreeButton": (None, N_("You take part; the instructions of the first game come next")),
    "declineButton": (None, N_("Asks once more before you leave")),
    "declineBackButton": (None, N_("Back to the consent text; nothing is recorded")),
    "declineConfirmButton": (None, N_("Your access code is used up and nothing more is recorded")),
    "instructionsText": (N_("Instructions"), N_("What the next game is about; Tab moves to the buttons")),
    "practiceButton": (None, N_("A short practice round that does not count")),
    "beginButton": (None, N_("The game starts, and from then on it counts")),
    "practiceOverScreen": (N_("Practice over"), N_("The practice round did not count; Tab moves to the buttons")),
    "rereadButton": (None, N_("Back to the instructions of this game")),
    "practiceOverBeginButton": (None, N_("The real game starts; from then on everything counts")),
    "completeDoneButton": (None, N_("Press it when you have told the proctor")),
    "declinedDoneButton": (None, N_("Press it when you have told the proctor")),
    "stoppedDoneButton": (None, N_("Press it when you have told the proctor")),
    "callProctorButton": (None, N_("Asks the proctor to come; a game goes on meanwhile")),
    "pauseProctorButton": (None, N_("The proctor's PIN continues the assessment")),
    "storageProctorButton": (None, N_("The proctor's PIN opens the proctor panel")),
    "reasoning": (N_("Your reasoning"), N_("Write why you chose as you did")),
}
CANDIDATE_CONTROLS = frozenset(CONTROLS)
"""The candidate's controls: named in the candidate's language; every other one in the station's."""
CONTROLS |= {
    # the proctor
    "pinInput": (N_("Proctor PIN"), N_("6 to 12 digits; Enter confirms")),
    "pinAgainInput": (N_("Proctor PIN again"), N_("The same PIN once more, to be sure it is the one you meant")),
    "pinOkButton": (None, N_("Checks the PIN")),
    "pinCancelButton": (None, N_("Leaves the PIN prompt")),
    "panelTabs": (N_("Proctor panel sections"), N_("Sessions, access codes, sync and station details")),
    "sessionsTable": (N_("Sessions"), N_("Newest first; the arrow keys move between sessions")),
    "unusedCodesTable": (N_("Unused access codes"), N_("Soonest expiry first; the arrow keys move between codes")),
    "idleSpin": (N_("Idle after, seconds"), N_("A candidate without input this long is noted as idle")),
    "pauseSpin": (N_("Pause after, seconds"), N_("A candidate without input this long pauses the assessment")),
    "countSpin": (N_("How many codes"), N_("1 to 500 one-time access codes")),
    "batteryCombo": (N_("Battery"), N_("The games the codes open")),
    "expiresInput": (N_("Expires in"), N_("For example 48h, 7d or a date")),
    "prefixInput": (N_("Pseudonym prefix"), N_("Pseudonyms start with it")),
    "issuedText": (N_("Codes just issued"), N_("The codes with their pseudonyms and expiry")),
    # the recruiter view
    "reportBrowser": (N_("Report"), N_("The candidate's report; the arrow keys and Page Up/Down scroll")),
    "candidatesTable": (N_("Candidates"), N_("The arrow keys move between candidates; Enter opens the report")),
    "recruiterPinInput": (N_("Recruiter PIN"), N_("Enter confirms")),
    "recruiterPinAgain": (N_("Recruiter PIN again"), N_("The same PIN once more")),
}
"""(name, description) by object name; a button has no name here: its text is its name, so a screen reader says
what the button shows even when the text changes ("Start the game", "Continue the game")."""


def name_controls(root: QWidget) -> None:
    """Give root and every widget under it that is in CONTROLS its accessible name and description, translated now
    (a candidate's control in the candidate's language, any other in the station's), unless it has its own already;
    a name given from the table before is given again (in the language of now)."""
    for widget in (root, *root.findChildren(QWidget)):
        known = CONTROLS.get(widget.objectName())
        if known is None:
            continue
        tr = _ if widget.objectName() in CANDIDATE_CONTROLS else _s
        if known[0] is not None and (widget.property(NAMED) or not widget.accessibleName()):
            widget.setAccessibleName(tr(known[0]))
            widget.setProperty(NAMED, True)
        if widget.property(DESCRIBED) or not widget.accessibleDescription():
            widget.setAccessibleDescription(tr(known[1]))
            widget.setProperty(DESCRIBED, True)


GAME_VIEW = N_("The game: its own keys answer, as its instructions said")


def name_game_view(view: QWidget, header: str) -> None:
    """A game's view is named by the station's header over it ("Game 1 of 3: Balloon game"); its own controls by
    CONTROLS."""
    view.setAccessibleName(header)
    if not view.accessibleDescription():
        view.setAccessibleDescription(_(GAME_VIEW))
    name_controls(view)

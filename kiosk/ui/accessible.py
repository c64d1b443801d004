"""Accessible names and descriptions of the station's controls, in one table by object name, given by
`name_controls` to every page the station styles, to a hosted game view and to the recruiter view; a name a
widget set for itself where it was made is kept. tests/kiosk/ui/test_accessible_names.py walks every screen."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

__all__ = ["CONTROLS", "name_controls", "name_game_view"]

CONTROLS: dict[str, tuple[str | None, str]] = {
    # the candidate path
    "codeInput": ("Access code", "Type the code the proctor gave you, then press Enter; dashes are optional"),
    "startButton": (None, "Checks the access code and shows the consent text"),
    "retryButton": (None, "Tries to start the station again"),
    "consentText": ("Consent text", "Read it with the arrow keys and Page Down; Tab moves to the buttons"),
    "agreeButton": (None, "You take part; the instructions of the first game come next"),
    "declineButton": (None, "Asks once more before you leave"),
    "declineBackButton": (None, "Back to the consent text; nothing is recorded"),
    "declineConfirmButton": (None, "Your access code is used up and nothing more is recorded"),
    "instructionsText": ("Instructions", "What the next game is about; Tab moves to the buttons"),
    "practiceButton": (None, "A short practice round that does not count"),
    "beginButton": (None, "The game starts, and from then on it counts"),
    "practiceOverScreen": ("Practice over", "The practice round did not count; Tab moves to the buttons"),
    "rereadButton": (None, "Back to the instructions of this game"),
    "practiceOverBeginButton": (None, "The real game starts; from then on everything counts"),
    "completeDoneButton": (None, "Press it when you have told the proctor"),
    "declinedDoneButton": (None, "Press it when you have told the proctor"),
    "stoppedDoneButton": (None, "Press it when you have told the proctor"),
    "callProctorButton": (None, "Asks the proctor to come; a game goes on meanwhile"),
    "pauseProctorButton": (None, "The proctor's PIN continues the assessment"),
    "storageProctorButton": (None, "The proctor's PIN opens the proctor panel"),
    "reasoning": ("Your reasoning", "Write why you chose as you did"),
    # the proctor
    "pinInput": ("Proctor PIN", "6 to 12 digits; Enter confirms"),
    "pinAgainInput": ("Proctor PIN again", "The same PIN once more, to be sure it is the one you meant"),
    "pinOkButton": (None, "Checks the PIN"),
    "pinCancelButton": (None, "Leaves the PIN prompt"),
    "panelTabs": ("Proctor panel sections", "Sessions, access codes, sync and station details"),
    "sessionsTable": ("Sessions", "Newest first; the arrow keys move between sessions"),
    "unusedCodesTable": ("Unused access codes", "Soonest expiry first; the arrow keys move between codes"),
    "idleSpin": ("Idle after, seconds", "A candidate without input this long is noted as idle"),
    "pauseSpin": ("Pause after, seconds", "A candidate without input this long pauses the assessment"),
    "countSpin": ("How many codes", "1 to 500 one-time access codes"),
    "batteryCombo": ("Battery", "The games the codes open"),
    "expiresInput": ("Expires in", "For example 48h, 7d or a date"),
    "prefixInput": ("Pseudonym prefix", "Pseudonyms start with it"),
    "issuedText": ("Codes just issued", "The codes with their pseudonyms and expiry"),
    # the recruiter view
    "reportBrowser": ("Report", "The candidate's report; the arrow keys and Page Up/Down scroll"),
    "candidatesTable": ("Candidates", "The arrow keys move between candidates; Enter opens the report"),
    "recruiterPinInput": ("Recruiter PIN", "Enter confirms"),
    "recruiterPinAgain": ("Recruiter PIN again", "The same PIN once more"),
}
"""(name, description) by object name; a button has no name here: its text is its name, so a screen reader says
what the button shows even when the text changes ("Start the game", "Continue the game")."""


def name_controls(root: QWidget) -> None:
    """Give root and every widget under it that is in CONTROLS its accessible name and description, unless it has
    its own already."""
    for widget in (root, *root.findChildren(QWidget)):
        known = CONTROLS.get(widget.objectName())
        if known is None:
            continue
        if known[0] is not None and not widget.accessibleName():
            widget.setAccessibleName(known[0])
        if not widget.accessibleDescription():
            widget.setAccessibleDescription(known[1])


def name_game_view(view: QWidget, header: str) -> None:
    """A game's view is named by the station's header over it ("Game 1 of 3: Balloon game"); its own controls by
    CONTROLS."""
    view.setAccessibleName(header)
    if not view.accessibleDescription():
        view.setAccessibleDescription("The game: its own keys answer, as its instructions said")
    name_controls(view)

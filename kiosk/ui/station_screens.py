"""The pages of the station's stack: the candidate's (driven by the candidate controller), then the proctor's."""

from __future__ import annotations

from dataclasses import dataclass, fields

from i18n import N_
from kiosk.ui.candidate_flow import CandidateScreens
from kiosk.ui.screens.candidate import (
    CodeEntryScreen,
    ConsentScreen,
    EndScreen,
    GameScreen,
    InstructionsScreen,
    PracticeOverScreen,
)
from kiosk.ui.screens.panel import ProctorPanel
from kiosk.ui.screens.proctor import PauseScreen, PinScreen
from kiosk.ui.screens.storage import StorageScreen

__all__ = ["Screens", "make_screens"]


@dataclass(frozen=True)
class Screens(CandidateScreens):
    """Every page of the station's stack: the candidate's, then the proctor's."""

    pin: PinScreen
    panel: ProctorPanel
    pause: PauseScreen
    storage: StorageScreen

    def candidate_side(self) -> CandidateScreens:
        """Only the pages the candidate controller drives."""
        return CandidateScreens(**{field.name: getattr(self, field.name) for field in fields(CandidateScreens)})


def make_screens(code: CodeEntryScreen | None = None) -> Screens:
    """One of each page, in stack order (with the code-entry page the window shows already, if given)."""
    return Screens(
        code or CodeEntryScreen(), ConsentScreen(), InstructionsScreen(), PracticeOverScreen(), GameScreen(),
        EndScreen("complete", N_("Thank you!"),
                  N_("You have finished; nothing can be redone.\nPlease let the proctor know."), "completeDoneButton"),
        EndScreen("declined", N_("Thank you for your time"),
                  N_("You chose not to take part; nothing more is recorded.\nPlease let the proctor know."),
                  "declinedDoneButton"),
        EndScreen("stopped", N_("The session cannot continue"),
                  N_("Something went wrong, and this session cannot go on here. Nothing you did is lost.\n"
                     "Please call the proctor."), "stoppedDoneButton"),
        PinScreen(), ProctorPanel(), PauseScreen(), StorageScreen(),
    )

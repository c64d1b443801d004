"""The pages of the station's stack: the candidate's (driven by the candidate controller), then the proctor's."""

from __future__ import annotations

from dataclasses import dataclass, fields

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
        EndScreen("complete", "Thank you!", "You have finished; nothing can be redone.\nPlease let the proctor know.",
                  "completeDoneButton"),
        EndScreen("declined", "Thank you for your time", "You chose not to take part; nothing more is recorded.\n"
                  "Please let the proctor know.", "declinedDoneButton"),
        EndScreen("stopped", "The session cannot continue", "Something went wrong, and this session cannot go on "
                  "here. Nothing you did is lost.\nPlease call the proctor.", "stoppedDoneButton"),
        PinScreen(), ProctorPanel(), PauseScreen(), StorageScreen(),
    )

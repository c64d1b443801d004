"""The break note granted as an accommodation is shown in the candidate's language, like the rest of their path."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from i18n import _, set_candidate_language
from kiosk.ui.candidate_flow import BREAK_TEXT


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    set_candidate_language("en")


@pytest.mark.parametrize(("language", "opening"), [("en", "**Break.**"), ("es", "**Pausa.**"), ("de", "**Pause.**"),
                                                   ("ar", "**استراحة.**")])
def test_the_break_note_is_in_the_candidates_language(language: str, opening: str) -> None:
    set_candidate_language(language)
    text = _(BREAK_TEXT)
    assert text.startswith(opening) and text.endswith("\n\n")  # the instructions follow after a blank line

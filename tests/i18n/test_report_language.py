"""The report language: `_r` writes in the language of `reporting_in`, per thread, and English outside it."""

from __future__ import annotations

import threading

import pytest

from i18n import _r, ngettext_r, report_language, reporting_in, translation


def a_translated_message() -> str:
    """A message the German catalogue translates (any will do)."""
    catalogue = translation("de")
    for message in ("Start", "Continue", "Next"):
        if catalogue.gettext(message) != message:
            return message
    return next(m for m in catalogue._catalog if isinstance(m, str) and m)  # type: ignore[attr-defined]


def test_reporting_in_translates_and_restores() -> None:
    message = a_translated_message()
    german = translation("de").gettext(message)
    assert german != message
    assert _r(message) == message
    with reporting_in("de"):
        assert report_language() == "de"
        assert _r(message) == german
    assert report_language() == "en" and _r(message) == message


def test_each_thread_writes_its_own_language() -> None:
    message = a_translated_message()
    seen: dict[str, str] = {}
    barrier = threading.Barrier(2)

    def write(tag: str) -> None:
        with reporting_in(tag):
            barrier.wait()
            seen[tag] = _r(message)

    threads = [threading.Thread(target=write, args=(tag,)) for tag in ("de", "es")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == {"de": translation("de").gettext(message), "es": translation("es").gettext(message)}


def test_an_unshipped_language_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'xx' is not shipped"), reporting_in("xx"):
        pass
    assert ngettext_r("one session", "{n} sessions", 2) == "{n} sessions"

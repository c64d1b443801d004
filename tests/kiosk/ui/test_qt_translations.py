"""Qt's own strings (a text field's context menu, standard dialog buttons) come in the station's language from Qt's
qtbase catalogue (issue 17); installing the Arabic one does not mirror the whole application (each page mirrors by
its reader's language, a game never)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from i18n import LANGUAGES
from kiosk.ui.qtapp import install_qt_translations, qt_translations_dir

CANCEL = QDialogButtonBox.StandardButton.Cancel


@pytest.fixture
def english_afterwards(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    install_qt_translations(qapp, "en")


def _qt_words() -> tuple[str, str]:
    """What Qt itself writes now: a dialog's Cancel button, and a text field's first context-menu entry."""
    QApplication.processEvents()  # the LanguageChange event
    box = QDialogButtonBox(CANCEL)
    field = QLineEdit()
    menu = field.createStandardContextMenu()
    words = (box.button(CANCEL).text(), menu.actions()[0].text().split("\t")[0])
    for widget in (menu, field, box):
        widget.deleteLater()
    return words


@pytest.mark.parametrize(("tag", "cancel", "undo"), [("de", "Abbrechen", "&Rückgängig"),
                                                     ("es", "Cancelar", "&Deshacer"), ("ar", "ألغِ", "&تراجع")])
def test_qt_speaks_the_station_language(english_afterwards: QApplication, tag: str, cancel: str, undo: str) -> None:
    assert install_qt_translations(english_afterwards, tag) == qt_translations_dir() / f"qtbase_{tag}.qm"
    assert _qt_words() == (cancel, undo)
    assert english_afterwards.layoutDirection() == Qt.LayoutDirection.LeftToRight  # also after the Arabic one


def test_english_is_built_in_and_a_switch_replaces_the_catalogue(english_afterwards: QApplication) -> None:
    install_qt_translations(english_afterwards, "de")
    assert install_qt_translations(english_afterwards, "en") is None
    assert _qt_words() == ("Cancel", "&Undo")


def test_every_shipped_language_has_a_qt_catalogue() -> None:
    """What packaging/hiremate.spec keeps (LANGUAGES) must exist in the Qt this project runs on."""
    for tag in LANGUAGES:
        assert tag == "en" or (qt_translations_dir() / f"qtbase_{tag}.qm").is_file(), tag

"""The process's QApplication, typed as one (Qt's instance() only promises a QCoreApplication), and Qt's own strings
(a text field's context menu, standard dialog buttons, the file and print dialogs) in the station's language."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import QApplication

__all__ = ["current_app", "install_qt_translations", "qt_translations_dir", "widgets_app"]

_installed: list[QTranslator] = []
"""The translator installed now (kept referenced: Qt does not own it)."""


def current_app() -> QApplication | None:
    """The running QApplication, or None when there is none (or only a non-widget application)."""
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else None


def widgets_app(argv: Sequence[str]) -> QApplication:
    """The running QApplication, made with argv when there is none yet."""
    return current_app() or QApplication(list(argv))


def qt_translations_dir() -> Path:
    """Where Qt's own catalogues (qtbase_de.qm ...) are: Qt's translations path, or PySide6's folder of them (the
    packaged app keeps those of the shipped languages there: LANGUAGES in packaging/hiremate.spec)."""
    configured = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if configured.is_dir():
        return configured
    return Path(PySide6.__file__).resolve().parent / "Qt" / "translations"


def install_qt_translations(app: QCoreApplication, tag: str) -> Path | None:
    """Qt's own strings in a language from now on (its qtbase catalogue; a translator installed before is removed).
    Returns the catalogue loaded, or None for English (built into Qt) and for a language Qt has no catalogue for.

    The application's layout direction stays left to right: Qt would otherwise mirror every window when an Arabic
    catalogue is installed, while the station mirrors each page by its reader's language (a game never)."""
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if isinstance(app, QApplication):
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # explicit: no catalogue changes it then
    base = tag.split("-")[0]
    if base == "en":
        return None
    path = qt_translations_dir() / f"qtbase_{base}.qm"
    translator = QTranslator(app)
    if not translator.load(str(path)):
        return None
    app.installTranslator(translator)
    _installed.append(translator)
    return path


"""The process's QApplication, typed as one: Qt's instance() only promises a QCoreApplication."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

__all__ = ["current_app", "widgets_app"]


def current_app() -> QApplication | None:
    """The running QApplication, or None when there is none (or only a non-widget application)."""
    app = QApplication.instance()
    return app if isinstance(app, QApplication) else None


def widgets_app(argv: Sequence[str]) -> QApplication:
    """The running QApplication, made with argv when there is none yet."""
    return current_app() or QApplication(list(argv))

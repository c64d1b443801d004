"""The proctor panel's parts: what its signals carry (issue, PDF, print, data export) and its tables and buttons."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from i18n import _s
from kiosk.ui.codes_print import CodeSheet
from kiosk.ui.screens.style import BigButton

__all__ = [
    "DataExportRequest",
    "IssueRequest",
    "PdfRequest",
    "PrintRequest",
    "fill_table",
    "form_label",
    "panel_button",
    "panel_table",
    "scrolled_tab",
]


@dataclass(frozen=True)
class IssueRequest:
    """What the proctor asked for when issuing codes."""

    count: int
    battery: str
    expires: str
    prefix: str
    name: str
    email: str
    accommodations: str = ""  # e.g. "extended_time=1.5 breaks" (docs/ACCOMMODATIONS.md); empty: none
    language: str | None = None  # the candidate's language (None: the station's)


@dataclass(frozen=True)
class PdfRequest:
    """Save the sheet of the codes just issued as a PDF at path."""

    sheet: CodeSheet
    path: Path


@dataclass(frozen=True)
class DataExportRequest:
    """Export every closed assessment session's data as `fmt` into a new folder inside `folder`."""

    folder: Path
    fmt: str


@dataclass(frozen=True)
class PrintRequest:
    """Print the sheet of the codes just issued on the printer the proctor set up in the print dialog."""

    sheet: CodeSheet
    printer: QPrinter


def panel_button(text: str, name: str) -> QPushButton:
    """A panel button: Space or Enter (a fresh press and release) activates it when it has the focus."""
    widget = BigButton(text)
    widget.setObjectName(name)
    return widget


def form_label(text: str, buddy: QWidget) -> QLabel:
    """A label naming a field (a screen reader reads it as the field's name)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def panel_table(name: str, columns: tuple[str, ...]) -> QTableWidget:
    """A read-only table of whole rows, one selected at a time; Tab leaves it; its column headers are messages
    (N_), shown in the station's language."""
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels([_s(column) for column in columns])
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move between rows
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(columns) - 1, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    return table


def fill_table(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    """Replace the table's rows with these cells."""
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for col, text in enumerate(cells):
            table.setItem(row, col, QTableWidgetItem(text))


def scrolled_tab(tab: QWidget) -> QScrollArea:
    """A tab's content in a frameless scroll area that takes no focus: at larger type it scrolls up and down."""
    scroll = QScrollArea()
    scroll.setObjectName("panelTabScroll")
    tab.setObjectName(tab.objectName() or "panelTabContent")
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(tab)
    return scroll

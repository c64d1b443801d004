"""What the proctor panel's buttons do: issue, print and void codes, abandon sessions, save the idle limits.

Each action hands a function to the DB worker and shows the outcome on the panel's status line. It is handed
the panel, the DB worker, the data directory and two callables of the window (reload the sessions list; a
session was closed); it never imports the window.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from eventlog import EventLog
from i18n import N_, _s, ngettext_s
from kiosk.services import session_ops
from kiosk.services.accommodations import issue_codes, parse_accommodations
from kiosk.services.battery import resolve_battery
from kiosk.services.printable import write_code_list
from kiosk.services.session_ops import Closed
from kiosk.services.stationdb import StationDb, parse_expires
from kiosk.ui.codes_print import print_sheet, write_pdf
from kiosk.ui.lockdown import KioskGuard
from kiosk.ui.ops import DbOps, could_not, describe
from kiosk.ui.recruiter.launch import RecruiterLauncher
from kiosk.ui.screens.panel import DataExportRequest, IssueRequest, PdfRequest, PrintRequest, ProctorPanel
from kiosk.ui.screens.panel_text import isolated

if TYPE_CHECKING:
    from datasets.export import ExportSummary

__all__ = ["ProctorActions", "exported"]


def exported(summary: ExportSummary) -> str:
    """What the data export wrote, in the station's language (as the CLI's summary line says it)."""
    rows = sum(n for name, n in summary.rows.items() if name != "sessions")
    text = ngettext_s("Data exported: {count} session", "Data exported: {count} sessions", summary.sessions).format(
        count=summary.sessions)
    text = ngettext_s("{sessions}, {count} trial and event row, as {format} to {folder} (files: {files}).",
                      "{sessions}, {count} trial and event rows, as {format} to {folder} (files: {files}).",
                      rows).format(sessions=text, count=rows, format=summary.format, folder=isolated(summary.directory),
                                   files=summary.files)
    failed = len(summary.scoring_errors)
    if failed:
        text += " " + ngettext_s("{count} session could not be scored (see scoring_error).",
                                 "{count} sessions could not be scored (see scoring_error).", failed).format(
                                     count=failed)
    return text


class ExportProgress(QObject):
    """Carries the data export's progress from the worker to the panel (a queued signal across the threads)."""

    step = Signal(int)  # sessions written so far


class ProctorActions(QObject):
    """Runs the panel's actions on the DB worker and reports each outcome on the panel."""

    def __init__(self, panel: ProctorPanel, ops: DbOps, log: EventLog, data_dir: Path, guard: KioskGuard,
                 refresh: Callable[[], None], closed: Callable[[Closed], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel, self.ops, self.log, self.data_dir, self.guard = panel, ops, log, data_dir, guard
        self.refresh, self.closed = refresh, closed
        panel.issue_requested.connect(self.issue)
        panel.pdf_requested.connect(self.save_pdf)
        panel.print_requested.connect(self.print_sheet)
        panel.abandon_requested.connect(self.abandon)
        panel.limits_changed.connect(self.save_limits)
        panel.void_requested.connect(self.void)
        panel.data_export_requested.connect(self.export_data)
        self.recruiter = RecruiterLauncher(panel, ops, log, guard, self)
        self.export_progress = ExportProgress(self)
        self.export_progress.step.connect(
            lambda done: self.panel.show_status(ngettext_s("Exporting data: {count} session written…",
                                                           "Exporting data: {count} sessions written…", done)
                                                .format(count=done)))

    def _failed(self, what: str) -> Callable[[Exception], None]:
        """Show a failure on the status line: what (a message marked with N_) could not be done, and why."""
        return lambda exc: self.panel.show_status(could_not(what, exc))

    def issue(self, request: IssueRequest) -> None:
        """Issue codes, save the printable list, then list every unused code again."""
        try:
            expires = parse_expires(request.expires)
            granted = parse_accommodations(request.accommodations.replace(",", " ").split())
        except ValueError as exc:  # AccommodationError is a ValueError: one line, nothing issued
            self.panel.show_status(str(exc))
            return
        person = (request.name, request.email) if request.count == 1 else None
        folder = self.data_dir / "codes"

        def issue(db: StationDb) -> tuple[list[Any], str]:
            battery = resolve_battery(request.battery)
            codes = issue_codes(db, request.count, battery, expires, granted, request.prefix, person,
                                language=request.language)
            name = f"codes-{datetime.now(UTC).strftime('%Y%m%dT%H%M%S')}.html"
            return codes, str(write_code_list(folder / name, codes, db.station_info()["name"]))

        def issued(result: tuple[list[Any], str]) -> None:
            self.panel.show_issued(*result)
            self.load_codes()

        self.ops.write(issue, issued, what=N_("issue codes"), failure=self._failed(N_("issue codes")))

    def load_codes(self) -> None:
        """Read every code still unused (expired ones included, marked) for the panel's list."""
        self.ops.read(lambda db: [c for c in db.codes() if c.used_utc is None], self.panel.show_unused_codes,
                      what=N_("load the unused codes"), failure=self._failed(N_("load the unused codes")))

    def void(self, participant: str) -> None:
        """Void the unused code of this pseudonym: it opens nothing from now on."""
        def voided(_: object) -> None:
            self.panel.show_status(_s("The code of {participant} is void: it opens nothing now.").format(
                participant=participant))
            self.load_codes()

        def failed(exc: Exception) -> None:
            self.panel.show_status(_s("Could not void the code of {participant}: {error}").format(
                participant=participant, error=describe(exc)))

        self.ops.write(lambda db: db.void_code(participant), voided, what=N_("void the code"), failure=failed)

    def export_data(self, request: DataExportRequest) -> None:
        """Researcher tables of every closed assessment session into a new folder inside the chosen one, on the
        worker, with progress on the status line."""
        from kiosk.services.data_export import export_all  # datasets and scoring load on the first export only

        target = request.folder / f"hiremate-data-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
        step = self.export_progress.step

        def export(db: StationDb) -> Any:
            from kiosk.services.privacy import cli_actor

            return export_all(db.store, target, request.fmt, progress=lambda done, _sid: step.emit(done),
                              actor=cli_actor("proctor"))

        self.ops.write(export, lambda summary: self.panel.show_status(exported(summary)), what=N_("export data"),
                       failure=self._failed(N_("export the data")))

    def save_pdf(self, request: PdfRequest) -> None:
        """Write the code sheet's PDF on the worker (nothing on the GUI thread waits on disk)."""
        self.ops.write(lambda _db: write_pdf(request.sheet, request.path), self.panel.show_printed,
                       what=N_("save the PDF"), failure=self._failed(N_("save the PDF")))

    def print_sheet(self, request: PrintRequest) -> None:
        """Print the code sheet on the worker (spooling may wait on the print system)."""
        self.ops.write(lambda _db: print_sheet(request.sheet, request.printer), self.panel.show_printed,
                       what=N_("print"), failure=self._failed(N_("print")))

    def abandon(self, session_id: str) -> None:
        """Close an interrupted session as abandoned."""
        def abandoned(closed: Closed) -> None:
            self.closed(closed)
            self.refresh()

        log = self.log
        self.ops.write(lambda db: session_ops.abandon(db, log, session_id), abandoned,
                       what=N_("abandon the session"), failure=self._failed(N_("abandon the session")))

    def save_limits(self, idle_s: int, pause_s: int) -> None:
        """Use and store the idle and pause limits."""
        self.guard.set_limits(idle_s, pause_s)

        def save(db: StationDb) -> None:
            db.set_settings({"idle_seconds": str(idle_s), "pause_seconds": str(max(idle_s, pause_s))})

        self.ops.write(save, lambda _: self.panel.show_status(_s("Idle limits saved.")),
                       what=N_("save the idle limits"), failure=self._failed(N_("save the idle limits")))

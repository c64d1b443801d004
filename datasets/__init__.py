"""Researcher data: trial tables, session summaries, a codebook and a BIDS dataset, from sessions' events (no Qt)."""

from datasets.context import SessionInput
from datasets.export import FORMATS, ExportError, ExportSummary, export_sessions
from datasets.station import SelectionError, parse_since, select_sessions, station_sources
from datasets.tables import TABLES, SessionRows, session_rows

__all__ = [
    "FORMATS",
    "TABLES",
    "ExportError",
    "ExportSummary",
    "SelectionError",
    "SessionInput",
    "SessionRows",
    "export_sessions",
    "parse_since",
    "select_sessions",
    "session_rows",
    "station_sources",
]

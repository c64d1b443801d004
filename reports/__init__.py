"""Recruiter reports: a stored profile and its events -> a document model -> self-contained HTML or PDF."""

from reports.build import CompareError, ReportInput, build_comparison, build_report
from reports.document import Document
from reports.html import render_html
from reports.session_data import SessionMeta, meta_from_events

__all__ = [
    "CompareError",
    "Document",
    "ReportInput",
    "SessionMeta",
    "build_comparison",
    "build_report",
    "meta_from_events",
    "render_html",
]

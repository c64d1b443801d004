"""The document model of a report: sections of paragraphs, lists, tables, facts and charts (no rendering)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reports.canvas import Canvas

__all__ = ["Block", "Bullets", "Chart", "Columns", "Document", "Facts", "Heading", "Notice", "Paragraph", "Section",
           "Table"]


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text; `tone` picks its weight (lead = larger, muted = smaller and grey)."""

    text: str
    tone: Literal["body", "lead", "muted"] = "body"


@dataclass(frozen=True)
class Heading:
    """A heading inside a section."""

    text: str


@dataclass(frozen=True)
class Bullets:
    """A titled list; `tone` marks strengths (plus), considerations or plain items."""

    items: tuple[str, ...]
    title: str = ""
    tone: Literal["plain", "plus", "consider"] = "plain"


@dataclass(frozen=True)
class Table:
    """Rows of text cells under column headings; `widths` are relative column widths."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    key: str = ""


@dataclass(frozen=True)
class Facts:
    """Label/value tiles (who, when, battery, completion, data quality)."""

    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Notice:
    """A highlighted sentence: ok (green), warn (amber) or info (blue)."""

    text: str
    tone: Literal["ok", "warn", "info"] = "info"


@dataclass(frozen=True)
class Chart:
    """A vector chart with its title and a caption saying how to read it."""

    title: str
    canvas: Canvas
    caption: str = ""


@dataclass(frozen=True)
class Columns:
    """Two columns of simple blocks side by side (page 1 sets decision style beside strengths)."""

    left: tuple[Paragraph | Heading | Bullets | Table, ...]
    right: tuple[Paragraph | Heading | Bullets | Table, ...]


Block = Paragraph | Heading | Bullets | Table | Facts | Notice | Chart | Columns


@dataclass(frozen=True)
class Section:
    """A titled part of the report; `new_page` starts it on a fresh page when printed."""

    key: str
    title: str
    blocks: tuple[Block, ...]
    new_page: bool = True


@dataclass(frozen=True)
class Document:
    """A whole report or comparison: title, subtitle, sections and the footer printed on every page."""

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    footer: str
    kind: Literal["report", "comparison"] = "report"
    language: str = "en"  # the language it is written in (i18n.reporting_in while it was built)

    def charts(self) -> list[Chart]:
        """Every chart, in reading order."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]

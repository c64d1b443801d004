"""Checks on PDF files the station writes (no PDF library: Qt's writer leaves object dictionaries uncompressed)."""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["pdf_pages"]


def pdf_pages(path: Path) -> int:
    """Page objects in a complete PDF file (asserts the header and the end-of-file marker)."""
    data = path.read_bytes()
    assert data.startswith(b"%PDF-"), f"{path} is not a PDF"
    assert data.rstrip().endswith(b"%%EOF"), f"{path} is cut short"
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))

"""Where the report's fonts come from: DejaVu Sans (Debian fonts-dejavu-core), found on disk, never fetched."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["FONT_FILES", "FontMissing", "font_dir"]

FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
SEARCH = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF",
          "/usr/local/share/fonts", "/Library/Fonts", "C:/Windows/Fonts")


class FontMissing(RuntimeError):
    """The DejaVu Sans files are not installed where the PDF renderer looks."""


def font_dir() -> Path:
    """The first folder holding every DejaVu Sans file (HIREMATE_FONT_DIR first, then the usual places)."""
    override = os.environ.get("HIREMATE_FONT_DIR")
    for folder in ([override] if override else []) + list(SEARCH):
        path = Path(folder)
        if all((path / name).is_file() for name in FONT_FILES.values()):
            return path
    raise FontMissing("the PDF needs the DejaVu Sans fonts (Debian: apt-get install fonts-dejavu-core, or set "
                      "HIREMATE_FONT_DIR to a folder with DejaVuSans.ttf, DejaVuSans-Bold.ttf and "
                      "DejaVuSans-Oblique.ttf)")

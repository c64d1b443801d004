"""Render packaging/icons/hiremate.svg to the PNG sizes desktops look up (icons/hicolor/NxN/apps/hiremate.png), with Qt.

Run after editing the SVG: `.venv/bin/python packaging/render_icons.py`; the PNGs are committed, so a build needs no
renderer. QT_QPA_PLATFORM=offscreen is enough (no display).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent / "icons"
SOURCE = ICONS / "hiremate.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int, icons: Path = ICONS) -> Path:
    """Where the icon of size x size pixels goes, in the freedesktop hicolor layout."""
    return icons / "hicolor" / f"{size}x{size}" / "apps" / "hiremate.png"


def render(source: Path = SOURCE, icons: Path = ICONS, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Write one antialiased PNG per size; returns their paths."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {source} is not an SVG Qt can draw")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = png_path(size, icons)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path)):  # PNG, from the suffix
            raise SystemExit(f"render_icons: could not write {path}")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in render():
        print(written_path.relative_to(ICONS.parent))

"""A report in a QTextBrowser: its HTML as reports.html writes it, each SVG chart drawn to an image by QSvgRenderer.

QTextBrowser shows a subset of HTML and CSS and no inline SVG, so the catalogue hands the page with its charts cut
out (`<img src="chart-N.png">`) and the SVG texts; draw_charts (run on the DB worker) draws each one at twice
its shown size for a sharp picture, and the browser shows the images.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QTextBrowser, QWidget

from kiosk.ui.recruiter.catalogue import ReportPage

__all__ = ["DrawnPage", "ReportBrowser", "chart_image", "draw_charts"]

SCALE = 2.0
ZOOM = 1.3  # charts are drawn for a printed page; on screen a little larger reads as well as the text beside them
MAX_WIDTH = 1000  # the widest a chart is shown (logical pixels)


def chart_image(svg: str) -> QImage:
    """The chart drawn on white, shown ZOOM times its size (drawn at SCALE times that: devicePixelRatio is set)."""
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    size = renderer.defaultSize()
    if not renderer.isValid() or size.isEmpty():
        image = QImage(1, 1, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        return image
    zoom = min(ZOOM, MAX_WIDTH / size.width())
    width, height = size.width() * zoom, size.height() * zoom
    image = QImage(int(width * SCALE), int(height * SCALE), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, image.width(), image.height()))
    painter.end()
    image.setDevicePixelRatio(SCALE)
    return image


@dataclass(frozen=True)
class DrawnPage:
    """A report page with its charts drawn (on the DB worker: QImage painting is safe off the GUI thread)."""

    page: ReportPage
    images: tuple[QImage, ...]


def draw_charts(page: ReportPage) -> DrawnPage:
    """Every chart of the page as an image (about 20 ms a chart: done on the worker, not the GUI thread)."""
    return DrawnPage(page, tuple(chart_image(svg) for svg in page.charts))


class ReportBrowser(QTextBrowser):
    """A read-only report page; Tab leaves it, the arrow keys and Page Up/Down scroll it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportBrowser")
        self.setOpenLinks(False)
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.charts_shown = 0

    def show_page(self, drawn: DrawnPage) -> None:
        """Replace what is shown with this page, its charts as images."""
        page = drawn.page
        document = QTextDocument(self)
        document.setDefaultStyleSheet("body { font-size: 12pt; } th, td { padding: 3px 8px; } "
                                      "h1 { font-size: 20pt; } h2 { font-size: 16pt; margin-top: 18px; }")
        for n, image in enumerate(drawn.images):
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart-{n}.png"), image)
        document.setHtml(page.html)
        self.setDocument(document)
        self.charts_shown = len(drawn.images)
        self.verticalScrollBar().setValue(0)

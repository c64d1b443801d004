"""A report in a QTextBrowser: its HTML as reports.html writes it, each SVG chart drawn to an image by QSvgRenderer.

QTextBrowser shows a subset of HTML and CSS and no inline SVG, so the catalogue hands the page with its charts cut
out (`<img src="chart-N.png">`) and the SVG texts; here each one is drawn at twice its size for a sharp picture.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QTextBrowser, QWidget

from kiosk.ui.recruiter.catalogue import ReportPage

__all__ = ["ReportBrowser", "chart_image"]

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


class ReportBrowser(QTextBrowser):
    """A read-only report page; Tab leaves it, the arrow keys and Page Up/Down scroll it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportBrowser")
        self.setOpenLinks(False)
        self.setTabChangesFocus(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.charts_shown = 0

    def show_page(self, page: ReportPage) -> None:
        """Replace what is shown with this page, its charts as images."""
        document = QTextDocument(self)
        document.setDefaultStyleSheet("body { font-size: 12pt; } th, td { padding: 3px 8px; } "
                                      "h1 { font-size: 20pt; } h2 { font-size: 16pt; margin-top: 18px; }")
        for n, svg in enumerate(page.charts):
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart-{n}.png"), chart_image(svg))
        document.setHtml(page.html)
        self.setDocument(document)
        self.charts_shown = len(page.charts)
        self.verticalScrollBar().setValue(0)

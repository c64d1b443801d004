"""The faces game's drawing: a schematic face painted from its geometry (brows, eyes, mouth), or an image from
an image set, with the situation sentence above it in the context part."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap

from games.faces.stimuli import FaceGeometry
from games.trialkit.widgets import StimulusCanvas, draw_text

__all__ = ["FaceCanvas", "paint_face"]

SKIN = QColor("#f1d2b6")
LINE = QColor("#4e342e")


def paint_face(painter: QPainter, centre: QPointF, radius: float, g: FaceGeometry) -> None:
    """A schematic face: an oval head, two brows, two eyes and a mouth, placed and bent by the geometry."""
    painter.setPen(QPen(SKIN.darker(125), 2.5))
    painter.setBrush(SKIN)
    painter.drawEllipse(centre, radius * 0.86, radius)
    pen = QPen(LINE, max(2.0, radius * 0.045), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    eye_y = centre.y() - radius * 0.18
    for side in (-1, 1):
        eye_x = centre.x() + side * radius * 0.34
        _eye(painter, QPointF(eye_x, eye_y), radius, g.eye_open)
        _brow(painter, QPointF(eye_x, eye_y), radius, side, g)
    _mouth(painter, QPointF(centre.x(), centre.y() + radius * 0.45), radius, g)


def _eye(painter: QPainter, at: QPointF, radius: float, openness: float) -> None:
    w, h = radius * 0.2, radius * 0.11 * openness
    painter.setBrush(QColor("#ffffff"))
    painter.drawEllipse(at, w, max(1.5, h))
    painter.setBrush(LINE)
    pupil = min(w, max(1.5, h)) * 0.55
    painter.drawEllipse(at, pupil, pupil)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _brow(painter: QPainter, eye: QPointF, radius: float, side: int, g: FaceGeometry) -> None:
    base = eye.y() - radius * (0.2 + 0.12 * g.brow_raise) - radius * 0.05 * (g.eye_open - 1)
    half = radius * 0.19
    inner = QPointF(eye.x() - side * half, base - radius * 0.1 * g.brow_tilt)
    outer = QPointF(eye.x() + side * half, base + radius * 0.03 * g.brow_tilt)
    painter.drawLine(inner, outer)


def _mouth(painter: QPainter, at: QPointF, radius: float, g: FaceGeometry) -> None:
    half = radius * 0.3 * g.mouth_width
    left, right = QPointF(at.x() - half, at.y()), QPointF(at.x() + half, at.y())
    bend = radius * 0.22 * g.mouth_curve
    corners_y = at.y() - bend * 0.5
    left.setY(corners_y)
    right.setY(corners_y)
    upper = QPainterPath(left)
    upper.quadTo(QPointF(at.x(), at.y() + bend * 0.5 - radius * 0.24 * g.mouth_open), right)
    lower = QPainterPath(left)
    lower.quadTo(QPointF(at.x(), at.y() + bend * 0.5 + radius * 0.34 * g.mouth_open), right)
    if g.mouth_open > 0.05:
        shape = QPainterPath(upper)
        shape.connectPath(lower.toReversed())
        painter.setBrush(QColor("#7b3f3a"))
        painter.drawPath(shape)
        painter.setBrush(Qt.BrushStyle.NoBrush)
    else:
        painter.drawPath(lower)


class FaceCanvas(StimulusCanvas):
    """Shows one face (schematic or image) and, in the context part, its situation above it."""

    def __init__(self) -> None:
        super().__init__()
        self.face: FaceGeometry | None = None
        self.image: QPixmap | None = None
        self.context: str | None = None

    def show_face(self, face: FaceGeometry | None, image: QPixmap | None, context: str | None) -> None:
        """A new face: its onset is reported after its first paint."""
        self.face, self.image, self.context = face, image, context
        self.present()

    def blank(self) -> None:
        """Nothing between trials."""
        self.face = self.image = None
        self.context = None
        self.update()

    def paint_content(self, painter: QPainter) -> None:
        w, h = float(self.width()), float(self.height())
        top = 0.0
        if self.context:
            draw_text(painter, QRectF(20, 4, w - 40, h * 0.2), self.context, 22, "ink")
            top = h * 0.2
        box = QRectF(0, top, w, h - top)
        if self.image is not None and not self.image.isNull():
            scaled = self.image.scaled(box.size().toSize() * 0.92, Qt.AspectRatioMode.KeepAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)
            painter.drawPixmap(QPointF(box.center().x() - scaled.width() / 2, box.center().y() - scaled.height() / 2),
                               scaled)
        elif self.face is not None:
            radius = min(box.width() * 0.3, box.height() * 0.44)
            paint_face(painter, box.center(), radius, self.face)

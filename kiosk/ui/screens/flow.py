"""A layout that places its widgets side by side and wraps them onto the next line when the width runs out: the
proctor panel's rows of buttons and fields at large type (200 % on a 1024x768 screen), mirrored right to left."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget

__all__ = ["FlowLayout"]


class FlowLayout(QLayout):
    """Items left to right (right to left in a mirrored widget), as many on a line as fit, then the next line; each
    at its preferred width, never wider than the line. With `fill`, the items of a line share the width left over
    (panels side by side that each stack full width when they no longer fit together)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8, fill: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._fill = fill
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal if self._fill else Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line (the width the layout would like)."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + self.spacing() * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for item in shown), default=0)
        margins = self.contentsMargins()
        return QSize(width + margins.left() + margins.right(), height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:
        """The widest item alone on a line."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        """The items, line by line, for a width."""
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            wanted = min(item.sizeHint().width(), width)
            if lines[-1] and used + self.spacing() + wanted > width:
                lines.append([])
                used = 0
            used += (self.spacing() if lines[-1] else 0) + wanted
            lines[-1].append(item)
        return [line for line in lines if line]

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the items out in rect (or only measure, move=False); the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        width = max(1, area.width())
        owner = self.parentWidget()
        direction = owner.layoutDirection() if owner is not None else Qt.LayoutDirection.LeftToRight
        y = area.y()
        for line in self._lines(width):
            widths = [min(item.sizeHint().width(), width) for item in line]
            if self._fill:
                spare = width - sum(widths) - self.spacing() * (len(line) - 1)
                widths = [w + spare // len(line) for w in widths]
            heights = [item.heightForWidth(w) if item.hasHeightForWidth() else item.sizeHint().height()
                       for item, w in zip(line, widths, strict=True)]
            height = max(heights)
            x = area.x()
            for item, item_width, item_height in zip(line, widths, heights, strict=True):
                if move:  # centred on the line's height (a label beside a taller field); panels fill it
                    own = height if self._fill else item_height
                    box = QRect(QPoint(x, y + (height - own) // 2), QSize(item_width, own))
                    item.setGeometry(QStyle.visualRect(direction, area, box))
                x += item_width + self.spacing()
            y += height + self.spacing()
        return max(0, y - self.spacing() - area.y()) + margins.top() + margins.bottom()

"""The IGT's drawing: four face-down decks A-D, the chosen one lifted, and the card's win and loss."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QLinearGradient, QPainter, QPen

from games.trialkit.widgets import StimulusCanvas, draw_text
from games.widgets import GameColours
from i18n import _

__all__ = ["DecksCanvas", "dollars"]

DECK = GameColours({"back": ("card_back", "#5b7fb8"), "back_light": ("card_back", "#8fb0de"),
                   "beneath": ("panel", "#e6ebf0"), "beneath_line": ("outline", "#90a4ae"),
                   "edge": ("outline", "#3e5f93"), "letter": ("on_cue", "#ffffff")})
"""The decks' colours from the current game palette (games.look)."""


def dollars(cents: int, signed: bool = False) -> str:
    """Cents as whole dollars for display: 250000 -> '$2,500'; signed adds + or -."""
    sign = "-" if cents < 0 else ("+" if signed and cents > 0 else "")
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}${whole:,}" + (f".{rest:02d}" if rest else "")


class DecksCanvas(StimulusCanvas):
    """Four decks in a row; after a choice, the chosen deck is lifted and the card's outcome shown above."""

    def __init__(self) -> None:
        super().__init__()
        self.chosen: int | None = None
        self.win_cents = 0
        self.loss_cents = 0

    def show_decks(self) -> None:
        """A new choice: the four decks, none lifted, no outcome."""
        self.chosen = None
        self.present()

    def show_card(self, deck: int, win_cents: int, loss_cents: int) -> None:
        """The outcome of the card just drawn from `deck`."""
        self.chosen, self.win_cents, self.loss_cents = deck, win_cents, loss_cents
        self.update()

    def deck_rect(self, deck: int) -> QRectF:
        """Where deck 0..3 is drawn."""
        w, h = float(self.width()), float(self.height())
        card_w = min(150.0, (w - 100) / 4.6)
        card_h = card_w * 1.4
        gap = (w - 4 * card_w) / 5
        top = h * 0.42
        lift = 18.0 if self.chosen == deck else 0.0
        return QRectF(gap + deck * (card_w + gap), top - lift, card_w, card_h)

    def paint_content(self, painter: QPainter) -> None:
        for deck in range(4):
            self._paint_deck(painter, deck)
        if self.chosen is not None:
            self._paint_outcome(painter)
        else:
            band = QRectF(0, 10, self.width(), self.height() * 0.3)
            draw_text(painter, band, _("Choose a card from any deck."), 20, "soft_ink")

    def _paint_deck(self, painter: QPainter, deck: int) -> None:
        rect = self.deck_rect(deck)
        for depth in (3, 2, 1):  # the cards beneath, slightly offset
            painter.setPen(QPen(DECK["beneath_line"], 1))
            painter.setBrush(DECK["beneath"])
            painter.drawRoundedRect(rect.translated(depth * 3.0, depth * 3.0), 10, 10)
        gradient = QLinearGradient(rect.topLeft(), rect.bottomRight())
        faded = self.chosen is not None and self.chosen != deck
        gradient.setColorAt(0.0, DECK["back_light"].lighter(115) if faded else DECK["back_light"])
        gradient.setColorAt(1.0, DECK["back"].lighter(125) if faded else DECK["back"])
        painter.setPen(QPen(DECK["edge"], 2.5 if self.chosen == deck else 1.5))
        painter.setBrush(gradient)
        painter.drawRoundedRect(rect, 10, 10)
        inner = rect.adjusted(10, 10, -10, -10)
        painter.setPen(QPen(QColor(255, 255, 255, 110), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(inner, 6, 6)
        draw_text(painter, rect, "ABCD"[deck], 34, DECK["letter"], bold=True)
        draw_text(painter, QRectF(rect.left(), rect.bottom() + 8, rect.width(), 28),
                  _("key {key}").format(key="ABCD"[deck]), 13, "soft_ink")

    def _paint_outcome(self, painter: QPainter) -> None:
        assert self.chosen is not None
        rect = self.deck_rect(self.chosen)
        centre = QPointF(rect.center().x(), self.height() * 0.16)
        width = max(260.0, rect.width() * 2.2)
        win = QRectF(centre.x() - width / 2, centre.y() - 34, width, 40)
        draw_text(painter, win, _("You won {amount}").format(amount=dollars(self.win_cents)), 22, "good",
                  bold=True)
        lost = QRectF(centre.x() - width / 2, centre.y() + 8, width, 40)
        if self.loss_cents:
            draw_text(painter, lost, _("but lost {amount}").format(amount=dollars(self.loss_cents)), 22, "bad",
                      bold=True)
        else:
            draw_text(painter, lost, _("and lost nothing"), 18, "ink")

"""The proctor panel's "Type size and contrast" box: the station's default type scale and theme (the proctor's)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGroupBox, QLabel, QWidget

from i18n import _s
from kiosk.ui.appearance import MAX_SCALE, MIN_SCALE, SCALE_STEP, Appearance
from kiosk.ui.screens.flow import FlowLayout
from kiosk.ui.screens.panel_parts import panel_button

__all__ = ["AppearanceBox"]

SCALES = tuple(MIN_SCALE + i * SCALE_STEP for i in range(round((MAX_SCALE - MIN_SCALE) / SCALE_STEP) + 1))


class AppearanceBox(QGroupBox):
    """Type size (100-200 %) and high contrast for every screen of the station; Save makes them the default."""

    appearance_chosen = Signal(object)  # Appearance

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_s("Type size and contrast"), parent)
        self.scale_combo = QComboBox()
        self.scale_combo.setObjectName("scaleCombo")
        self.scale_combo.addItems([_s("{percent} %").format(percent=round(scale * 100)) for scale in SCALES])
        self.scale_combo.setAccessibleName(_s("Type size"))
        self.scale_combo.setAccessibleDescription(_s("How large the station's text is, 100 % to 200 %; candidates "
                                                     "can also press Ctrl+plus and Ctrl+minus"))
        label = QLabel(_s("Type size"))
        label.setBuddy(self.scale_combo)
        self.contrast_check = QCheckBox(_s("High contrast (white on black)"))
        self.contrast_check.setObjectName("contrastCheck")
        self.save_button = panel_button(_s("Save type size and contrast"), "appearanceButton")
        self.save_button.setAccessibleDescription(_s("Use them on every screen of this station from now on"))
        row = FlowLayout(self)  # wraps at large type
        for widget in (label, self.scale_combo, self.contrast_check, self.save_button):
            row.addWidget(widget)
        self.save_button.clicked.connect(lambda: self.appearance_chosen.emit(self.chosen()))

    def chosen(self) -> Appearance:
        """What the box shows now."""
        return Appearance(SCALES[self.scale_combo.currentIndex()], self.contrast_check.isChecked())

    def show_appearance(self, look: Appearance) -> None:
        """Show the station's default (the nearest step of the scale)."""
        nearest = min(range(len(SCALES)), key=lambda i: abs(SCALES[i] - look.scale))
        self.scale_combo.setCurrentIndex(nearest)
        self.contrast_check.setChecked(look.high_contrast)

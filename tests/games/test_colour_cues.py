"""Colour is never the only cue: every pair of stimuli that differ by colour (go/no-go, the choice boxes, the
flanker rules, the stop signal, the tower's balls, BART's balloon colours) still differ once colour is removed.

Each stimulus is drawn by the game's own widget, turned to greyscale, and reduced to its structure: the pixels
where the grey level changes sharply (edges). Two stimuli of the same shape in different colours have the same
edges; a shape or symbol makes them differ. A control case (the same shape in two colours) shows the check would
catch colour alone. The games paint in the station's theme (games.look): the test runs under each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from games.bart.widgets import BalloonCanvas
from games.kit.widgets import ArrowStage
from games.reaction import widgets as reaction
from games.reaction.widgets import StimulusCanvas
from games.tower.widgets import BALL_COLOURS, TowerCanvas
from kiosk.ui.appearance import Appearance
from kiosk.ui.station_frame import apply_appearance

EDGE = 24
"""A grey-level step (0-255, summed over x and y) that counts as an edge."""
SAME = 0.1
"""Below this share of unshared edge pixels two stimuli look alike without colour (anti-aliasing differs a little
between colours: the control cases measure 0.05-0.07)."""
DIFFERENT = 0.15
"""Above this they differ by shape or symbol (the smallest pair here, two tower balls, measures 0.2)."""


@pytest.fixture(params=[Appearance(1.0, False), Appearance(2.0, True)], ids=["standard", "high_contrast_200"],
                autouse=True)
def theme(request: pytest.FixtureRequest, qapp: object) -> Iterator[Appearance]:
    look: Appearance = request.param
    apply_appearance(qapp, look.scale, look.high_contrast)
    yield look
    apply_appearance(qapp, 1.0, False)


def edges(image: QImage) -> set[tuple[int, int]]:
    """The pixels of the greyscale image where the grey level steps by EDGE or more."""
    grey = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, line = grey.width(), grey.height(), grey.bytesPerLine()
    data = bytes(grey.constBits())[: line * height]
    found = set()
    for y in range(height - 1):
        row, below = y * line, (y + 1) * line
        for x in range(width - 1):
            value = data[row + x]
            if abs(data[row + x + 1] - value) + abs(data[below + x] - value) >= EDGE:
                found.add((x, y))
    return found


def differ(first: QImage, second: QImage) -> float:
    """How different the two stimuli's structures are: the share of their edge pixels that only one has."""
    a, b = edges(first), edges(second)
    assert a and b, "a stimulus drew no edges at all"
    return len(a ^ b) / len(a | b)


def shot(qtbot: QtBot, widget: QWidget, draw: Callable[[], None]) -> QImage:
    qtbot.addWidget(widget)
    widget.resize(640, 400)
    draw()
    return widget.grab().toImage()


def reaction_stimulus(qtbot: QtBot, variant: str, choices: int, stimulus: str) -> QImage:
    canvas = StimulusCanvas(variant, choices)
    return shot(qtbot, canvas, lambda: canvas.show_mode("stimulus", stimulus))


def arrows(qtbot: QtBot, row: list[str | None], style: str, stop: bool = False) -> QImage:
    stage = ArrowStage()

    def draw() -> None:
        stage.show_arrows(row, style)
        if stop:
            stage.show_stop()

    return shot(qtbot, stage, draw)


def ball(ball: str) -> QImage:
    image = QImage(200, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    TowerCanvas()._paint_ball(painter, QPointF(100, 100), 80, ball)
    painter.end()
    return image


def balloon(qtbot: QtBot, colour: str, marks: dict[str, int]) -> QImage:
    canvas = BalloonCanvas()
    canvas.marks = marks
    return shot(qtbot, canvas, lambda: canvas.show_balloon(colour, 0.7))


def test_the_check_catches_colour_alone(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control: a go circle drawn in the no-go colour, and balloons of two colours without symbols."""
    go = reaction_stimulus(qtbot, "go_nogo", 1, "go")
    monkeypatch.setitem(reaction.COLOURS, "go", reaction.COLOURS["nogo"])
    assert differ(go, reaction_stimulus(qtbot, "go_nogo", 1, "go")) < SAME
    assert differ(balloon(qtbot, "orange", {}), balloon(qtbot, "blue", {})) < SAME


def test_go_and_no_go_differ_by_shape(qtbot: QtBot) -> None:
    go, nogo = (reaction_stimulus(qtbot, "go_nogo", 1, stimulus) for stimulus in ("go", "nogo"))
    assert differ(go, nogo) > DIFFERENT


@pytest.mark.parametrize("choices", [2, 4])
def test_the_choice_boxes_differ_by_place_and_fill(qtbot: QtBot, choices: int) -> None:
    names = reaction.CHOICE_ORDER[choices]
    shots = [reaction_stimulus(qtbot, "choice", choices, name) for name in names]
    for i, first in enumerate(shots):
        for second in shots[i + 1:]:
            assert differ(first, second) > DIFFERENT


@pytest.mark.parametrize("row", [["left"] * 5, ["left", "left", "right", "left", "left"]])
def test_the_flanker_rules_differ_by_fill_and_frames(qtbot: QtBot, row: list[str | None]) -> None:
    assert differ(arrows(qtbot, row, "centre"), arrows(qtbot, row, "flankers")) > DIFFERENT


def test_the_stop_signal_is_a_cross_not_a_colour(qtbot: QtBot) -> None:
    assert differ(arrows(qtbot, ["left"], "plain"), arrows(qtbot, ["left"], "plain", stop=True)) > DIFFERENT


def test_the_towers_balls_carry_symbols(qtbot: QtBot) -> None:
    names = list(BALL_COLOURS)
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            assert differ(ball(first), ball(second)) > DIFFERENT, (first, second)


def test_balloons_of_several_colours_carry_symbols(qtbot: QtBot) -> None:
    marks = {"orange": 0, "yellow": 1, "blue": 2}
    shots = {colour: balloon(qtbot, colour, marks) for colour in marks}
    for first, second in (("orange", "yellow"), ("orange", "blue"), ("yellow", "blue")):
        assert differ(shots[first], shots[second]) > DIFFERENT, (first, second)

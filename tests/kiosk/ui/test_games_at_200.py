"""The games in the station's look (games.look, issue 17): a type-size key or a theme change mid-game restyles the
game at once (text at the scale, the palette's colours, a focus ring), and every game at 200 % type on a 1024x768
station, in English and in Arabic in high contrast, with no text clipped, nothing outside the window and nothing
laid over anything else (not yet every game: NOT_FITTING)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.exceptions import TimeoutError as QtTimeoutError
from pytestqt.qtbot import QtBot

from eventlog.recorder import SessionRecorder
from games import look as game_look
from games.spec import all_games, game_spec
from i18n import _
from kiosk.ui.station import StationWindow
from kiosk.ui.station_frame import apply_appearance
from tests.kiosk.conftest import MakeStation
from tests.kiosk.ui.layout_check import misfits
from tests.kiosk.ui.pseudo_walk import clipped_texts

SIZE = (1024, 768)
_ALL_BUT_FLANKER = set(all_games()) - {"flanker"}
NOT_FITTING = {"en": _ALL_BUT_FLANKER, "ar": _ALL_BUT_FLANKER}
"""Games whose layout does not fit 1024x768 at 200 % yet: their text, buttons and stages' minimum heights add up
to more than the screen, so Qt lays widgets over each other (a stage over the message line or the buttons) or
cuts text: the rest of issue 17's step 2 (docs/ACCOMMODATIONS.md, "Not done yet")."""


@pytest.fixture
def big_station(qtbot: QtBot, make_station: MakeStation) -> Iterator[StationWindow]:
    window = make_station()
    window.resize(*SIZE)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == SIZE, timeout=5000)
    try:
        yield window
    finally:
        apply_appearance(window, 1.0, False)
        window.candidate.apply_language("en")


def overlaps(root: QWidget) -> list[str]:
    """Visible sibling widgets under root that lie over each other (a layout given less room than it needs)."""
    found = []
    for parent in (root, *root.findChildren(QWidget)):
        children = [w for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                    if w.isVisible() and not w.isWindow()]
        for i, first in enumerate(children):
            for second in children[i + 1:]:
                common = first.geometry().intersected(second.geometry())
                if common.width() > 1 and common.height() > 1:
                    found.append(f"{type(first).__name__} {first.objectName()!r} overlaps "
                                 f"{type(second).__name__} {second.objectName()!r} by {common.getRect()}")
    return found


def _settle(qtbot: QtBot, window: StationWindow) -> list[str]:
    def found() -> list[str]:
        return misfits(window) + clipped_texts(window.screens.game, "game") + overlaps(window.screens.game)

    with contextlib.suppress(QtTimeoutError):
        qtbot.waitUntil(lambda: found() == [], timeout=2000)
    return found()


@pytest.mark.slow  # 28 cases, about 100 s on a loaded 2-core machine
@pytest.mark.parametrize(("game", "language", "high_contrast"), [
    pytest.param(game, language, language == "ar", id=f"{game}-{'ar_high_contrast' if language == 'ar' else 'en'}",
                 marks=pytest.mark.xfail(game in NOT_FITTING[language], strict=True, reason="does not fit yet"))
    for game in sorted(all_games()) for language in ("en", "ar")])
def test_every_game_fits_at_200_percent(qtbot: QtBot, big_station: StationWindow, game: str, language: str,
                                        high_contrast: bool) -> None:
    """In English in the standard theme, and in Arabic (right to left) in high contrast."""
    from kiosk.ui.candidate_flow import load_game_view

    window = big_station
    window.candidate.apply_language(language)
    session = window.log.open_session("practice", "look")
    spec = game_spec(game)
    view, playing = load_game_view(spec, SessionRecorder(window.log, session, game), spec.params_model(), 1)
    window.screens.game.host(view, _("Game {number} of {total}: {game}").format(number=1, total=7, game=_(spec.title)))
    window.stack.setCurrentWidget(window.screens.game)
    playing.start()
    try:
        QApplication.processEvents()
        apply_appearance(window, 2.0, high_contrast)  # as Ctrl+plus (or an accommodation) mid-game
        found = _settle(qtbot, window)
        assert found == []
        assert (window.width(), window.height()) == SIZE, "the window grew to fit"
    finally:
        playing.suspend()
        window.screens.game.clear()
        window.log.close_session(session.session_id, session.now_ns(), "abandoned")


def test_ctrl_plus_and_a_theme_change_restyle_a_running_game(qtbot: QtBot, big_station: StationWindow) -> None:
    from kiosk.ui.candidate_flow import load_game_view

    window = big_station
    session = window.log.open_session("practice", "look")
    spec = game_spec("flanker")
    view, playing = load_game_view(spec, SessionRecorder(window.log, session, "flanker"), spec.params_model(), 1)
    window.screens.game.host(view, "flanker")
    window.stack.setCurrentWidget(window.screens.game)
    playing.start()
    try:
        qtbot.waitUntil(view.hasFocus, timeout=3000)
        hint = next(label for label in view.findChildren(QLabel) if label.property("ink") == "muted" and
                    label.text() and label.wordWrap())
        assert hint.font().pointSizeF() == 18
        QTest.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)  # a real key, on the game
        assert hint.font().pointSizeF() == 22.5 and game_look.current() == game_look.GameLook(1.25, False)
        before = view.grab().toImage()
        assert before.pixelColor(view.width() // 2, 60).name() == "#f4f2ed"  # the arrows games' own calm shade
        apply_appearance(window, 1.25, True)  # the proctor's high contrast (or a session's accommodation)
        image = view.grab().toImage()
        assert image.pixelColor(view.width() // 2, 60).name() == "#000000"  # the background is the palette's
        assert image.pixelColor(1, view.height() // 2).name() == "#ffdd00"  # the ring: the keys go to the game
        assert "#ffffff" in hint.styleSheet() + view.styleSheet()  # its text is white
    finally:
        playing.suspend()
        window.screens.game.clear()
        window.log.close_session(session.session_id, session.now_ns(), "abandoned")


def stimulus_size(stage: QWidget) -> tuple[int, int]:
    """The width and height of what is drawn on the stage (every pixel that is not its background)."""
    image = stage.grab().toImage()
    background = image.pixelColor(2, 2)
    xs, ys = [], []
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if image.pixelColor(x, y) != background:
                xs.append(x)
                ys.append(y)
    return max(xs) - min(xs), max(ys) - min(ys)


@pytest.mark.parametrize("game", ["go_nogo", "flanker", "stop_signal"])
def test_the_stimulus_keeps_its_size_when_the_type_doubles(qtbot: QtBot, big_station: StationWindow,
                                                            game: str) -> None:
    from games.kit.widgets import ArrowStage
    from games.reaction.widgets import StimulusCanvas
    from kiosk.ui.candidate_flow import load_game_view

    window = big_station
    session = window.log.open_session("practice", "look")
    spec = game_spec(game)
    view, _ = load_game_view(spec, SessionRecorder(window.log, session, game), spec.params_model(), 1)
    window.screens.game.host(view, game)
    window.stack.setCurrentWidget(window.screens.game)
    try:
        canvas = view.findChild(StimulusCanvas) or view.findChild(ArrowStage)
        if isinstance(canvas, StimulusCanvas):
            canvas.show_mode("stimulus", "go")
        else:
            canvas.show_arrows(["left", "left", "right", "left", "left"], "flankers")
        QApplication.processEvents()
        at_100, height_100 = stimulus_size(canvas), canvas.height()
        apply_appearance(window, 2.0, False)
        qtbot.waitUntil(lambda: canvas.height() < height_100, timeout=3000)  # the text took height from the stage
        assert stimulus_size(canvas) == at_100  # the stimulus did not shrink with it
    finally:
        window.screens.game.clear()
        window.log.close_session(session.session_id, session.now_ns(), "abandoned")

"""The faces view: keys 1-4 and the answer buttons name emotions; schematic faces or an image set; onsets logged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from games.faces.params import FacesParams
from games.faces.player import FacesPlayer
from tests.games.conftest import ReadEvents
from tests.games.faces.test_stimuli import write_image_set
from tests.games.trials import MakeRecorder, make_view, next_onset, play_through, start_and_wait


def test_keys_and_buttons_name_the_emotion_of_each_face(
    qtbot: QtBot, make_recorder: MakeRecorder, read_events: ReadEvents
) -> None:
    params = FacesParams(intensities=(100,), repeats=1, context_trials=1, iti_ms=50)
    view = make_view(qtbot, make_recorder, "faces", params)
    start_and_wait(qtbot, view)
    assert view.face_canvas.face is not None and view.face_canvas.image is None
    qtbot.keyClick(view, Qt.Key.Key_5)  # not an answer of this game
    qtbot.keyClick(view, Qt.Key.Key_1)
    next_onset(qtbot, view)
    qtbot.mouseClick(view.buttons[3], Qt.MouseButton.LeftButton)
    for _ in range(3):
        next_onset(qtbot, view)
        qtbot.keyClick(view, Qt.Key.Key_2)
    started = [e.payload for e in read_events(prefix="faces.") if e.kind == "faces.trial_started"]
    ended = [e.payload for e in read_events(prefix="faces.") if e.kind == "faces.trial_ended"]
    assert [p["response"] for p in ended] == ["happy", "surprised", "sad", "sad", "sad"]
    assert [p["input"] for p in ended] == ["key", "mouse", "key", "key", "key"]
    assert [p["correct"] for p in ended] == [s["emotion"] == e["response"] for s, e in zip(started, ended, strict=True)]
    assert started[-1]["part"] == "context" and started[-1]["context"]
    assert [(e.payload["key"], e.payload["reason"]) for e in read_events(ignored="only")] == [("5", "not_a_game_key")]
    qtbot.waitUntil(lambda: view.finished)


def test_an_image_set_is_shown_and_recorded_by_file(qtbot: QtBot, make_recorder: MakeRecorder,
                                                   read_events: ReadEvents, tmp_path: Path) -> None:
    folder = write_image_set(tmp_path / "set", ["h.png,happy,70,", "s.png,sad,70,", "a.png,angry,70,With context."])
    view = make_view(qtbot, make_recorder, "faces", FacesParams(stimulus_dir=str(folder), repeats=1, iti_ms=0))
    view.trial_did_start.connect(lambda _: shown.append(view.face_canvas.image))
    shown: list[object] = []
    summary = play_through(qtbot, view, FacesPlayer(threshold=10, speed=40))
    assert summary["trials"] == 3
    assert len(shown) == 3 and all(image is not None and not image.isNull() for image in shown)  # type: ignore[attr-defined]
    started = [e.payload for e in read_events(prefix="faces.") if e.kind == "faces.trial_started"]
    assert sorted(p["stimulus"] for p in started) == ["a.png", "h.png", "s.png"]
    game = read_events(prefix="faces.game_started")[0].payload
    assert game["stimulus_set"].startswith("images:")


def test_a_scripted_observer_plays_the_default_game(qtbot: QtBot, make_recorder: MakeRecorder) -> None:
    view = make_view(qtbot, make_recorder, "faces", FacesParams(iti_ms=0))
    summary = play_through(qtbot, view, FacesPlayer(threshold=30, speed=60, input="alternate"))
    assert summary["trials"] == 48 and 20 <= summary["correct"] <= 48

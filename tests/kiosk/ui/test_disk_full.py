"""A full disk (issue 11, item 13), on a real small file system (a tmpfs of a few MB): the candidate sees a calm
"please call the proctor" screen, the proctor the cause, nothing recorded is lost, the session goes on by itself
once there is space; `init` on a full disk leaves no database behind. Skipped only where nothing can be mounted."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.cli import main
from kiosk.ui.simulate import make_player
from tests.kiosk.conftest import PIN, MakeStation, chord, click, enter_pin, issue, type_code

WAIT_MS = 60_000  # only stops a hung test; nothing is timed


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 16 MiB tmpfs mounted for the test (root only), unmounted after it."""
    disk = tmp_path / "disk"
    disk.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", str(disk)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip() or done.returncode}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


@pytest.fixture
def data_dir(small_disk: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The station's data directory, on the small disk."""
    directory = small_disk / "station"
    monkeypatch.setenv("HIREMATE_DATA_DIR", str(directory))
    return directory


def fill(disk: Path) -> Path:
    """Write a file until the file system is full, to the last block; return it (delete it to free the space)."""
    filler = disk / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for size in (1 << 20, 1 << 12, 1):
            try:
                while handle.write(b"\0" * size):
                    pass
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    return filler


def test_init_on_a_full_disk_leaves_no_database(small_disk: Path) -> None:
    filler = fill(small_disk)
    station = small_disk / "station"
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "--data-dir", str(station), "init"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "hiremate init:" in done.stderr and ("full" in done.stderr or "space" in done.stderr)
    assert not (station / "station.sqlite3").exists()
    assert not [p for p in station.rglob("*") if p.is_file()] if station.exists() else True
    filler.unlink()
    assert main(["--data-dir", str(station), "init"]) == 0  # space again: init works


def test_a_session_on_a_full_disk_waits_for_the_proctor_and_loses_nothing(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = issue(data_dir)[0]
    window = make_station(seed_override=11)
    players: list[object] = []

    def attach(view: object, game: str, practice: bool) -> None:
        player = make_player(game, speed=25.0)
        player.attach(view)  # type: ignore[attr-defined]
        players.append(player)

    window.game_view_did_start.connect(attach)
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=WAIT_MS)
    click(window.screens.consent.agree_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.instructions, timeout=WAIT_MS)
    filler = fill(small_disk)
    with qtbot.waitSignal(window.game_view_did_start, timeout=WAIT_MS):
        click(window.screens.instructions.begin_button)  # the game starts and records on a full disk

    storage = window.screens.storage
    qtbot.waitUntil(lambda: window.stack.currentWidget() is storage, timeout=WAIT_MS)
    assert "the station cannot write its log" in storage.cause.text() and "full" in storage.cause.text()
    assert window.log.storage_problem is not None
    assert "full" in window.panel.status.text() and "full" in window.problem.text()  # the proctor's lines say why
    chord(window)  # the proctor comes: the panel opens even though nothing can be saved
    enter_pin(qtbot, window, PIN)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.panel, timeout=WAIT_MS)
    click(window.panel.back_button)
    assert window.stack.currentWidget() is storage  # still full: back to the call-the-proctor screen

    filler.unlink()  # the proctor frees space
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.game, timeout=WAIT_MS)
    assert window.log.storage_problem is None
    for _ in range(2):
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.instructions, timeout=WAIT_MS)
        with qtbot.waitSignal(window.game_view_did_start, timeout=WAIT_MS):
            click(window.screens.instructions.begin_button)
    with qtbot.waitSignal(window.session_did_close, timeout=WAIT_MS) as closed:
        pass
    sid = closed.args[0].session_id
    with Store.in_dir(data_dir) as store:
        events = store.events(sid)
    kinds = [e.kind for e in events]
    assert kinds[0] == "session.opened" and kinds[-1] == "session.closed"
    assert {"bart.game_ended", "rt.game_ended", "decision.game_ended"} <= set(kinds)
    frozen = [e.payload for e in events if e.kind == "station.game_suspended"]
    assert {"reason": "storage"} in frozen and "station.game_resumed" in kinds
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "verify-log"]) == 0, capsys.readouterr().out
    assert os.statvfs(small_disk).f_bfree > 0

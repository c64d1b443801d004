"""`hiremate data export`: selection, refusals in one line, a progress bar on a terminal, a one-line summary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from tests.datasets.conftest import add_full_sessions, read_table
from tests.sync.sessions import init_station


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    data_dir = tmp_path_factory.mktemp("cli") / "station"
    init_station(data_dir)
    return data_dir, add_full_sessions(data_dir, ["P-aaaa0001", "P-bbbb0002"])


def _run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "data", "export", *args])


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "Traceback" not in err and err.startswith("hiremate data"), err
    return err


def test_bad_input_is_refused_in_one_line_and_writes_nothing(station: tuple[Path, list[str]], tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, _ = station
    out = tmp_path / "out"
    assert _run(data_dir, "-o", str(out)) == 2
    assert "--all" in _one_line_error(capsys)
    assert _run(data_dir, "no-such-session", "-o", str(out)) == 1
    assert "no-such-session" in _one_line_error(capsys)
    assert _run(data_dir, "--since", "yesterday", "-o", str(out)) == 2
    assert "yesterday" in _one_line_error(capsys)
    assert _run(data_dir, "--since", "2999-01-01", "-o", str(out)) == 1
    assert "no sessions match" in _one_line_error(capsys)
    assert not out.exists()
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert _run(data_dir, "--all", "-o", str(out)) == 1
    assert "not empty" in _one_line_error(capsys)
    assert [p.name for p in out.iterdir()] == ["keep.txt"] and (out / "keep.txt").read_text() == "mine"


def test_selection_by_id_and_since_and_the_json_summary(station: tuple[Path, list[str]], tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, ids = station
    assert _run(data_dir, ids[1], "-o", str(tmp_path / "one")) == 0
    assert capsys.readouterr().out.startswith("exported 1 session(s)")
    assert [r["session_id"] for r in read_table(tmp_path / "one" / "sessions.csv")] == [ids[1]]
    assert _run(data_dir, "--since", "2000-01-01", "--format", "tsv", "--json", "-o", str(tmp_path / "since")) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["sessions"] == 2 and summary["format"] == "tsv" and summary["rows"]["sessions"] == 2
    assert summary["scoring_errors"] == []


def test_progress_bar_on_a_terminal_only(station: tuple[Path, list[str]], tmp_path: Path) -> None:
    data_dir, _ = station
    primary, secondary = os.openpty()
    env = {**os.environ, "HIREMATE_DATA_DIR": str(data_dir)}
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "data", "export", "--all", "-o", str(tmp_path / "tty")],
                          stderr=secondary, stdout=subprocess.PIPE, text=True, env=env, timeout=120, check=False)
    os.close(secondary)
    bar = os.read(primary, 65536).decode()
    os.close(primary)
    assert done.returncode == 0 and done.stdout.count("\n") == 1
    assert "\r[" in bar and "2/2 sessions" in bar and "#" * 30 in bar
    piped = subprocess.run([sys.executable, "-m", "kiosk.cli", "data", "export", "--all", "-o",
                            str(tmp_path / "pipe")], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert piped.returncode == 0 and piped.stderr == ""

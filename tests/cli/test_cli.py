"""The `hiremate` entry point: version, init's idempotence, the data directory, failures in one line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.cli.commands import sessions
from kiosk.cli.main import default_data_dir
from kiosk.services.version import APP_VERSION

ROOT = Path(__file__).resolve().parents[2]


def test_version_comes_from_the_installed_distribution() -> None:
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"hiremate {APP_VERSION}"
    assert APP_VERSION != "0.0.0+source"


def test_init_creates_the_store_once_and_then_says_nothing_changed(data_dir: Path, capsys) -> None:
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    first = capsys.readouterr().out
    assert "Initialised station" in first and (data_dir / "station.sqlite3").exists()
    before = (data_dir / "station.sqlite3").stat().st_size
    assert main(["init", "--data-dir", str(data_dir)]) == 0
    assert "already initialised; nothing changed" in capsys.readouterr().out
    assert (data_dir / "station.sqlite3").stat().st_size == before


def test_data_dir_defaults_to_the_environment_override(data_dir: Path, capsys) -> None:
    assert default_data_dir() == data_dir
    assert main(["init", "--json"]) == 0
    assert (data_dir / "station.sqlite3").exists()


def test_commands_needing_a_store_explain_how_to_make_one(tmp_path: Path, capsys) -> None:
    assert main(["--data-dir", str(tmp_path / "none"), "verify-log"]) == 1
    assert "run `hiremate init` first" in capsys.readouterr().err
    assert not (tmp_path / "none").exists()


def test_run_without_a_display_explains_the_way_forward_in_one_line(data_dir: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HIREMATE_DATA_DIR": str(data_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "run"], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert result.returncode == 3
    assert result.stderr.count("\n") == 1 and "xvfb-run" in result.stderr and "hiremate simulate" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_an_unforeseen_error_is_one_line_naming_the_command_not_a_traceback(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(args: object) -> int:  # a fault injected where a real bug would surface
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(sessions, "run", fail)
    assert main(["sessions"]) == 1
    err = capsys.readouterr().err
    assert err == "hiremate sessions: unexpected RuntimeError: disk on fire second line " \
                  "(set HIREMATE_DEBUG=1 to see where)\n"
    monkeypatch.setenv("HIREMATE_DEBUG", "1")
    with pytest.raises(RuntimeError, match="disk on fire"):
        main(["sessions"])


def test_an_unwritable_printable_list_is_refused_before_any_code_is_issued(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init"]) == 0
    assert main(["codes", "issue", "--count", "2", "--html", str(tmp_path)]) == 1
    assert f"--html {tmp_path}: is a folder" in capsys.readouterr().err
    assert main(["codes", "list", "--json"]) == 0
    assert capsys.readouterr().out.strip() == "[]"


def test_the_version_is_the_installed_distributions_version() -> None:
    from importlib.metadata import version

    assert version("hiremate") == APP_VERSION  # pyproject builds with kiosk.__version__; nothing can drift

"""The `hiremate` entry point: version, help, documentation of every command, init's idempotence."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import build_parser, main
from kiosk.cli.main import command_modules, default_data_dir
from kiosk.services.version import APP_VERSION

ROOT = Path(__file__).resolve().parents[2]


def registered_commands() -> set[str]:
    """Subcommand names as the parser knows them."""
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return set(action.choices)


def readme_commands() -> set[str]:
    """Commands named in the README's command table."""
    text = (ROOT / "README.md").read_text()
    return set(re.findall(r"^\| `hiremate ([a-z-]+)", text, flags=re.MULTILINE))


def test_every_command_is_documented_in_the_readme_and_nothing_else_is() -> None:
    assert registered_commands() == readme_commands()


def test_every_command_module_registers_one_command() -> None:
    assert len(command_modules()) == len(registered_commands())


@pytest.mark.parametrize("command", sorted(registered_commands()))
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: hiremate" in capsys.readouterr().out


def test_version_comes_from_the_installed_distribution() -> None:
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"hiremate {APP_VERSION}"
    assert APP_VERSION != "0.0.0+source"


def test_init_creates_the_store_once_and_then_says_nothing_changed(data_dir: Path, capsys) -> None:
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    first = capsys.readouterr().out
    assert "Initialised station" in first and (data_dir / "station.sqlite3").exists()
    before = (data_dir / "station.sqlite3").stat().st_size
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    assert "already initialised; nothing changed" in capsys.readouterr().out
    assert (data_dir / "station.sqlite3").stat().st_size == before


def test_data_dir_defaults_to_the_environment_override(data_dir: Path) -> None:
    assert default_data_dir() == data_dir


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

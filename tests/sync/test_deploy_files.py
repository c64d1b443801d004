"""The receiver's container files (docs/DEPLOY.md) read as Docker would read them: the compose file parses and wires
the receiver to PostgreSQL; the Dockerfile copies what exists, installs exactly pyproject's dependencies but Qt,
runs as a user and is checked for health; and the receiver really runs without Qt installed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "packaging" / "receiver"
QT = ("PySide6", "shiboken6")


def _instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions (comments dropped, continuation lines joined)."""
    text = re.sub(r"\\\n", " ", (HERE / "Dockerfile").read_text())
    found = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            keyword, _, rest = line.strip().partition(" ")
            found.append((keyword.upper(), rest.strip()))
    return found


def _name(requirement: str) -> str:
    return re.split(r"[<>=\[ ;]", requirement, maxsplit=1)[0].lower()


def test_the_compose_file_runs_the_receiver_on_postgresql() -> None:
    compose = yaml.safe_load((HERE / "compose.yaml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "receiver"}
    receiver, db = services["receiver"], services["db"]
    assert (HERE / receiver["build"]["context"] / receiver["build"]["dockerfile"]).resolve() == HERE / "Dockerfile"
    assert receiver["environment"]["HIREMATE_RECEIVER_DB"].startswith("postgresql://hiremate:")
    assert receiver["environment"]["HIREMATE_RECEIVER_DB"].endswith("@db:5432/hiremate")
    assert receiver["depends_on"]["db"]["condition"] == "service_healthy" and "healthcheck" in db
    assert receiver["ports"] == ["127.0.0.1:8765:8765"]  # only the TLS proxy on the host reaches it
    volumes = {volume.split(":")[0] for service in services.values() for volume in service["volumes"]}
    assert volumes == set(compose["volumes"])
    assert db["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")


def test_the_dockerfile_copies_installs_and_runs_what_the_project_has() -> None:
    steps = _instructions()
    assert steps[0][0] == "FROM" and steps[0][1].startswith("python:3.11")
    known = {"FROM", "ENV", "RUN", "WORKDIR", "COPY", "USER", "VOLUME", "EXPOSE", "HEALTHCHECK", "CMD"}
    assert {keyword for keyword, _ in steps} <= known
    copied = [rest.split()[0] for keyword, rest in steps if keyword == "COPY"]
    assert all((ROOT / source).exists() for source in copied), copied
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = {name.rstrip("*") for name in project["tool"]["setuptools"]["packages"]["find"]["include"]}
    assert packages <= set(copied)
    installed = re.findall(r'"([^"]+)"', next(rest for keyword, rest in steps if keyword == "RUN" and "pip" in rest))
    wanted = [req for req in project["project"]["dependencies"] if not _name(req).startswith("pyside6")]
    assert sorted(installed) == sorted(wanted)
    users = [index for index, (keyword, _) in enumerate(steps) if keyword == "USER"]
    assert users and steps[users[-1]][1] not in ("root", "0") and users[-1] < len(steps) - 1
    command = json.loads(next(rest for keyword, rest in steps if keyword == "CMD"))
    assert "receiver serve" in command[-1] and "--workers" in command[-1] and "--db" not in command[-1]
    assert ("EXPOSE", "8765") in steps and any(keyword == "HEALTHCHECK" for keyword, _ in steps)
    assert "docker compose" in (ROOT / "docs" / "DEPLOY.md").read_text()


BLOCK_QT = """
import importlib.abc, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in {qt!r}:
            raise ImportError("no Qt in the receiver image: " + name)
sys.meta_path.insert(0, NoQt())
from kiosk.cli import main
assert main(["--data-dir", sys.argv[1], "receiver", "token", "create", "--label", "image"]) == 0
assert main(["--data-dir", sys.argv[1], "receiver", "stations"]) == 0
from sync.receiver.factory import app_from_environment
import os
os.environ["HIREMATE_RECEIVER_DB"] = sys.argv[1] + "/receiver/receiver.sqlite3"
assert app_from_environment().title.startswith("HireMate")
assert not [m for m in sys.modules if m.split(".")[0] in {qt!r}]
"""


def test_the_receiver_runs_without_qt(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", BLOCK_QT.format(qt=set(QT)), str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr

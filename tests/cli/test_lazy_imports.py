"""`hiremate --help` and `hiremate <command> --help` load no command's heavy dependencies (checked in a fresh
interpreter, command after command, by looking at sys.modules)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

HEAVY = ("PySide6", "httpx", "fastapi", "uvicorn", "cryptography", "scoring", "pydantic")

PROBE = f'''
import contextlib, io, json, sys
from kiosk.cli.main import main
from kiosk.cli.table import COMMANDS, leaves

def groups(node):
    return [node] + [g for child in node.children if child.is_group for g in groups(child)]

found = {{}}
for command in groups(COMMANDS) + list(leaves()):
    with contextlib.redirect_stdout(io.StringIO()):
        status = main([*command.path, "--help"])
    assert status == 0, command.path
    loaded = [name for name in {HEAVY!r} if name in sys.modules and not any(name in v for v in found.values())]
    found[" ".join(command.path) or "(hiremate)"] = loaded  # what this command's --help loaded first
print(json.dumps(found))
'''


def test_help_of_every_command_imports_none_of_the_heavy_packages() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert "(hiremate)" in found and "receiver token create" in found
    assert {command: loaded for command, loaded in found.items() if loaded} == {}

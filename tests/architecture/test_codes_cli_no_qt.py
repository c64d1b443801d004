"""Issuing codes on the command line needs Qt only for --pdf: without it no PySide6 module is loaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = r'''
import sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name == "PySide6" or name.startswith("PySide6."):
            raise ImportError("PySide6 is blocked in this run")
        return None

sys.meta_path.insert(0, NoQt())
from kiosk.cli.main import main

data = sys.argv[1]
assert main(["--data-dir", data, "init"]) == 0
assert main(["--data-dir", data, "codes", "issue", "--count", "2", "--battery", "test_fast"]) == 0
assert "PySide6" not in sys.modules
assert main(["--data-dir", data, "codes", "issue", "--count", "2", "--pdf", data + "/codes.pdf"]) == 1
from eventlog import Store
from kiosk.services.stationdb import StationDb

with Store.in_dir(data) as store:
    assert len(StationDb(store).codes()) == 2  # the refused --pdf run issued none
print("ok")
'''


def test_codes_issue_runs_with_pyside6_blocked_and_pdf_explains_what_is_missing(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "station")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        "hiremate codes issue: --pdf needs Qt (PySide6), which cannot be loaded here: PySide6 is blocked in this run")
    assert not (tmp_path / "station" / "codes.pdf").exists()

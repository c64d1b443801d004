"""`hiremate codes issue --pdf FILE [--slips]`: a PDF ready to print, made without a display, in a child process
as a proctor would run it; a bad target is refused before any code is issued."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventlog import Store
from kiosk.services.stationdb import StationDb
from kiosk.ui.codes_print import LIST_ROWS, SLIPS_PER_PAGE
from tests.pdfcheck import pdf_pages


def hiremate(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a child with no display and no Qt platform chosen (the command picks offscreen itself)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "kiosk.cli", "--data-dir", str(data_dir), *argv],
                           env=env, capture_output=True, text=True, timeout=120)


def stored_codes(data_dir: Path) -> list[str | None]:
    """The stored codes' refs (their hashes: only those are stored, never a code in clear)."""
    with Store.in_dir(data_dir) as store:
        codes = StationDb(store).codes()
    assert all(c.code is None for c in codes)
    return [c.ref for c in codes]


@pytest.fixture
def station(data_dir: Path) -> Path:
    assert hiremate(data_dir, "init").returncode == 0
    return data_dir


@pytest.mark.parametrize(("extra", "count", "pages"), [
    ((), LIST_ROWS + 1, 2),
    (("--slips",), SLIPS_PER_PAGE + 1, 2),
    (("--slips",), 1, 1),
])
def test_pdf_holds_every_issued_code_on_the_expected_pages(
    station: Path, tmp_path: Path, extra: tuple[str, ...], count: int, pages: int
) -> None:
    pdf = tmp_path / "new folder" / "codes.pdf"
    done = hiremate(station, "codes", "issue", "--count", str(count), "--battery", "test_fast",
                    "--pdf", str(pdf), *extra, "--json")
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["pdf"] == {"path": str(pdf), "pages": pages}
    assert pdf_pages(pdf) == pages and pdf.stat().st_mode & 0o777 == 0o600
    assert sorted(c["ref"] for c in out["codes"]) == sorted(stored_codes(station))
    assert Path(out["printable"]).exists()  # the HTML list is still written beside it


def test_pdf_line_in_human_output(station: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "codes.pdf"
    done = hiremate(station, "codes", "issue", "--count", "2", "--pdf", str(pdf))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"PDF: {pdf} (1 page)"


@pytest.mark.parametrize("where", ["folder", "under a file"])
def test_unwritable_pdf_target_is_refused_before_any_code_is_issued(
    station: Path, tmp_path: Path, where: str
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep me")
    target, reason = (tmp_path, "it is a folder") if where == "folder" else \
        (blocker / "codes.pdf", f"{blocker} is a file, not a folder")
    done = hiremate(station, "codes", "issue", "--count", "3", "--pdf", str(target))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == f"hiremate codes issue: cannot write the PDF to {target}: {reason}\n"
    assert stored_codes(station) == [] and not (station / "codes").exists()
    assert blocker.read_text() == "keep me"


def test_slips_without_pdf_is_a_usage_error(station: Path) -> None:
    done = hiremate(station, "codes", "issue", "--count", "1", "--slips")
    assert done.returncode == 1 and done.stderr == "hiremate codes issue: --slips needs --pdf FILE\n"
    assert stored_codes(station) == []

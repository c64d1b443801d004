"""`hiremate report`: HTML and PDF files, standard output, comparisons, names only on request, one-line errors."""

from __future__ import annotations

import re
import stat
import subprocess
from pathlib import Path

import pytest

from eventlog import Store
from kiosk.cli import main
from tests.reports.conftest import STYLES
from tests.reports.sessions import candidate
from tests.reports.station import record_session, station_with_candidates


@pytest.fixture
def station(data_dir: Path) -> dict[str, str]:
    ids = station_with_candidates(data_dir)
    with Store.in_dir(data_dir) as store, store.conn:
        store.conn.execute("INSERT INTO people VALUES ('P-7K3Q', 'Ada Lovelace', 'ada@example.org', '2025-03-01')")
    return ids


def _run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "report", *args])


def test_html_file_by_pseudonym_with_a_role(data_dir: Path, station: dict[str, str], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "p7k3q.html"
    assert _run(data_dir, "P-7K3Q", "--role", "sales_associate", "--html", str(target)) == 0
    html = target.read_text(encoding="utf-8")
    assert "Candidate assessment report · Sales associate" in html and "Overall fit" in html
    assert "P-7K3Q" in html and "Ada Lovelace" not in html
    assert "Standard battery: risk, control, memory, attention, decisions" in html
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # confidential: owner-only
    assert f"wrote {target}" in capsys.readouterr().err


def test_name_only_with_with_name_and_html_on_stdout(data_dir: Path, station: dict[str, str],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, station["P-7K3Q"][:12], "--with-name") == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "P-7K3Q (Ada Lovelace)" in out


def test_pdf_on_letter_paper_and_a_session_never_scored(data_dir: Path, station: dict[str, str],
                                                       tmp_path: Path) -> None:
    target = tmp_path / "p5rtc.pdf"
    assert _run(data_dir, "P-5RTC", "--pdf", str(target), "--paper", "letter") == 0
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert "612 x 792" in info
    retest = station["P-2MNB"]  # no stored result: scored for the report, nothing written to the station
    assert _run(data_dir, retest[:10], "--pdf", str(tmp_path / "retest.pdf")) == 0
    with Store.in_dir(data_dir) as store:
        assert store.conn.execute("SELECT count(*) FROM results WHERE session_id = ?", (retest,)).fetchone()[0] == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "retest.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Risk tolerance" in text


def test_declined_session_report(data_dir: Path, station: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, "P-9XW2") == 0
    out = capsys.readouterr().out
    assert "declined the consent" in out and "not completed" not in out


def test_compare_three_candidates(data_dir: Path, station: dict[str, str], tmp_path: Path) -> None:
    target = tmp_path / "compare.html"
    assert _run(data_dir, "P-7K3Q", "P-5RTC", station["P-2MNB"][:12], "--compare", "--role",
                "operations_analyst", "--html", str(target)) == 0
    html = target.read_text(encoding="utf-8")
    assert "Candidate comparison · Operations analyst" in html
    assert len(re.findall(r'class="marker" data-trait="risk_tolerance" data-candidate', html)) == 3


@pytest.mark.parametrize(("args", "message"), [
    (["P-2MNB"], "'P-2MNB' matches 2 sessions"),
    (["nobody"], "no session matches 'nobody'"),
    (["P-7K3Q", "P-5RTC"], "add --compare"),
    (["P-7K3Q", "--compare"], "compare needs 2 to 4 sessions, got 1"),
    (["P-7K3Q", "--role", "astronaut"], "no such role profile"),
    (["P-7K3Q", "--pdf", "/no/such/dir/r.pdf"], "cannot write /no/such/dir/r.pdf: no such folder"),
    (["P-7K3Q", "--language", "xx"], "--language: language 'xx' is not shipped (choose one of en, es, de, ar)"),
])
def test_bad_input_gets_one_line_and_status_1(data_dir: Path, station: dict[str, str], args: list[str], message: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, *args) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err and captured.err.count("\n") == 1 and "Traceback" not in captured.err


def test_html_and_pdf_are_exclusive(data_dir: Path, station: dict[str, str],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(data_dir, "P-7K3Q", "--html", "a.html", "--pdf", "a.pdf") == 2
    err = capsys.readouterr().err
    assert "--pdf" in err and "--html" in err and len(err.strip().splitlines()) == 1


def test_language_writes_the_report_in_it_or_in_the_sessions_own(data_dir: Path, station: dict[str, str],
                                                                 tmp_path: Path) -> None:
    """--language TAG writes the report in TAG; `session` in the language the candidate saw (English by default)."""
    spanish = tmp_path / "es.html"
    assert _run(data_dir, "P-7K3Q", "--language", "es", "--html", str(spanish)) == 0
    html = spanish.read_text(encoding="utf-8")
    assert '<html lang="es">' in html and "<h1>Informe de evaluación del candidato</h1>" in html
    records = candidate(participant="P-DE01", **STYLES["P-7K3Q"])  # type: ignore[arg-type]
    german = record_session(data_dir, "P-DE01", records, language="de")
    own = tmp_path / "own.html"
    assert _run(data_dir, german[:12], "--language", "session", "--html", str(own)) == 0
    assert '<html lang="de">' in own.read_text(encoding="utf-8") and "auf Deutsch (de)" in own.read_text("utf-8")
    english = tmp_path / "en.html"
    assert _run(data_dir, "P-7K3Q", "--language", "session", "--html", str(english)) == 0
    assert '<html lang="en">' in english.read_text(encoding="utf-8")


def test_session_language_of_a_comparison_must_be_one(data_dir: Path, station: dict[str, str],
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    records = candidate(participant="P-DE01", **STYLES["P-7K3Q"])  # type: ignore[arg-type]
    german = record_session(data_dir, "P-DE01", records, language="de")
    assert _run(data_dir, german[:12], "P-7K3Q", "--compare", "--language", "session") == 1
    err = capsys.readouterr().err
    assert "different languages (de, en)" in err and err.count("\n") == 1

"""The one-folder app frozen by packaging/build.sh runs the station's commands headless and answers as the source does.

The build is reused from .cache/package/ while nothing it packages changes (tests/packaging/frozen.py); building it
takes 47 to 105 s on the shared 2-core machine, depending on its load.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

import kiosk
from tests.packaging.frozen import ROOT, Build, bundle_tools, frozen_build
from tests.pdfcheck import pdf_pages

pytestmark = pytest.mark.slow

SIZE_LIMIT = 150_000_000  # bytes: the one-folder app is at most 150 MB (issue 19)


@dataclass
class Station:
    """A station initialised by the frozen app, with one session it simulated."""

    data_dir: Path
    session_id: str
    participant: str
    simulated: dict[str, object]


@pytest.fixture(scope="module")
def build() -> Build:
    return frozen_build()


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PYTHON", "VIRTUAL_ENV"))}
    return env | {"HIREMATE_DATA_DIR": str(data_dir), "QT_QPA_PLATFORM": "offscreen"} | extra


def run_frozen(build: Build, data_dir: Path, *args: str, check: bool = True,
               **extra_env: str) -> subprocess.CompletedProcess[str]:
    """Run the frozen app; with check, a non-zero exit fails the test with what it printed."""
    result = subprocess.run([str(build.executable), *args], env=_env(data_dir, **extra_env), capture_output=True,
                            text=True, timeout=300, cwd=data_dir.parent)
    if check:
        command = " ".join(args)
        assert result.returncode == 0, f"hiremate {command} -> {result.returncode}\n{result.stdout}{result.stderr}"
    return result


def run_source(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The same command from the source tree, in this venv."""
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", *args], env=_env(data_dir), capture_output=True,
                            text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def station(build: Build, tmp_path_factory: pytest.TempPathFactory) -> Station:
    data_dir = tmp_path_factory.mktemp("frozen") / "station"
    run_frozen(build, data_dir, "init")
    simulated = json.loads(run_frozen(build, data_dir, "--json", "simulate", "--battery", "test_fast").stdout)
    sessions = json.loads(run_frozen(build, data_dir, "--json", "sessions").stdout)
    (participant,) = [s["participant"] for s in sessions if s["session_id"] == simulated["session_id"]]
    return Station(data_dir, str(simulated["session_id"]), participant, simulated)


def test_version_is_the_source_version(build: Build, tmp_path: Path) -> None:
    assert run_frozen(build, tmp_path / "unused", "--version").stdout.strip() == f"hiremate {kiosk.__version__}"


def test_init_made_the_station_and_a_second_init_changes_nothing(build: Build, station: Station) -> None:
    assert (station.data_dir / "keys" / "station.pub.pem").is_file()
    assert "nothing changed" in run_frozen(build, station.data_dir, "init").stdout


def test_simulate_runs_the_fast_battery_to_completion(station: Station) -> None:
    assert station.simulated["reason"] == "completed" and station.simulated["problems"] == []


def test_verify_log_verifies_every_chain(build: Build, station: Station) -> None:
    assert "OK: every chain verifies" in run_frozen(build, station.data_dir, "verify-log").stdout


def test_export_writes_a_bundle_that_verify_trusts_and_a_changed_copy_fails(
        build: Build, station: Station, tmp_path: Path) -> None:
    run_frozen(build, station.data_dir, "export", station.session_id, "-o", str(tmp_path / "bundles"))
    (bundle,) = (tmp_path / "bundles").iterdir()
    key = str(station.data_dir / "keys" / "station.pub.pem")
    verified = run_frozen(build, station.data_dir, "verify", str(bundle), "--key", key)
    assert "signature over manifest.json is valid" in verified.stdout
    changed = tmp_path / "changed.hiremate.zip"
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0xFF
    changed.write_bytes(bytes(data))
    assert run_frozen(build, station.data_dir, "verify", str(changed), "--key", key, check=False).returncode == 1


def test_report_html_is_the_source_apps_report(build: Build, station: Station, tmp_path: Path) -> None:
    frozen, source = tmp_path / "frozen.html", tmp_path / "source.html"
    run_frozen(build, station.data_dir, "report", station.session_id, "--html", str(frozen))
    run_source(station.data_dir, "report", station.session_id, "--html", str(source))
    assert frozen.read_bytes() == source.read_bytes()
    assert station.participant in frozen.read_text()


def test_report_pdf_has_the_reports_text_and_no_warning(build: Build, station: Station, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    result = run_frozen(build, station.data_dir, "report", station.session_id, "--pdf", str(pdf))
    assert result.stderr.splitlines() == [result.stderr.strip()]  # "wrote ...": fpdf2 is quiet about Pillow (rthooks)
    assert result.stderr.startswith(f"wrote {pdf} ")
    assert pdf_pages(pdf) >= 1
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert station.participant in text


def test_an_arabic_report_pdf_is_shaped_as_the_source_app_shapes_it(build: Build, station: Station,
                                                                    tmp_path: Path) -> None:
    """uharfbuzz is in the bundle: the frozen app joins and orders Arabic exactly as the source does."""
    frozen, source = tmp_path / "frozen.pdf", tmp_path / "source.pdf"
    run_frozen(build, station.data_dir, "report", station.session_id, "--language", "ar", "--pdf", str(frozen))
    run_source(station.data_dir, "report", station.session_id, "--language", "ar", "--pdf", str(source))
    assert frozen.read_bytes() == source.read_bytes()
    text = subprocess.run(["pdftotext", str(frozen), "-"], capture_output=True, text=True, check=True).stdout
    assert "تقرير تقييم المرشح" in text and station.participant in text


def test_data_export_csv_is_the_source_apps_export(build: Build, station: Station, tmp_path: Path) -> None:
    run_frozen(build, station.data_dir, "data", "export", "--all", "--format", "csv", "-o", str(tmp_path / "frozen"))
    run_source(station.data_dir, "data", "export", "--all", "--format", "csv", "-o", str(tmp_path / "source"))
    frozen = {p.name: p.read_bytes() for p in (tmp_path / "frozen").iterdir()}
    assert "sessions.csv" in frozen and "datapackage.json" in frozen
    assert frozen == {p.name: p.read_bytes() for p in (tmp_path / "source").iterdir()}


def test_score_is_the_source_apps_score(build: Build, station: Station) -> None:
    frozen = run_frozen(build, station.data_dir, "--json", "score", station.session_id).stdout
    assert json.loads(frozen) == json.loads(run_source(station.data_dir, "--json", "score", station.session_id).stdout)


def test_codes_issue_prints_a_pdf_with_qt(build: Build, station: Station, tmp_path: Path) -> None:
    run_frozen(build, station.data_dir, "codes", "issue", "--count", "2", "--pdf", str(tmp_path / "codes.pdf"))
    assert pdf_pages(tmp_path / "codes.pdf") == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def receiver(build: Build, station: Station, tmp_path: Path) -> Iterator[str]:
    """The frozen app's receiver, trusting the station's key, on a free port: its URL."""
    data_dir = tmp_path / "receiver"
    run_frozen(build, data_dir, "receiver", "enroll", str(station.data_dir / "keys" / "station.pub.pem"))
    port = _free_port()
    server = subprocess.Popen([str(build.executable), "receiver", "serve", "--port", str(port)], env=_env(data_dir),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, server)
        yield url
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=30)


def _wait_until_up(url: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert server.poll() is None, f"the receiver stopped: {server.communicate()[0]}"
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("the frozen receiver did not answer /healthz within 60 s")


def test_sync_delivers_the_session_to_the_frozen_receiver(build: Build, station: Station, receiver: str) -> None:
    synced = json.loads(run_frozen(build, station.data_dir, "--json", "sync", "run", "--endpoint", receiver).stdout)
    assert synced["pass"]["delivered"] == 1 and synced["pass"]["errors"] == []
    assert httpx.get(receiver + "/openapi.json", timeout=10).json()["paths"]


def test_the_station_runs_a_candidate_in_an_x11_window(build: Build, tmp_path: Path) -> None:
    """The xcb platform plugin and the X libraries it needs load: a scripted candidate, shown, under Xvfb."""
    data_dir = tmp_path / "station"
    run_frozen(build, data_dir, "init")
    command = [str(build.executable), "--json", "simulate", "--battery", "test_fast", "--show"]
    result = subprocess.run(["xvfb-run", "-a", *command], env=_env(data_dir, QT_QPA_PLATFORM="xcb"),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["reason"] == "completed"


def test_the_app_runs_through_a_symlink(build: Build, tmp_path: Path) -> None:
    (tmp_path / "hiremate").symlink_to(build.executable)
    result = subprocess.run([str(tmp_path / "hiremate"), "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"hiremate {kiosk.__version__}"


def test_the_bundle_keeps_what_the_app_uses_and_qts_translations_of_the_shipped_languages(build: Build) -> None:
    internal = build.app_dir / "_internal"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for kept in ("platforms/libqxcb.so", "platforms/libqoffscreen.so", "printsupport/libcupsprintersupport.so"):
        assert (plugins / kept).is_file(), kept
    assert not (plugins / "platformthemes").exists() and not (plugins / "imageformats").exists()
    kept_qm = {p.name for p in (internal / "PySide6" / "Qt").glob("translations/*.qm")}
    assert kept_qm == {f"{prefix}_{tag}.qm" for tag in ("es", "de", "ar") for prefix in ("qt", "qtbase")}  # no English
    assert (internal / "assets" / "batteries" / "test_fast.toml").is_file()
    assert list((internal / "fpdf" / "data").iterdir())
    for left_out in ("numpy", "PIL", "mypy", "_pytest", "libgtk-3.so.0", "libcups.so.2"):
        assert not (internal / left_out).exists(), left_out


def test_the_bundle_is_within_150_mb_and_the_log_says_its_size_count_and_largest_files(build: Build) -> None:
    total = sum(p.stat().st_size for p in build.app_dir.rglob("*") if p.is_file() and not p.is_symlink())
    summary = bundle_tools.summary_lines(build.app_dir)
    assert total <= SIZE_LIMIT, "\n".join(summary)
    assert f"({total} bytes)" in summary[1]
    log_lines = build.log.splitlines()
    start = log_lines.index(summary[1])  # the log has the same size, file count and ten largest files
    assert log_lines[start:start + 12] == summary[1:]
    assert len(summary[1:]) == 12
    assert re.search(r"^build time: \d+ s$", build.log, re.MULTILINE)


GLIBC = ("ld-linux", "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so", "libresolv.so", "libutil.so")
FROM_THE_MACHINE = {"libGL.so.1", "libEGL.so.1", "libxcb.so.1", "libcups.so.2", "libdbus-1.so.3"}  # docs/INSTALL.md, 2


def test_the_libraries_the_bundle_needs_from_the_machine_are_glibc_and_those_install_md_lists(build: Build) -> None:
    files = [p for p in build.app_dir.rglob("*") if p.is_file() and not p.is_symlink()]
    bundled = {p.name for p in build.app_dir.rglob("*")}
    needed = {name for path in files for name in bundle_tools.needed_libraries(path)}
    assert {name for name in needed - bundled if not name.startswith(GLIBC)} == FROM_THE_MACHINE

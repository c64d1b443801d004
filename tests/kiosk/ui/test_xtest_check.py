"""`hiremate timing-check --xtest` under a real X server (Xvfb, started by xvfb-run as the packaging tests do): every
XTest press reaches the game and is matched to its logged response, every onset is read back from the window's
pixels, and the figures are numbers; without X11 it says why in one line. No timing thresholds: what the figures are
on this shared machine is not asserted, only what physics requires (a handler cannot run before its key was sent)."""

from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
import sys
from typing import Any

import pytest

from eventlog.kinds import validate_payload
from eventlog.records import EventRecord
from kiosk.services.timing_xtest import ROWS, describe_xtest, xtest_figures
from kiosk.services.xtest import x11_problem
from scoring.timing_check import TIMING_CHECK

PRESSES = 8
needs_xvfb = pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed")


def _env(**extra: str) -> dict[str, str]:
    """This environment without any display or Qt platform choice, plus `extra`."""
    unset = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE")
    return {k: v for k, v in os.environ.items() if k not in unset} | extra


def _timing_check(*args: str, env: dict[str, str], xvfb: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "kiosk.cli", "timing-check", *args]
    if xvfb:
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", *command]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def measured() -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    done = _timing_check("--xtest", "--presses", str(PRESSES), "--json", env=_env(), xvfb=True)
    assert done.stdout, done.stderr
    return done, json.loads(done.stdout)


@needs_xvfb
def test_every_xtest_press_and_onset_is_matched_and_the_figures_are_numbers(
    measured: tuple[subprocess.CompletedProcess[str], dict[str, Any]]
) -> None:
    done, check = measured
    xtest = check["xtest"]
    assert xtest["problems"] == [], xtest
    assert xtest["presses"] == PRESSES and xtest["matched"] == PRESSES
    for key, _label in ROWS:
        figures = xtest[key]
        assert figures["n"] == PRESSES, key  # every onset bracketed; every response carries the server's time
        assert all(math.isfinite(figures[f]) for f in ("median_ms", "sd_ms", "min_ms", "max_ms")), key
        assert figures["min_ms"] <= figures["median_ms"] <= figures["max_ms"] and figures["sd_ms"] >= 0, key
    assert xtest["key_to_stamp"]["min_ms"] >= 0  # the game's handler stamps a key after it was sent
    assert xtest["poll_resolution"]["min_ms"] > 0
    assert done.returncode == (1 if check["problems"] else 0), done.stderr
    base = {k: v for k, v in check.items() if k != "xtest"}  # the standard check ran too, on X11
    assert validate_payload(TIMING_CHECK, base) == base and base["platform"] == "xcb"


@needs_xvfb
def test_the_xtest_figures_print_as_a_table_after_the_check() -> None:
    done = _timing_check("--xtest", "--presses", "3", env=_env(), xvfb=True)
    lines = done.stdout.splitlines()
    assert lines[0].startswith("platform: xcb"), done.stdout + done.stderr
    start = next(i for i, line in enumerate(lines) if line.startswith("XTest on X display :"))
    assert "3 Space presses" in lines[start] and "3 matched to a logged response" in lines[start]
    assert lines[start + 1].split() == ["n", "median", "SD", "min", "max", "(ms)"]
    for line, (_key, label) in zip(lines[start + 2:], ROWS, strict=False):
        assert line.startswith(label) and line[len(label):].split()[0] == "3"
    assert lines[-1] == "every press and onset matched"


@pytest.mark.parametrize(("environ", "named"), [
    ({}, "DISPLAY is not set"),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "QT_QPA_PLATFORM is 'offscreen'"),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "Wayland session"),
    ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"}, "Wayland session"),
])
def test_without_x11_the_reason_is_named(environ: dict[str, str], named: str) -> None:
    problem = x11_problem(environ)
    assert problem is not None and named in problem and "\n" not in problem
    assert x11_problem({"DISPLAY": ":0"}) is None and x11_problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}) is None


@pytest.mark.parametrize(("environ", "message"), [
    ({}, "hiremate timing-check: --xtest needs an X11 display but DISPLAY is not set"),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "hiremate timing-check: --xtest needs X11 but "
                                                        "QT_QPA_PLATFORM is 'offscreen'"),
    ({"DISPLAY": ":4093"}, "hiremate timing-check: --xtest cannot open the X display ':4093'"),
])
def test_the_cli_without_x11_fails_in_one_line_naming_why(environ: dict[str, str], message: str) -> None:
    done = _timing_check("--xtest", env=_env(**environ))
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(message), done.stderr
    assert "Traceback" not in done.stderr


def test_presses_are_counted_only_with_xtest_and_only_from_1_to_1000() -> None:
    done = _timing_check("--presses", "5", env=_env())
    assert done.returncode == 1 and done.stderr == \
        "hiremate timing-check: --presses counts the XTest check's presses: give --xtest with it\n"
    done = _timing_check("--xtest", "--presses", "0", env=_env())
    assert done.returncode == 2 and "'0' is not a whole number from 1 to 1000" in done.stderr


def _event(seq: int, t_ns: int, kind: str, payload: dict[str, Any]) -> EventRecord:
    return EventRecord(session_id="s", seq=seq, t_ns=t_ns, kind=kind, game="simple_rt", trial=0, payload=payload,
                       prev_hash="", hash="")


def test_a_press_the_game_did_not_log_and_a_missing_onset_are_problems() -> None:
    ms = 1_000_000
    events = [
        _event(1, 100 * ms, "rt.stimulus_onset", {"presented_t_ns": 100 * ms}),
        _event(2, 250 * ms + 400_000, "rt.response", {"qt_event_ms": 5250}),
    ]
    stamps = {"sent": [250 * ms, 900 * ms], "onsets": [(99 * ms, 101 * ms), (800 * ms, 801 * ms)]}
    result = xtest_figures(stamps, events, lambda perf: perf, ":1")
    assert result["presses"] == 2 and result["matched"] == 1
    assert result["key_to_stamp"]["median_ms"] == 0.4
    assert result["onset_difference"] == {"n": 1, "median_ms": 0.0, "sd_ms": 0.0, "min_ms": 0.0, "max_ms": 0.0}
    assert result["problems"] == ["press 2 matched no logged response", "the pixels showed 2 onsets, the game logged 1"]
    assert describe_xtest(result)[-1].startswith("XTEST CHECK FAILED: press 2 matched no logged response")

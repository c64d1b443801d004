"""The timing probe measures on a real Qt event loop (offscreen): every figure is measured and recordable, a
deliberately coarse clock is flagged, and `hiremate timing-check` prints the same check (no timing thresholds:
what the figures are on this shared machine is not asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from eventlog import Store
from eventlog.kinds import validate_payload
from kiosk.ui.timing_probe import FRAMES, PRESSES, TIMERS, TimingProbe, run_timing_check
from scoring.timing_check import TIMING_CHECK, timing_problems
from tests.kiosk.conftest import MakeStation, click, issue, type_code


def test_the_probe_measures_every_figure_and_its_payload_is_recordable(qtbot: QtBot) -> None:
    check = run_timing_check()
    assert validate_payload(TIMING_CHECK, check) == check
    assert check["platform"] == "offscreen"
    assert check["frames"]["n"] == FRAMES - 1 and check["frames"]["median_ms"] > 0
    assert check["timer_overshoot"]["n"] == TIMERS and check["input_latency"]["n"] == PRESSES
    assert check["input_latency"]["max_ms"] > 0 and check["clock_resolution_us"] > 0
    assert check["duration_ms"] > 0
    assert check["problems"] == timing_problems(check)  # the verdict is the limits' verdict on these figures


def test_a_probe_stamping_with_a_coarse_clock_is_flagged(qtbot: QtBot) -> None:
    def coarse() -> int:  # a 20 ms tick: every stamp and every clock read lands on it
        return time.perf_counter_ns() // 20_000_000 * 20_000_000

    check = run_timing_check(clock=coarse)
    assert check["clock_resolution_us"] >= 20_000
    assert any(p.startswith("clock resolution") for p in check["problems"])


def test_the_probe_emits_finished_with_its_result(qtbot: QtBot) -> None:
    probe = TimingProbe()
    qtbot.addWidget(probe)
    probe.show()
    with qtbot.waitSignal(probe.finished, timeout=10_000) as blocker:
        probe.start()
    result: dict[str, Any] = blocker.args[0]
    assert result == probe.result and result["frames"]["n"] == FRAMES - 1


def test_the_cli_prints_the_check_and_exits_by_its_verdict() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "timing-check", "--json"], env=env,
                          capture_output=True, text=True, timeout=120)
    check = json.loads(done.stdout)
    assert validate_payload(TIMING_CHECK, check) == check and check["platform"] == "offscreen"
    assert done.returncode == (1 if check["problems"] else 0), done.stderr
    text = subprocess.run([sys.executable, "-m", "kiosk.cli", "timing-check"], env=env, capture_output=True,
                          text=True, timeout=120)
    lines = text.stdout.splitlines()
    assert lines[0].startswith("no display: measured on Qt's offscreen platform")
    assert any(line.startswith("frame interval: median") for line in lines)
    assert lines[-1] in ("timing held",) or lines[-1].startswith("TIMING DID NOT HOLD: ")


def test_the_station_records_a_timing_check_before_the_first_game(qtbot: QtBot, make_station: MakeStation,
                                                                    data_dir: Path) -> None:
    code = issue(data_dir)[0]
    window = make_station(seed_override=11)
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    click(window.screens.consent.agree_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.instructions, timeout=5000)
    with qtbot.waitSignal(window.game_view_did_start, timeout=10_000):
        click(window.screens.instructions.begin_button)  # at once: the game waits for the check to end
    sid = window.candidate.session_id
    assert sid is not None
    window.log.flush()
    with Store.in_dir(data_dir) as store:
        kinds = [e.kind for e in store.events(sid)]
        check = next(e.payload for e in store.events(sid) if e.kind == TIMING_CHECK)
    assert kinds.index(TIMING_CHECK) < kinds.index("station.game_will_start")
    assert validate_payload(TIMING_CHECK, check) == check and check["frames"]["n"] == FRAMES - 1

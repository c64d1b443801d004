"""SIGKILL a recording child at random moments: nothing flush() acknowledged is lost; the log verifies."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from eventlog import Store, verify_store

ROOT = Path(__file__).resolve().parents[2]
KILLS = 24


def _run_and_kill(data_dir: Path, delay_s: float, batch: int) -> tuple[str, int]:
    """Start a child, kill it with SIGKILL after delay_s of recording; return its session and last acked seq."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.eventlog.crash_child", str(data_dir), str(batch)],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True,
    )
    assert child.stdout is not None
    ready = child.stdout.readline().split()
    assert ready and ready[0] == "READY", ready
    acks: list[int] = []
    reader = threading.Thread(target=lambda: acks.extend(int(line.split()[2]) for line in child.stdout), daemon=True)
    reader.start()
    time.sleep(delay_s)
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join(5)
    return ready[1], max(acks, default=0)


@pytest.mark.slow
def test_sigkill_loses_nothing_acknowledged_and_log_verifies(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    rng = random.Random(20261122)
    outcomes = []
    for kill in range(KILLS):
        sid, acked = _run_and_kill(data_dir, rng.uniform(0.02, 0.4), batch=rng.choice([1, 10, 200]))
        outcomes.append((sid, acked))
        if kill % 6 == 5:  # check as we go, so a failure names the kill that caused it
            with Store.in_dir(data_dir) as store:
                assert verify_store(store).ok
    with Store.in_dir(data_dir) as store:
        report = verify_store(store)
        assert report.ok, report.broken[:1]
        assert report.sessions == KILLS
        for sid, acked in outcomes:
            stored = store.event_count(sid)
            assert stored >= acked + 1, f"session {sid}: flush acknowledged seq {acked} but only {stored} stored"
        assert sum(acked for _, acked in outcomes) > KILLS  # the children really recorded before dying

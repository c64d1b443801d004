"""Test-wide settings: Qt runs offscreen; every test gets its own data directory."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty station data directory, also set as HIREMATE_DATA_DIR."""
    directory = tmp_path / "station"
    monkeypatch.setenv("HIREMATE_DATA_DIR", str(directory))
    return directory


FD_COLLECT_AT = 256


@pytest.fixture(autouse=True)
def collect_cycles() -> Iterator[None]:
    """Collect reference cycles after every test, so connections and sockets they hold close now.

    Qt widgets, servers and stores in a test form cycles that CPython frees only at a full collection; over
    700 tests their descriptors piled up past 1,600 (select() refuses descriptors from 1,024 on).
    """
    yield
    if len(os.listdir("/proc/self/fd")) > FD_COLLECT_AT:  # a full collection costs ~0.2 s: only when they pile up
        gc.collect()

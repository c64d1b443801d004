"""Test-wide settings: Qt runs offscreen; every test gets its own data directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty station data directory, also set as HIREMATE_DATA_DIR."""
    directory = tmp_path / "station"
    monkeypatch.setenv("HIREMATE_DATA_DIR", str(directory))
    return directory

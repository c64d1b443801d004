"""Test-wide settings: Qt runs offscreen; every test gets its own data directory; receiver storages on SQLite or on
a real PostgreSQL server (tests/sync runs its receiver tests on both; elsewhere `backend` is SQLite)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.pgserver import PgServer

if TYPE_CHECKING:
    from sync.receiver.storage import BundleStorage

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


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One real PostgreSQL server for the whole test session (started on first use)."""
    server = PgServer().start()
    yield server
    server.stop()


@pytest.fixture
def backend() -> str:
    """The receiver storage backend (tests/sync/conftest.py runs its tests on both)."""
    return "sqlite"


@pytest.fixture
def storage_factory(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[object]:
    """make(name) -> a new, empty BundleStorage on the test's backend (its home folder tmp_path/name); every
    storage is closed (and its PostgreSQL database dropped) afterwards."""
    from sync.receiver.backends import open_storage

    made: list[tuple[BundleStorage, str]] = []
    pg: PgServer | None = request.getfixturevalue("pg_server") if backend == "postgres" else None

    def make(name: str = "receiver") -> BundleStorage:
        target = pg.create_database() if pg else str(tmp_path / name / "receiver.sqlite3")
        storage = open_storage(target, home=tmp_path / name)
        made.append((storage, target))
        return storage

    yield make
    for storage, target in made:
        storage.close()
        if pg is not None:
            pg.drop_database(target)


@pytest.fixture(autouse=True)
def english_again() -> Iterator[None]:
    """Every test starts in English, whatever the test before it left behind (a station window closed in the middle
    of an Arabic session keeps the candidate's language otherwise)."""
    yield
    from i18n import candidate_language, set_candidate_language, set_station_language, station_language

    if candidate_language() != "en":
        set_candidate_language("en")
    if station_language() != "en":
        set_station_language("en")

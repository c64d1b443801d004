"""Without PostgreSQL's driver (the packaged station app leaves it out) a postgresql:// --db is refused with one
line that says what to do, and a SQLite receiver still opens."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sync.receiver.backends import NO_DRIVER, StorageOpenError, open_storage


def test_a_postgres_url_without_the_driver_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("psycopg", "psycopg_pool", "sync.receiver.postgres_store"):
        monkeypatch.setitem(sys.modules, name, None)  # an import of it fails, as in the frozen app
    with pytest.raises(StorageOpenError) as refused:
        open_storage("postgresql://rx@localhost/hiremate")
    assert str(refused.value) == NO_DRIVER and "\n" not in NO_DRIVER
    storage = open_storage(tmp_path / "rx.sqlite3")
    storage.close()

"""The CSV and TSV exports are valid against their own datapackage.json, checked by the frictionless validator
(types, allowed values, bounds, required cells and primary keys of every column in the codebook)."""

from __future__ import annotations

from pathlib import Path

import pytest
from frictionless import Package

from datasets.tables import TABLES
from tests.datasets.conftest import add_full_sessions, run_export
from tests.datasets.edge_sessions import edge_session
from tests.sync.sessions import init_station


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("package") / "station"
    init_station(data_dir)
    add_full_sessions(data_dir, ["P-77aa0001", "P-77aa0002"])
    edge_session(data_dir)
    return data_dir


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_export_validates_against_its_table_schemas(fmt: str, station: Path, tmp_path: Path) -> None:
    run_export(station, tmp_path / fmt, fmt)
    report = Package(str(tmp_path / fmt / "datapackage.json")).validate()
    errors = [f"{task.name}: {e.type} {e.message}" for task in report.tasks for e in task.errors][:20]
    assert report.valid, "\n".join(errors)
    assert [task.stats["rows"] > 0 for task in report.tasks] == [True] * len(TABLES)

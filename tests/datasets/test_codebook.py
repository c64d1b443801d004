"""The codebook is generated, up to date, and says exactly what the exports write; metric docs match scoring."""

from __future__ import annotations

import json
from pathlib import Path

from datasets.codebook import render_markdown
from datasets.metrics import GAME_METRICS, METRICS, TASK_METRICS
from datasets.summary import INTERPRETATIONS, QUALITY_FLAGS
from datasets.tables import TABLES
from scoring import SCORING_VERSION, score_session
from scoring.tables import table_for
from tests.datasets.conftest import ROOT, read_table, run_export
from tests.scoring.simulate import full_session

DOC = ROOT / "docs" / "CODEBOOK.md"


def test_codebook_doc_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == render_markdown(), (
        "regenerate: python -m datasets.codebook > docs/CODEBOOK.md")


def test_every_column_is_documented_with_a_type_and_a_meaning() -> None:
    for table in TABLES:
        names = table.names
        assert len(names) == len(set(names)), f"{table.name}: a column name repeats"
        assert set(table.key) <= set(names)
        for c in table.columns:
            assert c.description.strip() and c.type in ("string", "integer", "number", "boolean", "datetime")
            assert c.name.replace("_", "").isalnum() and c.name == c.name.lower(), c.name
            assert f"| `{c.name}` |" in DOC.read_text(encoding="utf-8")


def test_exported_columns_are_the_codebook_columns_and_each_is_filled(full_station: tuple[Path, list[str]],
                                                                       tmp_path: Path) -> None:
    data_dir, _ = full_station
    run_export(data_dir, tmp_path / "csv", "csv")
    package = json.loads((tmp_path / "csv" / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
    assert sorted(schemas) == sorted(f"{t.name}.csv" for t in TABLES)
    for table in TABLES:
        rows = read_table(tmp_path / "csv" / f"{table.name}.csv")
        assert rows, f"{table.name} is empty"
        assert list(rows[0]) == table.names == schemas[f"{table.name}.csv"]
        never = [c for c in table.names if all(r[c] == "n/a" for r in rows) and c not in (
            "scoring_error", "onset_requested_ms", "qt_event_ms", "soft_time_limit_s", "option_4_id", "from_option",
            "from_risk", "idle_duration_ms", "away_ms", "focus_away_ms", "paused_ms", "correct_key",
            "accommodations", "not_comparable")]  # filled in tests/kiosk/ui/test_accommodations_flow.py
        assert never == [], f"{table.name}: columns never filled by a full session: {never}"


def test_metric_docs_match_what_scoring_emits() -> None:
    profile = score_session(full_session(seed=3))
    tables = table_for(SCORING_VERSION)
    for game in profile.games:
        whole = [(m.key, m.unit) for m in game.metrics if not m.group]
        assert [k for k, _ in whole] == list(GAME_METRICS[game.game]), game.game
        per_task = {(m.key, m.unit) for m in game.metrics if m.group and m.key.startswith("decision.")}
        if game.game == "decision":
            assert {k for k, _ in per_task} == set(TASK_METRICS)
        for key, unit in [*whole, *per_task]:
            assert METRICS[key].unit == unit, key
    assert sorted(g.game for g in profile.games) == sorted(GAME_METRICS)
    assert [t.key for t in profile.traits] == list(tables["traits"])
    assert [q.key for q in profile.quality] == list(QUALITY_FLAGS)
    assert [i.key for i in profile.interpretations] == list(INTERPRETATIONS)
    for i in profile.interpretations:
        for part, allowed in INTERPRETATIONS[i.key].items():
            assert (i.details.get(part) if part else i.value) in allowed

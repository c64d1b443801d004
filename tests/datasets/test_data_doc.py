"""docs/DATA.md's pandas example runs on a real export and computes the figure it promises."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventlog import Store
from tests.datasets.conftest import ROOT, run_export

DOC = ROOT / "docs" / "DATA.md"


def pandas_snippet() -> str:
    """The python block after the '<!-- pandas example -->' marker."""
    text = DOC.read_text(encoding="utf-8")
    found = re.search(r"<!-- pandas example[^>]*-->\s*```python\n(.*?)```", text, flags=re.DOTALL)
    assert found, "docs/DATA.md has no marked pandas example"
    return found.group(1)


def _adjusted_from_events(data_dir: Path) -> dict[str, float]:
    """Mean pumps over unburst balloons per participant, straight from the log."""
    pumps: dict[str, list[int]] = {}
    with Store.in_dir(data_dir) as store:
        for row in store.sessions():
            for e in store.iter_events(row.id):
                if e.kind == "bart.balloon_ended" and e.payload["outcome"] == "collected":
                    pumps.setdefault(row.participant, []).append(e.payload["pumps"])
    return {p: sum(v) / len(v) for p, v in pumps.items()}


def test_the_pandas_example_runs_and_gives_mean_adjusted_pumps(full_station: tuple[Path, list[str]],
                                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    data_dir, _ = full_station
    run_export(data_dir, tmp_path / "export", "csv")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(pandas_snippet(), str(DOC), "exec"), namespace)
    adjusted = namespace["adjusted"].to_dict()  # type: ignore[attr-defined]
    expected = _adjusted_from_events(data_dir)
    assert adjusted.keys() == expected.keys() and len(adjusted) == 2
    assert all(abs(adjusted[p] - expected[p]) < 1e-9 for p in expected)
    per_session = namespace["per_session"]
    assert per_session.notna().all() and len(per_session) == 3  # type: ignore[attr-defined]
    assert "mean_adjusted_pumps" in capsys.readouterr().out

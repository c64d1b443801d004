"""Every metric, trait and flag is documented in docs/SCORING.md; role profiles load, validate and fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring import RoleError, load_role, role_fit, role_names, score_session
from scoring.tables import TABLES
from tests.scoring.simulate import full_session

DOC = (Path(__file__).resolve().parents[2] / "docs" / "SCORING.md").read_text(encoding="utf-8")


def test_every_key_is_documented() -> None:
    p = score_session(full_session())
    keys = {m.key for g in p.games for m in g.metrics} | {q.key for q in p.quality}
    keys |= {i.key for i in p.interpretations} | {k for table in TABLES.values() for k in table["traits"]}
    assert len(keys) > 60
    missing = sorted(k for k in keys if f"`{k}`" not in DOC)
    assert not missing, f"undocumented in docs/SCORING.md: {missing}"


def test_shipped_roles_load_and_fit() -> None:
    assert len(role_names()) >= 2
    p = score_session(full_session())
    for name in role_names():
        fit = role_fit(p, load_role(name))
        assert fit.overall is not None and 0 <= fit.overall <= 100
        assert all(t.status in ("inside", "below", "above") for t in fit.traits)
        assert "overall fit" in fit.explanation


def test_fit_parts_add_up(tmp_path: Path) -> None:
    role = tmp_path / "strict.toml"
    role.write_text('name = "Strict"\n[traits.risk_tolerance]\nlow = 80\nhigh = 90\n', encoding="utf-8")
    p = score_session(full_session(stop_at=32))
    fit = role_fit(p, role)
    part = fit.traits[0]
    assert part.status == "below"
    assert part.distance == pytest.approx(80 - part.position)
    assert fit.overall == pytest.approx(100 - part.distance * part.reliability_weight)


@pytest.mark.parametrize(("text", "field"), [
    ('name = "X"\n[traits.risk_tolerance]\nlow = 70\nhigh = 20\n', "traits.risk_tolerance"),
    ('name = "X"\n[traits.risk_tolerance]\nlow = 10\nhigh = 200\n', "traits.risk_tolerance.high"),
    ('name = "X"\n[traits.bravery]\nlow = 10\nhigh = 20\n', "traits.bravery"),
    ('[traits.risk_tolerance]\nlow = 10\nhigh = 20\n', "name"),
    ('name = "X"\n[traits.risk_tolerance]\nlow = 10\nhigh = 20\ncolour = 1\n', "traits.risk_tolerance.colour"),
])
def test_bad_role_names_file_and_field(tmp_path: Path, text: str, field: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RoleError) as info:
        load_role(path)
    assert info.value.file == "bad.toml"
    assert info.value.field == field

"""Scenario files: every shipped file is valid; broken files give errors naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from games.decision.scenarios import CATEGORIES, ScenarioError, default_scenario_dir, load_scenario, load_scenarios

GOOD = """
id = "t_one"
category = "problem_solving"
title = "A title"
prompt = "What do you do?"
reasoning_required = true
min_reasoning_chars = 25
soft_time_limit_s = 60

[[options]]
id = "a"
text = "First"
risk_level = "low"
tags = ["cautious"]

[[options]]
id = "b"
text = "Second"
risk_level = "medium"
tags = ["pragmatic", "fast"]

[[options]]
id = "c"
text = "Third"
risk_level = "high"
tags = ["bold"]
"""


def write(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_scenarios_are_valid_and_cover_every_category() -> None:
    scenarios = load_scenarios()
    assert len(scenarios) >= 8
    assert {s.category for s in scenarios} == set(CATEGORIES)
    for scenario in scenarios:
        assert 3 <= len(scenario.options) <= 4
        assert all(option.tags for option in scenario.options)
        assert len({o.risk_level for o in scenario.options}) >= 2, f"{scenario.id}: options all of one risk"
    assert any(s.reasoning_required for s in scenarios)
    assert any(s.soft_time_limit_s for s in scenarios)


def test_a_good_file_loads_with_its_fields(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, GOOD))
    assert scenario.id == "t_one"
    assert [o.id for o in scenario.options] == ["a", "b", "c"]
    assert scenario.option("b").tags == ("pragmatic", "fast")
    assert scenario.min_chars == 25
    assert scenario.soft_time_limit_s == 60


def test_required_reasoning_defaults_to_seed_minimum(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path, GOOD.replace("min_reasoning_chars = 25\n", "")))
    assert scenario.min_chars == 20


def test_optional_reasoning_has_zero_minimum(tmp_path: Path) -> None:
    text = GOOD.replace("reasoning_required = true\nmin_reasoning_chars = 25\n", "")
    assert load_scenario(write(tmp_path, text)).min_chars == 0


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ('risk_level = "high"', 'risk_level = "extreme"', "options[2].risk_level", "must be low, medium or high"),
        ('category = "problem_solving"', 'category = "maths"', "category", "must be one of"),
        ('tags = ["bold"]', "tags = []", "options[2].tags", "at least 1"),
        ('tags = ["bold"]', 'tags = ["Bold!"]', "options[2].tags", "lowercase"),
        ('id = "b"', 'id = "a"', "options", "unique"),
        ('id = "t_one"', 'id = "T One"', "id", "lowercase"),
        ("soft_time_limit_s = 60", "soft_time_limit_s = 0", "soft_time_limit_s", "positive"),
        ("soft_time_limit_s = 60", "soft_time_limit_s = 60\ncolour = 1", "colour", "not a known field"),
        ("min_reasoning_chars = 25", "min_reasoning_chars = 0", "min_reasoning_chars", "between 1 and"),
        ("reasoning_required = true", "reasoning_required = false", "min_reasoning_chars", "only allowed"),
        ('prompt = "What do you do?"\n', "", "prompt", "Field required"),
        ('text = "Second"', 'text = ""', "options[1].text", "at least 1"),
    ],
)
def test_broken_field_is_named_with_the_file(tmp_path: Path, old: str, new: str, field: str, message: str) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1), "broken.toml")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert str(info.value).startswith(f"{path}: {field}: ")
    assert info.value.field == field
    assert message in info.value.message


def test_too_few_options_is_named(tmp_path: Path) -> None:
    text = GOOD.split("[[options]]")
    path = write(tmp_path, "[[options]]".join(text[:3]))
    with pytest.raises(ScenarioError, match=r"s\.toml: options: must have 3 or 4 options, found 2"):
        load_scenario(path)


def test_five_options_is_refused(tmp_path: Path) -> None:
    extra = '\n[[options]]\nid = "{0}"\ntext = "More"\nrisk_level = "low"\ntags = ["x"]\n'
    path = write(tmp_path, GOOD + extra.format("d") + extra.format("e"))
    with pytest.raises(ScenarioError, match="found 5"):
        load_scenario(path)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('title = "A title"', "title = A title"))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert str(info.value).startswith(f"{path}: (file): is not valid TOML")


def test_duplicate_ids_across_files_name_both(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD, "b.toml")
    with pytest.raises(ScenarioError) as info:
        load_scenarios(tmp_path)
    assert str(info.value).startswith(f"{tmp_path / 'b.toml'}: id: 't_one' is already used by {tmp_path / 'a.toml'}")


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="holds no"):
        load_scenarios(tmp_path)


def test_shipped_paths_are_named_relative_to_the_project() -> None:
    missing = default_scenario_dir() / "no_such_folder"
    with pytest.raises(ScenarioError) as info:
        load_scenarios(missing)
    assert str(info.value) == "assets/scenarios/en/no_such_folder: (directory): holds no *.toml scenario files"

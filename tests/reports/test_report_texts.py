"""The reports' explanatory texts (reports/texts.py, trial_texts.py, trial_labels.py) come from the catalogue in the
report's language: in Spanish, German and Arabic every one differs from English and keeps its numbers, in the
pseudo-locale every one comes out accented, they are read when the report is written, not at import, and a report
written in Spanish shows them (issue 17)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import partial

import pytest

from i18n import PSEUDO, RLM, _r, reporting_in
from i18n.pseudo import is_pseudo
from reports import ReportInput, build_report, render_html, texts
from reports.texts import ADVICE, KIND_WORDS, READINGS, formula, insufficient_means, reading
from reports.trial_labels import TRIAL_GAME_TITLES, TRIAL_LABELS
from scoring import SUPPORTED_VERSIONS, load_role
from scoring.tables import table_for

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _readings() -> dict[str, Callable[[], str]]:
    found: dict[str, Callable[[], str]] = {}
    for key, table in texts._WHOLE.items():
        found |= {f"reading {key} {value}": partial(reading, key, value, {}) for value in table}
    for speed in texts._SPEED:
        for pace in texts._PACE:
            found[f"reading pace {speed} {pace}"] = partial(reading, "decision_pattern", f"{speed}, {pace}",
                                                            {"speed": speed, "consistency": pace})
    for depth in texts._DEPTH:
        for structure in texts._STRUCTURE:
            found[f"reading writing {depth} {structure}"] = partial(
                reading, "communication_style", depth, {"reasoning_depth": depth, "logical_structure": structure})
    return found


def every_text() -> dict[str, Callable[[], str]]:
    """Each text of the three files, as a call that writes it in the report's language now."""
    found: dict[str, Callable[[], str]] = {"not enough data": insufficient_means}
    for version in SUPPORTED_VERSIONS:
        found |= {f"formula {version} {key}": partial(formula, key, spec)
                  for key, spec in table_for(version)["traits"].items()}
    found |= _readings()
    # the tables are N_() messages that reports/evidence.py, summary.py and labels.py show with _r()
    for name, table in (("advice", ADVICE), ("kind", KIND_WORDS), ("reading name", READINGS)):
        found |= {f"{name} {key}": partial(_r, text) for key, text in table.items()}
    for key, (label, _unit, help) in TRIAL_LABELS.items():
        found[f"label {key}"] = partial(_r, label)
        if help:
            found[f"help {key}"] = partial(_r, help)
    found |= {f"title {game}": partial(_r, title) for game, title in TRIAL_GAME_TITLES.items()}
    return found


def test_every_text_is_enumerated() -> None:
    found = every_text()
    assert len(found) > 200
    assert {f"advice {g}" for g in ("bart", "rt", "decision", "igt", "tower", "faces", "effort", "money")} <= set(found)
    english = {name: write() for name, write in found.items()}
    assert all(english.values()), [name for name, text in english.items() if not text]


@pytest.mark.parametrize("language", ["es", "de", "ar"])
def test_each_text_is_translated_and_keeps_its_numbers(language: str) -> None:
    found = every_text()
    english = {name: write() for name, write in found.items()}
    with reporting_in(language):
        translated = {name: write() for name, write in found.items()}
    untranslated = [name for name in found if translated[name] == english[name]]
    assert untranslated == [], f"{language}: still English: {untranslated}"
    for name in found:
        assert sorted(NUMBER.findall(translated[name])) == sorted(NUMBER.findall(english[name])), (
            f"{language} {name}: {english[name]!r} -> {translated[name]!r}")
        assert "{" not in translated[name], f"{language} {name}: a placeholder left unfilled"
    assert {name: write() for name, write in found.items()} == english  # English again after the block


def test_the_pseudo_locale_accents_every_text_so_none_bypasses_the_catalogue() -> None:
    with reporting_in(PSEUDO):
        plain = {name: text for name, write in every_text().items() if not is_pseudo(text := write())}
    assert plain == {}


def test_a_formula_keeps_the_scoring_versions_figures_in_every_language() -> None:
    spec = table_for("1.3.0")["traits"]["decision_speed"]
    assert formula("decision_speed", spec) == ("The typical time between pumps on a log scale: 1.5 s or slower scores "
                                               "0, 0.15 s or faster scores 100.")
    with reporting_in("de"):
        assert formula("decision_speed", spec) == ("Die typische Zeit zwischen zwei Pumpvorgängen auf logarithmischer "
                                                   "Skala: 1.5 s oder langsamer ergibt 0, 0.15 s oder schneller ergibt "
                                                   "100.")
    with reporting_in("es"):
        assert formula("consistency", table_for("1.3.0")["traits"]["consistency"]).endswith(
            "(una variación del 80% de la media o más puntúa 0).")


def test_a_reading_is_composed_in_the_language_and_an_unknown_value_passes_as_it_is() -> None:
    details = {"speed": "fast", "consistency": "steady"}
    assert reading("decision_pattern", "", details) == ("Fast (first choice within 10 s), steady from scenario to "
                                                        "scenario")
    with reporting_in("ar"):
        # the template starts with a placeholder: i18n.translate marks the line right to left (an invisible RLM)
        arabic = "سريع (الاختيار الأول خلال 10 s)، ثابت من سيناريو إلى آخر"
        assert reading("decision_pattern", "", details) == RLM + arabic
        assert reading("thinking_style", "unheard_of", {}) == "unheard_of"
    assert reading("decision_pattern", "", {"speed": "odd_Speed"}) == "Odd_speed, "  # as before: capitalized


def test_texts_are_written_when_the_report_is_written_not_at_import() -> None:
    spec = table_for("1.3.0")["traits"]["restraint"]
    english = formula("restraint", spec), insufficient_means(), reading("thinking_style", "analytical", {})
    with reporting_in("es"):
        spanish = formula("restraint", spec), insufficient_means(), reading("thinking_style", "analytical", {})
    assert all(s != e for s, e in zip(spanish, english, strict=True))
    assert (formula("restraint", spec), insufficient_means(), reading("thinking_style", "analytical", {})) == english
    assert ADVICE["bart"].startswith("Invite") and KIND_WORDS["style"].startswith("Style")  # marked, shown with _r()


def test_a_report_written_in_spanish_carries_these_texts(first: ReportInput) -> None:
    profile = first.profile
    assert profile is not None
    specs = table_for(profile.scoring_version)["traits"]
    readings = [i for i in profile.interpretations if i.insufficient is None]
    with reporting_in("es"):
        page = html.unescape(render_html(build_report(first, load_role("sales_associate"))))
        wanted = [formula(t.key, specs[t.key]) for t in profile.traits] + [reading(i.key, i.value, i.details)
                                                                           for i in readings]
    english = [formula(t.key, specs[t.key]) for t in profile.traits] + [reading(i.key, i.value, i.details)
                                                                        for i in readings]
    assert len(profile.traits) > 10 and readings
    assert [text for text in wanted if text not in page] == []
    assert [text for text in english if text in page] == []

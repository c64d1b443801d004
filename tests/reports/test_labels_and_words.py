"""Every metric key scoring emits has recruiter words; reports never show raw keys, 0-1 units or candidate advice."""

from __future__ import annotations

import re

from reports import ReportInput, build_report, render_html
from reports.labels import LABELS, format_value, label_for, spell
from reports.texts import FORMULAS
from scoring import SUPPORTED_VERSIONS, Metric, load_role, score_session
from scoring.tables import table_for
from tests.scoring.helpers import StreamBuilder, bart_game
from tests.scoring.simulate import full_session

RAW = re.compile(r"\b(?:bart|rt|decision)\.[a-z_]+\b")


def _emitted_keys() -> set[str]:
    profiles = [score_session(full_session(seed=3)), score_session(full_session(seed=5, stop_at=90))]
    return {m.key for p in profiles for g in p.games for m in g.metrics}


def test_every_metric_key_scoring_emits_has_a_label_and_no_label_is_stale() -> None:
    emitted = _emitted_keys()
    assert emitted - set(LABELS) == set(), "metrics without recruiter words in reports/labels.py"
    assert set(LABELS) - emitted == set(), "labels for metrics scoring no longer emits"


def test_every_trait_of_every_scoring_version_has_a_formula_sentence() -> None:
    for version in SUPPORTED_VERSIONS:
        specs = table_for(version)["traits"]
        assert set(specs) == set(FORMULAS)
        for key, spec in specs.items():
            sentence = FORMULAS[key](spec)
            assert sentence.endswith(".") and sentence.count(". ") == 0, key


def test_values_are_spelled_in_units_people_use() -> None:
    assert spell(1225, label_for("bart.earnings_cents").unit) == "$12.25"
    assert spell(312.4, label_for("rt.median_rt_ms").unit) == "0.31 s"
    assert spell(0.125, label_for("rt.lapse_rate").unit) == "12 %"
    assert spell(0.05, label_for("rt.commission_rate").unit) == "5.0 %"
    assert spell(0.62, label_for("decision.mean_reasoning_depth").unit) == "62 of 100"
    assert spell(-2.5, label_for("bart.response_to_losses").unit) == "-2.5 pumps"
    assert spell("low>high", label_for("decision.risk_exposure").unit) == "low → high"
    assert format_value(Metric(key="rt.lapse_rate", value=None, unit="share")) == "–"


def test_a_report_shows_no_raw_key_no_zero_to_one_unit_and_no_advice_to_the_candidate(first: ReportInput) -> None:
    html = render_html(build_report(first, load_role("sales_associate")))
    text = re.sub(r"<[^>]+>", " ", html.split("</style>")[1])
    assert RAW.findall(text) == []
    assert re.findall(r"\b0-1\b(?![0-9])", text) == []  # the unit "0-1" (a range such as "0-100 %" is fine)
    for wrong in ("None", "score the session again", "play the full", "cents"):
        assert wrong not in text, wrong


def test_too_little_data_says_what_it_means_and_what_the_recruiter_can_do() -> None:
    b = StreamBuilder("short-bart")
    bart_game(b, [(10, 64), (12, 64), (8, 3)])
    records = b.close()
    from reports import meta_from_events

    inp = ReportInput(meta_from_events(records), score_session(records), tuple(records))
    html = render_html(build_report(inp))
    assert "Not enough data: too few usable observations for risk tolerance" in html or "Not enough data" in html
    assert "Invite the candidate to re-test with the full battery" in html
    assert "says nothing good or bad about the candidate" in html
    assert "not enough data" in html  # the metric tables and the trait bar say so instead of a number

"""Scoring 1.3.0 counts reasoning in the session's language (station.language) with that language's keyword table."""

from __future__ import annotations

import json

import pytest

from scoring import rescore_canonical, score_session
from tests.scoring.helpers import StreamBuilder
from tests.scoring.test_golden_decision import done, task

G = "decision"
# Hand-worked: 16 whitespace tokens, "—" has no letter, so 15 words. Spanish keywords: porque 1.0, sin embargo 1.2,
# si 0.8, por lo tanto 1.5, entonces 0.8 = 5 keywords, 5.3 points ("por qué" is none).
# Depth = 0.4 x min(15 / 100, 1) + 0.6 x min(5.3 / 10, 1) = 0.06 + 0.318 = 0.378.
TEXT_ES = "¿Por qué? Porque, sin embargo, si el cliente espera, por lo tanto perdemos — entonces actúo."


def stream(language: str | None, source: str = "access_code", text: str = TEXT_ES,
           after_game: str | None = None) -> list:
    b = StreamBuilder()
    if language is not None:
        b.after(5, "station.language", {"language": language, "source": source})
    b.after(5, "decision.game_started", {"tasks": ["ta", "tb", "tc"], "seed": 1}, G)
    if after_game is not None:  # a switch after the first game event does not change the session's language
        b.after(5, "station.language", {"language": after_game, "source": "candidate"})
    task(b, 0, "ta", [(4, "option_selected", {"option_id": "a", "risk_level": "low", "tags": ["x"]}),
                      (11, "reasoning_started", {}),
                      (20, "reasoning_submitted", {"text": text, "chars": len(text), "words": 16}),
                      (20, "task_completed", done("a", "low"))])
    for index, (tid, option, risk) in enumerate((("tb", "c", "medium"), ("tc", "d", "low")), start=1):
        picked = {"option_id": option, "risk_level": risk, "tags": ["x"]}
        task(b, index, tid, [(2 * index, "option_selected", picked), (3 * index, "task_completed", done(option, risk))])
    b.after(5, "decision.game_ended", {"tasks_completed": 3}, G)
    return b.close()


def _reasoning(records: list, version: str = "1.3.0") -> tuple:
    profile = score_session(records, version)
    game = profile.game(G)
    assert game is not None
    values = tuple(game.metric(k, "ta").value for k in ("decision.reasoning_words", "decision.logical_keywords",  # type: ignore[union-attr]
                                                       "decision.keyword_score", "decision.reasoning_depth"))
    return values, profile


def test_a_spanish_answer_is_scored_with_the_spanish_table() -> None:
    (words, keywords, score, depth), profile = _reasoning(stream("es"))
    assert (words, keywords) == (15, 5)
    assert score == pytest.approx(5.3)
    assert depth == pytest.approx(0.378)
    assert profile.language is not None
    assert profile.language.model_dump() == {
        "language": "es", "chosen_by": "access_code", "keyword_table": "es", "keyword_table_version": "1",
        "keyword_table_made_by": "machine translation", "note": ""}
    stored = json.loads(profile.canonical_json())
    assert stored["language"]["keyword_table"] == "es" and stored["scoring_version"] == "1.3.0"


def test_the_same_text_under_english_gives_other_numbers() -> None:
    (words, keywords, score, depth), profile = _reasoning(stream(None))
    assert (words, keywords, score) == (15, 0, 0.0)
    assert depth == pytest.approx(0.06)
    assert profile.language is not None
    assert (profile.language.language, profile.language.chosen_by, profile.language.keyword_table) == (
        "en", "not recorded", "en")


def test_1_2_0_keeps_counting_every_token_with_the_english_weights() -> None:
    (words, keywords, score, depth), profile = _reasoning(stream("es"), "1.2.0")
    assert (words, keywords, score) == (16, 0, 0.0)
    assert depth == pytest.approx(0.064)
    assert profile.language is None
    assert b'"language"' not in profile.canonical_json()


def test_the_last_language_before_the_first_game_counts_and_a_region_uses_its_language() -> None:
    records = stream("es-MX", after_game="de")
    (_, keywords, _, _), profile = _reasoning(records)
    assert keywords == 5
    assert profile.language is not None and profile.language.language == "es-MX"


def test_a_language_without_a_table_falls_back_to_english_and_says_so() -> None:
    (_, keywords, _, _), profile = _reasoning(stream("fr", text="Parce que, donc, si: because."))
    assert keywords == 1
    assert profile.language is not None and profile.language.keyword_table == "en"
    assert "No keyword table for 'fr'" in profile.language.note


def test_german_and_arabic_answers_use_their_tables() -> None:
    (_, de_keywords, de_score, _), _ = _reasoning(stream("de", text="Weil es billiger ist, daher besser. Dann gut."))
    assert (de_keywords, de_score) == (3, pytest.approx(1.0 + 1.5 + 0.8))
    arabic = "اخترت هذا ، لأن السعر أقل ، وبالتالي أوفر ."  # because 1.0, "and consequently" 1.5
    (ar_words, ar_keywords, ar_score, _), _ = _reasoning(stream("ar", text=arabic))
    assert (ar_words, ar_keywords, ar_score) == (7, 2, pytest.approx(2.5))


def test_scoring_in_a_language_is_deterministic() -> None:
    records = stream("ar", text="لأن ثم إذا")
    assert rescore_canonical(records, "1.3.0") == rescore_canonical(list(records), "1.3.0")

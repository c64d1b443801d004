"""Reports show the accommodations a session ran with and mark the traits they make not comparable."""

from __future__ import annotations

from reports.accommodations import accommodation_facts, accommodation_notice
from reports.document import Notice
from reports.evidence import evidence_section
from scoring import score_session
from tests.scoring import test_golden_decision as golden
from tests.scoring.helpers import StreamBuilder

GRANTED = {"extended_time": 2.0, "type_scale": 1.0, "high_contrast": True, "breaks": False}


def _profile(kind: str | None = None, payload: dict | None = None):  # type: ignore[no-untyped-def]
    """The golden decision session scored with 1.3.0, with one station event recorded before its first game."""
    records = golden.stream()
    if kind is not None:
        b = StreamBuilder()
        b.after(1, kind, payload or {})
        for r in records[1:-1]:
            b.add(r.kind, r.t_ns + 2_000_000, dict(r.payload), r.game, r.trial)
        records = b.close()
    return score_session(records, "1.3.0")


def test_page_one_and_the_evidence_name_the_accommodations_and_what_they_change() -> None:
    profile = _profile("station.accommodations", GRANTED)
    assert ("Accommodations", "extended time 2x, high contrast") in accommodation_facts(profile)
    notice = accommodation_notice(profile)
    assert notice is not None and notice.endswith("Not comparable with candidates without them: Deliberation "
                                                  "(marked in the evidence).")
    section = evidence_section(profile)
    warnings = [b.text for b in section.blocks if isinstance(b, Notice)]
    assert warnings == ["Not comparable with sessions without accommodations: the candidate had 2x each scenario's "
                        "suggested time (shown to the candidate), and this measure depends on that time."]


def test_a_session_without_accommodations_says_nothing_of_them() -> None:
    profile = _profile()
    assert accommodation_facts(profile) == []  # an English session without accommodations: page 1 as before
    assert accommodation_notice(profile) is None
    assert not [b for b in evidence_section(profile).blocks if isinstance(b, Notice)]


def test_a_session_in_another_language_names_it_and_its_keyword_table() -> None:
    profile = _profile("station.language", {"language": "es", "source": "candidate"})
    assert accommodation_facts(profile) == [
        ("Language", "Spanish; reasoning keywords: es table v1 (machine translation, not yet reviewed)")]

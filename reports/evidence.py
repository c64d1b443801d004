"""The evidence: every trait's formula, evidence sentences, reliability, missing data and what to do about it."""

from __future__ import annotations

import re
from typing import Any

from reports.accommodations import comparability_line
from reports.document import Block, Bullets, Heading, Notice, Paragraph, Section, Table
from reports.labels import QUALITY_LABELS
from reports.texts import ADVICE, INSUFFICIENT_MEANS, KIND_WORDS, formula
from scoring import Profile, Trait
from scoring.tables import table_for

__all__ = ["evidence_section", "humanise", "quality_value"]

GAME_NAMES = {"simple_rt": "the simple reaction-time game", "choice_rt": "the choice reaction-time game",
              "go_nogo": "the go / no-go game"}
MS = re.compile(r"(\d+(?:\.\d+)?) ms\b")


def humanise(sentence: str) -> str:
    """Scoring's evidence sentence in recruiter words: game names instead of ids, seconds instead of ms."""
    for key, name in GAME_NAMES.items():
        sentence = sentence.replace(f"in {key} ", f"in {name} ")
    return MS.sub(lambda m: f"{float(m.group(1)) / 1000:g} s", sentence)

RELIABILITY = ("Reliability says how much the position would move if the candidate played again: it compares "
               "the odd-numbered with the even-numbered trials of the same game (split-half, Spearman-Brown). "
               "High is 0.8 or more, moderate 0.6 or more. The band around each position is its likely range "
               "(95 %; from scoring 1.2.0 computed from the spread of the trials themselves, and checked to hold "
               "the true position 93-97 % of the time in simulations).")


def _reliability(t: Trait) -> str:
    if t.position is None:
        return ""
    if t.band_low is None or t.band_high is None:
        return (f"Position {t.position:.0f}. Reliability could not be estimated (too few trials to split in two), "
                "so treat the position as a first indication.")
    if t.reliability is None:
        return (f"Position {t.position:.0f}, likely between {t.band_low:.0f} and {t.band_high:.0f}; reliability not "
                "estimable (both halves of the trials sit at the end of the scale).")
    return (f"Position {t.position:.0f}, likely between {t.band_low:.0f} and {t.band_high:.0f}; reliability "
            f"{t.reliability:.2f} ({t.reliability_label}).")


def _trait(t: Trait, spec: dict[str, Any]) -> list[Block]:
    anchors = f" Anchors: {spec['anchors']}" if "anchors" in spec else ""
    blocks: list[Block] = [Heading(f"{t.label}: {t.low_pole} ↔ {t.high_pole}"),
                           Paragraph(f"{KIND_WORDS[t.kind]} How it is computed: {formula(t.key, spec)}{anchors}")]
    if t.insufficient is not None:
        why = t.insufficient
        advice = ADVICE.get(str(spec.get("source", "")), "Invite the candidate to re-test with the full battery.")
        blocks.append(Paragraph(f"Not enough data: {why.reason}; needed {why.required}, recorded {why.observed}. "
                                f"What you can do: {advice}"))
        return blocks
    blocks.append(Paragraph(_reliability(t)))
    not_comparable = comparability_line(t)
    if not_comparable is not None:
        blocks.append(Notice(not_comparable, "warn"))
    if t.evidence:
        blocks.append(Bullets(tuple(humanise(e) for e in t.evidence), "", "plain"))
    return blocks


def quality_value(key: str, value: float | int | None) -> str:
    """A quality flag's value in units people use."""
    if value is None:
        return "–"
    if key == "anticipation_rate":
        return f"{100 * float(value):.0f} %"
    if key == "idle_time":
        return f"{float(value) / 1000:.0f} s"
    if key == "regular_responding":
        return f"{100 * float(value):.1f} % variation"
    return f"{value:g}"


def _quality(profile: Profile) -> list[Block]:
    rows = tuple((QUALITY_LABELS.get(q.key, q.key), "needs attention" if q.raised else "ok",
                  quality_value(q.key, q.value), q.message[:1].upper() + q.message[1:] + ".") for q in profile.quality)
    return [Heading("Data quality checks"),
            Table(("Check", "Result", "Value", "What was recorded"), rows, (2.0, 1.3, 1.2, 5.0), "quality")]


def evidence_section(profile: Profile) -> Section:
    """Formulas, evidence sentences and reliability of every trait, then the quality checks."""
    specs = table_for(profile.scoring_version)["traits"]
    blocks: list[Block] = [Paragraph(RELIABILITY, "muted"), Paragraph(INSUFFICIENT_MEANS, "muted")]
    for t in profile.traits:
        blocks += _trait(t, specs[t.key])
    blocks += _quality(profile)
    blocks.append(Paragraph(f"Scored with HireMate scoring version {profile.scoring_version}; the same events always "
                            "give the same figures.", "muted"))
    return Section("evidence", "Evidence behind every figure", tuple(blocks))

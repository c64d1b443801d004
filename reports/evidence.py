"""The evidence: every trait's formula, evidence sentences, reliability, missing data and what to do about it."""

from __future__ import annotations

import re
from typing import Any

from i18n import N_, _r
from reports.accommodations import comparability_line
from reports.document import Block, Bullets, Heading, Notice, Paragraph, Section, Table
from reports.labels import QUALITY_LABELS
from reports.texts import ADVICE, INSUFFICIENT_MEANS, KIND_WORDS, formula
from scoring import Profile, Trait
from scoring.tables import table_for
from scoring.words import localise

__all__ = ["evidence_section", "humanise", "quality_value"]

GAME_NAMES = {"simple_rt": "the simple reaction-time game", "choice_rt": "the choice reaction-time game",
              "go_nogo": "the go / no-go game"}
"""Game names inside scoring's evidence sentences, which are English (scoring writes them): English names too."""
MS = re.compile(r"(\d+(?:\.\d+)?) ms\b")


def humanise(sentence: str) -> str:
    """Scoring's evidence sentence in recruiter words: game names instead of ids, seconds instead of ms."""
    for key, name in GAME_NAMES.items():
        sentence = sentence.replace(f"in {key} ", f"in {name} ")
    return MS.sub(lambda m: f"{float(m.group(1)) / 1000:g} s", sentence)

RELIABILITY = N_("Reliability says how much the position would move if the candidate played again: it compares "
               "the odd-numbered with the even-numbered trials of the same game (split-half, Spearman-Brown). "
               "High is 0.8 or more, moderate 0.6 or more. The band around each position is its likely range "
               "(95 %; from scoring 1.2.0 computed from the spread of the trials themselves, and checked to hold "
               "the true position 93-97 % of the time in simulations).")


RELIABILITY_WORDS = {"high": N_("high"), "moderate": N_("moderate"), "low": N_("low")}


def _reliability(t: Trait) -> str:
    if t.position is None:
        return ""
    if t.band_low is None or t.band_high is None:
        return _r("Position {position}. Reliability could not be estimated (too few trials to split in two), so "
                  "treat the position as a first indication.").format(position=f"{t.position:.0f}")
    if t.reliability is None:
        return _r("Position {position}, likely between {low} and {high}; reliability not estimable (both halves of "
                  "the trials sit at the end of the scale).").format(
            position=f"{t.position:.0f}", low=f"{t.band_low:.0f}", high=f"{t.band_high:.0f}")
    return _r("Position {position}, likely between {low} and {high}; reliability {reliability} ({label}).").format(
        position=f"{t.position:.0f}", low=f"{t.band_low:.0f}", high=f"{t.band_high:.0f}",
        reliability=f"{t.reliability:.2f}", label=_r(RELIABILITY_WORDS.get(t.reliability_label, t.reliability_label)))


def _trait(t: Trait, spec: dict[str, Any]) -> list[Block]:
    anchors = " " + _r("Anchors: {anchors}").format(anchors=localise(spec["anchors"])) if "anchors" in spec else ""
    blocks: list[Block] = [Heading(f"{localise(t.label)}: {localise(t.low_pole)} ↔ {localise(t.high_pole)}"),
                           Paragraph(_r("{kind} How it is computed: {formula}").format(
                               kind=_r(KIND_WORDS[t.kind]), formula=formula(t.key, spec)) + anchors)]
    if t.insufficient is not None:
        why = t.insufficient
        source = str(spec.get("source", ""))
        advice = _r(ADVICE[source]) if source in ADVICE else \
            _r("Invite the candidate to re-test with the full battery.")
        blocks.append(Paragraph(_r("Not enough data: {reason}; needed {required}, recorded {observed}. What you can "
                                   "do: {advice}").format(reason=localise(why.reason), required=localise(why.required),
                                                          observed=localise(why.observed), advice=advice)))
        return blocks
    blocks.append(Paragraph(_reliability(t)))
    not_comparable = comparability_line(t)
    if not_comparable is not None:
        blocks.append(Notice(not_comparable, "warn"))
    if t.evidence:
        blocks.append(Bullets(tuple(humanise(localise(e)) for e in t.evidence), "", "plain"))
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
        return _r("{percent} % variation").format(percent=f"{100 * float(value):.1f}")
    return f"{value:g}"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _quality(profile: Profile) -> list[Block]:
    rows = tuple((_r(QUALITY_LABELS[q.key]) if q.key in QUALITY_LABELS else q.key,
                  _r("needs attention") if q.raised else _r("ok"), quality_value(q.key, q.value),
                  _sentence(localise(q.message))) for q in profile.quality)
    return [Heading(_r("Data quality checks")),
            Table((_r("Check"), _r("Result"), _r("Value"), _r("What was recorded")), rows, (2.0, 1.3, 1.2, 5.0),
                  "quality")]


def evidence_section(profile: Profile) -> Section:
    """Formulas, evidence sentences and reliability of every trait, then the quality checks."""
    specs = table_for(profile.scoring_version)["traits"]
    blocks: list[Block] = [Paragraph(_r(RELIABILITY), "muted"), Paragraph(_r(INSUFFICIENT_MEANS), "muted")]
    for t in profile.traits:
        blocks += _trait(t, specs[t.key])
    blocks += _quality(profile)
    blocks.append(Paragraph(_r("Scored with HireMate scoring version {version}; the same events always give the "
                               "same figures.").format(version=profile.scoring_version), "muted"))
    return Section("evidence", _r("Evidence behind every figure"), tuple(blocks))

"""The adverse-impact audit as a report document (HTML or PDF like every report)."""

from __future__ import annotations

from typing import Any

from reports.document import Block, Document, Heading, Notice, Paragraph, Section, Table
from scoring.audit import MIN_PER_GROUP, Selection

__all__ = ["CANNOT_SHOW", "audit_document", "selection_rows"]

CAN_SHOW = ("What it shows: for each group, how many people were selected (fit at or above the threshold, or a "
            "trait inside the role's band), their selection rate, that rate divided by the highest group's rate "
            "(the impact ratio; below 0.80 breaches the four-fifths rule of the US Uniform Guidelines, 29 CFR "
            "1607.4(D)), and Fisher's exact test of the group against the most selected group (a small p means "
            "the difference is unlikely to be chance alone).")
CANNOT_SHOW = ("What it cannot show: whether the assessment predicts job performance equally well for every "
               "group (that needs performance data), differences between intersections of groups it was not asked "
               "about, anything about groups with fewer than {minimum} people (refused), or the reasons for a "
               "difference. A ratio above 0.80 is not proof of fairness, and a small p with large groups can flag "
               "a difference too small to matter. Labels exist only for people who consented to give them.")


def selection_rows(selection: Selection) -> tuple[tuple[str, ...], ...]:
    """One row per group: group, n, selected, rate, impact ratio, four-fifths, Fisher's p."""
    rows = []
    for g in selection.groups:
        ratio = "–" if g.impact_ratio is None else f"{g.impact_ratio:.2f}"
        flag = "reference" if g.group == selection.reference else ("below 0.80" if g.below_four_fifths else "ok")
        p = "–" if g.fisher_p is None else f"{g.fisher_p:.4f}"
        rows.append((g.group, str(g.n), str(g.selected), f"{100 * g.rate:.1f} %", ratio, flag, p))
    return tuple(rows)


COLUMNS = ("Group", "People", "Selected", "Rate", "Impact ratio", "Four-fifths", "Fisher's p")


def audit_document(result: Any) -> Document:
    """The audit of a role on one attribute: overall, per trait, and what it can and cannot show."""
    blocks: list[Block] = [
        Paragraph(f"Role {result.role.name}: {result.role.origin} Attribute: {result.attribute}. Threshold: overall "
                  f"fit {result.threshold:g} of 100. {result.people} labelled people (each once, latest completed "
                  f"session); {result.unlabelled} without a consented label are not counted."),
        Paragraph(CAN_SHOW), Paragraph(CANNOT_SHOW.format(minimum=MIN_PER_GROUP), "muted"),
        Heading(f"Overall: {result.overall.criterion}"),
        Table(COLUMNS, selection_rows(result.overall), (2.0, 1.0, 1.0, 1.0, 1.2, 1.3, 1.2), "audit-overall")]
    if any(g.below_four_fifths for g in result.overall.groups):
        blocks.append(Notice("At least one group's selection rate is below four fifths of the highest rate.", "warn"))
    for selection in result.traits:
        blocks += [Heading(f"Trait: {selection.criterion}"),
                   Table(COLUMNS, selection_rows(selection), (2.0, 1.0, 1.0, 1.0, 1.2, 1.3, 1.2),
                         f"audit-{selection.criterion.split()[0]}")]
    for key, why in result.skipped_traits.items():
        blocks.append(Paragraph(f"Trait {key} not audited: {why}", "muted"))
    section = Section("audit", "Adverse-impact audit", tuple(blocks), new_page=False)
    return Document(f"Adverse-impact audit · {result.role.name}", f"by {result.attribute}", (section,),
                    "HireMate receiver · group labels given with consent, kept apart from the assessment data")

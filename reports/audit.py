"""The adverse-impact audit as a report document (HTML or PDF like every report)."""

from __future__ import annotations

from typing import Any

from i18n import N_, _r, report_language
from reports.document import Block, Document, Heading, Notice, Paragraph, Section, Table
from scoring.audit import MIN_PER_GROUP, Selection

__all__ = ["CANNOT_SHOW", "audit_document", "selection_rows"]

CAN_SHOW = N_("What it shows: for each group, how many people were selected (fit at or above the threshold, or a "
            "trait inside the role's band), their selection rate, that rate divided by the highest group's rate "
            "(the impact ratio; below 0.80 breaches the four-fifths rule of the US Uniform Guidelines, 29 CFR "
            "1607.4(D)), and Fisher's exact test of the group against the most selected group (a small p means "
            "the difference is unlikely to be chance alone).")
CANNOT_SHOW = N_("What it cannot show: whether the assessment predicts job performance equally well for every "
               "group (that needs performance data), differences between intersections of groups it was not asked "
               "about, anything about groups with fewer than {minimum} people (refused), or the reasons for a "
               "difference. A ratio above 0.80 is not proof of fairness, and a small p with large groups can flag "
               "a difference too small to matter. Labels exist only for people who consented to give them.")


def selection_rows(selection: Selection) -> tuple[tuple[str, ...], ...]:
    """One row per group: group, n, selected, rate, impact ratio, four-fifths, Fisher's p."""
    rows = []
    for g in selection.groups:
        ratio = "–" if g.impact_ratio is None else f"{g.impact_ratio:.2f}"
        flag = _r("reference") if g.group == selection.reference else (_r("below 0.80") if g.below_four_fifths
                                                                       else _r("ok"))
        p = "–" if g.fisher_p is None else f"{g.fisher_p:.4f}"
        rows.append((g.group, str(g.n), str(g.selected), f"{100 * g.rate:.1f} %", ratio, flag, p))
    return tuple(rows)


COLUMNS = (N_("Group"), N_("People"), N_("Selected"), N_("Rate"), N_("Impact ratio"), N_("Four-fifths"),
           N_("Fisher's p"))


def _columns() -> tuple[str, ...]:
    return tuple(_r(c) for c in COLUMNS)


def audit_document(result: Any) -> Document:
    """The audit of a role on one attribute: overall, per trait, and what it can and cannot show."""
    blocks: list[Block] = [
        Paragraph(_r("Role {role}: {origin} Attribute: {attribute}. Threshold: overall fit {threshold} of 100. "
                     "{people} labelled people (each once, latest completed session); {unlabelled} without a "
                     "consented label are not counted.").format(
            role=result.role.name, origin=result.role.origin, attribute=result.attribute,
            threshold=f"{result.threshold:g}", people=result.people, unlabelled=result.unlabelled)),
        Paragraph(_r(CAN_SHOW)), Paragraph(_r(CANNOT_SHOW).format(minimum=MIN_PER_GROUP), "muted"),
        Heading(_r("Overall: {criterion}").format(criterion=result.overall.criterion)),
        Table(_columns(), selection_rows(result.overall), (2.0, 1.0, 1.0, 1.0, 1.2, 1.3, 1.2), "audit-overall")]
    if any(g.below_four_fifths for g in result.overall.groups):
        blocks.append(Notice(_r("At least one group's selection rate is below four fifths of the highest rate."),
                             "warn"))
    for selection in result.traits:
        blocks += [Heading(_r("Trait: {criterion}").format(criterion=selection.criterion)),
                   Table(_columns(), selection_rows(selection), (2.0, 1.0, 1.0, 1.0, 1.2, 1.3, 1.2),
                         f"audit-{selection.criterion.split()[0]}")]
    for key, why in result.skipped_traits.items():
        blocks.append(Paragraph(_r("Trait {trait} not audited: {why}").format(trait=key, why=why), "muted"))
    section = Section("audit", _r("Adverse-impact audit"), tuple(blocks), new_page=False)
    return Document(_r("Adverse-impact audit · {role}").format(role=result.role.name),
                    _r("by {attribute}").format(attribute=result.attribute), (section,),
                    _r("HireMate receiver · group labels given with consent, kept apart from the assessment data"),
                    language=report_language())

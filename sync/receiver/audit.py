"""The adverse-impact audit of a role at the receiver: stored sessions x consented group labels.

Each participant counts once, with their latest completed session, scored again with the current version.
Selected overall = role fit at or above the threshold; selected on a trait = the trait inside the role's
band (traits not scored in a session leave that person out of that trait's rates).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from scoring import Profile, Role, role_fit
from scoring.audit import MIN_PER_GROUP, AuditError, AuditRow, Selection, selection_rates
from sync.receiver.groups import GroupLabels
from sync.receiver.scored import receiver_scored
from sync.receiver.storage import BundleStorage

__all__ = ["AuditResult", "run_audit"]


@dataclass(frozen=True)
class AuditResult:
    """The audit of one role on one attribute."""

    role: Role
    attribute: str
    threshold: float
    people: int
    unlabelled: int
    overall: Selection
    traits: list[Selection]
    skipped_traits: dict[str, str]


def _rows(storage: BundleStorage, labels: dict[str, str], role: Role, threshold: float) -> tuple[list[AuditRow], int]:
    latest: dict[str, tuple[str, Profile]] = {}
    for item, scored in zip(storage.sessions(), receiver_scored(storage, (), every=True), strict=True):
        participant = json.loads(item.manifest)["session"]["participant"]
        if scored.profile is not None and scored.status == "completed":
            latest[participant] = (item.received_utc, scored.profile)
    rows, unlabelled = [], 0
    for participant, (_, profile) in sorted(latest.items()):
        group = labels.get(participant)
        if group is None:
            unlabelled += 1
            continue
        fit = role_fit(profile, role)
        traits = {p.trait: None if p.position is None else p.status == "inside" for p in fit.traits}
        rows.append(AuditRow(group, fit.overall is not None and fit.overall >= threshold, traits))
    return rows, unlabelled


def run_audit(storage: BundleStorage, groups: GroupLabels, role: Role, attribute: str, threshold: float,
              minimum: int = MIN_PER_GROUP) -> AuditResult:
    """Selection rates, impact ratios and Fisher's p per group, overall and per trait (AuditError to refuse)."""
    labels = groups.labels(attribute)
    if not labels:
        raise AuditError(f"no consented labels for attribute {attribute!r}; import them with "
                         "`hiremate receiver groups import`")
    rows, unlabelled = _rows(storage, labels, role, threshold)
    overall = selection_rates(f"overall fit >= {threshold:g}", [(r.group, r.selected) for r in rows], minimum)
    traits, skipped = [], {}
    for key in sorted(role.traits):
        outcomes = [(r.group, bool(r.traits[key])) for r in rows if r.traits.get(key) is not None]
        try:
            traits.append(selection_rates(f"{key} inside {role.traits[key].low:g}-{role.traits[key].high:g}",
                                          outcomes, minimum))
        except AuditError as exc:
            skipped[key] = str(exc)
    return AuditResult(role, attribute, threshold, len(rows), unlabelled, overall, traits, skipped)

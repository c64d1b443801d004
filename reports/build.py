"""Assembling documents: one candidate's report, and 2-4 candidates side by side."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from eventlog.records import EventRecord
from i18n import N_, _r, report_language
from reports.accommodations import language_name
from reports.document import Block, Chart, Document, Paragraph, Section, Table
from reports.evidence import evidence_section
from reports.sections import game_sections
from reports.session_data import SessionData, SessionMeta, session_data
from reports.summary import battery_info, fit_words, local_time, quality_line, status_line, summary_section
from reports.trait_charts import compare_chart
from scoring import Profile, Role, RoleFit, role_fit
from scoring.norms import NormTable

__all__ = ["CompareError", "ReportInput", "build_comparison", "build_report"]

FOOTER = N_("HireMate Station · confidential: for the hiring team only · the candidate is named by pseudonym")
NAMED_FOOTER = N_("HireMate Station · confidential: for the hiring team only · this copy carries the candidate's name")


def _footer(inputs: Sequence[ReportInput]) -> str:
    """The footer on every page: it says the candidate is a pseudonym only when no name is shown."""
    return _r(NAMED_FOOTER if any(i.meta.name for i in inputs) else FOOTER)


BELOW_ABOVE = {"below": N_("{position} ({distance} below)"), "above": N_("{position} ({distance} above)")}


class CompareError(ValueError):
    """A comparison needs 2 to 4 distinct sessions."""


@dataclass(frozen=True)
class ReportInput:
    """One session's stored profile (None when there is none), its events and its metadata."""

    meta: SessionMeta
    profile: Profile | None
    records: tuple[EventRecord, ...]


def _data(inp: ReportInput) -> SessionData | None:
    return session_data(inp.records) if inp.records and inp.meta.status != "declined" else None


def _fit(profile: Profile | None, role: Role | None) -> RoleFit | None:
    return None if profile is None or role is None else role_fit(profile, role)


def _subtitle(inp: ReportInput) -> str:
    tag = inp.meta.language  # the language the candidate saw
    return _r("{participant} · {when} · session {session} · in {language} ({tag})").format(
        participant=inp.meta.participant, when=local_time(inp.meta.started_utc, inp.meta.time_zone),
        session=inp.meta.session_id[:8], language=language_name(tag), tag=tag)


def build_report(inp: ReportInput, role: Role | None = None, norms: NormTable | None = None) -> Document:
    """The recruiter report of one session: summary (percentiles against `norms`, or a plain word that none is
    loaded), one section per game, the evidence; written in the language of `i18n.reporting_in` (English outside)."""
    data = _data(inp)
    fit = _fit(inp.profile, role)
    sections = [summary_section(inp.meta, inp.profile, data, role, fit, norms)]
    if inp.profile is not None and data is not None:
        sections += game_sections(inp.profile, data)
        sections.append(evidence_section(inp.profile))
    title = _r("Candidate assessment report") + (f" · {role.name}" if role else "")
    return Document(title, _subtitle(inp), tuple(sections), _footer([inp]), language=report_language())


def _fit_cell(fit: RoleFit | None) -> str:
    if fit is None or fit.overall is None:
        return _r("no fit (no role trait scored)") if fit else "–"
    scored = [p for p in fit.traits if p.weighted_distance is not None]
    inside = sum(p.status == "inside" for p in scored)
    return _r("{overall} of 100 ({inside} of {scored} traits in band)").format(
        overall=f"{fit.overall:.0f}", inside=inside, scored=len(scored))


def _fit_table(inputs: Sequence[ReportInput], fits: list[RoleFit | None], letters: str) -> list[Block]:
    first = next((f for f in fits if f is not None), None)
    if first is None:
        return []
    rows: list[tuple[str, ...]] = []
    for part in first.traits:
        cells = [_r("{trait} (target {low}–{high})").format(
            trait=part.trait.replace("_", " ").capitalize(), low=f"{part.low:.0f}", high=f"{part.high:.0f}")]
        for fit in fits:
            mine = next((p for p in fit.traits if p.trait == part.trait), None) if fit else None
            if mine is None or mine.position is None:
                cells.append(_r("not scored"))
            elif mine.status == "inside":
                cells.append(_r("{position} in band").format(position=f"{mine.position:.0f}"))
            else:
                cells.append(_r(BELOW_ABOVE[mine.status]).format(position=f"{mine.position:.0f}",
                                                                 distance=f"{mine.distance:.0f}"))
        rows.append(tuple(cells))
    rows.append((_r("Overall fit"), *[_fit_cell(f) for f in fits]))
    columns = (_r("Trait"), *[f"{letters[i]}: {inp.meta.participant}" for i, inp in enumerate(inputs)])
    scale = _r("Scale: 100 means every scored trait is inside the role's target band; each point below 100 is one "
               "point of distance outside a band, averaged with the role's weights and counted less where a trait's "
               "reliability is low.")
    return [Table(columns, tuple(rows), (2.6, *[1.6] * len(inputs)), "fit"), Paragraph(scale, "muted")]


def build_comparison(inputs: Sequence[ReportInput], role: Role | None = None) -> Document:
    """2-4 candidates side by side: who, completion and quality; traits on one axis; role fit per candidate."""
    if not 2 <= len(inputs) <= 4:
        raise CompareError(f"compare needs 2 to 4 sessions, got {len(inputs)}")  # an error for the caller: English
    ids = [i.meta.session_id for i in inputs]
    if len(set(ids)) != len(ids):
        raise CompareError("compare needs distinct sessions; one was given twice")
    letters = "ABCD"
    fits = [_fit(i.profile, role) for i in inputs]
    rows = tuple((letters[n], i.meta.participant, local_time(i.meta.started_utc, i.meta.time_zone),
                  battery_info(i.meta.battery)[0], status_line(i.meta, i.profile, None), quality_line(i.profile)[0])
                 + ((_fit_cell(fits[n]),) if role else ()) for n, i in enumerate(inputs))
    columns = ("", _r("Candidate"), _r("Assessed"), _r("Battery"), _r("Completion"), _r("Data quality")) + (
        (_r("Role fit"),) if role else ())
    blocks: list[Block] = [Table(columns, rows, (0.3, 1.1, 2.0, 2.4, 1.8, 1.7) + ((1.9,) if role else ()),
                                 "candidates")]
    traits = [list(i.profile.traits) if i.profile else [] for i in inputs]
    blocks.append(Chart(_r("Traits on one axis"), compare_chart([i.meta.participant for i in inputs], traits),
                        _r("Each row is one trait between its two poles; each candidate has a lane and a lettered "
                           "dot. Styles have no better pole; for abilities (green tracks) higher is better.")))
    sections = [Section("compare", _r("Candidates side by side"), tuple(blocks), new_page=False)]
    if role is not None:
        fit_blocks = [Paragraph(role.description, "muted"), Paragraph(role.origin, "muted"),
                      *_fit_table(inputs, fits, letters)]
        fit_blocks += [Paragraph(f"{letters[n]} ({inputs[n].meta.participant}): {fit_words(f)}")
                       for n, f in enumerate(fits) if f is not None]
        sections.append(Section("compare-fit", _r("Fit to the role: {role}").format(role=role.name),
                                tuple(fit_blocks), new_page=False))
    title = _r("Candidate comparison") + (f" · {role.name}" if role else "")
    subtitle = " · ".join(f"{letters[n]}: {i.meta.participant}" for n, i in enumerate(inputs))
    return Document(title, subtitle, tuple(sections), _footer(inputs), kind="comparison", language=report_language())

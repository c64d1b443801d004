"""Page 1 of a report: who and when, completion and data quality, traits, decision style, strengths, role fit."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reports.document import Block, Bullets, Chart, Columns, Facts, Heading, Notice, Paragraph, Section, Table
from reports.labels import GAME_TITLES, QUALITY_LABELS
from reports.session_data import SessionData, SessionMeta
from reports.texts import READINGS, reading
from reports.trait_charts import role_fit_chart, trait_profile_chart
from scoring import Profile, Role, RoleFit
from scoring.norms import NO_NORMS, NormTable, compared
from scoring.quality import AUTOMATION

__all__ = ["battery_info", "fit_words", "local_time", "quality_line", "status_line", "summary_section"]

STATUS_WORDS = {
    "completed": "Completed",
    "declined": "Declined at the consent step: no game was played",
    "abandoned": "Abandoned before the end",
    "interrupted": "Interrupted (not closed yet)",
    "open": "In progress",
    "practice_done": "Practice only",
}


def battery_info(ref: str | None) -> tuple[str, tuple[str, ...]]:
    """(title, planned games) of a battery shipped in assets/batteries, else (its reference, ())."""
    if not ref:
        return "not recorded", ()
    import assets

    path = Path(assets.__file__).resolve().parent / "batteries" / f"{ref}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return Path(ref).name, ()
    return str(data["battery"]["title"]), tuple(str(g["game"]) for g in data.get("games", []))


def local_time(utc_text: str, zone: str) -> str:
    """A UTC ISO time as local time in the session's time zone, with the zone named."""
    try:
        moment = datetime.fromisoformat(utc_text)
    except ValueError:
        return utc_text or "not recorded"
    try:
        local = moment.astimezone(ZoneInfo(zone))
        return f"{local:%Y-%m-%d %H:%M} ({zone})"
    except (ZoneInfoNotFoundError, ValueError):
        return f"{moment:%Y-%m-%d %H:%M} UTC"


def status_line(meta: SessionMeta, profile: Profile | None, data: SessionData | None) -> str:
    """Completion in words: how many of the battery's games were finished, or why none were."""
    if meta.status == "declined":
        return STATUS_WORDS["declined"]
    _, planned = battery_info(meta.battery)
    finished = [g.game for g in profile.games if g.completed] if profile else []
    head = STATUS_WORDS.get(meta.status, meta.status.replace("_", " ").capitalize())
    if planned:  # games played outside the battery's plan are named apart, never counted against it
        done = sum(1 for game in planned if game in finished)
        extra = len(set(finished) - set(planned))
        also = f" (+{extra} extra)" if extra else ""
        return f"{head}: {done} of {len(planned)} games finished{also}"
    total = len(data.games_started if data else ()) or len(finished)
    return f"{head}: {len(finished)} of {total} games finished" if total else head


def quality_line(profile: Profile | None) -> tuple[str, bool]:
    """Data quality at a glance, and whether any check needs attention."""
    if profile is None:
        return "no data recorded", False
    raised = [QUALITY_LABELS.get(q.key, q.key) for q in sorted(profile.quality, key=lambda q: q.key != AUTOMATION)
              if q.raised]
    if not raised:
        return f"all {len(profile.quality)} checks passed", False
    return f"{len(raised)} of {len(profile.quality)} checks need attention: {', '.join(raised).lower()}", True


def _facts(meta: SessionMeta, profile: Profile | None, data: SessionData | None) -> Facts:
    who = meta.participant + (f" ({meta.name})" if meta.name else "") + (f" · station {meta.station}"
                                                                          if meta.station else "")
    title, _ = battery_info(meta.battery)
    minutes = "" if data is None else f" · {max(1, round(data.duration_s / 60))} min"
    minutes += f" · consent text {meta.consent_version}" if meta.consent_version else ""
    items = [("Candidate", who), ("Assessed", local_time(meta.started_utc, meta.time_zone) + minutes),
             ("Battery", title), ("Completion", status_line(meta, profile, data)),
             ("Data quality", quality_line(profile)[0])]
    return Facts(tuple(items))


def fit_words(fit: RoleFit) -> str:
    """The overall fit with its scale and its parts, in words."""
    scored = [p for p in fit.traits if p.weighted_distance is not None]
    missing = [p.trait.replace("_", " ") for p in fit.traits if p.weighted_distance is None]
    if fit.overall is None:
        return "No trait of this role was scored in this session, so there is no overall fit."
    inside = sum(p.status == "inside" for p in scored)
    text = (f"Overall fit {fit.overall:.0f} of 100: {inside} of {len(scored)} scored traits are inside the role's "
            "target band. Scale: 100 = every scored trait inside its band; each point less is one point outside a "
            "band on average, weighted by the role and counted less where reliability is low.")
    if missing:
        text += f" Not scored in this session, so left out: {', '.join(missing)}."
    return text


def _role(profile: Profile, role: Role, fit: RoleFit) -> list[Block]:
    return [Heading(f"Fit to the role: {role.name}"), Chart("", role_fit_chart(fit, profile.traits)),
            Paragraph(f"{fit_words(fit)} {role.origin}")]


def _style(profile: Profile) -> list[Paragraph | Heading | Bullets | Table]:
    readings = [i for i in profile.interpretations if i.insufficient is None]
    if not readings:
        why = "was not part of this session" if profile.game("decision") is None else \
            "gave too little data to describe a decision style (see the evidence)"
        return [Heading("Decision style"), Paragraph(f"The decision-scenario game {why}.", "muted")]
    items = tuple(f"{READINGS.get(i.key, i.key)}: {reading(i.key, i.value, i.details)} (confidence "
                  f"{i.confidence:.0%})" for i in readings)
    return [Heading("Decision style"), Paragraph(profile.recruiter_notes), Bullets(items)]


def _norms(profile: Profile, norms: NormTable | None) -> list[Block]:
    head, rows = compared(profile, norms)
    if not rows:
        return []
    return [Heading("Compared with other people"), Paragraph(head, "muted"),
            Table(("Trait", "Percentile", "People in the norm group"), tuple(rows), (3.0, 2.4, 2.0), "norms")]


def summary_section(meta: SessionMeta, profile: Profile | None, data: SessionData | None,
                    role: Role | None = None, fit: RoleFit | None = None, norms: NormTable | None = None) -> Section:
    """Page 1."""
    blocks: list[Block] = [_facts(meta, profile, data)]
    if meta.status == "declined":
        blocks.append(Notice("The candidate declined the consent, so no game was played and nothing was measured. "
                             "There is nothing to assess; the session is kept for the record.", "warn"))
        return Section("summary", "", tuple(blocks), new_page=False)
    if profile is None:
        blocks.append(Notice("This session has no scored results, so there is nothing to show yet.", "warn"))
        return Section("summary", "", tuple(blocks), new_page=False)
    automated = next((q for q in profile.quality if q.key == AUTOMATION and q.raised), None)
    if automated is not None:
        blocks.append(Notice(f"The input looks automated, not a person's: {automated.message}. The figures below "
                             "are shown for the record only; this session is left out of norms.", "warn"))
    if meta.status != "completed":
        blocks.append(Notice("The session ended before the end of the battery; the figures use the games and trials "
                             "that were finished.", "warn"))
    names = [GAME_TITLES.get(g.game, g.game).split(" (")[0].lower() for g in profile.games]
    played = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)
    no_norms = "" if norms is not None else f" {NO_NORMS}"
    blocks += [Heading("Traits"), Paragraph(f"From the {played}. Dot: position 0–100; shaded: likely range.{no_norms}",
                                            "muted"),
               Chart("", trait_profile_chart(profile.traits)), *_norms(profile, norms)]
    lists = (Bullets(tuple(profile.strengths), "Strengths", "plus"),
             Bullets(tuple(profile.considerations), "Considerations for the interview", "consider"))
    blocks.append(Columns(tuple(_style(profile)), lists))
    if role is not None and fit is not None:
        blocks += _role(profile, role, fit)
    return Section("summary", "", tuple(blocks), new_page=False)

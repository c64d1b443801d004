"""Page 1 of a report: who and when, completion and data quality, traits, decision style, strengths, role fit."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from i18n import N_, _r
from reports.accommodations import accommodation_facts, accommodation_notice
from reports.document import Block, Bullets, Chart, Columns, Facts, Heading, Notice, Paragraph, Section, Table
from reports.labels import GAME_TITLES, QUALITY_LABELS
from reports.session_data import SessionData, SessionMeta
from reports.texts import READINGS, reading
from reports.trait_charts import role_fit_chart, trait_profile_chart
from scoring import Profile, Role, RoleFit
from scoring.norms import NO_NORMS, NormTable, compared
from scoring.quality import AUTOMATION
from scoring.words import localise

__all__ = ["battery_info", "fit_words", "local_time", "quality_line", "status_line", "summary_section"]

STATUS_WORDS = {
    "completed": N_("Completed"),
    "declined": N_("Declined at the consent step: no game was played"),
    "abandoned": N_("Abandoned before the end"),
    "interrupted": N_("Interrupted (not closed yet)"),
    "open": N_("In progress"),
    "practice_done": N_("Practice only"),
}


def battery_info(ref: str | None) -> tuple[str, tuple[str, ...]]:
    """(title, planned games) of a battery shipped in assets/batteries, else (its reference, ())."""
    if not ref:
        return _r("not recorded"), ()
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
        return utc_text or _r("not recorded")
    try:
        local = moment.astimezone(ZoneInfo(zone))
        return f"{local:%Y-%m-%d %H:%M} ({zone})"
    except (ZoneInfoNotFoundError, ValueError):
        return f"{moment:%Y-%m-%d %H:%M} UTC"


def status_line(meta: SessionMeta, profile: Profile | None, data: SessionData | None) -> str:
    """Completion in words: how many of the battery's games were finished, or why none were."""
    if meta.status == "declined":
        return _r(STATUS_WORDS["declined"])
    _, planned = battery_info(meta.battery)
    finished = [g.game for g in profile.games if g.completed] if profile else []
    head = _r(STATUS_WORDS[meta.status]) if meta.status in STATUS_WORDS else meta.status.replace("_", " ").capitalize()
    if planned:  # games played outside the battery's plan are named apart, never counted against it
        done = sum(1 for game in planned if game in finished)
        extra = len(set(finished) - set(planned))
        if extra:
            return _r("{status}: {done} of {total} games finished (+{extra} extra)").format(
                status=head, done=done, total=len(planned), extra=extra)
        return _r("{status}: {done} of {total} games finished").format(status=head, done=done, total=len(planned))
    total = len(data.games_started if data else ()) or len(finished)
    return _r("{status}: {done} of {total} games finished").format(status=head, done=len(finished), total=total) \
        if total else head


def quality_line(profile: Profile | None) -> tuple[str, bool]:
    """Data quality at a glance, and whether any check needs attention."""
    if profile is None:
        return _r("no data recorded"), False
    raised = [_r(QUALITY_LABELS[q.key]) if q.key in QUALITY_LABELS else q.key
              for q in sorted(profile.quality, key=lambda q: q.key != AUTOMATION)
              if q.raised]
    if not raised:
        return _r("all {count} checks passed").format(count=len(profile.quality)), False
    return _r("{raised} of {count} checks need attention: {which}").format(
        raised=len(raised), count=len(profile.quality), which=", ".join(raised).lower()), True


def _facts(meta: SessionMeta, profile: Profile | None, data: SessionData | None) -> Facts:
    who = meta.participant + (f" ({meta.name})" if meta.name else "") + (
        " · " + _r("station {station}").format(station=meta.station) if meta.station else "")
    title, _ = battery_info(meta.battery)
    minutes = "" if data is None else " · " + _r("{minutes} min").format(minutes=max(1, round(data.duration_s / 60)))
    minutes += " · " + _r("consent text {version}").format(version=meta.consent_version) if meta.consent_version \
        else ""
    items = [(_r("Candidate"), who), (_r("Assessed"), local_time(meta.started_utc, meta.time_zone) + minutes),
             (_r("Battery"), title), (_r("Completion"), status_line(meta, profile, data)),
             (_r("Data quality"), quality_line(profile)[0]), *accommodation_facts(profile)]
    return Facts(tuple(items))


def fit_words(fit: RoleFit) -> str:
    """The overall fit with its scale and its parts, in words."""
    scored = [p for p in fit.traits if p.weighted_distance is not None]
    missing = [p.trait.replace("_", " ") for p in fit.traits if p.weighted_distance is None]
    if fit.overall is None:
        return _r("No trait of this role was scored in this session, so there is no overall fit.")
    inside = sum(p.status == "inside" for p in scored)
    text = _r("Overall fit {overall} of 100: {inside} of {scored} scored traits are inside the role's target band. "
              "Scale: 100 = every scored trait inside its band; each point less is one point outside a band on "
              "average, weighted by the role and counted less where reliability is low.").format(
        overall=f"{fit.overall:.0f}", inside=inside, scored=len(scored))
    if missing:
        text += " " + _r("Not scored in this session, so left out: {traits}.").format(traits=", ".join(missing))
    return text


def _role(profile: Profile, role: Role, fit: RoleFit) -> list[Block]:
    return [Heading(_r("Fit to the role: {role}").format(role=role.name)),
            Chart("", role_fit_chart(fit, profile.traits)),
            Paragraph(f"{fit_words(fit)} {role.origin}")]


def _style(profile: Profile) -> list[Paragraph | Heading | Bullets | Table]:
    readings = [i for i in profile.interpretations if i.insufficient is None]
    if not readings:
        why = _r("The decision-scenario game was not part of this session.") if profile.game("decision") is None \
            else _r("The decision-scenario game gave too little data to describe a decision style (see the evidence).")
        return [Heading(_r("Decision style")), Paragraph(why, "muted")]
    items = tuple(_r("{reading}: {value} (confidence {confidence})").format(
        reading=_r(READINGS[i.key]) if i.key in READINGS else i.key, value=reading(i.key, i.value, i.details),
        confidence=f"{i.confidence:.0%}") for i in readings)
    return [Heading(_r("Decision style")), Paragraph(localise(profile.recruiter_notes)), Bullets(items)]


def _norms(profile: Profile, norms: NormTable | None) -> list[Block]:
    head, rows = compared(profile, norms)
    if not rows:
        return []
    return [Heading(_r("Compared with other people")), Paragraph(head, "muted"),
            Table((_r("Trait"), _r("Percentile"), _r("People in the norm group")), tuple(rows), (3.0, 2.4, 2.0),
                  "norms")]


def summary_section(meta: SessionMeta, profile: Profile | None, data: SessionData | None,
                    role: Role | None = None, fit: RoleFit | None = None, norms: NormTable | None = None) -> Section:
    """Page 1."""
    blocks: list[Block] = [_facts(meta, profile, data)]
    if meta.status == "declined":
        blocks.append(Notice(_r("The candidate declined the consent, so no game was played and nothing was "
                                "measured. There is nothing to assess; the session is kept for the record."), "warn"))
        return Section("summary", "", tuple(blocks), new_page=False)
    if profile is None:
        blocks.append(Notice(_r("This session has no scored results, so there is nothing to show yet."), "warn"))
        return Section("summary", "", tuple(blocks), new_page=False)
    automated = next((q for q in profile.quality if q.key == AUTOMATION and q.raised), None)
    if automated is not None:
        blocks.append(Notice(_r("The input looks automated, not a person's: {message}. The figures below are shown "
                                "for the record only; this session is left out of norms.").format(
            message=localise(automated.message)), "warn"))
    accommodated = accommodation_notice(profile)
    if accommodated is not None:
        blocks.append(Notice(accommodated, "info"))
    if meta.status != "completed":
        blocks.append(Notice(_r("The session ended before the end of the battery; the figures use the games and "
                                "trials that were finished."), "warn"))
    names = [(_r(GAME_TITLES[g.game]) if g.game in GAME_TITLES else g.game).split(" (")[0].lower()
             for g in profile.games]
    played = _r("{games} and {last}").format(games=", ".join(names[:-1]), last=names[-1]) if len(names) > 1 \
        else "".join(names)
    no_norms = "" if norms is not None else f" {localise(NO_NORMS)}"
    blocks += [Heading(_r("Traits")), Paragraph(_r("From the {games}. Dot: position 0–100; shaded: likely range.")
                                                .format(games=played) + no_norms, "muted"),
               Chart("", trait_profile_chart(profile.traits)), *_norms(profile, norms)]
    lists = (Bullets(tuple(map(localise, profile.strengths)), _r("Strengths"), "plus"),
             Bullets(tuple(map(localise, profile.considerations)), _r("Considerations for the interview"), "consider"))
    blocks.append(Columns(tuple(_style(profile)), lists))
    if role is not None and fit is not None:
        blocks += _role(profile, role, fit)
    return Section("summary", "", tuple(blocks), new_page=False)

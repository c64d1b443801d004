"""The session summary table (sessions): one row per session, one column per metric, trait and quality flag."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from datasets.columns import Column, ColumnType, TableSpec, col
from datasets.context import IDENTITY_COLUMNS, SessionContext
from datasets.metrics import GAME_METRICS, metric_column
from i18n import session_language
from scoring import SCORING_VERSION, SUPPORTED_VERSIONS
from scoring.model import Profile
from scoring.tables import table_for

__all__ = ["INTERPRETATIONS", "QUALITY_FLAGS", "SESSIONS", "summary_row"]

_TABLE = table_for(SCORING_VERSION)
QUALITY_FLAGS: dict[str, tuple[ColumnType, str]] = {
    "automated_input": ("integer", "Signs of automated input (scoring 1.2.0): runs of "
                        f"{_TABLE['quality']['automation_run']}+ presses under "
                        f"{_TABLE['quality']['automation_min_interval_ms']:.0f} ms apart, or half of a timing series "
                        "identical to the millisecond; raised above 0. Such sessions are left out of norms."),
    "anticipation_rate": ("number", "Anticipations over reaction-time responses; raised above "
                          f"{_TABLE['quality']['anticipation_rate_max']}."),
    "focus_losses": ("integer", "station.focus_lost plus decision.focus_lost; raised above "
                     f"{_TABLE['quality']['focus_losses_max']}."),
    "idle_time": ("integer", f"Milliseconds without input; raised above {_TABLE['quality']['idle_ms_max']} ms."),
    "interruptions": ("integer", "Crash resumes, idle pauses and (1.1.0) the proctor's freezes of a running game."),
    "regular_responding": ("number", "The smallest coefficient of variation of any timing series with "
                           f"{_TABLE['quality']['regular_min_n']}+ values; raised below "
                           f"{_TABLE['quality']['regular_cv_min']} (scripted input?)."),
    "incomplete_games": ("integer", "Games that started but did not end."),
}
"""Quality flags of a profile (docs/SCORING.md, "Quality flags"), in scoring's order."""

_DEC = _TABLE["decision"]
INTERPRETATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "thinking_style": {"": tuple(_TABLE["texts"]["thinking"])},
    "decision_pattern": {"speed": ("fast", "moderate", "deliberate"),
                         "consistency": ("improving", "steady", "variable")},
    "risk_orientation": {"": tuple(_TABLE["texts"]["risk"])},
    "communication_style": {"reasoning_depth": ("detailed", "moderate", "brief"),
                            "logical_structure": tuple(_TABLE["texts"]["communication"])},
    "risk_awareness": {"": ("risk_aware", "calculated_risk_taker", "mixed", "neither")},
}
"""The decision-style readings (seed 004, 8) and their allowed values; two-part readings are split in two columns."""

_RELIABILITY = (*(str(label) for _, label in _TABLE["reliability"]["bands"]), "not estimable")


def _session_columns() -> tuple[Column, ...]:
    return (
        col("purpose", "string", "Why the session was opened (`assessment`; `practice` sessions are not exported "
            "by --all).", source="session.opened.purpose"),
        col("status", "string", "The session's state when exported.", enum=("completed", "abandoned", "declined",
            "open", "interrupted"), source="sessions.status"),
        col("anchor_wall_utc", "datetime", "Wall-clock time (UTC, ISO 8601) of the session's t = 0.",
            source="session.opened.anchor_wall_utc"),
        col("closed_utc", "datetime", "When the session was closed (UTC, ISO 8601).", source="sessions.closed_utc"),
        col("time_zone", "string", "The station's time zone name when the session opened.",
            source="session.opened.time_zone"),
        col("app_version", "string", "The app version that recorded the session.",
            source="session.opened.app_version"),
        col("consent_version", "string", "Version of the consent text the participant accepted or declined "
            "(assets/consent/versions.toml; n/a for sessions recorded before versions were kept, or with no consent "
            "step).", source="station.consent.version"),
        col("consent_sha256", "string", "SHA-256 of that consent text's UTF-8 bytes.",
            source="station.consent.text_sha256"),
        col("language", "string", "The language the participant saw (BCP 47 tag: en, es, de, ar); the last "
            "station.language before the first game, en for sessions recorded before languages existed.",
            source="station.language.language"),
        col("language_source", "string", "Who chose that language: access_code (the proctor), candidate (on the "
            "welcome screen) or station_default (n/a for sessions recorded before languages existed).",
            enum=("access_code", "candidate", "station_default"), source="station.language.source"),
        col("accommodations", "string", "The accommodations the session ran with, as granted on the access code: "
            "`extended_time=F` (timed elements that are not the measure, times F), `type_scale=S`, `high_contrast`, "
            "`breaks`, joined by `;` (n/a: none). docs/ACCOMMODATIONS.md.", source="station.accommodations"),
        col("not_comparable", "string", "The metrics, traits and readings the accommodations make not comparable "
            "with sessions without them, space-separated (scoring 1.3.0 on; n/a: none or no accommodations).",
            source="scoring accommodations.not_comparable"),
        col("event_count", "integer", "Events in the session's log.", minimum=0),
        col("resumes", "integer", "Times the session was resumed after a crash (session.resumed).", minimum=0),
        col("pauses", "integer", "Times the station paused the candidate flow (station.paused).", minimum=0),
        col("freezes", "integer", "Times the station froze a running game (station.game_suspended).", minimum=0),
        col("frozen_ms", "number", "Total time games were frozen.", unit="ms", minimum=0),
        col("scoring_version", "string", "The scoring version of every metric, trait and flag in this row.",
            enum=SUPPORTED_VERSIONS),
        col("scoring_error", "string", "Why the session could not be scored (n/a when it was)."),
    )


def _game_columns() -> tuple[Column, ...]:
    out: list[Column] = []
    for game, keys in GAME_METRICS.items():
        out.append(col(f"{game}_completed", "boolean", f"The {game} game ended (n/a: not played)."))
        out += [metric_column(k, f"{game}_{k.split('.', 1)[1]}", f"{game}: ") for k in keys]
    return tuple(out)


def _trait_columns() -> tuple[Column, ...]:
    out: list[Column] = []
    for key, t in _TABLE["traits"].items():
        what = (f"{t['label']} ({t['low_pole']} 0 <-> {t['high_pole']} 100; {t['kind']}, from {t['source']})")
        out += [
            col(f"trait_{key}_position", "number", f"{what}: position (n/a when insufficient).", unit="points",
                minimum=0, maximum=100, source=f"scoring trait {key}"),
            col(f"trait_{key}_band_low", "number", f"{what}: lower edge of the reliability band (position - 1.96 SE).",
                unit="points", minimum=0, maximum=100),
            col(f"trait_{key}_band_high", "number", f"{what}: upper edge of the reliability band.", unit="points",
                minimum=0, maximum=100),
            col(f"trait_{key}_reliability", "number", f"{what}: split-half reliability (Spearman-Brown).", minimum=0,
                maximum=1),
            col(f"trait_{key}_reliability_label", "string", f"{what}: reliability label.", enum=_RELIABILITY),
            col(f"trait_{key}_items", "integer", f"{what}: items (trials) the trait is computed from.", minimum=0),
        ]
    return tuple(out)


def _interpretation_columns() -> tuple[Column, ...]:
    out: list[Column] = []
    for key, parts in INTERPRETATIONS.items():
        for part, values in parts.items():
            name = f"decision_{key}" + (f"_{part}" if part else "")
            out.append(col(name, "string", f"Decision style reading {key}{' (' + part + ')' if part else ''} "
                           "(seed 004, 8; n/a with too few scenarios).", enum=values,
                           source=f"scoring interpretation {key}"))
        out.append(col(f"decision_{key}_confidence", "number", f"Confidence of the {key} reading.", minimum=0,
                       maximum=1))
    return tuple(out)


def _quality_columns() -> tuple[Column, ...]:
    out: list[Column] = []
    for key, (type_, meaning) in QUALITY_FLAGS.items():
        out.append(col(f"quality_{key}", type_, f"Quality flag {key}: {meaning}", minimum=0,
                       unit="ms" if key == "idle_time" else "", source=f"scoring quality {key}"))
        out.append(col(f"quality_{key}_raised", "boolean", f"Quality flag {key} is raised."))
    return tuple(out)


SESSIONS = TableSpec(
    name="sessions", title="Sessions", row="session",
    description="Every exported session: its metadata, each game's metrics, every trait's position, band and "
                "reliability, the decision-style readings and the quality flags, with the scoring version.",
    key=("session_id",), bids="sessions", by_game=False,
    columns=IDENTITY_COLUMNS + _session_columns() + _game_columns() + _trait_columns() + _interpretation_columns()
    + _quality_columns(),
)


def _profile_values(profile: Profile) -> dict[str, Any]:
    row: dict[str, Any] = {"scoring_version": profile.scoring_version}
    if profile.accommodations is not None and profile.accommodations.not_comparable:
        row["not_comparable"] = " ".join(profile.accommodations.not_comparable)
    for g in profile.games:
        if g.game not in GAME_METRICS:
            continue
        row[f"{g.game}_completed"] = g.completed
        for m in g.metrics:
            if not m.group and m.key in GAME_METRICS[g.game]:
                row[f"{g.game}_{m.key.split('.', 1)[1]}"] = None if m.insufficient else m.value
    for t in profile.traits:
        row.update({f"trait_{t.key}_position": t.position, f"trait_{t.key}_band_low": t.band_low,
                    f"trait_{t.key}_band_high": t.band_high, f"trait_{t.key}_reliability": t.reliability,
                    f"trait_{t.key}_reliability_label": t.reliability_label, f"trait_{t.key}_items": t.items})
    for i in profile.interpretations:
        if i.insufficient is not None or i.key not in INTERPRETATIONS:
            continue
        for part in INTERPRETATIONS[i.key]:
            row[f"decision_{i.key}" + (f"_{part}" if part else "")] = i.details.get(part) if part else i.value
        row[f"decision_{i.key}_confidence"] = i.confidence
    for q in profile.quality:
        row[f"quality_{q.key}"] = q.value
        row[f"quality_{q.key}_raised"] = q.raised
    return row


def summary_row(ctx: SessionContext, profile: Profile | None, error: str | None) -> dict[str, Any]:
    """The sessions row of one session (scoring columns n/a when it could not be scored)."""
    s, records = ctx.source, ctx.records
    counts = _count(records, ("session.resumed", "station.paused", "station.game_suspended"))
    row: dict[str, Any] = {
        "session_id": s.session_id, "participant": s.participant, "station_id": s.station_id, "battery": s.battery,
        "purpose": s.purpose, "status": s.status, "anchor_wall_utc": s.anchor_wall_utc, "closed_utc": s.closed_utc,
        "time_zone": s.time_zone, "app_version": s.app_version, **_consent(records), **_language(records),
        "accommodations": _accommodations(records), "event_count": len(records),
        "resumes": counts[0], "pauses": counts[1], "freezes": counts[2],
        "frozen_ms": sum(b - a for a, b in ctx.freezes) / 1e6, "scoring_error": error,
    }
    if profile is not None:
        row.update(_profile_values(profile))
    return row


def _consent(records: Sequence[Any]) -> dict[str, Any]:
    """The version and hash of the consent text the session's last consent event answered (n/a without one)."""
    answer: dict[str, Any] = next((r.payload for r in reversed(records) if r.kind == "station.consent"), {})
    return {"consent_version": answer.get("version"), "consent_sha256": answer.get("text_sha256")}


def _accommodations(records: Sequence[Any]) -> str | None:
    """station.accommodations as `extended_time=1.5;breaks` (only what is granted; None without any)."""
    granted: dict[str, Any] = next((r.payload for r in records if r.kind == "station.accommodations"), {})
    parts = [f"{k}={granted[k]:g}" for k in ("extended_time", "type_scale") if granted.get(k, 1.0) > 1.0]
    parts += [k for k in ("high_contrast", "breaks") if granted.get(k) is True]
    return ";".join(parts) or None


def _language(records: Sequence[Any]) -> dict[str, Any]:
    language, source = session_language(records)
    return {"language": language, "language_source": source}


def _count(records: Sequence[Any], kinds: tuple[str, ...]) -> list[int]:
    return [sum(1 for r in records if r.kind == k) for k in kinds]

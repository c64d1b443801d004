"""The proctor panel's words (no widgets), in the station's language: counts with the language's plural, where a
session got to in the words the candidate saw ("balloon 8"), what became of a completed session's results, times
in the station's local time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from games.spec import all_games
from i18n import N_, _s, is_rtl, ngettext_s, station_language
from kiosk.services.stationdb import SessionInfo

__all__ = ["HIDDEN_PURPOSES", "battery_name", "codes_issued", "isolated", "local_time", "minutes_text", "reached",
           "results_text", "session_status", "sessions_summary"]

HIDDEN_PURPOSES = ("simulation", "practice")
"""Sessions the panel lists only when the proctor asks for them (scripted candidates, practice rounds)."""

STATUSES = {"open": N_("in progress"), "in progress": N_("in progress"), "interrupted": N_("interrupted"),
            "completed": N_("completed"), "abandoned": N_("abandoned"), "declined": N_("declined"),
            "practice_done": N_("practice done")}
"""A session's status as the proctor reads it (the stored word is the key)."""
PURPOSES = {"simulation": N_("simulation"), "practice": N_("practice"), "assessment": N_("assessment")}
REACHED = {"balloon": N_("game {number} ({title}), balloon {trial}"),
           "situation": N_("game {number} ({title}), situation {trial}"),
           "trial": N_("game {number} ({title}), trial {trial}")}
"""Where a session got to, by what the game calls a trial (games.spec.GameSpec.trial_noun)."""


LIST_SEPARATOR = N_(", ")
"""Between the items of a list in a sentence (Arabic has its own comma)."""
LRI, PDI = "\u2066", "\u2069"
"""LEFT-TO-RIGHT ISOLATE and POP DIRECTIONAL ISOLATE (Unicode bidirectional algorithm, UAX #9)."""


def isolated(value: object) -> str:
    """A left-to-right value (a path, a URL, an id) inside a sentence of the station's language: in a right-to-left
    one it is isolated, so that '/tmp/station/codes' keeps its order instead of reading 'tmp//station...'."""
    text = str(value)
    return f"{LRI}{text}{PDI}" if is_rtl(station_language()) else text


def codes_issued(count: int) -> str:
    """'Issued 1 code', 'Issued 3 codes'."""
    return ngettext_s("Issued {count} code", "Issued {count} codes", count).format(count=count)


def battery_name(battery: str | None) -> str:
    """A battery as the proctor knows it: its name, or the file name of a battery given as a path."""
    if not battery:
        return ""
    return Path(battery).stem if battery.endswith(".toml") else battery


def minutes_text(total: float, games: list[tuple[str, float | None]]) -> str:
    """A battery's expected duration for the proctor: "about 30 min (Balloon game 5, Go/no-go 2.5, ...)"."""
    known = all_games()
    each = _s(LIST_SEPARATOR).join(f"{_s(known[game].title) if game in known else game} {minutes:g}"
                                   for game, minutes in games if minutes)
    if not each:
        return _s("about {minutes} min").format(minutes=f"{total:g}")
    return _s("about {minutes} min ({games})").format(minutes=f"{total:g}", games=each)


def local_time(iso_utc: str) -> str:
    """'2030-02-01T12:00:00+00:00' as '2030-02-01 13:00' in the station's local time zone (its name added)."""
    when = datetime.fromisoformat(iso_utc).astimezone()
    return when.strftime("%Y-%m-%d %H:%M %Z").strip()


def session_status(info: SessionInfo) -> str:
    """The status column: 'interrupted', or 'completed (practice)' for a session that is not an assessment."""
    status = _s(STATUSES[info.status]) if info.status in STATUSES else info.status
    if info.purpose == "assessment":
        return status
    purpose = _s(PURPOSES[info.purpose]) if info.purpose in PURPOSES else info.purpose
    return _s("{status} ({purpose})").format(status=status, purpose=purpose)


def reached(info: SessionInfo) -> str:
    """Where the session got to, numbered as the candidate saw it: 'game 1 (Balloon game), balloon 8'."""
    if info.game_index is None or not info.game:
        return ""
    spec = all_games().get(info.game)
    title = _s(spec.title) if spec else info.game
    if info.trial is None:
        return _s("game {number} ({title})").format(number=info.game_index + 1, title=title)
    noun = spec.trial_noun if spec and spec.trial_noun in REACHED else "trial"
    return _s(REACHED[noun]).format(number=info.game_index + 1, title=title, trial=info.trial + 1)


def results_text(info: SessionInfo, reason: str | None = None) -> str:
    """What became of a completed session downstream: scored and queued, or what failed and why when it is known
    (the proctor's business)."""
    if info.scored is None and info.queued is None:
        return ""
    if info.scored and info.queued:
        return _s("scored, queued")
    missing = ", ".join(_s(what) for what, done in ((N_("NOT SCORED"), info.scored), (N_("NOT QUEUED"), info.queued))
                        if not done)
    if reason:
        return _s("{missing}: {reason}").format(missing=missing, reason=reason)
    return _s("{missing} (see hiremate score / export)").format(missing=missing)


def sessions_summary(sessions: list[SessionInfo], shown: list[SessionInfo]) -> str:
    """The status line under the list: counts, interrupted sessions among those listed, sessions whose results
    failed."""
    interrupted = sum(1 for s in shown if s.status == "interrupted")
    failed = sum(1 for s in sessions if s.scored is False or s.queued is False)
    hidden = len(sessions) - len(shown)
    listed = ngettext_s("{count} session", "{count} sessions", len(shown)).format(count=len(shown))
    if hidden:
        listed = ngettext_s("{listed} ({count} simulated or practice hidden)",
                            "{listed} ({count} simulated or practice hidden)", hidden).format(listed=listed,
                                                                                               count=hidden)
    parts = [listed, ngettext_s("{count} interrupted", "{count} interrupted", interrupted).format(count=interrupted)]
    if failed:
        parts.append(ngettext_s("{count} completed session not scored or not queued",
                                "{count} completed sessions not scored or not queued", failed).format(count=failed))
    return ", ".join(parts) + "."

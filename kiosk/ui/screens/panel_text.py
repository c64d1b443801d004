"""The proctor panel's words (no widgets): counts with the right plural, where a session got to in the words the
candidate saw ("balloon 8"), what became of a completed session's results, times in the station's local time."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from games.spec import all_games
from kiosk.services.stationdb import SessionInfo

__all__ = ["HIDDEN_PURPOSES", "battery_name", "codes_issued", "local_time", "plural", "reached", "results_text",
           "sessions_summary"]

HIDDEN_PURPOSES = ("simulation", "practice")
"""Sessions the panel lists only when the proctor asks for them (scripted candidates, practice rounds)."""


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 code', '3 codes' (or the plural given)."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def codes_issued(count: int) -> str:
    """'Issued 1 code', 'Issued 3 codes'."""
    return f"Issued {plural(count, 'code')}"


def battery_name(battery: str | None) -> str:
    """A battery as the proctor knows it: its name, or the file name of a battery given as a path."""
    if not battery:
        return ""
    return Path(battery).stem if battery.endswith(".toml") else battery


def local_time(iso_utc: str) -> str:
    """'2030-02-01T12:00:00+00:00' as '2030-02-01 13:00' in the station's local time zone (its name added)."""
    when = datetime.fromisoformat(iso_utc).astimezone()
    return when.strftime("%Y-%m-%d %H:%M %Z").strip()


def reached(info: SessionInfo) -> str:
    """Where the session got to, numbered as the candidate saw it: 'game 1 of the battery (Balloon game), balloon 8'."""
    if info.game_index is None or not info.game:
        return ""
    spec = all_games().get(info.game)
    title = spec.title if spec else info.game
    noun = spec.trial_noun if spec else "trial"
    where = f"game {info.game_index + 1} ({title})"
    return where if info.trial is None else f"{where}, {noun} {info.trial + 1}"


def results_text(info: SessionInfo, reason: str | None = None) -> str:
    """What became of a completed session downstream: scored and queued, or what failed and why when it is known
    (the proctor's business)."""
    if info.scored is None and info.queued is None:
        return ""
    if info.scored and info.queued:
        return "scored, queued"
    missing = [what for what, done in (("NOT SCORED", info.scored), ("NOT QUEUED", info.queued)) if not done]
    return ", ".join(missing) + (f": {reason}" if reason else " (see hiremate score / export)")


def sessions_summary(sessions: list[SessionInfo], shown: list[SessionInfo]) -> str:
    """The status line under the list: counts, interrupted sessions among those listed, sessions whose results
    failed."""
    interrupted = sum(1 for s in shown if s.status == "interrupted")
    failed = sum(1 for s in sessions if s.scored is False or s.queued is False)
    hidden = len(sessions) - len(shown)
    parts = [plural(len(shown), "session") + (f" ({hidden} simulated or practice hidden)" if hidden else ""),
             f"{interrupted} interrupted"]
    if failed:
        parts.append(f"{plural(failed, 'completed session')} not scored or not queued")
    return ", ".join(parts) + "."

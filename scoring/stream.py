"""Reading a session's event stream: order and completeness checks, per-game split, typed payload access.

A crash-resumed session (`session.resumed`) may hold the start of a trial that the crash cut short: the
game repeats that trial after the resume under the same index (games/core.py, "Crash resume"). Each game's
events are settled before scoring: the events of a trial that had begun and had not ended (no
balloon_ended, trial_ended or task_completed) when a `session.resumed` came are dropped as soon as the
game is seen to go on without it (the same trial starts again, or another trial's event comes), so that
trial counts once, from its repeat. A stream without `session.resumed` is never changed, and no stream
that scored before this rule scores differently (each such stream made the game parsers fail). Kinds
outside the game namespaces (`game.input_ignored`: presses a game ignored) are not scored at all.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from eventlog.records import EventRecord
from scoring.errors import ScoringInputError

__all__ = [
    "GAME_NAMESPACES", "TRIAL_ENDS", "TRIAL_STARTS", "Stream", "drop_interrupted_trials", "frozen_ns", "get",
    "parse_stream",
]

GAME_NAMESPACES = {"bart.": "bart", "rt.": "rt", "decision.": "decision",
                   **{f"{g}.": g for g in ("digit_span", "card_match", "flanker", "stop_signal")}}
TRIAL_STARTS = frozenset({"bart.balloon_started", "rt.trial_started", "decision.task_started",
                          "digit_span.trial_started", "card_match.flip", "flanker.trial_started",
                          "stop_signal.trial_started"})
TRIAL_ENDS = frozenset({"bart.balloon_ended", "rt.trial_ended", "decision.task_completed",
                        "digit_span.submitted", "card_match.move_ended", "flanker.trial_ended",
                        "stop_signal.trial_ended"})
_TRIAL_GAMES = ("igt", "tower", "faces", "effort", "money")  # games/trialkit: <ns>.trial_started .. trial_ended
GAME_NAMESPACES.update({f"{g}.": g for g in _TRIAL_GAMES})
TRIAL_STARTS |= {f"{g}.trial_started" for g in _TRIAL_GAMES}
TRIAL_ENDS |= {f"{g}.trial_ended" for g in _TRIAL_GAMES}
"""The events that start and end a trial, per game family: a trial begun and not ended before a resume,
then started again (or left for another trial), was cut short by the crash."""
_TYPES: dict[type, str] = {int: "an integer", float: "a number", str: "a string", bool: "true or false",
                           list: "a list", dict: "an object"}


@dataclass
class Stream:
    """A checked session stream split into the games played and the station-level events."""

    session_id: str
    participant: str
    games: dict[str, list[EventRecord]] = field(default_factory=dict)
    station: list[EventRecord] = field(default_factory=list)
    resumes: int = 0
    freezes: list[tuple[int, int]] = field(default_factory=list)
    """(start, end) t_ns of each span the station froze a running game (station.game_suspended .. game_resumed)."""
    proctor_freezes: int = 0
    resumed_at: list[int] = field(default_factory=list)
    """seq of each session.resumed."""
    interrupted: list[int] = field(default_factory=list)
    """seq of each game event dropped because its trial was cut short by a crash (see the module docstring)."""


def get(rec: EventRecord, name: str, typ: type | tuple[type, ...], optional: bool = False) -> Any:
    """A payload field of the expected type, or ScoringInputError naming the event's seq and the field."""
    payload = rec.payload
    if name not in payload:
        raise ScoringInputError(rec.seq, name, "is missing", rec.kind)
    value = payload[name]
    if type(value) is typ:  # the common case: exactly the one type asked for (a bool is never taken for an int)
        return value
    if value is None and optional:
        return None
    types = typ if isinstance(typ, tuple) else (typ,)
    ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
    if float in types and isinstance(value, int) and not isinstance(value, bool):
        ok = True
    if not ok:
        wanted = " or ".join(_TYPES.get(t, t.__name__) for t in types)
        raise ScoringInputError(rec.seq, name, f"must be {wanted}, got {value!r}", rec.kind)
    return value


def _check_record(rec: EventRecord, expected_seq: int, session_id: str) -> None:
    if rec.session_id != session_id:
        raise ScoringInputError(rec.seq, "session_id", f"is {rec.session_id!r}, expected {session_id!r}", rec.kind)
    if rec.seq != expected_seq:
        raise ScoringInputError(rec.seq, "seq", f"expected {expected_seq}: the stream has a gap or is out of order",
                                rec.kind)
    if type(rec.t_ns) is not int or rec.t_ns < 0:
        raise ScoringInputError(rec.seq, "t_ns", f"must be a non-negative integer, got {rec.t_ns!r}", rec.kind)
    if not isinstance(rec.payload, dict):
        raise ScoringInputError(rec.seq, "payload", "must be an object", rec.kind)


_FAMILY_OF: dict[str, str | None] = {}
"""Each kind's game family (None outside the game namespaces), found once per kind."""


def _family(kind: str) -> str | None:
    family = _FAMILY_OF.get(kind, _FAMILY_OF)
    if family is _FAMILY_OF:
        family = next((f for prefix, f in GAME_NAMESPACES.items() if kind.startswith(prefix)), None)
        if len(_FAMILY_OF) < 10_000:  # kinds are few; a stream of made-up kinds cannot grow it without end
            _FAMILY_OF[kind] = family
    return family  # type: ignore[return-value]  # not the sentinel: replaced above


def _named_game(rec: EventRecord, family: str) -> str:
    """The game a game event names, or ScoringInputError."""
    if not isinstance(rec.game, str) or not rec.game:
        raise ScoringInputError(rec.seq, "game", f"a {family} event must name its game", rec.kind)
    return rec.game


def _track_freeze(stream: Stream, rec: EventRecord, frozen_since: int | None) -> int | None:
    """Pair game_suspended with the next game_resumed into stream.freezes; return the open freeze's start."""
    if rec.kind == "station.game_suspended" and frozen_since is None:
        if get(rec, "reason", str) == "proctor":
            stream.proctor_freezes += 1
        return rec.t_ns
    if rec.kind == "station.game_resumed" and frozen_since is not None:
        stream.freezes.append((frozen_since, max(frozen_since, rec.t_ns)))
        return None
    return frozen_since


def frozen_ns(spans: Sequence[tuple[int, int]], start: int, end: int) -> int:
    """How much of [start, end] the spans cover (they never overlap one another)."""
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans)


def _resumed_between(resumes: Sequence[int], after: int, before: int) -> bool:
    """Whether a session.resumed seq lies strictly between two seqs (resumes sorted)."""
    i = bisect.bisect_right(resumes, after)
    return i < len(resumes) and resumes[i] < before


def drop_interrupted_trials(records: Sequence[EventRecord], resumes: Sequence[int]) -> list[EventRecord]:
    """One game's events without those of trials a crash cut short (see the module docstring)."""
    if not resumes:
        return list(records)
    dropped: set[int] = set()
    open_trials: dict[int, list[int]] = {}
    for rec in records:
        if rec.trial is None:
            continue
        for trial, seqs in list(open_trials.items()):
            moved_on = trial != rec.trial or rec.kind in TRIAL_STARTS
            if moved_on and _resumed_between(resumes, seqs[-1], rec.seq):
                dropped.update(open_trials.pop(trial))
        if rec.kind in TRIAL_ENDS:
            open_trials.pop(rec.trial, None)
        else:
            open_trials.setdefault(rec.trial, []).append(rec.seq)
    return [rec for rec in records if rec.seq not in dropped]


def parse_stream(records: Sequence[EventRecord]) -> Stream:
    """Check a whole session stream (opened .. closed, gapless seq) and split it; raise ScoringInputError."""
    if not records:
        raise ScoringInputError(None, "records", "the stream is empty; score a session with at least its "
                                "session.opened and session.closed events")
    first = records[0]
    if first.kind != "session.opened":
        raise ScoringInputError(first.seq, "kind", "a session stream must start with session.opened", first.kind)
    stream = Stream(session_id=first.session_id, participant=str(get(first, "participant", str)))
    session_id, games, families = stream.session_id, stream.games, _FAMILY_OF
    frozen_since: int | None = None
    for expected, rec in enumerate(records, start=first.seq):
        t_ns = rec.t_ns
        if (rec.seq != expected or rec.session_id != session_id or type(t_ns) is not int or t_ns < 0
                or type(rec.payload) is not dict):
            _check_record(rec, expected, session_id)  # names what is wrong (a dict subclass passes)
        kind = rec.kind
        family = families.get(kind, "")
        if family == "":  # a kind not seen yet (no family is named "")
            family = _family(kind)
        if family is not None:  # a game event: it names its game
            game = rec.game
            if type(game) is not str or not game:
                game = _named_game(rec, family)
            events = games.get(game)
            if events is None:
                games[game] = [rec]
            else:
                events.append(rec)
            continue
        if kind == "session.resumed":
            stream.resumes += 1
            stream.resumed_at.append(rec.seq)
            frozen_since = None  # a freeze the crash cut short ended with the restarted game
        elif kind.startswith("station."):
            stream.station.append(rec)
            frozen_since = _track_freeze(stream, rec, frozen_since)
    if first.seq != 0:
        raise ScoringInputError(first.seq, "seq", "the stream must start at seq 0 (it is cut at the front)",
                                first.kind)
    last = records[-1]
    if last.kind != "session.closed":
        raise ScoringInputError(last.seq, "kind", "the stream is truncated: it does not end with session.closed "
                                "(close or resume-and-close the session, then score it)", last.kind)
    for game, game_records in stream.games.items() if stream.resumed_at else ():  # no resume: nothing to settle
        settled = drop_interrupted_trials(game_records, stream.resumed_at)
        stream.interrupted += sorted({r.seq for r in game_records} - {r.seq for r in settled})
        stream.games[game] = settled
    return stream

"""What a session's events say about it right now, for the station's heartbeat: a fold over the event log.

Events are folded one at a time, in order, as the heartbeat thread reads them, so each poll reads only the
events recorded since the last. The fold knows the station's own kinds and the shape every game shares (a
`<prefix>.game_started` with its length, `<prefix>.game_ended`, the trial column); it keeps counts, the alerts
standing now, and a bounded timeline of milestones. Nothing of a payload leaves it but those.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

__all__ = ["SessionFold", "game_length"]

MAX_MILESTONES = 100
# events that show the candidate is at the keyboard (not a timer or the station talking): they end an idle spell
INPUT_SUFFIXES = ("response", "false_start", "pump", "collected", "option_selected", "option_changed",
                  "option_viewed", "reasoning_updated", "reasoning_submitted", "input_ignored", "consent",
                  "game_will_start", "proctor_called")


def game_length(payload: dict[str, Any]) -> int | None:
    """Trials (balloons, tasks) a game will show, from its game_started payload."""
    for name in ("balloons", "trials"):
        value = payload.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    tasks = payload.get("tasks")
    return len(tasks) if isinstance(tasks, list) and tasks else None


@dataclass
class SessionFold:
    """One session as its events so far describe it (feed events in seq order with add())."""

    session_id: str
    titles: dict[str, str] = field(default_factory=dict)  # game name -> title shown to the candidate
    last_seq: int = -1
    state: str = "consent"
    game_index: int = 0
    game: str | None = None
    last_game: str | None = None  # the game of the latest game event (a practice round has no game_will_start)
    trial: dict[str, int] = field(default_factory=dict)  # game -> highest 0-based trial seen
    trials: dict[str, int] = field(default_factory=dict)  # game -> length
    focus_losses: int = 0
    idle_spells: int = 0
    proctor_calls: int = 0
    focus_away: bool = False
    idle_since_s: float | None = None
    paused: bool = False
    called: bool = False
    last_t_s: float = 0.0
    closed: str | None = None
    timeline: deque[tuple[float, str, str]] = field(default_factory=lambda: deque(maxlen=MAX_MILESTONES))

    def _title(self, game: str) -> str:
        return self.titles.get(game, game)

    def _mark(self, t_s: float, kind: str, text: str) -> None:
        self.timeline.append((round(t_s, 1), kind, text[:200]))

    def add(self, seq: int, t_ns: int, kind: str, game: str | None, trial: int | None,
            payload: dict[str, Any]) -> None:
        """Fold one event in."""
        self.last_seq = seq
        t_s = max(0.0, t_ns / 1e9)
        self.last_t_s = max(self.last_t_s, t_s)
        if kind.endswith(INPUT_SUFFIXES):
            self.idle_since_s = None
        if game is not None:
            self.last_game = game
        if game is not None and trial is not None and trial >= 0:
            self.trial[game] = max(self.trial.get(game, 0), trial)
        handler = _HANDLERS.get(kind)
        if handler is not None:
            handler(self, t_s, payload)
        elif game is not None:
            self._game_event(t_s, kind, game, payload)

    def _game_event(self, t_s: float, kind: str, game: str, payload: dict[str, Any]) -> None:
        if kind.endswith(".game_started"):
            length = game_length(payload)
            if length:
                self.trials[game] = length
        elif kind.endswith(".game_ended") and game == self.game and self.state == "game":
            self._mark(t_s, kind, f"Game {self.game_index + 1} ended: {self._title(game)}")
            self.state, self.game, self.game_index = "instructions", None, self.game_index + 1
        elif self.paused and kind.endswith(INPUT_SUFFIXES):
            self.paused = False

    def current_trial(self) -> tuple[int | None, int | None]:
        """The 1-based trial now shown of the current game and the game's length (None when unknown)."""
        if self.game is None:
            return None, None
        seen = self.trial.get(self.game)
        return (seen + 1 if seen is not None else None), self.trials.get(self.game)

    def alerts(self) -> list[str]:
        """The alerts standing now (see sync.heartbeat.Alert)."""
        found = []
        if self.called:
            found.append("proctor_called")
        if self.paused:
            found.append("paused")
        if self.focus_away:
            found.append("focus_lost")
        if self.idle_since_s is not None and not self.paused:
            found.append("idle")
        return found


def _opened(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    fold._mark(t_s, "session.opened", "Candidate admitted (consent screen)")


def _consent(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    accepted = payload.get("accepted") is True
    fold._mark(t_s, "station.consent", "Consent accepted" if accepted else "Consent declined")
    if accepted:
        fold.state, fold.game_index = "instructions", 0


def _game_will_start(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    name, index = str(payload.get("game", "")), payload.get("index")
    fold.state, fold.game = "game", name or None
    if isinstance(index, int):
        fold.game_index = index
    fold.paused = False
    fold._mark(t_s, "station.game_will_start", f"Game {fold.game_index + 1} started: {fold._title(name)}")


def _focus_lost(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    fold.focus_losses += 1
    fold.focus_away = True
    fold._mark(t_s, "station.focus_lost", "Focus lost (another window took the keyboard)")


def _focus_gained(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    fold.focus_away = False
    away = payload.get("away_ns")
    seconds = f" after {away / 1e9:.0f} s" if isinstance(away, int) else ""
    fold._mark(t_s, "station.focus_gained", f"Focus back{seconds}")


def _idle(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    idle_ms = payload.get("idle_ms")
    idle_s = idle_ms / 1000 if isinstance(idle_ms, int) else 0.0
    fold.idle_spells += 1
    fold.idle_since_s = max(0.0, t_s - idle_s)
    fold._mark(t_s, "station.idle_detected", f"Idle: no input for {idle_s:.0f} s")


def _paused(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    fold.paused = True
    fold._mark(t_s, "station.paused", f"Paused ({payload.get('reason', 'unknown')}): waiting for the proctor")


def _suspended(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    if payload.get("reason") == "proctor":
        fold.called = False  # the proctor is at the station
        fold._mark(t_s, "station.game_suspended", "Proctor opened the station's panel (game frozen)")


def _resumed_game(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    fold.paused = False
    fold.idle_since_s = None
    fold._mark(t_s, "station.game_resumed", "Game running again")


def _proctor_called(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    fold.proctor_calls += 1
    fold.called = True
    screen = payload.get("screen")
    fold._mark(t_s, "station.proctor_called", "Called the proctor" + (f" (on {screen})" if screen else ""))


def _session_resumed(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    fold.state, fold.game, fold.paused = "instructions", None, False
    fold._mark(t_s, "session.resumed", "Resumed after an interruption")


def _closed(fold: SessionFold, t_s: float, payload: dict[str, Any]) -> None:
    fold.closed = str(payload.get("reason", "closed"))
    fold.state, fold.game, fold.paused, fold.called, fold.focus_away = "finished", None, False, False, False
    fold.idle_since_s = None
    fold._mark(t_s, "session.closed", f"Session closed ({fold.closed})")


_HANDLERS = {
    "session.opened": _opened, "station.consent": _consent, "station.game_will_start": _game_will_start,
    "station.focus_lost": _focus_lost, "station.focus_gained": _focus_gained, "station.idle_detected": _idle,
    "station.paused": _paused, "station.game_suspended": _suspended, "station.game_resumed": _resumed_game,
    "station.proctor_called": _proctor_called, "session.resumed": _session_resumed, "session.closed": _closed,
}

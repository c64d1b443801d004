"""Finding a session by pseudonym or by any unique prefix of its id (no Qt); ambiguity names the candidates."""

from __future__ import annotations

from eventlog import SessionRow, Store
from i18n import _s

__all__ = ["SessionLookupError", "find_session", "find_sessions"]

SHOWN = 5
"""How many matching sessions an ambiguity error names."""


class SessionLookupError(LookupError):
    """No session, or more than one, matches what was typed; the message says which and how to narrow it."""


def _describe(row: SessionRow) -> str:
    return f"{row.id[:8]} ({row.participant}, {row.anchor_wall_utc[:10]}, {row.status})"


def _matches(store: Store, text: str) -> list[SessionRow]:
    wanted = text.strip().lower()
    rows = store.sessions()
    exact = [r for r in rows if r.id.lower() == wanted]
    if exact:
        return exact
    by_id = [r for r in rows if r.id.lower().startswith(wanted)]
    by_name = [r for r in rows if r.participant.lower() == wanted and r.purpose != "practice"]
    return by_id + [r for r in by_name if r not in by_id]


def find_session(store: Store, text: str) -> SessionRow:
    """The one session whose id starts with `text` or whose pseudonym is `text` (case-insensitive)."""
    if not text.strip():
        raise SessionLookupError(_s("give a session id (or the start of one) or a pseudonym"))
    found = _matches(store, text)
    if not found:
        raise SessionLookupError(_s("no session matches {text} (by start of session id or by pseudonym); list them "
                                    "with `hiremate sessions`").format(text=repr(text)))
    if len(found) > 1:
        named = ", ".join(_describe(r) for r in found[:SHOWN])
        if len(found) > SHOWN:
            named = _s("{named} and {more} more").format(named=named, more=len(found) - SHOWN)
        raise SessionLookupError(_s("{text} matches {count} sessions: {named}; give more of the session id").format(
            text=repr(text), count=len(found), named=named))
    return found[0]


def find_sessions(store: Store, texts: list[str]) -> list[SessionRow]:
    """find_session for each text, in order."""
    return [find_session(store, t) for t in texts]

"""Station heartbeats: what a station tells its receiver every few seconds, signed with its enrolled key.

A heartbeat is one JSON object (the Heartbeat model below) POSTed to /api/v1/heartbeats, its Ed25519 signature
over HEARTBEAT_CONTEXT + the exact body in the X-HireMate-Signature header (hex). The context keeps a heartbeat
signature from ever passing as a bundle manifest's, and the other way round. `seq` grows with every heartbeat
of a station (microseconds of the wall clock, or the last one + 1): the receiver keeps a heartbeat only if its
seq is above the stored one, so a replayed or delayed heartbeat never moves a station back in time (409
`stale`, with the stored seq, from which a station whose clock went back carries on).

A heartbeat carries the pseudonym only, never a name or an e-mail, and no event payloads: the state, the game
and trial as the candidate sees them, times, counts, and a timeline of milestones (session opened, consent,
games started and ended, pauses, focus losses, idle spells, calls for the proctor, session closed).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.identity import verify_signature

__all__ = [
    "HEARTBEATS_PATH",
    "HEARTBEAT_CONTEXT",
    "MAX_HEARTBEAT_BYTES",
    "SIGNATURE_HEADER",
    "Alert",
    "Heartbeat",
    "HeartbeatAck",
    "HeartbeatGame",
    "Milestone",
    "OutboxCounts",
    "State",
    "heartbeat_signature_ok",
    "signed_message",
]

HEARTBEATS_PATH = "/api/v1/heartbeats"
HEARTBEAT_CONTEXT = b"hiremate-heartbeat-v1\n"
SIGNATURE_HEADER = "X-HireMate-Signature"
MAX_HEARTBEAT_BYTES = 64 * 1024
NO_NUL = r"^[^\x00]*$"

State = Literal["idle", "consent", "instructions", "practice", "game", "paused", "interrupted", "finished"]
Alert = Literal["focus_lost", "idle", "paused", "interrupted", "proctor_called"]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False)


class HeartbeatGame(_Strict):
    """The game in front of the candidate, as the candidate sees it: "Game 2 of 4: Balloons, trial 5 of 30"."""

    name: str = Field(min_length=1, max_length=64, pattern=NO_NUL)
    title: str = Field(max_length=120, pattern=NO_NUL)
    number: int = Field(ge=1, le=1000, description="1-based place in the battery")
    of: int = Field(ge=1, le=1000, description="games in the battery")
    trial: int | None = Field(None, ge=1, le=1_000_000, description="1-based trial (balloon, task) now shown")
    trials: int | None = Field(None, ge=1, le=1_000_000)
    practice: bool = False


class Milestone(_Strict):
    """One notable moment of the session, seconds after it started."""

    t_s: float = Field(ge=0, le=10**7)
    kind: str = Field(min_length=1, max_length=64, pattern=NO_NUL)
    text: str = Field(max_length=200, pattern=NO_NUL)


class OutboxCounts(_Strict):
    """The station's outbox rows per state."""

    pending: int = Field(0, ge=0)
    delivered: int = Field(0, ge=0)
    conflict: int = Field(0, ge=0)
    rejected: int = Field(0, ge=0)


class Heartbeat(_Strict):
    """One station's state now (see the module docstring)."""

    format: Literal["hiremate-heartbeat"] = "hiremate-heartbeat"
    format_version: Literal[1] = 1
    station_id: str = Field(min_length=1, max_length=200, pattern=NO_NUL)
    station_key: str = Field(pattern=r"^[0-9a-f]{64}$", description="raw Ed25519 public key, hex")
    station_name: str = Field(max_length=200, pattern=NO_NUL)
    seq: int = Field(ge=1, le=2**62)
    sent_utc: str = Field(max_length=40, pattern=NO_NUL)
    state: State
    session_id: str | None = Field(None, max_length=200, pattern=NO_NUL)
    participant: str | None = Field(None, max_length=200, pattern=NO_NUL, description="pseudonym")
    battery: str | None = Field(None, max_length=200, pattern=NO_NUL)
    game: HeartbeatGame | None = None
    elapsed_s: float | None = Field(None, ge=0, le=10**7)
    remaining_s: float | None = Field(None, ge=0, le=10**7)
    idle_s: float | None = Field(None, ge=0, le=10**7, description="how long the candidate has been idle")
    focus_losses: int = Field(0, ge=0, le=10**6)
    idle_spells: int = Field(0, ge=0, le=10**6)
    proctor_calls: int = Field(0, ge=0, le=10**6)
    alerts: list[Alert] = Field(default_factory=list, max_length=10)
    outbox: OutboxCounts = Field(default_factory=OutboxCounts)
    free_disk_bytes: int | None = Field(None, ge=0)
    last_error: str | None = Field(None, max_length=500, pattern=NO_NUL)
    timeline: list[Milestone] = Field(default_factory=list, max_length=100)


class HeartbeatAck(BaseModel):
    """The receiver's answer: stored (200), or stale (409: a heartbeat with this seq or a higher one is stored)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: Literal["stored", "stale"]
    seq: int
    stored_seq: int


def signed_message(body: bytes) -> bytes:
    """What a heartbeat's signature covers: the context string, then the exact body bytes."""
    return HEARTBEAT_CONTEXT + body


def heartbeat_signature_ok(public_key: bytes, signature_hex: str, body: bytes) -> bool:
    """Whether the hex signature is the key's Ed25519 signature of this heartbeat body."""
    try:
        signature = bytes.fromhex(signature_hex)
    except ValueError:
        return False
    return len(signature) == 64 and verify_signature(public_key, signature, signed_message(body))

"""Payload models of the station's own event kinds (station.*): consent, focus, idle, pauses, game order, input the
station's own screens drop, calls for the proctor and a resume that could not continue."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from eventlog.kinds import Payload, register_kind

__all__ = [
    "DropReason",
    "StationAccommodations",
    "StationAppearance",
    "StationConsent",
    "StationFocusGained",
    "StationFocusLost",
    "StationGameFailed",
    "StationGameWillStart",
    "StationIdleDetected",
    "StationInputDropped",
    "StationLanguage",
    "StationPaused",
    "StationProctorCalled",
]

FocusCause = Literal["deactivated", "minimised", "hidden"]
"""How the station lost the focus: another window (or the desktop) took it; the window was minimised (a
minimise request, "show desktop"); the window was hidden or unmapped."""

DropReason = Literal["not_ready", "auto_repeat", "held_before"]
"""Why a station screen dropped a key press or click: it came before the screen was ready for input (it was
queued, or pressed, before the screen had been shown for a moment); it was an auto-repeat of a held key; it
is the release of a key that was pressed before this screen was shown (a key held from the previous screen)."""


@register_kind("station.focus_lost")
class StationFocusLost(Payload):
    """The station window lost the keyboard focus (another window or the desktop took it), or was minimised or
    hidden; the kiosk takes itself back to the front."""

    cause: FocusCause | None = None  # absent in logs of older builds


@register_kind("station.focus_gained")
class StationFocusGained(Payload):
    """The station window has the focus again (in front, fullscreen) after being away for away_ns."""

    away_ns: int = Field(ge=0)


@register_kind("station.input_dropped")
class StationInputDropped(Payload):
    """A key press, key release or click on a station screen (not a game) that did nothing, stamped in the handler.

    A screen takes input only once it has been shown for a moment and only from fresh presses, so that keys
    held or queued from the previous screen (the end of a practice round) cannot start a game.
    """

    screen: str = Field(min_length=1)  # the candidate screen ("instructions", "practice_over", ...)
    input: Literal["key", "mouse"]
    key: str = Field(min_length=1)  # Qt's key name without "Key_", or the mouse button ("left"...)
    action: Literal["press", "release"]
    reason: DropReason
    auto_repeat: bool
    qt_event_ms: int | None = None  # Qt's event timestamp (ms, platform origin), None when absent


@register_kind("station.proctor_called")
class StationProctorCalled(Payload):
    """The candidate pressed "Call the proctor" on a screen; the game (if any) goes on."""

    screen: str = Field(min_length=1)


@register_kind("station.game_failed")
class StationGameFailed(Payload):
    """The battery's game at `index` could not be played: a resumed game's recorded events could not be restored
    (games.core.RestoreError), or its view does not satisfy games.core.GameView. The session is then closed
    (abandoned); the proctor is told."""

    game: str = Field(min_length=1)
    index: int = Field(ge=0)
    resuming: bool
    error: str = Field(min_length=1, max_length=500)


@register_kind("station.idle_detected")
class StationIdleDetected(Payload):
    """No key or mouse input for idle_ms (recorded once per idle stretch)."""

    idle_ms: int = Field(ge=0)


@register_kind("station.paused")
class StationPaused(Payload):
    """The station paused the candidate flow and asked for the proctor."""

    reason: str = Field(min_length=1)


@register_kind("station.game_suspended")
class StationGameSuspended(Payload):
    """The running game was frozen because a station page covered it (idle pause or the proctor's screens)."""

    reason: Literal["idle", "proctor", "storage"]


@register_kind("station.game_resumed")
class StationGameResumed(Payload):
    """The frozen game is in front again and running; suspended_ns is how long it was frozen."""

    suspended_ns: int = Field(ge=0)


@register_kind("station.consent")
class StationConsent(Payload):
    """The candidate accepted or declined the consent text whose SHA-256 is given, and its version
    (assets/consent/versions.toml; absent in sessions recorded before versions were kept)."""

    accepted: bool
    text_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    version: str | None = Field(default=None, min_length=1, max_length=40)


@register_kind("station.game_will_start")
class StationGameWillStart(Payload):
    """The battery's game at `index` (0-based) is about to start."""

    game: str = Field(min_length=1)
    index: int = Field(ge=0)


LanguageSource = Literal["access_code", "candidate", "station_default"]
"""Who chose the session's language: the proctor on the access code, the candidate on the welcome screen, or the
station's default (no choice was made)."""


@register_kind("station.language")
class StationLanguage(Payload):
    """The language the candidate sees from here on (a BCP 47 tag such as "en", "es", "de", "ar"); the session's
    language is the last of these before its first game (sessions without one are English)."""

    language: str = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    source: LanguageSource


@register_kind("station.accommodations")
class StationAccommodations(Payload):
    """The accommodations the proctor granted on the access code, recorded as the session starts (only when any is
    granted): `extended_time` multiplies every timed element of a game that is not itself the measure (games'
    `extended_time` parameters), `type_scale` is the type size (1.0 = 100 %), `high_contrast` the theme, `breaks`
    a break offered between games. docs/ACCOMMODATIONS.md; scoring marks the measures they change."""

    extended_time: float = Field(ge=1.0, le=3.0)
    type_scale: float = Field(ge=1.0, le=2.0)
    high_contrast: bool
    breaks: bool


@register_kind("station.idle_limits")
class StationIdleLimits(Payload):
    """The idle and pause limits in force for this session, when an extended time lengthened them: the proctor's
    limits (`idle_s`, `pause_s`, seconds) times `extended_time`, recorded after station.accommodations (a resumed
    session records them again). docs/ACCOMMODATIONS.md."""

    idle_s: int = Field(ge=1)
    pause_s: int = Field(ge=1)
    extended_time: float = Field(ge=1.0, le=3.0)


@register_kind("station.appearance")
class StationAppearance(Payload):
    """The type scale (1.0-2.0) or theme the candidate sees changed: by Ctrl+plus / Ctrl+minus / Ctrl+0
    ("keys", the key itself is also logged as game.input_ignored when a game is in front), or by the proctor's
    station setting ("proctor") or a session's accommodation ("session")."""

    scale: float = Field(ge=1.0, le=2.0)
    high_contrast: bool
    source: Literal["keys", "proctor", "session"]

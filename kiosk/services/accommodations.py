"""Accommodations the proctor grants per access code (access_codes.accommodations, migration 23); no Qt.

Extended time (a factor for every timed element that is not itself the measure, games' `extended_time`), larger
type (a scale), high contrast, and breaks between games. docs/ACCOMMODATIONS.md says what each changes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from eventlog import EventRecord
from games.spec import ExtendedTimeError, extend_time, game_spec
from i18n import N_, _s, check_language
from kiosk.services.battery import Battery
from kiosk.services.stationdb import IssuedCode, StationDb

__all__ = [
    "NAMES",
    "AccommodationError",
    "Accommodations",
    "check_battery",
    "code_accommodations",
    "issue_codes",
    "parse_accommodations",
    "recorded_accommodations",
    "set_code_accommodations",
]

FACTORS = {"extended_time": (1.0, 3.0, N_("a time factor such as 1.5")),
           "type_scale": (1.0, 2.0, N_("a scale such as 1.5"))}
FLAGS = ("high_contrast", "breaks")
NAMES = (*FACTORS, *FLAGS)


class AccommodationError(ValueError):
    """An accommodation the station does not know, or a value it cannot use (a one-line message)."""


@dataclass(frozen=True)
class Accommodations:
    """What a candidate is granted; the defaults are no accommodation."""

    extended_time: float = 1.0
    type_scale: float = 1.0
    high_contrast: bool = False
    breaks: bool = False

    @property
    def any(self) -> bool:
        """Whether anything is granted."""
        return self != Accommodations()

    def payload(self) -> dict[str, Any]:
        """The station.accommodations payload."""
        return asdict(self)

    def to_json(self) -> str | None:
        """The access_codes column: sorted JSON, or None when nothing is granted."""
        return json.dumps(self.payload(), sort_keys=True) if self.any else None

    @classmethod
    def from_json(cls, text: str | None) -> Accommodations:
        """Read the access_codes column back (None: nothing granted)."""
        return cls(**json.loads(text)) if text else cls()

    def describe(self) -> str:
        """Plain words for the proctor, in the station's language ('none' when nothing is granted)."""
        parts = [_s("extended time {factor}x").format(factor=f"{self.extended_time:g}") if self.extended_time > 1
                 else "",
                 _s("larger type {scale}").format(scale=f"{self.type_scale:.0%}") if self.type_scale > 1 else "",
                 _s("high contrast") if self.high_contrast else "", _s("breaks between games") if self.breaks else ""]
        return ", ".join(p for p in parts if p) or _s("none")


def _factor(name: str, value: str) -> float:
    low, high, example = FACTORS[name]
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not low < number <= high:
        raise AccommodationError(_s("accommodation {name}={value}: needs {example}, more than {low} and at most "
                                    "{high}").format(name=name, value=repr(value), example=_s(example),
                                                     low=f"{low:g}", high=f"{high:g}"))
    return round(number, 2)


def parse_accommodations(texts: Sequence[str]) -> Accommodations:
    """`extended_time=1.5`, `type_scale=1.5`, `high_contrast`, `breaks` (each at most once) -> Accommodations."""
    values: dict[str, Any] = {}
    for text in texts:
        name, has_value, value = (part.strip() for part in text.partition("="))
        if name not in NAMES:
            raise AccommodationError(_s("unknown accommodation {name}; known: {known}").format(
                name=repr(name), known=", ".join(NAMES)))
        if name in values:
            raise AccommodationError(_s("accommodation {name} is given twice").format(name=name))
        if name in FACTORS:
            if not has_value:
                raise AccommodationError(_s("accommodation {name} needs a value, e.g. {name}=1.5").format(name=name))
            values[name] = _factor(name, value)
        elif has_value:
            raise AccommodationError(_s("accommodation {name} takes no value (write just {name})").format(name=name))
        else:
            values[name] = True
    return Accommodations(**values)


def check_battery(granted: Accommodations, battery: Battery) -> None:
    """Refuse an extended time that takes any game of the battery (practice included) outside its parameters."""
    for index, entry in enumerate(battery.games):
        spec = game_spec(entry.game)
        for practice in (False, True):
            params = spec.params_model.model_validate(battery.params_for(index, practice))
            try:
                extend_time(spec, params, granted.extended_time)
            except ExtendedTimeError as exc:
                raise AccommodationError(_s("{error} (battery {battery})").format(error=exc, battery=battery.ref)) \
                    from None


def set_code_accommodations(db: StationDb, participants: Iterable[str], granted: Accommodations) -> None:
    """Store (or clear, when nothing is granted) the accommodations of the codes bound to these pseudonyms."""
    with db.atomic():
        for participant in participants:
            db.conn.execute("UPDATE access_codes SET accommodations = ? WHERE participant = ?",
                            (granted.to_json(), participant))


def issue_codes(db: StationDb, count: int, battery: Battery, expires: datetime, granted: Accommodations,
                prefix: str = "P", person: tuple[str | None, str | None] | None = None,
                language: str | None = None) -> list[IssuedCode]:
    """StationDb.issue_codes with the accommodations (checked against the battery) and the candidate's language
    (None: the station's) stored in the same transaction."""
    from kiosk.services.code_language import set_code_language

    check_battery(granted, battery)
    if language is not None:
        check_language(language)
    with db.atomic():
        issued = db.issue_codes(count, battery.ref, expires, prefix, person)
        if granted.any:
            set_code_accommodations(db, (row.participant for row in issued), granted)
        if language is not None:
            set_code_language(db, (row.participant for row in issued), language)
    return issued


def code_accommodations(db: StationDb, ref: str | None) -> Accommodations:
    """The accommodations granted on a code (by its stored hash); none for an unknown ref."""
    if ref is None:
        return Accommodations()
    row = db.conn.execute("SELECT accommodations FROM access_codes WHERE code = ?", (ref,)).fetchone()
    return Accommodations.from_json(row[0] if row else None)


def recorded_accommodations(events: Iterable[EventRecord]) -> Accommodations:
    """What a session recorded in its station.accommodations (a resumed session goes on with the same)."""
    found = Accommodations()
    for event in events:
        if event.kind == "station.accommodations":
            found = Accommodations(**{name: event.payload[name] for name in NAMES})
    return found

"""Batteries: TOML files in assets/batteries/ naming the games, their order, parameters, seeds and practice.

Layout of a battery file (order of play = order of the [[games]] tables):

    [battery]
    title = "Standard battery"
    minutes = 15              # expected duration for a typical adult, shown to proctors (>= the games' sum)
    seed_policy = "per_session"   # or "fixed" (then `seed` is required)
    seed = 7
    practice = true           # default for every game

    [[games]]
    game = "bart"
    params = { balloons = 30 }
    practice = true           # optional, overrides the battery's default
    practice_params = { balloons = 3 }   # optional; the practice run uses these
    minutes = 5               # optional: this game's expected duration, practice included

Loading validates everything: unknown keys, games that do not exist, and each game's parameters against
the game's own model; errors name the file and the field (e.g. `games[1].params.trials`).
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

import assets
from i18n import N_, _s

__all__ = [
    "BATTERY_DIR",
    "Battery",
    "BatteryError",
    "GameEntry",
    "available_batteries",
    "load_battery",
    "resolve_battery",
]

BATTERY_DIR = Path(assets.__file__).resolve().parent / "batteries"
DEFAULT_BATTERY = "default"


class BatteryError(ValueError):
    """A battery file that cannot be used; the message names the file and the field at fault."""


class GameEntry(BaseModel):
    """One game of a battery, in play order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    game: str = Field(min_length=1)
    params: dict[str, Any] = Field(default_factory=dict)
    practice: bool | None = None
    practice_params: dict[str, Any] | None = None
    minutes: float | None = Field(None, gt=0, le=120)


class BatteryHeader(BaseModel):
    """The [battery] table."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=1)
    minutes: float = Field(gt=0)
    seed_policy: Literal["per_session", "fixed"] = "per_session"
    seed: int | None = None
    practice: bool = True

    @model_validator(mode="after")
    def _fixed_needs_seed(self) -> BatteryHeader:
        if self.seed_policy == "fixed" and self.seed is None:
            raise ValueError("seed_policy 'fixed' needs a `seed`")
        return self


class BatteryFile(BaseModel):
    """A whole battery file as parsed from TOML."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    battery: BatteryHeader
    games: list[GameEntry] = Field(min_length=1)

    @model_validator(mode="after")
    def _minutes_add_up(self) -> BatteryFile:
        games = sum(g.minutes or 0.0 for g in self.games)
        if games > self.battery.minutes:
            raise ValueError(f"battery.minutes ({self.battery.minutes:g}) is less than its games' minutes ({games:g})")
        return self


class Battery(BaseModel):
    """A validated battery, named after its file."""

    model_config = ConfigDict(frozen=True)

    name: str
    path: str
    title: str
    minutes: float
    seed_policy: Literal["per_session", "fixed"]
    seed: int | None
    games: tuple[GameEntry, ...]
    default_practice: bool

    @property
    def ref(self) -> str:
        """How codes and sessions name this battery: its name when shipped in assets/batteries/, else its path."""
        return self.name if Path(self.path).resolve().parent == BATTERY_DIR else str(Path(self.path).resolve())

    def minutes_text(self, translated: bool = True) -> str:
        """The expected duration for the proctor: "about 30 min (bart 5, go_nogo 2.5, ...)", in the station's
        language (`translated=False`: in English, for machine-read output such as `--json`)."""
        games = ", ".join(f"{g.game} {g.minutes:g}" for g in self.games if g.minutes)
        text = N_("about {minutes} min ({games})") if games else N_("about {minutes} min")
        return (_s(text) if translated else text).format(minutes=f"{self.minutes:g}", games=games)

    def practice_for(self, index: int) -> bool:
        """Whether the game at index offers a practice run."""
        entry = self.games[index]
        return self.default_practice if entry.practice is None else entry.practice

    def params_for(self, index: int, practice: bool = False) -> dict[str, Any]:
        """The raw parameters of the game at index (its practice parameters when asked and given)."""
        entry = self.games[index]
        if practice and entry.practice_params is not None:
            return dict(entry.practice_params)
        return dict(entry.params)

    def seed_for(self, index: int, session_id: str, override: int | None = None) -> int:
        """The game's RNG seed: fixed (battery seed or override, plus the index) or derived from the session."""
        base = override if override is not None else (self.seed if self.seed_policy == "fixed" else None)
        if base is not None:
            return base + index
        digest = hashlib.sha256(f"{session_id}:{index}:{self.games[index].game}".encode()).digest()
        return int.from_bytes(digest[:6], "big")


def _field_path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def _check_games(path: Path, parsed: BatteryFile) -> None:
    from games.spec import all_games

    specs = all_games()
    for i, entry in enumerate(parsed.games):
        if entry.game not in specs:
            known = ", ".join(sorted(specs)) or "none installed"
            raise BatteryError(_s("{path}: field games[{index}].game: unknown game {game} (known: {known})").format(
                path=path, index=i, game=repr(entry.game), known=known))
        for key in ("params", "practice_params"):
            values = getattr(entry, key)
            if values is None:
                continue
            try:
                specs[entry.game].params_model.model_validate(values)
            except ValidationError as exc:
                err = exc.errors()[0]
                raise BatteryError(
                    f"{path}: field games[{i}].{key}.{_field_path(err['loc'])}: {err['msg']}"
                ) from None


def load_battery(path: Path | str, check_games: bool = True) -> Battery:
    """Read and validate a battery file; raise BatteryError naming the file and field at fault."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BatteryError(_s("{path}: cannot read: {error}").format(path=path, error=exc.strerror or exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise BatteryError(_s("{path}: not valid TOML: {error}").format(path=path, error=exc)) from None
    try:
        parsed = BatteryFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise BatteryError(f"{path}: field {_field_path(err['loc'])}: {err['msg']}") from None
    if check_games:
        _check_games(path, parsed)
    head = parsed.battery
    return Battery(
        name=path.stem, path=str(path), title=head.title, minutes=head.minutes, seed_policy=head.seed_policy,
        seed=head.seed, games=tuple(parsed.games), default_practice=head.practice,
    )


def available_batteries(directory: Path = BATTERY_DIR) -> list[str]:
    """Names of the battery files shipped in assets/batteries/."""
    return sorted(p.stem for p in directory.glob("*.toml"))


def resolve_battery(name_or_path: str | None, directory: Path = BATTERY_DIR) -> Battery:
    """Load a battery by name (a file in assets/batteries/) or by path; None means the default battery."""
    name = name_or_path or DEFAULT_BATTERY
    candidate = Path(name)
    if candidate.suffix == ".toml" or candidate.exists():
        return load_battery(candidate)
    path = directory / f"{name}.toml"
    if not path.exists():
        known = ", ".join(available_batteries(directory)) or "none"
        raise BatteryError(_s("{path}: no battery named {name} (known: {known})").format(
            path=path, name=repr(name), known=known))
    return load_battery(path)

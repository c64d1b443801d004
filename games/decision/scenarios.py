"""Scenario files (TOML, one scenario per file): pydantic models and a loader whose errors name file and field."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from i18n.pseudo import PSEUDO, pseudo

__all__ = [
    "CATEGORIES",
    "DEFAULT_MIN_REASONING_CHARS",
    "Option",
    "Scenario",
    "ScenarioError",
    "default_scenario_dir",
    "load_scenario",
    "load_scenarios",
    "localised",
]

# Seed 004, section 2.2: the task categories.
CATEGORIES = ("problem_solving", "communication", "decision_confidence", "analytical_thinking", "speed_accuracy")
# Seed 004, section 2.2: "reasoning_min_length": integer (default: 20).
DEFAULT_MIN_REASONING_CHARS = 20
MAX_MIN_REASONING_CHARS = 2000
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_]*$")
TAG_PATTERN = re.compile(r"^[a-z][a-z_]*$")


def _id_shape(value: str) -> str:
    """Ids are lowercase letters, digits and underscores (they name files and appear in events)."""
    if not ID_PATTERN.match(value):
        raise ValueError("must be lowercase letters, digits and underscores")
    return value


ItemId = Annotated[str, AfterValidator(_id_shape)]


class ScenarioError(ValueError):
    """A scenario file is unreadable or invalid; the message starts with 'file: field: '."""

    def __init__(self, file: str, field: str, message: str) -> None:
        super().__init__(f"{file}: {field}: {message}")
        self.file = file
        self.field = field
        self.message = message


class Option(BaseModel):
    """One answer option: what it says, how risky it is and which behaviours it reflects (never 'correct')."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ItemId
    text: str = Field(min_length=1)
    risk_level: Literal["low", "medium", "high"]
    tags: tuple[str, ...] = Field(min_length=1)

    @field_validator("risk_level", mode="before")
    @classmethod
    def _risk(cls, value: Any) -> Any:
        if value not in ("low", "medium", "high"):
            raise ValueError("must be low, medium or high")
        return value

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for tag in value:
            if not TAG_PATTERN.match(tag):
                raise ValueError(f"tag {tag!r} must be lowercase letters and underscores")
        if len(set(value)) != len(value):
            raise ValueError("tags must not repeat")
        return value


class Scenario(BaseModel):
    """One micro-decision task: a prompt and 3-4 options, optional required reasoning and soft time limit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: ItemId
    category: str
    title: str = Field(min_length=1)
    prompt: str = Field(min_length=1)
    options: tuple[Option, ...]
    reasoning_required: bool = False
    min_reasoning_chars: int | None = None
    soft_time_limit_s: int | None = None

    @field_validator("category", mode="before")
    @classmethod
    def _category(cls, value: Any) -> Any:
        if value not in CATEGORIES:
            raise ValueError(f"must be one of {', '.join(CATEGORIES)}")
        return value

    @field_validator("options")
    @classmethod
    def _options(cls, value: tuple[Option, ...]) -> tuple[Option, ...]:
        if not 3 <= len(value) <= 4:
            raise ValueError(f"must have 3 or 4 options, found {len(value)}")
        ids = [option.id for option in value]
        if len(set(ids)) != len(ids):
            raise ValueError(f"option ids must be unique, found {ids}")
        return value

    @field_validator("soft_time_limit_s")
    @classmethod
    def _limit(cls, value: int | None) -> int | None:
        if value is not None and value <= 0:
            raise ValueError("must be a positive number of seconds")
        return value

    @model_validator(mode="after")
    def _reasoning(self) -> Scenario:
        chars = self.min_reasoning_chars
        if not self.reasoning_required:
            if chars:
                raise _FieldError("min_reasoning_chars", "only allowed with reasoning_required = true")
            object.__setattr__(self, "min_reasoning_chars", 0)
        elif chars is None:
            object.__setattr__(self, "min_reasoning_chars", DEFAULT_MIN_REASONING_CHARS)
        elif not 1 <= chars <= MAX_MIN_REASONING_CHARS:
            raise _FieldError("min_reasoning_chars", f"must be between 1 and {MAX_MIN_REASONING_CHARS}")
        return self

    @property
    def min_chars(self) -> int:
        """The minimum reasoning length in characters (0 when reasoning is optional)."""
        return self.min_reasoning_chars or 0

    def option(self, option_id: str) -> Option:
        """The option with this id, or KeyError."""
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(option_id)


class _FieldError(ValueError):
    """Raised inside a model validator to name the field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def default_scenario_dir() -> Path:
    """The scenarios shipped with the app, in English (assets/scenarios/en): their ids, options, risk levels and
    tags; other languages translate only their texts (localised)."""
    return _scenario_root() / "en"


def _scenario_root() -> Path:
    import assets

    return Path(assets.__file__).resolve().parent / "scenarios"


def localised(scenario: Scenario, language: str) -> Scenario:
    """The scenario with its title, prompt and option texts in a language, from assets/scenarios/<language>/<id>.toml
    (any text it lacks stays English); ids, risk levels and tags are never translated."""
    if language == PSEUDO:  # the pseudo-locale: every text transformed from English
        options = tuple(o.model_copy(update={"text": pseudo(o.text)}) for o in scenario.options)
        return scenario.model_copy(update={"title": pseudo(scenario.title), "prompt": pseudo(scenario.prompt),
                                           "options": options})
    path = _scenario_root() / language / f"{scenario.id}.toml"
    if language == "en" or not path.exists():
        return scenario
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ScenarioError(_display_name(path), "(file)", f"cannot be read as a translation ({exc})") from None
    texts = data.get("options", {})
    unknown = sorted(set(texts) - {option.id for option in scenario.options})
    if unknown:
        raise ScenarioError(_display_name(path), "options", f"names no option of {scenario.id}: {', '.join(unknown)}")
    options = tuple(o.model_copy(update={"text": texts.get(o.id, o.text)}) for o in scenario.options)
    update = {key: str(data[key]) for key in ("title", "prompt") if data.get(key)}
    return scenario.model_copy(update={**update, "options": options})


def _display_name(path: Path) -> str:
    """Shipped files read as 'assets/scenarios/en/x.toml'; others as given."""
    root = _scenario_root().parent.parent
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _field_path(loc: Iterable[Any]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def _message(error: Mapping[str, Any]) -> str:
    ctx_error = error.get("ctx", {}).get("error")
    if isinstance(ctx_error, _FieldError):
        return str(ctx_error)
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _loc(error: Mapping[str, Any]) -> list[Any]:
    ctx_error = error.get("ctx", {}).get("error")
    if isinstance(ctx_error, _FieldError):
        return [*error["loc"], ctx_error.field]
    if error["type"] == "extra_forbidden":
        return list(error["loc"])
    return list(error["loc"])


def load_scenario(path: Path) -> Scenario:
    """Read and validate one scenario file; raise ScenarioError naming the file and field."""
    name = _display_name(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScenarioError(name, "(file)", f"cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ScenarioError(name, "(file)", "is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(name, "(file)", f"is not valid TOML ({exc})") from None
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        message = _message(first)
        if first["type"] == "extra_forbidden":
            message = "is not a known field"
        raise ScenarioError(name, _field_path(_loc(first)), message) from None


def load_scenarios(directory: Path | None = None) -> list[Scenario]:
    """Every *.toml scenario in a directory (default: the shipped ones), sorted by file name; ids must be unique."""
    directory = directory if directory is not None else default_scenario_dir()
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise ScenarioError(_display_name(directory), "(directory)", "holds no *.toml scenario files")
    seen: dict[str, str] = {}
    scenarios = []
    for path in files:
        scenario = load_scenario(path)
        if scenario.id in seen:
            raise ScenarioError(_display_name(path), "id", f"{scenario.id!r} is already used by {seen[scenario.id]}")
        seen[scenario.id] = _display_name(path)
        scenarios.append(scenario)
    return scenarios

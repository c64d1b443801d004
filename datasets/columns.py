"""Column and table specifications: the one source of every export's headers, sidecars and codebook."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, SupportsFloat

import annotated_types
from pydantic import BaseModel

__all__ = ["NS_PER_MS", "Column", "ColumnType", "TableSpec", "col", "from_payload"]

ColumnType = Literal["string", "integer", "number", "boolean", "datetime"]
NS_PER_MS = 1_000_000
_PY_TYPES: dict[type, ColumnType] = {bool: "boolean", int: "integer", float: "number", str: "string"}


@dataclass(frozen=True)
class Column:
    """One column of an export table: its type, unit, allowed values, meaning and where it comes from."""

    name: str
    type: ColumnType
    description: str
    unit: str = ""
    enum: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    source: str = ""
    nullable: bool = True

    def constraints(self) -> dict[str, Any]:
        """Frictionless Table Schema constraints of this column."""
        out: dict[str, Any] = {}
        if self.enum:
            out["enum"] = list(self.enum)
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        if not self.nullable:
            out["required"] = True
        return out


@dataclass(frozen=True)
class TableSpec:
    """One export table: file stem, what a row is, its columns in order and its primary key."""

    name: str
    title: str
    row: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    bids: Literal["beh", "events", "sessions", ""] = ""
    by_game: bool = field(default=True)

    @property
    def names(self) -> list[str]:
        """The column names in order."""
        return [c.name for c in self.columns]


def col(name: str, type_: ColumnType, description: str, unit: str = "", enum: tuple[str, ...] = (),
        minimum: float | None = None, maximum: float | None = None, source: str = "",
        nullable: bool = True) -> Column:
    """A column written out by hand (identity, derived values and flags)."""
    return Column(name, type_, description, unit, enum, minimum, maximum, source, nullable)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without None, and whether None was allowed."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else annotation), True
    return annotation, False


def _bound(value: object, model: type[BaseModel], field_name: str) -> float:
    """A field's numeric bound (annotated_types only promises something comparable) as a float."""
    if not isinstance(value, SupportsFloat):
        raise TypeError(f"{model.__name__}.{field_name}: bound {value!r} is not a number")
    return float(value)


def from_payload(model: type[BaseModel], field_name: str, description: str, name: str | None = None,
                 unit: str = "", ns_to_ms: bool = False, nullable: bool | None = None) -> Column:
    """A column whose type, allowed values and bounds are read from an event payload model's field.

    `ns_to_ms` turns an integer nanosecond field into a millisecond number (exact to the nanosecond).
    """
    info = model.model_fields[field_name]
    annotation, optional = _unwrap(info.annotation)
    enum: tuple[str, ...] = ()
    if typing.get_origin(annotation) is Literal:
        type_: ColumnType = "string"
        enum = tuple(str(v) for v in typing.get_args(annotation))
    elif annotation in _PY_TYPES:
        type_ = _PY_TYPES[annotation]
    else:
        raise TypeError(f"{model.__name__}.{field_name}: {annotation!r} has no single column type")
    minimum = maximum = None
    for meta in info.metadata:
        if isinstance(meta, annotated_types.Ge):
            minimum = _bound(meta.ge, model, field_name)
        elif isinstance(meta, annotated_types.Gt):
            minimum = _bound(meta.gt, model, field_name)
        elif isinstance(meta, annotated_types.Le):
            maximum = _bound(meta.le, model, field_name)
    if ns_to_ms:
        type_, unit = "number", unit or "ms"
        minimum = None if minimum is None else minimum / NS_PER_MS
        maximum = None if maximum is None else maximum / NS_PER_MS
    if type_ == "integer":
        minimum = None if minimum is None else int(minimum)
        maximum = None if maximum is None else int(maximum)
    kind = _kind_of(model)
    return Column(name or field_name, type_, description, unit, enum, minimum, maximum,
                  source=f"{kind}.{field_name}" if kind else f"{model.__name__}.{field_name}",
                  nullable=True if nullable is None else nullable or optional)


def _kind_of(model: type[BaseModel]) -> str:
    from eventlog.kinds import registered_kinds

    return next((kind for kind, m in registered_kinds().items() if m is model), "")

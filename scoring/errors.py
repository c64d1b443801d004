"""Typed errors of scoring, drawn as a tree.

    ScoringError
    ├── ScoringInputError        the event stream is malformed or truncated (names the seq and field)
    ├── UnknownScoringVersion    a result was asked for with a scoring version this code cannot reproduce
    └── RoleError                a role profile file is invalid (names the file and field)
"""

from __future__ import annotations

__all__ = ["RoleError", "ScoringError", "ScoringInputError", "UnknownScoringVersion"]


class ScoringError(Exception):
    """Base of every error scoring raises."""


class ScoringInputError(ScoringError):
    """The events cannot be scored as given; `seq` and `field` say where (seq None = the stream as a whole)."""

    def __init__(self, seq: int | None, field: str, message: str, kind: str | None = None) -> None:
        where = "stream" if seq is None else f"event seq {seq}" + (f" ({kind})" if kind else "")
        super().__init__(f"{where}: field '{field}': {message}")
        self.seq = seq
        self.field = field
        self.kind = kind


class UnknownScoringVersion(ScoringError):
    """The scoring version is not one this code can reproduce byte for byte."""

    def __init__(self, version: str, supported: tuple[str, ...]) -> None:
        super().__init__(f"unknown scoring version {version!r}; this build reproduces {', '.join(supported)}")
        self.version = version


class RoleError(ScoringError):
    """A role profile is invalid: the message starts with 'file: field: '."""

    def __init__(self, file: str, field: str, message: str) -> None:
        super().__init__(f"{file}: {field}: {message}")
        self.file = file
        self.field = field

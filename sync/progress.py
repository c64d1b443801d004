"""A step of an upload pass, as the proctor panel and the CLI progress bar show it (no network code here)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Progress", "ProgressCallback"]


@dataclass(frozen=True)
class Progress:
    """One step of a pass, for the proctor panel and the CLI progress bar (sent from the worker thread)."""

    session_id: str
    index: int
    total: int
    state: str
    detail: str = ""


ProgressCallback = Callable[[Progress], None]

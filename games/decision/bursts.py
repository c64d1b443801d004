"""Typing and scrolling bursts of the decision game: the input between two pauses (no Qt, no clock)."""

from __future__ import annotations

__all__ = ["Bursts"]


class Bursts:
    """Collects perf_counter stamps of reasoning edits and wheel steps until the view records a burst."""

    def __init__(self) -> None:
        self._typing: list[int] = []
        self._scrolling: list[int] = []
        self._last_wheel_ms: int | None = None

    def edit(self, perf_ns: int) -> None:
        """One edit of the reasoning text (a typed key, a deletion or a paste)."""
        self._typing.append(perf_ns)

    def wheel(self, event_ms: int | None, perf_ns: int) -> bool:
        """One wheel step; a step seen again on its way up the widget tree (same event time) counts once."""
        if event_ms is not None and event_ms == self._last_wheel_ms:
            return False
        self._last_wheel_ms = event_ms
        self._scrolling.append(perf_ns)
        return True

    def take_typing(self) -> list[int]:
        """The edits since the last typing burst, which ends here."""
        taken, self._typing = self._typing, []
        return taken

    def take_scrolling(self) -> list[int]:
        """The wheel steps since the last scroll burst, which ends here."""
        taken, self._scrolling = self._scrolling, []
        return taken

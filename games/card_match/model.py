"""A simulated card match candidate with a known memory (no Qt): used by the scripted player and the tests."""

from __future__ import annotations

import random
from collections.abc import Collection

__all__ = ["MemoryModel"]


class MemoryModel:
    """What a player remembers: the last `k` cards seen face up (every card, k=None), and the pairs taken.

    `first_choice` and `second_choice` are the optimal strategy of Velleman & Warrington (2013) applied to
    what is remembered: take a remembered pair; else turn a card not remembered, and if its partner is
    remembered turn that, else another card not remembered.
    """

    def __init__(self, k: int | None, rng: random.Random) -> None:
        self.k, self.rng = k, rng
        self.seen: list[tuple[int, str]] = []  # (position, symbol), oldest first
        self.taken: set[int] = set()

    def reset(self) -> None:
        """A new board: nothing remembered."""
        self.seen.clear()
        self.taken.clear()

    def saw(self, position: int, symbol: str) -> None:
        """A card was face up."""
        self.seen = [(p, s) for p, s in self.seen if p != position] + [(position, symbol)]
        if self.k is not None:
            self.seen = self.seen[-self.k:] if self.k else []

    def take(self, positions: Collection[int]) -> None:
        """A pair was found: those cards leave play and memory."""
        self.taken |= set(positions)
        self.seen = [(p, s) for p, s in self.seen if p not in self.taken]

    def _unknown(self, cards: int, exclude: int | None = None) -> int:
        known = {p for p, _ in self.seen}
        free = [p for p in range(cards) if p not in self.taken and p != exclude]
        fresh = [p for p in free if p not in known]
        return self.rng.choice(fresh or free)

    def first_choice(self, cards: int) -> int:
        """The first card of a move."""
        by_symbol: dict[str, list[int]] = {}
        for p, s in self.seen:
            by_symbol.setdefault(s, []).append(p)
        pair = next((ps for ps in by_symbol.values() if len(ps) == 2), None)
        return pair[0] if pair else self._unknown(cards)

    def second_choice(self, cards: int, first: int, symbol: str) -> int:
        """The second card, once the first shows `symbol`."""
        mate = next((p for p, s in self.seen if s == symbol and p != first), None)
        return mate if mate is not None else self._unknown(cards, exclude=first)

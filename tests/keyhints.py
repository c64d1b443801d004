"""The keys a hint on screen names, read from its text as a candidate reads it (shared by the key-hint tests)."""

from __future__ import annotations

import re

__all__ = ["keys_named"]

_WORDS = ("Ctrl+Enter", "Shift+Tab", "Enter", "Space", "Tab", "Escape", "↑", "↓")


def keys_named(hint: str) -> set[str]:
    """Every key a hint names: "Enter", "Space", "Tab", "Escape", "Ctrl+Enter", arrows, each digit of a range
    such as "1–3", and the letter keys listed in brackets ("(D F J K)")."""
    text = hint
    found: set[str] = set()
    for word in _WORDS:  # longest first, so that "Ctrl+Enter" is not also read as "Enter"
        if word in text:
            found.add(word)
            text = text.replace(word, " ")
    for low, high in re.findall(r"\b([0-9])\s*[–-]\s*([0-9])\b", text):
        found |= {str(d) for d in range(int(low), int(high) + 1)}
    for letters in re.findall(r"\(((?:[A-Z] )*[A-Z])\)", text):
        found |= set(letters.split())
    return found

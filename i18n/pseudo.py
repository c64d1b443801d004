"""The pseudo-locale (en-XA): every English message accented, bracketed and 40 % longer, made from the message itself.

A screen shown in it shows at once any text that does not come from the catalogue (it stays plain ASCII) and any
text that does not fit (it is longer than most real translations). Placeholders ({name}), markup (<b>, &amp;) and
markdown stay as they are, so that the formatted and rendered text still works.
"""

from __future__ import annotations

import gettext
import re

__all__ = ["PSEUDO", "PseudoTranslations", "is_pseudo", "pseudo"]

PSEUDO = "en-XA"
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_KEEP = re.compile(r"(\{[^{}]*\}|<[^<>]*>|&[a-z]+;|%\([a-z_]+\)[sd]|%[sd])")
_PAD = " ·"
LONGER = 0.4


def pseudo(message: str) -> str:
    """The pseudo-localised form of an English message (empty stays empty); a one-line message is bracketed, every
    line of a longer text (markdown) is lengthened in place so that its structure still renders."""
    if not message.strip():
        return message
    lines = [_line(line) for line in message.split("\n")]
    return f"[{lines[0]}]" if len(lines) == 1 else "\n".join(lines)


def _line(line: str) -> str:
    parts = _KEEP.split(line)
    accented = "".join(part if i % 2 else part.translate(_ACCENTED) for i, part in enumerate(parts))
    visible = sum(len(part) for i, part in enumerate(parts) if not i % 2 and part.strip())
    if not visible:
        return accented
    extra = max(2, round(visible * LONGER))
    return accented + (_PAD * extra)[:extra]


def is_pseudo(text: str) -> bool:
    """Whether a shown text carries no plain-ASCII word (every letter came through the pseudo-locale)."""
    return re.search(r"[A-Za-z]{2,}", _KEEP.sub("", text)) is None


class PseudoTranslations(gettext.NullTranslations):
    """A catalogue that answers every message with its pseudo form."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

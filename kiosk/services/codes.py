"""One-time access codes: 50 random bits in Crockford base32 with a Luhn mod 32 check character (no Qt, no DB).

A code is 10 data symbols + 1 check symbol, shown as `XXXX-XXXX-XXX`. Reading is forgiving the way
Crockford's base32 is: case-insensitive, hyphens and spaces ignored, I/L read as 1 and O as 0. The check
symbol (Luhn mod N with N = 32) catches every single mistyped symbol and most swaps of neighbours before
any database lookup.
"""

from __future__ import annotations

import secrets

from i18n import N_

__all__ = [
    "ALPHABET",
    "CODE_BITS",
    "CodeFormatError",
    "CodeTypoError",
    "check_symbol",
    "display_code",
    "generate_code",
    "parse_code",
]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
DATA_SYMBOLS = 10
CODE_BITS = DATA_SYMBOLS * 5
_ALIASES = {"I": "1", "L": "1", "O": "0"}
_VALUE = {symbol: value for value, symbol in enumerate(ALPHABET)}


class _CodeError(ValueError):
    """A typed code that is refused: its message is a catalogue message (`template`) filled with `values`, so that
    the candidate's screen can show it in the candidate's language."""

    def __init__(self, template: str, **values: str | int) -> None:
        super().__init__(template.format(**values))
        self.template = template
        self.values = values


class CodeFormatError(_CodeError):
    """The text cannot be a code at all (wrong length or a symbol outside the alphabet)."""


class CodeTypoError(_CodeError):
    """The text has a code's shape but its check symbol does not match: most likely a typo."""


def check_symbol(data: str) -> str:
    """The Luhn mod 32 check symbol of a string of data symbols."""
    total = 0
    factor = 2
    for symbol in reversed(data):
        addend = factor * _VALUE[symbol]
        total += addend // 32 + addend % 32
        factor = 1 if factor == 2 else 2
    return ALPHABET[(32 - total % 32) % 32]


def generate_code() -> str:
    """A fresh random code (canonical form, no hyphens) from the secrets module."""
    value = secrets.randbits(CODE_BITS)
    data = "".join(ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(DATA_SYMBOLS)))
    return data + check_symbol(data)


def display_code(code: str) -> str:
    """The canonical code grouped for reading aloud and typing: XXXX-XXXX-XXX."""
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def parse_code(text: str) -> str:
    """Normalise typed text to a canonical code, or raise CodeFormatError / CodeTypoError."""
    cleaned = "".join(ch for ch in text.upper() if ch not in " -\t")
    cleaned = "".join(_ALIASES.get(ch, ch) for ch in cleaned)
    if len(cleaned) != DATA_SYMBOLS + 1:
        raise CodeFormatError(N_("an access code has {expected} characters; this has {found}"),
                              expected=DATA_SYMBOLS + 1, found=len(cleaned))
    bad = sorted({ch for ch in cleaned if ch not in _VALUE})
    if bad:
        raise CodeFormatError(N_("an access code cannot contain {symbols}"), symbols=", ".join(repr(ch) for ch in bad))
    if check_symbol(cleaned[:-1]) != cleaned[-1]:
        raise CodeTypoError(N_("this code has a typo: please check each character"))
    return cleaned

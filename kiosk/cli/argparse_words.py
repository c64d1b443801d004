"""argparse's own refusals in the station's language: Python ships no translation of them, so the common ones are
read back from argparse's English and said again from the catalogue (the rest stay English)."""

from __future__ import annotations

import re

from i18n import N_, _s

__all__ = ["translated"]

PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the following arguments are required: (?P<names>.+)$"),
     N_("the following arguments are required: {names}")),
    (re.compile(r"^argument (?P<name>\S+): expected one argument$"), N_("argument {name}: expected one argument")),
    (re.compile(r"^argument (?P<name>\S+): invalid choice: (?P<value>.+) \(choose from (?P<choices>.+)\)$"),
     N_("argument {name}: invalid choice: {value} (choose from {choices})")),
    (re.compile(r"^argument (?P<name>\S+): invalid (?P<type>\S+) value: (?P<value>.+)$"),
     N_("argument {name}: invalid {type} value: {value}")),
    (re.compile(r"^argument (?P<name>\S+): not allowed with argument (?P<other>\S+)$"),
     N_("argument {name}: not allowed with argument {other}")),
    (re.compile(r"^one of the arguments (?P<names>.+) is required$"), N_("one of the arguments {names} is required")),
)


def translated(message: str) -> str:
    """One of argparse's messages in the station's language (as it is when it is not one it knows)."""
    for pattern, template in PATTERNS:
        match = pattern.match(message)
        if match:
            return _s(template).format(**match.groupdict())
    return message

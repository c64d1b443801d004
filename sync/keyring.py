"""Files of trusted station keys for `hiremate verify --keys`: PEM public keys and/or one hex key per line."""

from __future__ import annotations

import re
from pathlib import Path

from sync.errors import IdentityError
from sync.identity import parse_public_key

__all__ = ["load_keys_file", "parse_keys"]

PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z ]+)-----.*?-----END \1-----", re.DOTALL)


def parse_keys(data: bytes, where: str) -> list[bytes]:
    """Every key in the text: PEM public key blocks anywhere, and lines of 64 hex digits (optionally followed by
    a label after a space); blank lines and lines starting with # are ignored, anything else is an error."""
    keys = [parse_public_key(match.group(0), f"{where}: PEM block {number}")
            for number, match in enumerate(PEM_BLOCK.finditer(data), start=1)]
    rest = PEM_BLOCK.sub(lambda match: b"\n" * match.group(0).count(b"\n"), data)
    for number, raw in enumerate(rest.split(b"\n"), start=1):
        line = raw.strip()
        if not line or line.startswith(b"#"):
            continue
        keys.append(parse_public_key(line.split()[0], f"{where}: line {number}"))
    if not keys:
        raise IdentityError(f"{where}: no public keys (give PEM public keys or lines of 64 hex digits)")
    return list(dict.fromkeys(keys))


def load_keys_file(path: Path) -> list[bytes]:
    """The trusted keys in a file; IdentityError naming the file (and line) when it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IdentityError(f"--keys {path}: cannot read ({exc.strerror or exc})") from None
    return parse_keys(data, f"--keys {path}")

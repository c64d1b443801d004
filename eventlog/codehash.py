"""Access codes at rest: the station keeps only a slow hash of each one-time code, and a short hint.

Shared by the schema migration that hashed the codes stored in clear before (eventlog.migrations, number 7) and
the station's code service (kiosk.services.stationdb). A code carries 50 random bits; its hash is scrypt with a
station-wide random salt (station_settings 'code_salt'), so a typed code is found with one index lookup, while
a copy of the database gives nothing to precompute and every guess costs a full scrypt. The parameters are
stored with each hash ('scrypt$N$r$p$hex'), so they can be raised later without breaking stored codes.

The hint is the code's last two symbols ('…-·XY'): enough for a proctor to match a row to a printed slip,
about 10 of the 55 bits (the last one is the check symbol, which the data symbols decide).
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3

__all__ = ["CODE_SALT_KEY", "SCRYPT_N", "SCRYPT_P", "SCRYPT_R", "code_salt", "hash_code", "hint_of", "scheme_of"]

CODE_SALT_KEY = "code_salt"
SCRYPT_N = 2**12
SCRYPT_R = 8
SCRYPT_P = 1
HINT_SYMBOLS = 2


def code_salt(conn: sqlite3.Connection) -> bytes:
    """The station's code salt, made on first use (inside the caller's transaction when there is one)."""
    row = conn.execute("SELECT value FROM station_settings WHERE key = ?", (CODE_SALT_KEY,)).fetchone()
    if row is not None:
        return bytes.fromhex(row[0])
    salt = secrets.token_bytes(16)
    conn.execute("INSERT INTO station_settings (key, value) VALUES (?, ?)", (CODE_SALT_KEY, salt.hex()))
    return salt


def scheme_of(stored: str) -> tuple[int, int, int]:
    """(N, r, p) of a stored 'scrypt$N$r$p$hex' hash; ValueError for anything else."""
    name, n, r, p, _ = stored.split("$")
    if name != "scrypt":
        raise ValueError(f"unknown code hash scheme {name!r}")
    return int(n), int(r), int(p)


def hash_code(code: str, salt: bytes, scheme: tuple[int, int, int] = (SCRYPT_N, SCRYPT_R, SCRYPT_P)) -> str:
    """'scrypt$N$r$p$hex' of a canonical code (used and expired codes too: a used code is still recognised)."""
    n, r, p = scheme
    digest = hashlib.scrypt(code.encode(), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=256 * n * r + 2**20)
    return f"scrypt${n}${r}${p}${digest.hex()}"


def hint_of(code: str) -> str:
    """The code's printed form with all but its last symbols hidden: '····-····-·XY'."""
    hidden = "·" * (len(code) - HINT_SYMBOLS) + code[-HINT_SYMBOLS:]
    return f"{hidden[:4]}-{hidden[4:8]}-{hidden[8:]}"

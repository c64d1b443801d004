"""Naming the first damaged page of a database file that SQLite can only call "malformed".

When a page of a b-tree is overwritten, `PRAGMA integrity_check` itself may fail with "database disk image is
malformed" and say no more. This walks every table's b-tree from its root page straight from the file (read
only; the layout is SQLite's documented file format, sqlite.org/fileformat2.html, section 1.6): each page must
carry a b-tree page type, a cell count and cell pointers that fit in the page, and child pages that exist. The
first page that does not is named, with the table it belongs to. Pages only in the write-ahead log are not read.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

__all__ = ["first_bad_page", "with_damaged_page"]

INTERIOR = {0x02, 0x05}  # index, table
LEAF = {0x0A, 0x0D}
HEADER = 100  # the database header before page 1's b-tree header


def _page(data: bytes, number: int, size: int) -> bytes:
    return data[(number - 1) * size:number * size]


def _problem(page: bytes, number: int, size: int, pages: int) -> tuple[str | None, list[int]]:
    """Why a b-tree page is damaged (None if it looks whole), and its child pages."""
    start = HEADER if number == 1 else 0
    if len(page) < size:
        return "lies past the end of the file", []
    kind = page[start]
    if kind not in INTERIOR | LEAF:
        return f"is not a b-tree page (type byte {kind:#04x})", []
    cells = struct.unpack_from(">H", page, start + 3)[0]
    head = start + (12 if kind in INTERIOR else 8)
    if head + 2 * cells > size:
        return f"claims {cells} cells, more than fit in a page", []
    pointers = struct.unpack_from(f">{cells}H", page, head)
    if any(not head <= p < size for p in pointers):
        return "has a cell pointer outside the page", []
    if kind not in INTERIOR:
        return None, []
    children = [struct.unpack_from(">I", page, p)[0] for p in pointers]
    children.append(struct.unpack_from(">I", page, start + 8)[0])
    if any(not 1 <= child <= pages for child in children):
        return "points to a child page that does not exist", []
    return None, children


def first_bad_page(path: Path) -> str | None:
    """'page N (table T): why' for the first damaged b-tree page, or None when every tree walks cleanly."""
    data = path.read_bytes()
    if len(data) < HEADER or not data.startswith(b"SQLite format 3\x00"):
        return "page 1: not an SQLite database header"
    size = struct.unpack_from(">H", data, 16)[0]
    size = 65536 if size == 1 else size
    pages = len(data) // size
    roots: list[tuple[str, int]] = [("sqlite_schema", 1)]
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            roots += [(str(name), int(root)) for name, root in
                      conn.execute("SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0")]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        pass  # the schema itself is damaged: walking page 1 names where
    for table, root in roots:
        todo, seen = [root], set()
        while todo:
            number = todo.pop()
            if number in seen:
                return f"page {number} (table {table}): is linked twice (a loop in the tree)"
            seen.add(number)
            problem, children = _problem(_page(data, number, size), number, size, pages)
            if problem is not None:
                return f"page {number} (table {table}): {problem}"
            todo.extend(reversed(children))
    return None


def with_damaged_page(path: Path, message: str) -> str:
    """A damage message with the first bad page named, when the message does not name one already."""
    if "page" in message.lower():
        return message
    try:
        where = first_bad_page(path)
    except OSError:
        return message
    return f"{message}; first damaged {where}" if where else message

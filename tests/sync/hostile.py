"""Hostile bundles for tests: a zip bomb whose headers understate a member, and hand-written zip containers."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator

from tests.sync.tamper import members_of

__all__ = ["deep_json", "deflated_zeros", "events_member", "handmade_zip", "rechain", "zip_bomb"]

LOCAL, CENTRAL, END = 0x04034B50, 0x02014B50, 0x06054B50
DOS_DATE_1980 = (0 << 9) | (1 << 5) | 1


def deflated_zeros(size: int, chunk: int = 1 << 22) -> bytes:
    """Raw deflate (no zlib header) of `size` zero bytes, compressed in chunks so making it needs little memory."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(chunk)
    parts = []
    left = size
    while left:
        take = min(left, chunk)
        parts.append(packer.compress(block[:take]))
        left -= take
    parts.append(packer.flush())
    return b"".join(parts)


def _entries(members: list[tuple[str, int, bytes, int, int]]) -> Iterator[tuple[bytes, bytes]]:
    offset = 0
    for name, method, data, declared_size, crc in members:
        raw = name.encode()
        local = struct.pack("<IHHHHHIIIHH", LOCAL, 20, 0, method, 0, DOS_DATE_1980, crc, len(data), declared_size,
                            len(raw), 0) + raw + data
        central = struct.pack("<IHHHHHHIIIHHHHHII", CENTRAL, (3 << 8) | 20, 20, 0, method, 0, DOS_DATE_1980, crc,
                              len(data), declared_size, len(raw), 0, 0, 0, 0, 0o100644 << 16, offset) + raw
        offset += len(local)
        yield local, central


def handmade_zip(members: list[tuple[str, int, bytes, int, int]]) -> bytes:
    """A zip from (name, method, stored bytes, declared uncompressed size, crc32) entries, headers as given."""
    pairs = list(_entries(members))
    body = b"".join(local for local, _ in pairs)
    directory = b"".join(central for _, central in pairs)
    end = struct.pack("<IHHHHIIH", END, 0, 0, len(pairs), len(pairs), len(directory), len(body), 0)
    return body + directory + end


def zip_bomb(bundle: bytes, member: str = "events.jsonl", expand_to: int = 1 << 30) -> bytes:
    """The bundle with `member` replaced by deflated zeros that expand to `expand_to` bytes, while both its local
    header and the central directory still claim the original (small) size and CRC."""
    members = members_of(bundle)
    entries = []
    for name in sorted(members):
        data = members[name]
        if name == member:
            entries.append((name, 8, deflated_zeros(expand_to), len(data), zlib.crc32(data)))
        else:
            entries.append((name, 0, data, len(data), zlib.crc32(data)))
    return handmade_zip(entries)


def deep_json(depth: int, leaf: str = "0") -> str:
    """`depth` nested JSON arrays around a leaf: [[[...0...]]]."""
    return "[" * depth + leaf + "]" * depth


def rechain(lines: list[dict], start: int = 0) -> list[dict]:
    """Event dicts with prev_hash and hash recomputed from `start` on, so an edited payload still chains."""
    from eventlog.canonical import canonical_json, chain_hash, event_bytes

    prev = lines[start - 1]["hash"] if start else "0" * 64
    for line in lines[start:]:
        line["prev_hash"] = prev
        line["hash"] = chain_hash(prev, event_bytes(line["session_id"], line["seq"], line["t_ns"], line["kind"],
                                                    line["game"], line["trial"], canonical_json(line["payload"])))
        prev = line["hash"]
    return lines


def events_member(lines: list[dict]) -> bytes:
    """events.jsonl bytes of event dicts, in the station's canonical spelling."""
    from eventlog.canonical import canonical_json

    return "".join(canonical_json(line) + "\n" for line in lines).encode()

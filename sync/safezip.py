"""Reading a zip of untrusted bytes with hard caps: the end record and directory are checked before zipfile sees
them, only stored (uncompressed) members are read, each in bounded chunks, refused at the first byte past its cap.

zipfile on its own trusts the sizes in the headers: a deflated member whose headers claim 5 KB is decompressed in
one call of up to 2 GiB before the size is compared, and a forged directory of a million entries is parsed into a
million objects. Here the container must look like a bundle (a few entries, a small directory right before the
end record, no zip64, no comment) before it is parsed at all.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping

from sync.errors import BundleFormatError

__all__ = ["CHUNK", "MAX_DIRECTORY_BYTES", "SafeZip"]

CHUNK = 64 * 1024
MAX_DIRECTORY_BYTES = 4096
_END = struct.Struct("<IHHHHIIH")
_END_SIGNATURE = 0x06054B50
_ZIP64_LOCATOR = b"PK\x06\x07"
_READ_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, zlib.error,
                NotImplementedError, RuntimeError)


def _check_end_record(data: bytes, entries: int) -> None:
    """The end-of-central-directory record closes the file, lists `entries` entries and a small directory just
    before it; anything else is refused before zipfile parses a single header."""
    if len(data) < _END.size:
        raise BundleFormatError("bundle", "not a zip file (too short for an end-of-central-directory record)")
    signature, disk, start_disk, here, total, size, offset, comment = _END.unpack_from(data, len(data) - _END.size)
    if signature != _END_SIGNATURE:
        raise BundleFormatError("bundle", "not a zip file, or bytes after its end record (a bundle ends with its "
                                "end-of-central-directory record, no comment)")
    if disk or start_disk or comment:
        raise BundleFormatError("bundle", "multi-disk zip or a zip comment; a bundle has neither")
    if here != entries or total != entries:
        raise BundleFormatError("bundle", f"the zip lists {total} entries; a bundle has exactly {entries}")
    if data[len(data) - _END.size - 20 : len(data) - _END.size - 16] == _ZIP64_LOCATOR:
        raise BundleFormatError("bundle", "zip64 records; a bundle is a plain zip")
    if size > MAX_DIRECTORY_BYTES or offset + size != len(data) - _END.size:
        raise BundleFormatError("bundle", f"central directory of {size} bytes at offset {offset} is not where a "
                                f"bundle's is (at most {MAX_DIRECTORY_BYTES} bytes, right before the end record)")


class SafeZip:
    """The members of a zip with exactly the names in `caps`, each at most its cap in bytes, all together at most
    `total_cap`; construction checks the container and every member's header, read() returns one member."""

    def __init__(self, data: bytes, caps: Mapping[str, int], total_cap: int) -> None:
        self.caps = dict(caps)
        self.total_cap = total_cap
        self.read_total = 0
        _check_end_record(data, len(self.caps))
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except _READ_ERRORS as exc:
            raise BundleFormatError("bundle", f"not a zip file ({exc})") from None
        self.infos = {info.filename: info for info in self.archive.infolist()}
        self._check_members()

    def _check_members(self) -> None:
        names = [info.filename for info in self.archive.infolist()]
        if sorted(names) != sorted(self.caps) or len(set(names)) != len(names):
            missing = sorted(set(self.caps) - set(names))
            extra = sorted(set(names) - set(self.caps))
            raise BundleFormatError("bundle", f"members must be exactly {sorted(self.caps)}; missing {missing}, "
                                    f"unexpected {extra[:8]}")
        for name, info in self.infos.items():
            if info.compress_type != zipfile.ZIP_STORED:
                raise BundleFormatError(name, f"compressed (zip method {info.compress_type}); bundle members are "
                                        "stored uncompressed, so nothing is ever decompressed")
            if info.flag_bits & 0x1:
                raise BundleFormatError(name, "encrypted zip member; a bundle has none")
            if info.file_size > self.caps[name]:
                raise BundleFormatError(name, f"declares {info.file_size} bytes, over its {self.caps[name]}-byte cap")

    def read(self, name: str) -> bytes:
        """One member, read in chunks of at most CHUNK bytes and refused at the first byte past its cap or past
        the bundle's total cap, whatever its headers claim."""
        cap = self.caps[name]
        parts: list[bytes] = []
        got = 0
        try:
            with self.archive.open(self.infos[name]) as handle:
                while True:
                    piece = handle.read(min(CHUNK, cap + 1 - got))
                    if not piece:
                        break
                    got += len(piece)
                    self.read_total += len(piece)
                    if got > cap:
                        raise BundleFormatError(name, f"holds more than its {cap}-byte cap")
                    if self.read_total > self.total_cap:
                        raise BundleFormatError("bundle", f"members hold more than the {self.total_cap}-byte cap")
                    parts.append(piece)
        except _READ_ERRORS as exc:
            raise BundleFormatError(name, f"cannot be read ({exc})") from None
        return b"".join(parts)

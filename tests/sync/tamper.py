"""Helpers that take a bundle apart and put altered versions back together (tests only)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable

from sync.bundle import zip_members
from sync.identity import StationIdentity

__all__ = ["members_of", "rebuild", "resign"]


def members_of(data: bytes) -> dict[str, bytes]:
    """A bundle's members by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rebuild(data: bytes, **replace: bytes) -> bytes:
    """The bundle with some members replaced (names with '.' written as '_': events_jsonl=...)."""
    members = members_of(data)
    for key, value in replace.items():
        members[key.replace("_", ".")] = value
    return zip_members(members)


def resign(data: bytes, identity: StationIdentity, edit: Callable[[dict], None] = lambda m: None,
           **replace: bytes) -> bytes:
    """Replace members, refresh the manifest's hashes, apply `edit` to the manifest, sign with identity."""
    members = members_of(data)
    for key, value in replace.items():
        members[key.replace("_", ".")] = value
    manifest = json.loads(members["manifest.json"])
    for name in ("events.jsonl", "results.json"):
        manifest["members"][name] = {"sha256": hashlib.sha256(members[name]).hexdigest(), "size": len(members[name])}
    edit(manifest)
    members["manifest.json"] = (json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    members["manifest.sig"] = identity.sign(members["manifest.json"])
    return zip_members(members)

"""The station's copy of its receiver's age recipient key: saved beside the endpoint (station_settings), fetched
from GET /api/v1/recipient, and what turns the outbox and exports into encrypted bundles.

Saving a recipient (or a new one) re-encrypts every bundle in the outbox for it, so the outbox only ever holds
bundles the current receiver can open: a plain bundle file is encrypted as it is, one encrypted for a previous
recipient is rebuilt from the log (bundles are deterministic) and encrypted again. Clearing the recipient leaves
the encrypted files as they are (the receiver accepts both).
"""

from __future__ import annotations

from pathlib import Path

import httpx
from pydantic import ValidationError

from eventlog import Store
from sync.bundle import build_bundle, bundle_sha256
from sync.errors import SealError
from sync.files import write_atomic
from sync.identity import StationIdentity, load_identity
from sync.outbox import RECIPIENT_KEY, OutboxItem, bundle_relative_path, items, load_recipient, read_item_bytes
from sync.protocol import RECIPIENT_PATH, RecipientInfo
from sync.sealing import is_sealed, parse_recipient, seal
from sync.trust import client_verify

# RECIPIENT_KEY and load_recipient live in sync.outbox (which builds sealed bundles) and are re-exported here
__all__ = ["RECIPIENT_KEY", "fetch_recipient", "load_recipient", "reseal_outbox", "save_recipient"]

def fetch_recipient(endpoint: str, ca_pem: str | None = None, transport: httpx.BaseTransport | None = None,
                    timeout: float = 10.0) -> str:
    """The recipient a receiver publishes at GET /api/v1/recipient; SealError saying why when it cannot be had."""
    url = endpoint.rstrip("/") + RECIPIENT_PATH
    try:
        with httpx.Client(transport=transport, timeout=timeout, verify=client_verify(ca_pem)) as http:
            response = http.get(url)
    except httpx.HTTPError as exc:
        raise SealError(f"{url}: cannot fetch the receiver's recipient key ({type(exc).__name__}: {exc})") from None
    if response.status_code != 200:
        raise SealError(f"{url}: HTTP {response.status_code}; a receiver that predates encryption has no recipient")
    try:
        return parse_recipient(RecipientInfo.model_validate_json(response.content).recipient, url)
    except ValidationError as exc:
        raise SealError(f"{url}: not a recipient answer ({exc.errors()[0]['msg']})") from None


def _plain_bundle(store: Store, entry: OutboxItem, identity: StationIdentity) -> bytes:
    data = read_item_bytes(store, entry)
    return build_bundle(store, entry.session_id, identity) if is_sealed(data) else data


def reseal_outbox(store: Store, recipient: str, identity: StationIdentity | None = None) -> int:
    """Encrypt every outbox bundle for `recipient` (see the module docstring); return how many were rewritten.
    Each new file is written (temp, fsync, rename) before its row changes; the old file is removed after."""
    recipient = parse_recipient(recipient)
    entries = items(store)
    if not entries:
        return 0
    identity = identity or load_identity(store.path.parent)
    for entry in entries:
        sealed = seal(_plain_bundle(store, entry, identity), recipient)
        relative = bundle_relative_path(entry.session_id, sealed=True)
        write_atomic(store.path.parent / relative, sealed)
        store.conn.execute("UPDATE outbox SET bundle_path = ?, bundle_sha256 = ?, bundle_size = ? "
                           "WHERE session_id = ?", (relative, bundle_sha256(sealed), len(sealed), entry.session_id))
        if entry.bundle_path != relative:
            Path(store.path.parent / entry.bundle_path).unlink(missing_ok=True)
    return len(entries)


def save_recipient(store: Store, text: str | None, identity: StationIdentity | None = None) -> str | None:
    """Check and save the receiver's recipient ('' or None clears it) and re-encrypt the outbox for it; return
    what was saved. SealError naming the problem when the text is not an age X25519 recipient."""
    recipient = parse_recipient(text, "recipient") if text and text.strip() else None
    store.conn.execute("INSERT INTO station_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET "
                       "value = excluded.value", (RECIPIENT_KEY, recipient or ""))
    if recipient is not None:
        reseal_outbox(store, recipient, identity)
    return recipient

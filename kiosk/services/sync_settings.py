"""Saving where the station syncs to (no Qt): the endpoint, and with it the receiver's age recipient, fetched from
the receiver (GET /api/v1/recipient) whenever an endpoint is saved, so the outbox is encrypted for the receiver
the station now uploads to. Runs on the DB worker (or in a command): the fetch waits on the network and saving
a recipient re-encrypts the whole outbox.

A receiver that cannot be reached when the endpoint is saved leaves the saved recipient as it was and says so
(EndpointSaved.problem); an offline station sets it by hand (`hiremate sync set-recipient AGE1...`).
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from kiosk.services.stationdb import StationDb
from sync.errors import SealError
from sync.recipient import fetch_recipient

__all__ = ["EndpointSaved", "save_endpoint"]


@dataclass(frozen=True)
class EndpointSaved:
    """What saving an endpoint did: the endpoint and the recipient saved now, and why the recipient could not be
    fetched (None when it was, or when sync was turned off)."""

    endpoint: str | None
    recipient: str | None
    problem: str | None = None

    def lines(self) -> list[str]:
        """What to tell the proctor, one line each."""
        if self.endpoint is None:
            return ["Receiver URL cleared: sync is off."]
        said = [f"Receiver URL saved: {self.endpoint}."]
        if self.problem is not None:
            said.append(f"Its encryption key could not be fetched ({self.problem}); bundles stay encrypted for "
                        f"{self.recipient or 'no one (plain)'} until it is (save the URL again, or "
                        "`hiremate sync set-recipient AGE1...`).")
        else:
            said.append(f"Bundles are encrypted for the receiver's key {self.recipient}.")
        return said


def save_endpoint(db: StationDb, text: str, transport: httpx.BaseTransport | None = None,
                  timeout: float = 10.0) -> EndpointSaved:
    """Validate and save the endpoint (ValueError naming what is wrong), then fetch the receiver's recipient and
    save it (re-encrypting the outbox for it)."""
    url = db.set_sync_endpoint(text)
    if url is None:
        return EndpointSaved(None, db.recipient())
    try:
        recipient = fetch_recipient(url, db.sync_ca_pem(), transport, timeout)
    except SealError as exc:
        return EndpointSaved(url, db.recipient(), str(exc))
    return EndpointSaved(url, db.set_recipient(recipient))

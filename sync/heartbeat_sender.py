"""The station's heartbeat thread: reads the station's state from its database, signs it and sends it.

Started and stopped by SyncWorker (sync/worker.py) beside its upload thread, never on the GUI thread. Every
`poll_s` it asks its HeartbeatSource for the state (read from the database on this thread: the open session's
recent events, the outbox, free disk); it sends at once when something the proctor sees changed (state, game,
trial, counts, alerts, outbox, error), and otherwise every `interval_s`. While the receiver is unreachable it
neither reads nor sends: it tries again after a backoff (2 s doubling to `max_backoff_s`), so an offline
station spends one connection attempt per backoff period and nothing else.
"""

from __future__ import annotations

import json
import logging
import random
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import httpx
from pydantic import ValidationError

from eventlog import Store
from sync.client import Backoff
from sync.heartbeat import HEARTBEATS_PATH, SIGNATURE_HEADER, Heartbeat, HeartbeatAck, signed_message
from sync.identity import StationIdentity, load_identity
from sync.trust import client_verify

__all__ = ["HeartbeatSender", "HeartbeatSource", "changed_fields"]

log = logging.getLogger(__name__)
TIMEOUT = httpx.Timeout(connect=3.0, read=5.0, write=5.0, pool=3.0)
CONTINUOUS = ("elapsed_s", "remaining_s", "idle_s", "free_disk_bytes")  # change all the time: not a "change"
REFUSED_WAIT_S = 60.0


class HeartbeatSource(Protocol):
    """Reads what a heartbeat says from the station database (on the heartbeat thread)."""

    def read(self, store: Store) -> dict[str, Any]:
        """Heartbeat fields (all but format, station_id, station_key, seq and sent_utc)."""
        ...


def changed_fields(body: dict[str, Any]) -> str:
    """What must differ between two heartbeats for the second to go at once (everything but the timers)."""
    return json.dumps({k: v for k, v in body.items() if k not in CONTINUOUS}, sort_keys=True, default=str)


class HeartbeatSender:
    """Sends signed heartbeats for the station database at db_path to endpoint (see the module docstring)."""

    def __init__(self, db_path: Path | str, endpoint: str, source: HeartbeatSource, interval_s: float = 5.0,
                 poll_s: float = 0.5, transport: httpx.BaseTransport | None = None, ca_pem: str | None = None,
                 max_backoff_s: float = 60.0, clock: Callable[[], float] = time.time) -> None:
        self.db_path = Path(db_path)
        self.source = source
        self.interval_s, self.poll_s = interval_s, poll_s
        self.backoff = Backoff(base_s=2.0, cap_s=max_backoff_s)
        self.clock = clock
        self.http = httpx.Client(base_url=endpoint.rstrip("/"), transport=transport, timeout=TIMEOUT,
                                 verify=client_verify(ca_pem))
        self.sent = 0
        self.refusal: str | None = None  # the receiver's last refusal (not enrolled, malformed…)
        self.failure: BaseException | None = None
        self._seq = 0
        self._rng = random.Random()
        self._down = 0
        self._last_key: str | None = None
        self._last_sent = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="hiremate-heartbeat", daemon=True)

    def start(self) -> HeartbeatSender:
        """Start the thread."""
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the current heartbeat (timeout=0: do not wait)."""
        self._stop.set()
        self._thread.join(timeout)

    @property
    def running(self) -> bool:
        """Whether the thread is alive."""
        return self._thread.is_alive()

    def _next_seq(self) -> int:
        self._seq = max(self._seq + 1, int(self.clock() * 1_000_000))
        return self._seq

    def _signed(self, identity: StationIdentity, fields: dict[str, Any]) -> bytes:
        beat = Heartbeat(**fields, station_id=identity.station_id, station_key=identity.public_hex,
                         seq=self._next_seq(), sent_utc=datetime.now(UTC).isoformat(timespec="milliseconds"))
        return json.dumps(beat.model_dump(mode="json"), sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False).encode()

    def _post(self, identity: StationIdentity, fields: dict[str, Any]) -> str:
        """One heartbeat: "stored", "stale" (seq moved past the stored one: send again), "refused" or "offline"."""
        body = self._signed(identity, fields)
        signature = identity.sign(signed_message(body)).hex()
        try:
            answer = self.http.post(HEARTBEATS_PATH, content=body,
                                    headers={"Content-Type": "application/json", SIGNATURE_HEADER: signature})
        except httpx.TransportError:
            return "offline"
        if answer.status_code in (200, 409):
            try:
                ack = HeartbeatAck.model_validate_json(answer.content)
            except ValidationError:
                return "offline"
            self._seq = max(self._seq, ack.stored_seq)
            return ack.status
        if answer.status_code >= 500 or answer.status_code in (408, 429):
            return "offline"
        self.refusal = f"HTTP {answer.status_code}: {answer.text[:300]}"
        log.warning("heartbeat refused: %s", self.refusal)
        return "refused"

    def _beat(self, store: Store, identity: StationIdentity, force: bool) -> float:
        """Read the state, send it if due; seconds to wait before the next look."""
        fields = self.source.read(store)
        key, now = changed_fields(fields), time.monotonic()
        if not force and key == self._last_key and now - self._last_sent < self.interval_s:
            return self.poll_s
        outcome = self._post(identity, fields)
        if outcome == "stale":
            outcome = self._post(identity, fields)  # seq now past the stored one
        if outcome == "offline":
            self._down += 1
            return self.backoff.delay(self._down, self._rng)
        self._down = 0
        self._last_key, self._last_sent = key, now
        if outcome == "refused":
            return REFUSED_WAIT_S
        self.sent += 1
        self.refusal = None
        return self.poll_s

    def _run(self) -> None:
        try:
            identity = load_identity(self.db_path.parent)
            with Store(self.db_path) as store:
                force = True
                while not self._stop.is_set():
                    wait = self._beat(store, identity, force)
                    force = wait > self.poll_s  # after a backoff or a refusal: send whatever the state is
                    self._stop.wait(wait)
        except Exception as exc:  # keep it for whoever looks, and log it: the station goes on without heartbeats
            self.failure = exc
            log.exception("heartbeat thread stopped")
        finally:
            self.http.close()

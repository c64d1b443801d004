"""EventLog: open, record into and close sessions without blocking the caller on disk."""

from __future__ import annotations

import platform
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from eventlog.canonical import GENESIS_HASH, canonical_json, utc_text
from eventlog.checkpoints import Signer
from eventlog.core_kinds import CLOSE_STATUS  # importing it registers the session.* kinds
from eventlog.errors import (
    SequenceGapError,
    SessionClosedError,
    TimestampError,
    WriterFailedError,
)
from eventlog.kinds import ENCODERS, payload_encoder, validate_payload
from eventlog.records import EventRecord
from eventlog.store import Store, connect
from eventlog.writer import AdoptOp, CloseOp, FlushOp, OpenOp, StopOp, Writer

__all__ = ["EventLog", "OpenSession"]

WALL_JUMP_THRESHOLD_NS = 1_000_000_000
UNVERSIONED = "unversioned"  # app_version of sessions opened by code that did not say (tests, benchmarks)


@dataclass(slots=True)
class OpenSession:
    """Caller-side state of a session open in this process."""

    session_id: str
    t0_perf_ns: int
    anchor_wall_ns: int
    next_seq: int
    last_drift_ns: int = 0

    def since_start(self, perf_ns: int) -> int:
        """Convert a perf_counter_ns() stamp taken in an input handler to the session's t_ns."""
        return perf_ns - self.t0_perf_ns

    def now_ns(self) -> int:
        """The session's t_ns for this instant."""
        return time.perf_counter_ns() - self.t0_perf_ns


def _local_zone() -> str:
    return datetime.now().astimezone().tzname() or "UTC"


class EventLog:
    """The append-only log of one station database, with one writer thread.

    With a `signer` (the station key; eventlog.checkpoints.Signer) the writer thread signs a checkpoint of a
    session's chain head at every trial boundary (`checkpoint()`) and at close, in the same transaction as the
    events it covers; on first opening a database without checkpoints it signs every session's current head
    once ("adopted"). Without one (tests, benchmarks) nothing is signed and `hiremate verify-log` says so.
    """

    def __init__(self, path: Path | str, window_ms: float = 20.0, app_version: str = UNVERSIONED,
                 signer: Signer | None = None) -> None:
        self.app_version = app_version  # recorded in every session.opened; the app passes its own version
        self.store = Store(path)
        self.signer = signer
        self._writer = Writer(connect(path), window_ms / 1000.0, signer, self.store.path)
        self._put = self._writer.queue.put
        self._lock = threading.Lock()
        self._open: dict[str, OpenSession] = {}
        self._closed = False
        if signer is not None:
            self._writer.queue.put(AdoptOp())

    @classmethod
    def in_dir(cls, data_dir: Path | str, window_ms: float = 20.0, app_version: str = UNVERSIONED,
               signer: Signer | None = None) -> EventLog:
        """Open the log of the station database inside a data directory."""
        store = Store.in_dir(data_dir)
        store.close()
        return cls(store.path, window_ms, app_version, signer)

    # -- sessions -----------------------------------------------------------------------------

    def open_session(
        self, purpose: str, participant: str, battery: str | None = None, session_id: str | None = None
    ) -> OpenSession:
        """Open a session: anchor t_ns = 0 to the wall clock and record session.opened."""
        sid = session_id or str(uuid.uuid4())
        t0 = time.perf_counter_ns()
        wall = time.time_ns()
        meta = {
            "purpose": purpose, "participant": participant, "battery": battery,
            "app_version": self.app_version, "platform": platform.platform(), "time_zone": _local_zone(),
            "anchor_wall_utc": utc_text(wall),
        }
        payload = validate_payload("session.opened", meta)
        row = {"id": sid, "status": "open", "anchor_wall_ns": wall, **{k: meta[k] for k in meta if k != "battery"},
               "battery": battery}
        state = OpenSession(sid, t0, wall, 0)
        with self._lock:
            self._check_writer()
            if sid in self._open or self.store.session(sid) is not None:
                raise SessionClosedError(f"session {sid} already exists")
            self._open[sid] = state
            self._writer.queue.put(OpenOp(row, sid, GENESIS_HASH))
            self._enqueue(state, "session.opened", 0, canonical_json(payload), None, None)
        return state

    def resume_session(self, session_id: str, game: str | None = None, trial: int | None = None) -> OpenSession:
        """Continue an interrupted session in this process, recording session.resumed."""
        row = self.store.session(session_id)
        if row is None or row.status not in ("open", "interrupted"):
            status = row.status if row else "no such session"
            raise SessionClosedError(f"session {session_id} cannot be resumed (status: {status})")
        events = self.store.events(session_id)
        last = events[-1]
        wall = time.time_ns()
        elapsed = max(last.t_ns + 1, wall - row.anchor_wall_ns)
        state = OpenSession(session_id, time.perf_counter_ns() - elapsed, row.anchor_wall_ns, last.seq + 1)
        payload = validate_payload("session.resumed", {
            "last_seq_before": last.seq, "wall_utc": utc_text(wall), "gap_ns_estimate": elapsed - last.t_ns,
            "resume_game": game, "resume_trial": trial,
        })
        with self._lock:
            self._check_writer()
            if session_id in self._open:
                raise SessionClosedError(f"session {session_id} is already open in this process")
            self._open[session_id] = state
            self._writer.queue.put(OpenOp(None, session_id, last.hash, last.seq))
            self._enqueue(state, "session.resumed", elapsed, canonical_json(payload), None, None)
        return state

    def close_session(self, session_id: str, t_ns: int, reason: str = "completed") -> str:
        """Record session.closed, wait until durable, and return the chain head."""
        with self._lock:
            state = self._require_open(session_id)
            payload = validate_payload("session.closed", {"reason": reason, "event_count": state.next_seq + 1})
            self._check_time(t_ns)
            self._enqueue(state, "session.closed", t_ns, canonical_json(payload), None, None)
            del self._open[session_id]
            self._writer.queue.put(
                CloseOp(session_id, CLOSE_STATUS[reason], datetime.now(UTC).isoformat(), state.next_seq)
            )
        self.flush()
        row = self.store.session(session_id)
        assert row is not None and row.chain_head is not None
        return row.chain_head

    def is_open(self, session_id: str) -> bool:
        """Whether the session is open in this process."""
        return session_id in self._open

    # -- events -------------------------------------------------------------------------------

    def record(
        self,
        session_id: str,
        kind: str,
        t_ns: int,
        payload: Mapping[str, Any] | BaseModel,
        *,
        game: str | None = None,
        trial: int | None = None,
    ) -> int:
        """Validate and enqueue one event; return its sequence number. Never waits on disk."""
        if type(t_ns) is not int or t_ns < 0:
            self._check_time(t_ns)
        payload_json = (ENCODERS.get(kind) or payload_encoder(kind))(payload)
        with self._lock:  # _require_open and _enqueue, inlined: this is the log's hottest path
            if self._closed or self._writer.failure is not None:
                self._check_writer()
            state = self._open.get(session_id)
            if state is None:
                self._require_open(session_id)
                raise AssertionError("unreachable: _require_open raises for a session that is not open")
            seq = state.next_seq
            state.next_seq = seq + 1
            self._put((session_id, seq, t_ns, kind, game, trial, payload_json))
            return seq

    def append_records(self, records: Iterable[EventRecord]) -> int:
        """Append already-chained records (a resumed import); each must follow the log's last one."""
        count = 0
        for rec in records:
            with self._lock:
                state = self._require_open(rec.session_id)
                if rec.seq != state.next_seq:
                    raise SequenceGapError(
                        f"session {rec.session_id}: field 'seq' is {rec.seq}, expected {state.next_seq}"
                    )
                self._check_time(rec.t_ns)
                payload_json = canonical_json(validate_payload(rec.kind, rec.payload))
                self._enqueue(state, rec.kind, rec.t_ns, payload_json, rec.game, rec.trial)
            count += 1
        return count

    def add_commit_listener(self, listener: Callable[[dict[str, int]], None]) -> None:
        """Call listener on the writer thread after each commit with {session_id: last durable seq}."""
        self._writer.commit_listeners.append(listener)

    def add_storage_listener(self, listener: Callable[[str | None], None]) -> None:
        """Call listener on the writer thread when commits start failing for lack of space or an I/O error (with
        what failed) and again with None once they succeed; meanwhile nothing recorded is dropped."""
        self._writer.storage_listeners.append(listener)

    @property
    def storage_problem(self) -> str | None:
        """Why the writer cannot commit right now (a full disk), or None."""
        return self._writer.stalled

    def request_flush(self) -> FlushOp:
        """Queue a durability marker without waiting; op.done is set once it is durable."""
        op = FlushOp()
        self._writer.queue.put(op)
        return op

    def checkpoint(self, session_id: str) -> FlushOp:
        """A trial boundary: queue a durability marker that also signs the session's chain head (with a signer);
        never waits."""
        op = FlushOp(checkpoint=session_id)
        self._writer.queue.put(op)
        return op

    def flush(self, timeout: float | None = None) -> None:
        """Return once every event recorded before this call is durable on disk."""
        self.check_wall_clock()
        op = self.request_flush()
        if not op.done.wait(timeout):
            raise TimeoutError("event log flush did not complete in time")
        self._check_writer()

    def check_wall_clock(self) -> None:
        """Record clock.wall_jump for open sessions whose wall clock moved against the monotonic one."""
        with self._lock:
            states = list(self._open.values())
        for state in states:
            now = time.perf_counter_ns()
            wall = time.time_ns()
            drift = (wall - state.anchor_wall_ns) - (now - state.t0_perf_ns)
            jump = drift - state.last_drift_ns
            if abs(jump) >= WALL_JUMP_THRESHOLD_NS:
                state.last_drift_ns = drift
                payload = {"jump_ns": jump, "wall_utc": utc_text(wall)}
                try:
                    self.record(state.session_id, "clock.wall_jump", now - state.t0_perf_ns, payload)
                except SessionClosedError:
                    continue

    def close(self) -> None:
        """Commit what is queued, stop the writer, close the connections. Open sessions stay open."""
        if self._closed:
            return
        self._closed = True
        stop = StopOp()
        self._writer.queue.put(stop)
        stop.done.wait()
        self._writer.join()
        self.store.close()

    def __enter__(self) -> EventLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals ----------------------------------------------------------------------------

    def _enqueue(
        self, state: OpenSession, kind: str, t_ns: int, payload_json: str, game: str | None, trial: int | None
    ) -> int:
        seq = state.next_seq
        state.next_seq = seq + 1
        self._writer.queue.put((state.session_id, seq, t_ns, kind, game, trial, payload_json))
        return seq

    def _require_open(self, session_id: str) -> OpenSession:
        self._check_writer()
        state = self._open.get(session_id)
        if state is None:
            raise SessionClosedError(f"session {session_id} is not open: events after close are refused")
        return state

    def _check_writer(self) -> None:
        if self._closed:
            raise WriterFailedError("the event log is closed")
        if self._writer.failure is not None:
            raise self._writer.failure

    @staticmethod
    def _check_time(t_ns: int) -> None:
        if type(t_ns) is not int or t_ns < 0:
            raise TimestampError(f"field 't_ns' must be a non-negative integer of nanoseconds, got {t_ns!r}")

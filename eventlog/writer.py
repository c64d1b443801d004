"""The single writer thread: sequences are assigned by callers; it chains, batches and commits."""

from __future__ import annotations

import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eventlog.canonical import chain_hash, event_bytes
from eventlog.errors import WriterFailedError
from eventlog.transaction import atomic

__all__ = ["CloseOp", "EventOp", "FlushOp", "OpenOp", "StopOp", "Writer"]

MAX_BATCH = 20_000


@dataclass(slots=True)
class EventOp:
    """One validated event waiting for its hash and its commit."""

    session_id: str
    seq: int
    t_ns: int
    kind: str
    game: str | None
    trial: int | None
    payload_json: str
    done: threading.Event | None = None


@dataclass(slots=True)
class OpenOp:
    """Insert a session row; `head` is the chain head to continue from (resume)."""

    row: dict[str, Any] | None
    session_id: str
    head: str


@dataclass(slots=True)
class CloseOp:
    """Mark a session closed once its last event is committed."""

    session_id: str
    status: str
    closed_utc: str
    event_count: int


@dataclass(slots=True)
class FlushOp:
    """Set `done` once everything queued before it is durable."""

    done: threading.Event = field(default_factory=threading.Event)


@dataclass(slots=True)
class StopOp:
    """Commit what is queued, then end the thread."""

    done: threading.Event = field(default_factory=threading.Event)


Op = EventOp | OpenOp | CloseOp | FlushOp | StopOp

INSERT_EVENT = (
    "INSERT INTO events (session_id, seq, t_ns, kind, game, trial, payload, prev_hash, hash)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class Writer:
    """Owns the write connection; commits queued ops in groups within a bounded window."""

    def __init__(self, conn: sqlite3.Connection, window_s: float) -> None:
        self.queue: queue.SimpleQueue[Op] = queue.SimpleQueue()
        self.failure: BaseException | None = None
        self.heads: dict[str, str] = {}
        self.commit_listeners: list[Callable[[dict[str, int]], None]] = []
        self._conn = conn
        self._window_s = window_s
        self._thread = threading.Thread(target=self._run, name="hiremate-log-writer", daemon=True)
        self._thread.start()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the thread to end after a StopOp."""
        self._thread.join(timeout)

    def _collect(self, first: Op) -> list[Op]:
        """Gather ops until the window closes, a flush/stop arrives, or the batch is full."""
        batch = [first]
        deadline = time.monotonic() + self._window_s
        while len(batch) < MAX_BATCH and not isinstance(batch[-1], FlushOp | StopOp):
            remaining = deadline - time.monotonic()
            try:
                op = self.queue.get_nowait() if remaining <= 0 else self.queue.get(timeout=remaining)
            except queue.Empty:
                break
            batch.append(op)
        return batch

    def _run(self) -> None:
        while True:
            batch = self._collect(self.queue.get())
            if self.failure is None:
                self._commit(batch)
            for op in batch:
                if isinstance(op, FlushOp | StopOp) or (isinstance(op, EventOp) and op.done is not None):
                    op.done.set()  # type: ignore[union-attr]
            if isinstance(batch[-1], StopOp):
                return

    def _commit(self, batch: list[Op]) -> None:
        heads = dict(self.heads)
        rows: list[tuple[Any, ...]] = []
        try:
            with atomic(self._conn):  # the whole batch, or (rolled back) nothing
                for op in batch:
                    if isinstance(op, EventOp):
                        rows.append(self._chain(op, heads))
                        continue
                    if rows:
                        self._conn.executemany(INSERT_EVENT, rows)
                        rows = []
                    self._apply(op, heads)
                if rows:
                    self._conn.executemany(INSERT_EVENT, rows)
        except BaseException as exc:  # disk full, I/O error: refuse everything after this
            self.failure = WriterFailedError(f"event log writer failed: {exc}")
            return
        self.heads = heads
        self._announce(batch)

    def _announce(self, batch: list[Op]) -> None:
        """Tell listeners the last durable sequence number of each session in this commit."""
        if not self.commit_listeners:
            return
        last: dict[str, int] = {}
        for op in batch:
            if isinstance(op, EventOp):
                last[op.session_id] = op.seq
        for listener in self.commit_listeners:
            listener(last)

    @staticmethod
    def _chain(op: EventOp, heads: dict[str, str]) -> tuple[Any, ...]:
        prev = heads[op.session_id]
        digest = chain_hash(
            prev, event_bytes(op.session_id, op.seq, op.t_ns, op.kind, op.game, op.trial, op.payload_json)
        )
        heads[op.session_id] = digest
        return (op.session_id, op.seq, op.t_ns, op.kind, op.game, op.trial, op.payload_json, prev, digest)

    def _apply(self, op: Op, heads: dict[str, str]) -> None:
        if isinstance(op, OpenOp):
            if op.row is not None:
                columns = ", ".join(op.row)
                marks = ", ".join("?" for _ in op.row)
                self._conn.execute(f"INSERT INTO sessions ({columns}) VALUES ({marks})", tuple(op.row.values()))
            else:
                self._conn.execute("UPDATE sessions SET status = 'open' WHERE id = ?", (op.session_id,))
            heads[op.session_id] = op.head
        elif isinstance(op, CloseOp):
            self._conn.execute(
                "UPDATE sessions SET status = ?, closed_utc = ?, event_count = ?, chain_head = ? WHERE id = ?",
                (op.status, op.closed_utc, op.event_count, heads[op.session_id], op.session_id),
            )
            heads.pop(op.session_id, None)

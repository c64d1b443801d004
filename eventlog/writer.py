"""The single writer thread: sequences are assigned by callers; it chains, batches, commits and signs checkpoints.

When the disk is full (or an I/O error stops a commit) nothing is dropped: the batch stays in memory, the writer
says so to its storage listeners (the station shows a "please call the proctor" screen), and it tries the same
batch again, with whatever arrived meanwhile, every `retry_s` until the commit succeeds; then it says so again.
Only a stop request while stalled gives up (after one last try), and says how many events were not written.
"""

from __future__ import annotations

import errno
import queue
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from eventlog.canonical import chain_event
from eventlog.checkpoints import Signer, last_checkpoint, write_checkpoint
from eventlog.errors import WriterFailedError
from eventlog.transaction import atomic

__all__ = ["AdoptOp", "CloseOp", "EventOp", "FlushOp", "OpenOp", "StopOp", "Writer"]

MAX_BATCH = 20_000
RETRY_S = 1.0
SQLITE_IOERR, SQLITE_FULL = 10, 13
STORAGE_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EIO)


class EventOp(NamedTuple):
    """One validated event waiting for its hash and its commit: the first seven columns of its row, in order.

    Any tuple of these seven is an event op (record() queues plain tuples, the cheapest thing to make); every other
    op is a dataclass, so the writer tells events apart with isinstance(op, tuple).
    """

    session_id: str
    seq: int
    t_ns: int
    kind: str
    game: str | None
    trial: int | None
    payload_json: str


@dataclass(slots=True)
class OpenOp:
    """Insert a session row; `head` and `last_seq` are where the chain continues from (resume)."""

    row: dict[str, Any] | None
    session_id: str
    head: str
    last_seq: int = -1


@dataclass(slots=True)
class CloseOp:
    """Mark a session closed once its last event is committed (and sign a close checkpoint)."""

    session_id: str
    status: str
    closed_utc: str
    event_count: int


@dataclass(slots=True)
class FlushOp:
    """Set `done` once everything queued before it is durable; with `checkpoint`, also sign that session's head
    (a trial boundary)."""

    done: threading.Event = field(default_factory=threading.Event)
    checkpoint: str | None = None


@dataclass(slots=True)
class AdoptOp:
    """Sign the current head of every session, once, when a signing log first opens a database without
    checkpoints (one made before they existed)."""


@dataclass(slots=True)
class StopOp:
    """Commit what is queued, then end the thread."""

    done: threading.Event = field(default_factory=threading.Event)


Op = EventOp | tuple[str, int, int, str, str | None, int | None, str] | OpenOp | CloseOp | FlushOp | AdoptOp | StopOp

INSERT_EVENT = (
    "INSERT INTO events (session_id, seq, t_ns, kind, game, trial, payload, prev_hash, hash)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
COLUMNS = 9
CHUNK_ROWS = 500  # rows per multi-row INSERT (fewer when SQLite allows fewer than 4,500 parameters)


def insert_many_sql(rows: int) -> str:
    """One INSERT of `rows` events (multi-row VALUES)."""
    return INSERT_EVENT + ", (?, ?, ?, ?, ?, ?, ?, ?, ?)" * (rows - 1)


def is_storage_error(exc: BaseException) -> bool:
    """A full disk or an I/O error: worth trying again once space is freed, not a bug."""
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        return code is not None and code & 0xFF in (SQLITE_FULL, SQLITE_IOERR)
    return isinstance(exc, OSError) and exc.errno in STORAGE_ERRNOS


class Writer:
    """Owns the write connection; commits queued ops in groups within a bounded window."""

    def __init__(self, conn: sqlite3.Connection, window_s: float, signer: Signer | None = None,
                 where: Path | None = None, retry_s: float = RETRY_S) -> None:
        self.queue: queue.SimpleQueue[Op] = queue.SimpleQueue()
        self.failure: BaseException | None = None
        self.stalled: str | None = None  # why commits fail for now (disk full); None when writing normally
        self.heads: dict[str, str] = {}
        self.seqs: dict[str, int] = {}
        self.commit_listeners: list[Callable[[dict[str, int]], None]] = []
        self.storage_listeners: list[Callable[[str | None], None]] = []
        self._conn = conn
        self._chunk = max(1, min(CHUNK_ROWS, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // COLUMNS))
        self._insert_chunk = insert_many_sql(self._chunk)
        self._window_s = window_s
        self._signer = signer
        self._where = where
        self._retry_s = retry_s
        self._thread = threading.Thread(target=self._run, name="hiremate-log-writer", daemon=True)
        self._thread.start()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the thread to end after a StopOp."""
        self._thread.join(timeout)

    def _collect(self, first: Op) -> list[Op]:
        """Gather ops until the window closes, a flush/stop arrives, or the batch is full."""
        batch = [first]
        deadline = time.monotonic() + self._window_s
        get_nowait, append = self.queue.get_nowait, batch.append
        op: Op = first
        while len(batch) < MAX_BATCH and type(op) is not FlushOp and type(op) is not StopOp:
            try:
                op = get_nowait()  # what is queued already joins the batch without a timed wait per op
            except queue.Empty:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                try:
                    op = self.queue.get(timeout=remaining)
                except queue.Empty:
                    break
            append(op)
        return batch

    def _run(self) -> None:
        while True:
            batch = self._collect(self.queue.get())
            while self.failure is None and not self._commit(batch):
                if any(isinstance(op, StopOp) for op in batch):
                    self._give_up(batch)
                    break
                batch = self._wait_for_space(batch)
            if self.stalled is not None and self.failure is None:
                self._tell_storage(None)
            if self._release(batch):
                self._conn.close()  # the last connection closing merges and removes the WAL file
                return

    @staticmethod
    def _release(batch: list[Op]) -> bool:
        """Wake whoever waits on an op of this (committed or refused) batch; True when it holds a StopOp."""
        stop = False
        for op in batch:
            if type(op) is FlushOp or type(op) is StopOp:
                op.done.set()
                stop = stop or type(op) is StopOp
        return stop

    def _wait_for_space(self, batch: list[Op]) -> list[Op]:
        """Sleep one retry interval, keeping every op that arrives meanwhile (in order) for the next try."""
        deadline = time.monotonic() + self._retry_s
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                op = self.queue.get(timeout=remaining)
            except queue.Empty:
                break
            batch.append(op)
            if isinstance(op, StopOp):
                break
        return batch

    def _give_up(self, batch: list[Op]) -> None:
        lost = sum(isinstance(op, tuple) for op in batch)
        self.failure = WriterFailedError(f"event log writer stopped while it could not write ({self.stalled}); "
                                         f"{lost} events were not written")

    def _tell_storage(self, problem: str | None) -> None:
        self.stalled = problem
        for listener in self.storage_listeners:
            listener(problem)

    def _storage_problem(self, exc: BaseException) -> str:
        where = f" ({self._where})" if self._where else ""
        free = ""
        if self._where is not None:
            try:
                free = f"; {shutil.disk_usage(self._where.parent).free // 1024} KiB free"
            except OSError:
                free = ""
        return f"the station cannot write its log{where}: {exc}{free}"

    def _commit(self, batch: list[Op]) -> bool:
        """Commit the batch in one transaction; False when storage refused it (the batch is kept for a retry)."""
        heads, seqs = dict(self.heads), dict(self.seqs)
        try:
            with atomic(self._conn):  # the whole batch, or (rolled back) nothing
                self._write(batch, heads, seqs)
        except BaseException as exc:
            if is_storage_error(exc):
                if self.stalled is None:
                    self._tell_storage(self._storage_problem(exc))
                return False
            self.failure = WriterFailedError(f"event log writer failed: {exc}")  # a bug: refuse everything after
            return True
        self.heads, self.seqs = heads, seqs
        self._announce(batch)
        return True

    def _write(self, batch: list[Op], heads: dict[str, str], seqs: dict[str, int]) -> None:
        """Chain and insert the batch's events in order, applying the other ops between runs of events."""
        values: list[Any] = []  # the rows of a run of events, flat: nine values per event
        extend, chain = values.extend, chain_event
        for op in batch:
            if isinstance(op, tuple):
                session_id = op[0]
                prev = heads[session_id]
                digest = heads[session_id] = chain(prev, *op)  # the op's fields are chain_event's, in order
                seqs[session_id] = op[1]
                extend(op)
                extend((prev, digest))
                continue
            if values:
                self._insert(values)
                values.clear()
            self._apply(op, heads, seqs)
        if values:
            self._insert(values)

    def _insert(self, values: list[Any]) -> None:
        """Insert events given as flat row values: whole chunks as multi-row INSERTs, the rest with executemany.

        A multi-row INSERT is bound in one call and runs in one sqlite3_step, which releases the GIL for the whole
        chunk, so the callers' record() can run meanwhile; executemany releases and retakes it for every row, and a
        thread retaking the GIL from a busy one may wait up to the switch interval (5 ms) each time.
        """
        width = self._chunk * COLUMNS
        whole = len(values) - len(values) % width
        execute = self._conn.execute
        for start in range(0, whole, width):
            execute(self._insert_chunk, values[start:start + width])
        if whole < len(values):
            rest = iter(values[whole:])
            self._conn.executemany(INSERT_EVENT, zip(*[rest] * COLUMNS, strict=True))

    def _announce(self, batch: list[Op]) -> None:
        """Tell listeners the last durable sequence number of each session in this commit."""
        if not self.commit_listeners:
            return
        last: dict[str, int] = {}
        for op in batch:
            if isinstance(op, tuple):
                last[op[0]] = op[1]
        for listener in self.commit_listeners:
            listener(last)

    def _apply(self, op: Op, heads: dict[str, str], seqs: dict[str, int]) -> None:
        if isinstance(op, OpenOp):
            if op.row is not None:
                columns = ", ".join(op.row)
                marks = ", ".join("?" for _ in op.row)
                self._conn.execute(f"INSERT INTO sessions ({columns}) VALUES ({marks})", tuple(op.row.values()))
            else:
                self._conn.execute("UPDATE sessions SET status = 'open' WHERE id = ?", (op.session_id,))
            heads[op.session_id] = op.head
            seqs[op.session_id] = op.last_seq
        elif isinstance(op, CloseOp):
            head = heads[op.session_id]
            self._conn.execute(
                "UPDATE sessions SET status = ?, closed_utc = ?, event_count = ?, chain_head = ? WHERE id = ?",
                (op.status, op.closed_utc, op.event_count, head, op.session_id),
            )
            if self._signer is not None:
                write_checkpoint(self._conn, self._signer, op.session_id, op.event_count - 1, head, "close",
                                 op.status, op.closed_utc)
            heads.pop(op.session_id, None)
            seqs.pop(op.session_id, None)
        elif isinstance(op, FlushOp) and op.checkpoint is not None and self._signer is not None:
            sid = op.checkpoint
            if sid in heads and seqs.get(sid, -1) >= 0:
                write_checkpoint(self._conn, self._signer, sid, seqs[sid], heads[sid], "trial")
        elif isinstance(op, AdoptOp) and self._signer is not None:
            self._adopt(self._signer)

    def _adopt(self, signer: Signer) -> None:
        if last_checkpoint(self._conn) is not None:
            return
        sessions = self._conn.execute("SELECT id, status, closed_utc FROM sessions ORDER BY anchor_wall_ns").fetchall()
        for session_id, status, closed_utc in sessions:
            last = self._conn.execute("SELECT seq, hash FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1",
                                      (session_id,)).fetchone()
            if last is not None:
                write_checkpoint(self._conn, signer, session_id, last[0], last[1], "adopted", status, closed_utc)

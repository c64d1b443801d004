"""Scoring many sessions of a station database at once, in worker processes that each read their own share."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sqlite3
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

from eventlog import EventLogError, Store
from eventlog.pages import with_damaged_page
from eventlog.verify import verify_session
from scoring import ScoringError, score_session

__all__ = ["CHUNK", "Scored", "default_jobs", "score_many"]

CHUNK = 25
"""Sessions per task: small enough that the workers finish together, large enough that sending the ids and the
results costs little beside scoring them."""


@dataclass(frozen=True)
class Scored:
    """One session's outcome: its canonical JSON under the scoring version asked for, or the one-line reason it
    could not be scored (the events stay as they are either way)."""

    session_id: str
    canonical_json: bytes | None
    error: str | None = None


def default_jobs() -> int:
    """The worker processes to use by default: one per CPU this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def score_many(path: Path, session_ids: Sequence[str], jobs: int = 1, version: str | None = None,
               verify: bool = False) -> list[Scored]:
    """Each session scored from its events in `path` (a station database), in order; with `verify`, only after its
    chain and row verify (eventlog.verify.verify_session, as `hiremate score SESSION` does). With jobs > 1 the
    sessions are shared out in chunks to that many worker processes, each with its own read connection; with 1
    they are scored here. A session that cannot be read, verified or scored is a Scored with its one-line reason,
    never a failure of all."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    chunks = [list(session_ids[i:i + CHUNK]) for i in range(0, len(session_ids), CHUNK)]
    if jobs == 1 or len(chunks) < 2:
        with Store(path, readonly=True) as store:
            return [scored for chunk in chunks for scored in _score_chunk(store, chunk, version, verify)]
    with ProcessPoolExecutor(min(jobs, len(chunks)), mp_context=_context(), initializer=_start_worker,
                             initargs=(str(path),)) as pool:
        return [scored for done in pool.map(_worker_chunk, chunks, repeat(version), repeat(verify)) for scored in done]


def _context() -> multiprocessing.context.BaseContext:
    """Fork where it is safe (Linux, a process with no other thread; workers then start without importing anything
    again), else spawn (a fresh interpreter per worker; macOS system libraries do not survive a fork)."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _score_chunk(store: Store, session_ids: Sequence[str], version: str | None, verify: bool) -> Iterator[Scored]:
    for session_id in session_ids:
        try:
            if verify:
                _verified(store, session_id)
            records = store.events(session_id)
            if not records:
                yield Scored(session_id, None, f"no events are stored for session {session_id!r}")
                continue
            yield Scored(session_id, score_session(records, version).canonical_json())
        except _VerifyFailed as exc:
            yield Scored(session_id, None, f"the log does not verify: {exc}")
        except (ScoringError, EventLogError, sqlite3.DatabaseError) as exc:
            yield Scored(session_id, None, str(exc))


class _VerifyFailed(Exception):
    """The session's chain or its row does not verify (the message says where)."""


def _verified(store: Store, session_id: str) -> None:
    """verify_session over the session, as `hiremate score SESSION` runs it before scoring."""
    try:
        row = store.session(session_id)
        if row is None:
            raise _VerifyFailed(f"no session {session_id!r} in the sessions table")
        verify_session(store, row)
    except (EventLogError, sqlite3.DatabaseError) as exc:
        why = with_damaged_page(store.path, str(exc)) if "malformed" in str(exc) else str(exc)
        raise _VerifyFailed(why) from None


_WORKER: dict[str, Store] = {}
"""The worker process's own read connection (opened by _start_worker)."""


def _start_worker(path: str) -> None:
    """A worker's start: open its own read connection (never one a forked parent had open), then freeze what the
    imports made, so that the collector walks only what scoring makes (a worker keeps nothing between sessions)."""
    _WORKER["store"] = Store(path, readonly=True)
    gc.collect()
    gc.freeze()


def _worker_chunk(session_ids: list[str], version: str | None, verify: bool) -> list[Scored]:
    return list(_score_chunk(_WORKER["store"], session_ids, version, verify))

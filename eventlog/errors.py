"""Typed errors raised by the event log, drawn as a tree.

    EventLogError
    ├── StoreError                  the database cannot be opened or migrated
    │   ├── SchemaTooNewError       the database was written by a newer app
    │   └── TransactionError        atomic() misused: not an autocommit connection, or the block ended it
    ├── EventRejected               an event was refused; nothing stored changed
    │   ├── UnknownKindError        no payload model is registered for the kind
    │   ├── PayloadError            the payload fails its model (names the field)
    │   ├── SessionClosedError      the session is closed (or was never opened)
    │   ├── SequenceGapError        an appended record does not follow the last one
    │   └── TimestampError          t_ns is negative or not an integer
    ├── WriterFailedError           the writer thread hit a disk error
    └── ChainBrokenError            verification found an edited, missing or moved event
"""

from __future__ import annotations

__all__ = [
    "ChainBrokenError",
    "EventLogError",
    "EventRejected",
    "PayloadError",
    "SchemaTooNewError",
    "SequenceGapError",
    "SessionClosedError",
    "StoreError",
    "TimestampError",
    "TransactionError",
    "UnknownKindError",
    "WriterFailedError",
]


class EventLogError(Exception):
    """Base of every error the event log raises."""


class StoreError(EventLogError):
    """The database cannot be opened, created or migrated."""


class SchemaTooNewError(StoreError):
    """The database carries migrations this version of the app does not know."""


class TransactionError(StoreError):
    """atomic() was used on a connection that manages its own transactions, or its block ended the transaction."""


class EventRejected(EventLogError):
    """An event was refused before it reached the log; nothing stored changed."""


class UnknownKindError(EventRejected):
    """No payload model is registered for the event kind."""


class PayloadError(EventRejected):
    """The payload does not satisfy the model registered for its kind."""

    def __init__(self, kind: str, field: str, message: str) -> None:
        super().__init__(f"{kind}: payload field '{field}': {message}")
        self.kind = kind
        self.field = field


class SessionClosedError(EventRejected):
    """The session is closed, or no such session is open in this log."""


class SequenceGapError(EventRejected):
    """An appended record's sequence number does not follow the session's last one."""


class TimestampError(EventRejected):
    """The event's t_ns is not a non-negative integer."""


class WriterFailedError(EventLogError):
    """The writer thread failed; events recorded after the failure are refused."""


class ChainBrokenError(EventLogError):
    """The hash chain does not verify: an event was edited, removed, inserted or moved."""

    def __init__(self, session_id: str, seq: int, reason: str) -> None:
        super().__init__(f"session {session_id}: event {seq}: {reason}")
        self.session_id = session_id
        self.seq = seq
        self.reason = reason

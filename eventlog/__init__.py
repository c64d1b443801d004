"""The append-only, hash-chained event log of a station (imports no Qt)."""

from eventlog.errors import (
    ChainBrokenError,
    EventLogError,
    EventRejected,
    PayloadError,
    SchemaTooNewError,
    SequenceGapError,
    SessionClosedError,
    StoreError,
    TimestampError,
    TransactionError,
    UnknownKindError,
    WriterFailedError,
)
from eventlog.kinds import Payload, payload_model, register_kind, registered_kinds, validate_payload
from eventlog.log import EventLog, OpenSession
from eventlog.records import EventRecord
from eventlog.store import SessionRow, Store
from eventlog.transaction import atomic
from eventlog.verify import VerifyReport, verify_chain, verify_store

__all__ = [
    "ChainBrokenError",
    "EventLog",
    "EventLogError",
    "EventRecord",
    "EventRejected",
    "OpenSession",
    "Payload",
    "PayloadError",
    "SchemaTooNewError",
    "SequenceGapError",
    "SessionClosedError",
    "SessionRow",
    "Store",
    "StoreError",
    "TimestampError",
    "TransactionError",
    "UnknownKindError",
    "VerifyReport",
    "WriterFailedError",
    "atomic",
    "payload_model",
    "register_kind",
    "registered_kinds",
    "validate_payload",
    "verify_chain",
    "verify_store",
]

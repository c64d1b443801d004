"""The append-only, hash-chained event log of a station (imports no Qt)."""

from kiosk.eventlog.errors import (
    ChainBrokenError,
    EventLogError,
    EventRejected,
    PayloadError,
    SchemaTooNewError,
    SequenceGapError,
    SessionClosedError,
    StoreError,
    TimestampError,
    UnknownKindError,
    WriterFailedError,
)
from kiosk.eventlog.kinds import Payload, payload_model, register_kind, registered_kinds, validate_payload
from kiosk.eventlog.log import EventLog, OpenSession
from kiosk.eventlog.records import EventRecord
from kiosk.eventlog.store import SessionRow, Store
from kiosk.eventlog.verify import VerifyReport, verify_chain, verify_store

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
    "UnknownKindError",
    "VerifyReport",
    "WriterFailedError",
    "payload_model",
    "register_kind",
    "registered_kinds",
    "validate_payload",
    "verify_chain",
    "verify_store",
]

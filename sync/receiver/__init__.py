"""The reference receiver: an ASGI app that verifies, stores and re-scores uploaded session bundles."""

from sync.receiver.app import create_app
from sync.receiver.backends import open_storage
from sync.receiver.ingest import IngestOutcome, ingest
from sync.receiver.server import ServerThread, free_port
from sync.receiver.sqlite_store import SqliteStorage
from sync.receiver.storage import BundleStorage, StoredBundle

__all__ = [
    "BundleStorage",
    "IngestOutcome",
    "ServerThread",
    "SqliteStorage",
    "StoredBundle",
    "create_app",
    "free_port",
    "ingest",
    "open_storage",
]

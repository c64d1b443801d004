"""The receiver app for `hiremate receiver serve --workers N`: each uvicorn worker process builds its own app and
storage from the environment the serving command set (an import string, since worker processes are spawned).

The serving process opens the database first (migrating it once) and makes the age identity before any worker
starts, so the workers only open what exists. Every worker polls the shared database for the dashboard's live
feed, so a dashboard connected to any worker sees heartbeats taken by all of them.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from sync.receiver.app import create_app
from sync.receiver.backends import open_storage
from sync.receiver.limits import DEFAULT_LIMITS, uvicorn_options

__all__ = ["ENV_DB", "ENV_HOME", "ENV_VERSION", "app_from_environment", "worker_options"]

ENV_DB = "HIREMATE_RECEIVER_DB"
ENV_HOME = "HIREMATE_RECEIVER_HOME"
ENV_VERSION = "HIREMATE_RECEIVER_APP_VERSION"
APP = "sync.receiver.factory:app_from_environment"


def app_from_environment() -> FastAPI:
    """One worker's app over its own connection(s) to the database named in HIREMATE_RECEIVER_DB."""
    home = os.environ.get(ENV_HOME)
    storage = open_storage(os.environ[ENV_DB], home=Path(home) if home else None)
    app = create_app(storage, os.environ.get(ENV_VERSION, "unversioned"))
    app.router.on_shutdown.append(storage.close)
    return app


def worker_options() -> dict[str, Any]:
    """uvicorn options for spawned workers: the slow-client limits with the protocol named by import path (each
    worker process gets its own registry of pending connections)."""
    options = uvicorn_options(DEFAULT_LIMITS)
    options["http"] = "sync.receiver.limits:GuardedH11Protocol"
    return options

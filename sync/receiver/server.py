"""Running the receiver under uvicorn in a background thread (tests, benchmarks, embedding)."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import uvicorn

from sync.receiver.limits import DEFAULT_LIMITS, Limits, PendingRegistry, uvicorn_options

__all__ = ["ServerThread", "free_port", "run_receiver", "run_receiver_workers"]


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free on host a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


class ServerThread:
    """A real uvicorn server for an ASGI app on host:port, started and stopped from the calling thread."""

    def __init__(self, app: Any, host: str = "127.0.0.1", port: int | None = None,
                 tls: tuple[str, str] | None = None, limits: Limits = DEFAULT_LIMITS) -> None:
        """tls: (certificate file, key file) to serve HTTPS instead of HTTP; limits: slow-client bounds."""
        self.host = host
        self.port = port or free_port(host)
        self.scheme = "https" if tls else "http"
        certfile, keyfile = tls or (None, None)
        options = uvicorn_options(limits)
        self.pending: PendingRegistry = options["http"].registry
        config = uvicorn.Config(app, host=host, port=self.port, log_level="warning", lifespan="off",
                                timeout_graceful_shutdown=2, ssl_certfile=certfile, ssl_keyfile=keyfile, **options)
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"{self.scheme}://{self.host}:{self.port}"

    def start(self, timeout: float = 20.0) -> ServerThread:
        """Start serving; return once the socket accepts connections."""
        self.server.should_exit = False
        self._thread = threading.Thread(target=self.server.run, name=f"uvicorn:{self.port}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on {self.url}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Ask uvicorn to exit and wait for its thread."""
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        self.server.started = False

    def __enter__(self) -> ServerThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def run_receiver(app: Any, host: str, port: int, ssl_certfile: str | None = None, ssl_keyfile: str | None = None,
                 limits: Limits = DEFAULT_LIMITS, log_level: str = "info") -> None:
    """Serve the receiver app in the foreground (what `hiremate receiver serve` runs), with the slow-client limits."""
    uvicorn.run(app, host=host, port=port, log_level=log_level, ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile,
                timeout_graceful_shutdown=5, **uvicorn_options(limits))


def run_receiver_workers(db: str, home: str, app_version: str, host: str, port: int, workers: int,
                         ssl_certfile: str | None = None, ssl_keyfile: str | None = None,
                         log_level: str = "info") -> None:
    """Serve with `workers` processes on one socket, each with its own app and storage (sync/receiver/factory.py)."""
    import os

    from sync.receiver.factory import APP, ENV_DB, ENV_HOME, ENV_VERSION, worker_options

    os.environ.update({ENV_DB: db, ENV_HOME: home, ENV_VERSION: app_version})  # spawned workers inherit them
    uvicorn.run(APP, factory=True, workers=workers, host=host, port=port, log_level=log_level,
                ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile, timeout_graceful_shutdown=5, **worker_options())

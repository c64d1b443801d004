"""A real, throwaway PostgreSQL server for tests and benchmarks: Debian's `postgresql` run from a temporary folder.

The server runs as an unprivileged user (PostgreSQL refuses to run as root): as the current user when it is not
root, else as HIREMATE_PG_USER (default `hiremate-pg`, made by `packaging/system-deps.sh test`), through
`runuser`. It listens on 127.0.0.1 on a free port, with password (SCRAM) authentication, and is deleted when
stopped. Durability settings are off: the data is thrown away (benchmarks may keep them on).
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

__all__ = ["PgServer", "PgUnavailable", "pg_bindir"]

SUPERUSER = "hiremate"


class PgUnavailable(RuntimeError):
    """PostgreSQL cannot be started here; the message says what is missing."""


def pg_bindir() -> Path:
    """The folder of initdb and pg_ctl (the newest of /usr/lib/postgresql/*/bin, else the PATH's)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    raise PgUnavailable("PostgreSQL is not installed (no initdb): run `packaging/system-deps.sh test`")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as() -> list[str]:
    if os.geteuid() != 0:
        return []
    user = os.environ.get("HIREMATE_PG_USER", "hiremate-pg")
    try:
        pwd.getpwnam(user)
    except KeyError:
        raise PgUnavailable(f"tests run as root and PostgreSQL refuses root; no user {user!r} to run it as: run "
                            "`packaging/system-deps.sh test` (it creates one) or set HIREMATE_PG_USER") from None
    return ["runuser", "-u", user, "--"]


class PgServer:
    """initdb + pg_ctl start in a temporary folder; `url(dbname)` for clients; `create_database()` per test."""

    def __init__(self, durable: bool = False) -> None:
        self.bindir = pg_bindir()
        self.prefix = _run_as()
        self.port = _free_port()
        self.password = secrets.token_urlsafe(16)
        self.root = Path(tempfile.mkdtemp(prefix="hiremate-pg-"))
        self.durable = durable
        self._started = False

    def _as_owner(self, *command: str) -> None:
        result = subprocess.run([*self.prefix, *command], capture_output=True, text=True, timeout=120, cwd="/")
        if result.returncode != 0:
            raise PgUnavailable(f"{Path(command[0]).name} failed: {(result.stderr or result.stdout).strip()[-800:]}")

    def start(self) -> PgServer:
        """Make the cluster and start the server; PgUnavailable naming what failed."""
        (self.root / "pwfile").write_text(self.password + "\n")
        if self.prefix:
            user = pwd.getpwnam(self.prefix[2])
            for path in (self.root, self.root / "pwfile"):
                os.chown(path, user.pw_uid, user.pw_gid)
        os.chmod(self.root, 0o700)
        data = self.root / "data"
        self._as_owner(str(self.bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-E", "UTF8", "--no-locale",
                       "--auth=scram-sha-256", f"--pwfile={self.root / 'pwfile'}", "--no-sync")
        settings = ["-c listen_addresses=127.0.0.1", f"-p {self.port}", f"-k {self.root}", "-c max_connections=300",
                    "-c shared_buffers=64MB"]
        if not self.durable:
            settings += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._as_owner(str(self.bindir / "pg_ctl"), "-D", str(data), "-o", " ".join(settings),
                       "-l", str(self.root / "server.log"), "-w", "-t", "60", "start")
        self._started = True
        return self

    def url(self, dbname: str = "postgres") -> str:
        """A libpq URL for a database on this server (as its superuser)."""
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{dbname}"

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(statement.encode())

    def create_database(self) -> str:
        """A new empty database; its URL."""
        name = f"rx_{uuid.uuid4().hex[:16]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by create_database (closing whatever is still connected to it)."""
        self._admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        try:
            if self._started:
                self._as_owner(str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate",
                               "-w", "stop")
        finally:
            self._started = False
            shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""`hiremate receiver serve`: run the reference receiving endpoint (HTTPS with --tls-cert and --tls-key)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, db_target, open_storage, receiver_home
from kiosk.cli.commands.receiver.groups._db import add_groups_argument
from kiosk.cli.commands.receiver.retention._start import purge_at_start, start_daily_purge
from kiosk.cli.common import CliError

__all__ = ["add_arguments", "run"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Where to listen, the database (and the group-label file, for its retention) and the TLS pair."""
    add_db_argument(parser)
    add_groups_argument(parser)
    parser.add_argument("--host", action="append", default=None,
                        help=_s("address to listen on (default: 127.0.0.1)"))
    parser.add_argument("--port", type=int, default=8765, help=_s("port to listen on (default: 8765)"))
    parser.add_argument("--tls-cert", type=Path, metavar="FILE",
                        help=_s("serve HTTPS with this PEM certificate (chain)"))
    parser.add_argument("--tls-key", type=Path, metavar="FILE",
                        help=_s("the certificate's unencrypted PEM private key"))
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help=_s("receiver processes sharing the port and the database (default: 1; use several with "
                                "PostgreSQL, see docs/DEPLOY.md)"))


def _tls(args: argparse.Namespace) -> dict[str, str]:
    """uvicorn's ssl options after checking the pair loads (both or neither given); {} for plain HTTP."""
    from sync.errors import TlsError
    from sync.receiver.tls import check_server_pair

    if (args.tls_cert is None) != (args.tls_key is None):
        given, missing = ("--tls-cert", "--tls-key") if args.tls_key is None else ("--tls-key", "--tls-cert")
        raise CliError(_s("{given} needs {missing} too (give both for HTTPS, neither for HTTP)").format(
            given=given, missing=missing), status=2)
    if args.tls_cert is None:
        return {}
    try:
        info = check_server_pair(args.tls_cert, args.tls_key)
    except TlsError as exc:
        raise CliError(str(exc), status=2) from None
    if info.expired:
        print(_s("warning: --tls-cert {path} has expired ({when}); stations will refuse it").format(
            path=args.tls_cert, when=info.not_after_utc), file=sys.stderr)
    print(_s("TLS certificate: {certificate}").format(certificate=info.line()))
    return {"ssl_certfile": str(args.tls_cert), "ssl_keyfile": str(args.tls_key)}


def _listen_host(args: argparse.Namespace) -> str:
    hosts = args.host or ["127.0.0.1"]
    if len(hosts) > 1:
        raise CliError(_s("--host given {count} times; the receiver listens on one address").format(count=len(hosts)),
                       status=2)
    return str(hosts[0])


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted; warnings (plain HTTP on a network address, no read token) go to stderr."""
    from kiosk.services.version import APP_VERSION
    from sync.receiver.app import create_app
    from sync.receiver.recipient import identity_for
    from sync.receiver.server import run_receiver, run_receiver_workers
    from sync.receiver.signing import signer_for

    if not 1 <= args.workers <= 64:
        raise CliError(_s("--workers {count}: give 1 to 64 processes").format(count=args.workers), status=2)
    host, tls = _listen_host(args), _tls(args)
    storage = open_storage(args)  # migrates the database once, before any worker opens it
    tokens = sum(not row["revoked_utc"] for row in storage.tokens())
    workers = _s(", {count} worker processes").format(count=args.workers) if args.workers > 1 else ""
    print(_s("HireMate receiver on {url} (database {database}; {stations} enrolled station(s), {tokens} active read "
             "token(s){workers}); OpenAPI at /docs, live dashboard at /dashboard").format(
        url=f"{'https' if tls else 'http'}://{host}:{args.port}", database=storage.location,  # i18n-ok: URL schemes
        stations=len(storage.stations()), tokens=tokens, workers=workers))
    if not tls and host not in LOOPBACK:
        print(_s("warning: plain HTTP on a network address: read tokens and candidate data cross the network "
                 "unencrypted; give --tls-cert and --tls-key (see `hiremate receiver make-cert`)"), file=sys.stderr)
    if not tokens:
        print(_s("no active read token: reading the API needs one (`hiremate receiver token create`); uploads need "
                 "none"), file=sys.stderr)
    identity = identity_for(storage)  # made now, so that workers started together only read it
    signer = signer_for(storage)  # the same for the key that signs erasure receipts
    print(_s("erasure receipts are signed with receiver key {fingerprint}").format(fingerprint=signer.fingerprint))
    purge_at_start(storage, args)
    daily = start_daily_purge(args)  # in this process only, however many workers serve
    try:
        if args.workers > 1:
            storage.close()
            run_receiver_workers(db_target(args), str(receiver_home(args)), APP_VERSION, host, args.port,
                                 args.workers, tls.get("ssl_certfile"), tls.get("ssl_keyfile"))
            return 0
        try:
            run_receiver(create_app(storage, APP_VERSION, identity=identity, signer=signer), host, args.port,
                         tls.get("ssl_certfile"), tls.get("ssl_keyfile"))
        finally:
            storage.close()
    finally:
        daily.stop()
    return 0

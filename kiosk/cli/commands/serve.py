"""`hiremate serve`: run the reference receiver (HTTP or HTTPS); enrol stations, manage read tokens, make a cert."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import CliError, print_json
from kiosk.cli.receiver_admin import make_cert, token_command
from sync.errors import IdentityError, TlsError
from sync.identity import fingerprint_of, parse_public_key

__all__ = ["register"]

DEFAULT_DB = "receiver/receiver.sqlite3"


def register(sub: Any) -> None:
    """Add the `serve` subcommand."""
    parser = sub.add_parser(
        "serve", help="run the reference receiver (or `serve enroll KEY`, `serve stations`, `serve token ...`, "
                      "`serve make-cert`)",
        description="Run the receiving endpoint (HTTPS with --tls-cert/--tls-key), enrol a station key, list "
                    "enrolled keys, create / list / revoke read tokens, or make a self-signed TLS certificate.")
    parser.add_argument("action", nargs="?", choices=["enroll", "stations", "token", "make-cert"],
                        help="enroll: trust a station's public key; stations: list enrolled keys; token: create, "
                             "list or revoke read tokens; make-cert: write a self-signed certificate and key")
    parser.add_argument("key", nargs="?", metavar="KEY_OR_FILE|create|list|revoke",
                        help="for enroll: the station's public key (station.pub.pem file or 64 hex digits); "
                             "for token: create, list or revoke")
    parser.add_argument("target", nargs="?", metavar="ID", help="for token revoke: the token's ID")
    parser.add_argument("--label", default=None,
                        help="for enroll: a name for the station (default: fingerprint); for token create: what "
                             "the token is for")
    parser.add_argument("--db", type=Path, default=None,
                        help=f"receiver database (default: <data-dir>/{DEFAULT_DB})")
    parser.add_argument("--host", action="append", default=None,
                        help="address to listen on (default: 127.0.0.1); for make-cert: a host name or IP address "
                             "the stations use (repeat for several)")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on (default: 8765)")
    parser.add_argument("--tls-cert", type=Path, metavar="FILE", help="serve HTTPS with this PEM certificate (chain)")
    parser.add_argument("--tls-key", type=Path, metavar="FILE", help="the certificate's unencrypted PEM private key")
    parser.add_argument("-o", "--out", type=Path, metavar="DIR",
                        help="for make-cert: folder for receiver.cert.pem and receiver.key.pem "
                             "(default: <data-dir>/receiver/tls)")
    parser.add_argument("--days", type=int, default=None, help="for make-cert: validity in days (default: 825)")
    parser.add_argument("--json", action="store_true",
                        help="print machine-readable output (enroll, stations, token, make-cert)")
    parser.set_defaults(handler=run)


def _storage(args: argparse.Namespace) -> Any:
    from sync.receiver.storage import SqliteStorage

    return SqliteStorage(args.db or args.data_dir / DEFAULT_DB)


def _enroll(args: argparse.Namespace) -> int:
    if not args.key:
        raise CliError("enroll needs KEY_OR_FILE: a station.pub.pem file or 64 hex digits", status=2)
    path = Path(args.key)
    try:
        key = parse_public_key(path.read_bytes() if path.is_file() else args.key, where=args.key)
    except IdentityError as exc:
        raise CliError(str(exc), status=2) from None
    storage = _storage(args)
    added = storage.enroll(key, args.label or fingerprint_of(key))
    storage.close()
    if args.json:
        print_json({"public_key": key.hex(), "fingerprint": fingerprint_of(key), "new": added})
    else:
        print(f"{'Enrolled' if added else 'Already enrolled'}: {fingerprint_of(key)}")
    return 0


def _stations(args: argparse.Namespace) -> int:
    storage = _storage(args)
    rows = [{**row, "fingerprint": fingerprint_of(bytes.fromhex(row["public_key"]))} for row in storage.stations()]
    storage.close()
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['fingerprint']}  {row['label']}  (enrolled {row['enrolled_utc']})")
        print(f"{len(rows)} enrolled station key(s)")
    return 0


def _tls(args: argparse.Namespace) -> dict[str, str]:
    """uvicorn's ssl options after checking the pair loads (both or neither given); {} for plain HTTP."""
    from sync.receiver.tls import check_server_pair

    if (args.tls_cert is None) != (args.tls_key is None):
        given, missing = ("--tls-cert", "--tls-key") if args.tls_key is None else ("--tls-key", "--tls-cert")
        raise CliError(f"{given} needs {missing} too (give both for HTTPS, neither for HTTP)", status=2)
    if args.tls_cert is None:
        return {}
    try:
        info = check_server_pair(args.tls_cert, args.tls_key)
    except TlsError as exc:
        raise CliError(str(exc), status=2) from None
    if info.expired:
        print(f"warning: --tls-cert {args.tls_cert} has expired ({info.not_after_utc}); stations will refuse it",
              file=sys.stderr)
    print(f"TLS certificate: {info.line()}")
    return {"ssl_certfile": str(args.tls_cert), "ssl_keyfile": str(args.tls_key)}


def _listen_host(args: argparse.Namespace) -> str:
    hosts = args.host or ["127.0.0.1"]
    if len(hosts) > 1:
        raise CliError(f"--host given {len(hosts)} times; the receiver listens on one address", status=2)
    return str(hosts[0])


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from kiosk.services.version import APP_VERSION
    from sync.receiver.app import create_app

    if args.key:
        raise CliError(f"unexpected argument {args.key!r}; did you mean `hiremate serve enroll {args.key}`?", status=2)
    host, tls = _listen_host(args), _tls(args)
    storage = _storage(args)
    tokens = sum(not row["revoked_utc"] for row in storage.tokens())
    print(f"HireMate receiver on {'https' if tls else 'http'}://{host}:{args.port} (database {storage.path}; "
          f"{len(storage.stations())} enrolled station(s), {tokens} active read token(s)); OpenAPI at /docs")
    if not tls and host not in ("127.0.0.1", "localhost", "::1"):
        print("warning: plain HTTP on a network address: read tokens and candidate data cross the network "
              "unencrypted; give --tls-cert and --tls-key (see `hiremate serve make-cert`)", file=sys.stderr)
    if not tokens:
        print("no active read token: reading the API needs one (`hiremate serve token create`); uploads need none",
              file=sys.stderr)
    try:
        uvicorn.run(create_app(storage, APP_VERSION), host=host, port=args.port, log_level="info",
                    ssl_certfile=tls.get("ssl_certfile"), ssl_keyfile=tls.get("ssl_keyfile"))
    finally:
        storage.close()
    return 0


def run(args: argparse.Namespace) -> int:
    """Dispatch on the optional action."""
    if args.target is not None and args.action != "token":
        raise CliError(f"unexpected argument {args.target!r}", status=2)
    if args.action == "enroll":
        return _enroll(args)
    if args.action == "stations":
        return _stations(args)
    if args.action == "make-cert":
        return make_cert(args)
    if args.action == "token":
        storage = _storage(args)
        try:
            return token_command(args, storage)
        finally:
            storage.close()
    return _serve(args)

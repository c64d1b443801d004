"""`hiremate serve`: run the reference receiver; `serve enroll KEY` trusts a station; `serve stations` lists them."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kiosk.cli.common import CliError, print_json
from sync.errors import IdentityError
from sync.identity import fingerprint_of, parse_public_key

__all__ = ["register"]

DEFAULT_DB = "receiver/receiver.sqlite3"


def register(sub: Any) -> None:
    """Add the `serve` subcommand."""
    parser = sub.add_parser("serve", help="run the reference receiver (or `serve enroll KEY`, `serve stations`)",
                            description="Run the receiving endpoint, enrol a station key, or list enrolled keys.")
    parser.add_argument("action", nargs="?", choices=["enroll", "stations"],
                        help="enroll: trust a station's public key; stations: list enrolled keys")
    parser.add_argument("key", nargs="?", metavar="KEY_OR_FILE",
                        help="for enroll: the station's public key (station.pub.pem file or 64 hex digits)")
    parser.add_argument("--label", default=None, help="for enroll: a name for the station (default: fingerprint)")
    parser.add_argument("--db", type=Path, default=None,
                        help=f"receiver database (default: <data-dir>/{DEFAULT_DB})")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on (default: 8765)")
    parser.add_argument("--json", action="store_true", help="print machine-readable output (enroll, stations)")
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


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.receiver.app import create_app

    if args.key:
        raise CliError(f"unexpected argument {args.key!r}; did you mean `hiremate serve enroll {args.key}`?", status=2)
    storage = _storage(args)
    print(f"HireMate receiver on http://{args.host}:{args.port} (database {storage.path}; "
          f"{len(storage.stations())} enrolled station(s)); OpenAPI at /docs")
    try:
        uvicorn.run(create_app(storage), host=args.host, port=args.port, log_level="info")
    finally:
        storage.close()
    return 0


def run(args: argparse.Namespace) -> int:
    """Dispatch on the optional action."""
    if args.action == "enroll":
        return _enroll(args)
    if args.action == "stations":
        return _stations(args)
    return _serve(args)

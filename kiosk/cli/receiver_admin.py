"""`hiremate serve token ...` and `serve make-cert`: the receiver's read tokens and a self-signed TLS pair."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kiosk.cli.common import CliError, print_json
from sync.errors import TlsError

__all__ = ["TOKEN_ACTIONS", "make_cert", "token_command"]

TOKEN_ACTIONS = ("create", "list", "revoke")
DEFAULT_TLS_DIR = "receiver/tls"


def _create(storage: Any, args: argparse.Namespace) -> int:
    from sync.receiver.auth import create_token

    token, row = create_token(storage, args.label or "read token")
    if args.json:
        print_json({"id": row["id"], "label": row["label"], "created_utc": row["created_utc"], "token": token})
    else:
        print(f"read token {row['id']} ({row['label']}) created; it is shown only now (the receiver keeps only its "
              "SHA-256). Send it as `Authorization: Bearer <token>`:", file=sys.stderr)
        print(token)
    return 0


def _list(storage: Any, args: argparse.Namespace) -> int:
    rows = [{key: row[key] for key in ("id", "label", "created_utc", "revoked_utc")} for row in storage.tokens()]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        state = f"revoked {row['revoked_utc']}" if row["revoked_utc"] else "active"
        print(f"{row['id']:>4}  {row['label']}  (created {row['created_utc']}; {state})")
    print(f"{sum(not row['revoked_utc'] for row in rows)} active read token(s), {len(rows)} in all")
    return 0


def _revoke(storage: Any, args: argparse.Namespace) -> int:
    try:
        token_id = int(args.target)
    except (TypeError, ValueError):
        raise CliError(f"token revoke needs a token ID (a number from `hiremate serve token list`), "
                       f"not {args.target!r}", status=2) from None
    row = storage.revoke_token(token_id)
    if row is None:
        raise CliError(f"no read token with ID {token_id} (see `hiremate serve token list`)")
    if args.json:
        print_json({key: row[key] for key in ("id", "label", "created_utc", "revoked_utc")})
    else:
        print(f"read token {row['id']} ({row['label']}) revoked at {row['revoked_utc']}")
    return 0


def token_command(args: argparse.Namespace, storage: Any) -> int:
    """create / list / revoke ID on the receiver database."""
    handlers = {"create": _create, "list": _list, "revoke": _revoke}
    if args.key not in handlers:
        raise CliError(f"token needs one of {', '.join(TOKEN_ACTIONS)}, e.g. `hiremate serve token create "
                       "--label dashboard`", status=2)
    if args.target is not None and args.key != "revoke":
        raise CliError(f"unexpected argument {args.target!r} after `token {args.key}`", status=2)
    return handlers[args.key](storage, args)


def make_cert(args: argparse.Namespace) -> int:
    """Write a self-signed receiver certificate and key for the given host names / IPs."""
    from sync.receiver.tls import DEFAULT_DAYS, write_cert_pair

    directory: Path = args.out or args.data_dir / DEFAULT_TLS_DIR
    try:
        cert, key, info = write_cert_pair(directory, args.host or [], args.days or DEFAULT_DAYS)
    except TlsError as exc:
        raise CliError(str(exc), status=2) from None
    if args.json:
        print_json({"certificate": str(cert), "key": str(key), **info.__dict__})
        return 0
    print(f"certificate: {cert}\nprivate key: {key} (mode 0600)\n{info.line()}")
    print(f"Serve with:   hiremate serve --host 0.0.0.0 --tls-cert {cert} --tls-key {key}")
    print(f"On stations:  hiremate sync --set-ca-file {cert.name}   (copy the certificate, never the key)")
    host = f"[{info.names[0]}]" if ":" in info.names[0] else info.names[0]
    print(f"              hiremate sync --set-endpoint https://{host}:8765")
    return 0

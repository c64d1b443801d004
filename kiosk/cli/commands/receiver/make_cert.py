"""`hiremate receiver make-cert`: a self-signed receiver certificate and a 0600 key for an offline LAN."""

from __future__ import annotations

import argparse
from pathlib import Path

from i18n import _s
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]

DEFAULT_TLS_DIR = "receiver/tls"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Host names, folder, validity."""
    parser.add_argument("--host", action="append", default=None,
                        help=_s("a host name or IP address the stations use (repeat for several)"))
    parser.add_argument("-o", "--out", type=Path, metavar="DIR",
                        help=_s("folder for receiver.cert.pem and receiver.key.pem (default: DATA_DIR/{folder})")
                        .format(folder=DEFAULT_TLS_DIR))
    parser.add_argument("--days", type=int, default=None, help=_s("validity in days (default: 825)"))


def run(args: argparse.Namespace) -> int:
    """Write the pair and print how to serve with it and what to copy to the stations."""
    from sync.errors import TlsError
    from sync.receiver.tls import DEFAULT_DAYS, write_cert_pair

    directory: Path = args.out or args.data_dir / DEFAULT_TLS_DIR
    try:
        cert, key, info = write_cert_pair(directory, args.host or [], args.days or DEFAULT_DAYS)
    except TlsError as exc:
        raise CliError(str(exc), status=2) from None
    if args.json:
        print_json({"certificate": str(cert), "key": str(key), **info.__dict__})
        return 0
    print(_s("certificate: {cert}").format(cert=cert))
    print(_s("private key: {key} (mode 0600)").format(key=key))
    print(info.line())
    serve, stations = _s("Serve with:"), _s("On stations:")
    width = max(len(serve), len(stations)) + 2  # the commands line up whatever the labels' language
    host = f"[{info.names[0]}]" if ":" in info.names[0] else info.names[0]
    print(f"{serve:<{width}}hiremate receiver serve --host 0.0.0.0 --tls-cert {cert} --tls-key {key}")  # i18n-ok
    print(f"{stations:<{width}}hiremate sync set-ca {cert.name}   "  # i18n-ok: commands
          + _s("(copy the certificate, never the key)"))
    print(f"{'':<{width}}hiremate sync set-endpoint https://{host}:8765")  # i18n-ok: a command
    return 0

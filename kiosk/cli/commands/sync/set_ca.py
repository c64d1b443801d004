"""`hiremate sync set-ca FILE`: save the receiver certificate the station trusts for https:// ('' clears it)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from i18n import _s
from kiosk.cli.commands.sync._shared import ca_infos
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The certificate file."""
    parser.add_argument("file", metavar="FILE",
                        help=_s("PEM certificate(s) of the receiver or its CA; its text is stored ('' goes back to "
                                "the system trust store)"))


def run(args: argparse.Namespace) -> int:
    """Save the PEM text; warn when the saved endpoint is plain HTTP (the certificate is then unused)."""
    from kiosk.services.stationdb import StationDb
    from sync.errors import TlsError
    from sync.trust import load_ca_file

    try:
        pem = load_ca_file(Path(args.file), "certificate") if args.file.strip() else None
    except TlsError as exc:
        raise CliError(str(exc), status=2) from None
    with open_store(args) as store:
        StationDb(store).set_sync_ca_pem(pem)
        endpoint = StationDb(store).sync_endpoint()
    infos = ca_infos(pem)
    if args.json:
        print_json({"ca": [info.__dict__ for info in infos] or None})
    elif not infos:
        print(_s("receiver CA cleared: https:// endpoints are checked against the system trust store"))
    else:
        print(_s("receiver certificate saved; for https:// the station now trusts only:"))
        for info in infos:
            print(f"  {info.line()}")
    if pem and endpoint and not endpoint.lower().startswith("https://"):
        print(_s("warning: the saved endpoint {endpoint} is plain HTTP; the certificate is used only for "
                 "https://").format(endpoint=endpoint), file=sys.stderr)
    return 0

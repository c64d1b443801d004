"""`hiremate station new-identity --reason TEXT`: a new station key pair, on purpose and recorded.

The old key files (if any) move to keys/retired/<time>/; the new key is recorded in the station's key history
with the reason. Bundles signed from now on carry the new key, so the receiver must enrol it
(`hiremate station show --pem` prints it).
"""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Why the station needs a new identity (recorded)."""
    parser.add_argument("--reason", required=True, metavar="TEXT",
                        help=_s("why (recorded with the key), e.g. 'keys/ lost with the old disk'"))


def run(args: argparse.Namespace) -> int:
    """Make and record the new key pair; say where the old one went and what the receiver must do."""
    from sync.errors import IdentityError
    from sync.key_history import new_identity

    with open_store(args) as store:
        store.ensure_station()
        try:
            identity, retired = new_identity(store, args.data_dir, args.reason)
        except (IdentityError, OSError) as exc:
            raise CliError(str(exc)) from None
    result = {"fingerprint": identity.fingerprint, "public_key": identity.public_hex,
              "retired": str(retired) if retired else None, "reason": " ".join(args.reason.split())}
    if args.json:
        print_json(result)
        return 0
    print(_s("New station identity: fingerprint {fingerprint}").format(fingerprint=identity.fingerprint))
    if retired:
        print(_s("The old key files were moved to {folder}").format(folder=retired))
    print(_s("Enrol the new key at the receiver: `hiremate station show --pem > station.pub.pem`, then "
             "`hiremate receiver enroll station.pub.pem` there"))
    return 0

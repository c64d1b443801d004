"""`hiremate privacy status`: what personal and session data the station holds, how old, and when it expires."""

from __future__ import annotations

import argparse

from i18n import _s
from kiosk.cli.commands.privacy._shared import kept_for
from kiosk.cli.common import open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """privacy status has no options beyond --json and --data-dir."""


def run(args: argparse.Namespace) -> int:
    """Print the retention settings, the personal rows (pseudonym, age, expiry: never the name), the sessions."""
    from kiosk.services.privacy import status

    with open_store(args) as store:
        info = status(store)
    if args.json:
        print_json(info)
        return 0
    keep = info["retention"]
    print(_s("Retention: personal data {days} days; sessions {sessions}").format(
        days=keep["personal_days"], sessions=kept_for(keep["session_days"])))
    print(_s("Personal data (names, e-mails): {count} participant(s)").format(count=len(info["people"])))
    for person in info["people"]:
        held = ", ".join(what for what, has in ((_s("name"), person["has_name"]), (_s("e-mail"), person["has_email"]))
                         if has)
        print(_s("  {participant}: {held}, recorded {recorded}, expires {expires}").format(
            participant=person["participant"], held=held or _s("nothing"), recorded=person["recorded_utc"][:19],
            expires=person["expires_utc"][:19]))
    held = info["sessions"]
    expiry = _s("; the oldest closed one expires {when}").format(when=held["oldest_expires_utc"][:19]) \
        if held["oldest_expires_utc"] else ""
    print(_s("Sessions: {count} ({events} events), oldest {oldest}, newest {newest}{expiry}").format(
        count=held["count"], events=held["events"], oldest=held["oldest_utc"] or "-", newest=held["newest_utc"] or "-",
        expiry=expiry))
    print(_s("Erased sessions (signed tombstones): {count}").format(count=info["tombstones"]))
    print(_s("Access records: {count}; last purge: {when}").format(count=info["access_records"],
                                                                   when=info["last_purge_utc"] or _s("never")))
    return 0

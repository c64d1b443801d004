"""`hiremate privacy status`: what personal and session data the station holds, how old, and when it expires."""

from __future__ import annotations

import argparse

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
    sessions = "until erased" if keep["session_days"] is None else f"{keep['session_days']} days after closing"
    print(f"Retention: personal data {keep['personal_days']} days; sessions {sessions}")
    print(f"Personal data (names, e-mails): {len(info['people'])} participant(s)")
    for person in info["people"]:
        held = ", ".join(what for what, has in (("name", person["has_name"]), ("e-mail", person["has_email"])) if has)
        print(f"  {person['participant']}: {held or 'nothing'}, recorded {person['recorded_utc'][:19]}, "
              f"expires {person['expires_utc'][:19]}")
    held = info["sessions"]
    expiry = f"; the oldest closed one expires {held['oldest_expires_utc'][:19]}" if held["oldest_expires_utc"] else ""
    print(f"Sessions: {held['count']} ({held['events']} events), oldest {held['oldest_utc'] or '-'}, "
          f"newest {held['newest_utc'] or '-'}{expiry}")
    print(f"Erased sessions (signed tombstones): {info['tombstones']}")
    print(f"Access records: {info['access_records']}; last purge: {info['last_purge_utc'] or 'never'}")
    return 0

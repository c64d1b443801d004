"""`hiremate receiver access-log [--session ID] [--token ID] [--since WHEN]`: who read which candidate's data."""

from __future__ import annotations

import argparse
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from i18n import N_, _s
from kiosk.cli.commands.receiver._shared import add_db_argument, receiver_storage
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "parse_since", "run"]

RELATIVE = re.compile(r"^(\d+)([dh])$")
SHOWN_IDS = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The database and the filters."""
    add_db_argument(parser)
    parser.add_argument("--session", metavar="ID", help=_s("only reads that named this session id"))
    parser.add_argument("--token", metavar="ID",
                        help=_s("only reads with this read token (its ID in `hiremate receiver token list`)"))
    parser.add_argument("--since", metavar="WHEN",
                        help=_s("only reads from then on: a UTC date (2026-12-01), a date and time (2026-12-01T09:30, "
                                "UTC unless an offset is given), or an age (7d, 12h)"))


def parse_since(text: str, now: datetime | None = None) -> str:
    """The UTC time --since names, as the log stores times; ValueError with a one-line reason otherwise."""
    relative = RELATIVE.match(text.strip())
    if relative:
        amount, unit = int(relative.group(1)), relative.group(2)
        when = (now or datetime.now(UTC)) - (timedelta(days=amount) if unit == "d" else timedelta(hours=amount))
    else:
        try:
            when = datetime.fromisoformat(text.strip())
        except ValueError:
            raise ValueError(_s("--since {value}: give a date (2026-12-01), a date and time (2026-12-01T09:30) or an "
                                "age (7d, 12h)").format(value=repr(text))) from None
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    return when.isoformat(timespec="microseconds")


def _token_id(text: str | None, tokens: list[dict[str, Any]]) -> int | None:
    if text is None:
        return None
    try:
        token_id = int(text)
    except ValueError:
        raise CliError(_s("--token {value}: give a read token's ID, a number (see `hiremate receiver token list`)")
                       .format(value=repr(text)), status=2) from None
    if not any(int(row["id"]) == token_id for row in tokens):
        raise CliError(_s("--token {id}: this receiver has no read token {id} (see `hiremate receiver token list`)")
                       .format(id=token_id), status=2)
    return token_id


def _who(row: Any) -> str:
    if row.via == "cli":
        return str(row.token_label)
    token = _s("token {id} ({label})").format(id=row.token_id, label=row.token_label) if row.token_id is not None \
        else str(row.token_label)
    return _s("dashboard, {token}").format(token=token) if row.via == "dashboard" else token


def _sessions(ids: list[str]) -> str:
    if not ids:
        return "-"
    shown = ", ".join(ids[:SHOWN_IDS])
    return _s("{shown} +{more} more").format(shown=shown, more=len(ids) - SHOWN_IDS) if len(ids) > SHOWN_IDS \
        else shown


def run(args: argparse.Namespace) -> int:
    """Print the access log (oldest first), filtered; a table, or every field with --json."""
    try:
        since = parse_since(args.since) if args.since is not None else None
    except ValueError as exc:
        raise CliError(str(exc), status=2) from None
    with receiver_storage(args) as storage:
        token_id = _token_id(args.token, storage.tokens())
        rows = storage.access_rows(token_id=token_id, since_utc=since, session_id=args.session)
    if args.json:
        print_json([row.as_dict() for row in rows])
        return 0
    for row in rows:
        print(_s("{id}  {when}  {who}  {route}  {sessions}  from {client}").format(
            id=f"{row.id:>6}", when=row.at_utc, who=_who(row), route=row.route, sessions=_sessions(row.session_ids),
            client=row.client or "-"))
    filters = [_s(label).format(value=value) for label, value in (
        (N_("for session {value}"), args.session), (N_("with token {value}"), token_id), (N_("since {value}"), since))
        if value is not None]
    print(_s("{count} read(s) recorded").format(count=len(rows)) + "".join(" " + text for text in filters))
    return 0

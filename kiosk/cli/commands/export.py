"""`hiremate export`: write completed sessions' signed bundles to a folder (e.g. a USB stick)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from i18n import _s
from kiosk.cli.common import CliError, open_store, print_json, session_ids

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """export's arguments."""
    parser.add_argument("sessions", nargs="*", metavar="SESSION",
                        help=_s("sessions to export: each a session id, any unique start of one, or a pseudonym"))
    parser.add_argument("--all", action="store_true", help=_s("every completed assessment session (not practice)"))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help=_s("folder to write into"))
    parser.add_argument("--plain", action="store_true",
                        help=_s("write plain signed bundles even though the receiver's recipient key is saved "
                                "(anyone holding the files can read them)"))


def run(args: argparse.Namespace) -> int:
    """Export what can be exported; each session that cannot is named, and the exit status is then 1.

    Nothing is written when a named session is unknown or ambiguous (the names are checked first).
    """
    from sync.errors import SyncError
    from sync.export import export_each
    from sync.outbox import exportable_sessions
    from sync.recipient import load_recipient

    if not args.sessions and not args.all:
        raise CliError(_s("name at least one SESSION, or use --all"), status=2)
    with open_store(args) as store:
        ids = session_ids(store, list(args.sessions)) + (exportable_sessions(store) if args.all else [])
        recipient = None if args.plain else load_recipient(store)
        try:
            outcome = export_each(store, ids, args.output, plain=args.plain)
        except (SyncError, OSError) as exc:
            raise CliError(str(exc)) from None
        from kiosk.services.privacy import cli_actor, record_access

        failed = {sid for sid, _ in outcome.failed}
        record_access(store, "export", cli_actor("proctor"), [sid for sid in ids if sid not in failed],
                      output=str(args.output))
    if args.json:
        print_json({"written": [str(p) for p in outcome.written], "encrypted_for": recipient,
                    "failed": [{"session_id": sid, "error": why} for sid, why in outcome.failed]})
    else:
        for path in outcome.written:
            print(path)
        form = _s("encrypted for the receiver {recipient}").format(recipient=recipient) if recipient \
            else _s("plain: readable by anyone who has them")
        print(_s("{count} bundle(s) written to {folder} ({form})").format(
            count=len(outcome.written), folder=args.output, form=form))
        for sid, why in outcome.failed:
            print(_s("hiremate export: session {session} not exported: {error}").format(session=sid, error=why),
                  file=sys.stderr)
    return 1 if outcome.failed else 0

"""`hiremate receiver audit --role NAME --attribute A`: the adverse-impact audit of a role (docs/AUDIT.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from i18n import _s
from kiosk.cli.commands.receiver._shared import add_db_argument, operator, receiver_storage
from kiosk.cli.commands.receiver.groups._db import add_groups_argument, open_groups
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The role, the attribute, the threshold, the databases and where to write the report page."""
    parser.add_argument("--role", required=True, metavar="NAME", help=_s("a shipped role or a role file"))
    parser.add_argument("--attribute", required=True, metavar="A",
                        help=_s("the label attribute to audit (e.g. sex)"))
    parser.add_argument("--threshold", type=float, default=70.0,
                        help=_s("overall fit that counts as selected (default 70)"))
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--html", type=Path, metavar="FILE", help=_s("also write the audit as an HTML page"))
    out.add_argument("--pdf", type=Path, metavar="FILE", help=_s("also write the audit as a PDF"))
    add_db_argument(parser)
    add_groups_argument(parser)


def _table(result: Any) -> None:
    from reports.audit import COLUMNS, selection_rows

    print(_s("role {role} ({origin}) by {attribute}; {people} labelled people, {unlabelled} without a label").format(
        role=result.role.name, origin=result.role.origin, attribute=result.attribute, people=result.people,
        unlabelled=result.unlabelled))
    for selection in [result.overall, *result.traits]:
        print(f"\n{selection.criterion}")
        print("  " + "  ".join(f"{c:>12}" for c in COLUMNS))
        for row in selection_rows(selection):
            print("  " + "  ".join(f"{c:>12}" for c in row))
    for key, why in result.skipped_traits.items():
        print("\n" + _s("{trait}: not audited: {reason}").format(trait=key, reason=why))


def _write_page(args: argparse.Namespace, result: Any) -> None:
    from kiosk.cli.commands.report import _write
    from reports import render_html
    from reports.audit import audit_document

    doc = audit_document(result)
    if args.pdf is not None:
        from reports.pdf import render_pdf

        _write(args.pdf, render_pdf(doc, "a4"))
        print(_s("wrote {path}").format(path=args.pdf), file=sys.stderr)
    elif args.html is not None:
        _write(args.html, render_html(doc, "a4").encode("utf-8"))
        print(_s("wrote {path}").format(path=args.html), file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Join the stored sessions with the consented labels and report the rates; refuse small groups."""
    from scoring import ScoringError, load_role
    from sync.receiver.access_log import AccessNotRecorded, Accessor
    from sync.receiver.audit import run_audit

    try:
        role = load_role(args.role)
    except ScoringError as exc:
        raise CliError(str(exc)) from None
    labels = open_groups(args)
    try:
        with receiver_storage(args) as storage:
            every = [sid for _, sid in storage.bundle_keys()]  # the audit reads every stored session
            storage.log_access(Accessor(None, operator(), "cli"), "audit", every,
                               {"role": role.name, "attribute": args.attribute})
            result = run_audit(storage, labels, role, args.attribute, args.threshold)
    except ScoringError as exc:  # AuditError
        raise CliError(_s("audit refused: {error}").format(error=exc)) from None
    except AccessNotRecorded as exc:
        raise CliError(str(exc)) from None
    finally:
        labels.close()
    _write_page(args, result)
    if args.json:
        print_json({"role": role.name, "attribute": result.attribute, "threshold": result.threshold,
                    "people": result.people, "unlabelled": result.unlabelled,
                    "selections": [{"criterion": s.criterion, "reference": s.reference,
                                    "groups": [g.__dict__ for g in s.groups]}
                                   for s in [result.overall, *result.traits]],
                    "skipped_traits": result.skipped_traits})
    else:
        _table(result)
    return 0

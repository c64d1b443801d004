"""`hiremate role derive --from SESSION... --name NAME`: a role whose target bands come from people in the job."""

from __future__ import annotations

import argparse
from pathlib import Path

from i18n import _s
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The incumbents' sessions, the role's name and description, the output file."""
    parser.add_argument("--from", dest="sessions", nargs="+", required=True, metavar="SESSION",
                        help=_s("the incumbents' sessions (ids, unique starts or pseudonyms)"))
    parser.add_argument("--name", required=True, help=_s("the role's name"))
    parser.add_argument("--description", default="", help=_s("one line about the role"))
    parser.add_argument("--battery", metavar="NAME", help=_s("the battery to keep (default: the first session's)"))
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help=_s("the role file to write (default: NAME.toml in the current folder)"))


def run(args: argparse.Namespace) -> int:
    """Score the incumbents' sessions again, derive the bands, write the role; refuse below the minimum."""
    from kiosk.cli.commands.report import _write
    from kiosk.services.scored_sessions import scored_sessions
    from kiosk.services.session_lookup import SessionLookupError
    from scoring import SCORING_VERSION, ScoringError
    from scoring.derive import derive_role, role_toml
    from sync.outbox import utc_now

    with open_store(args) as store:
        try:
            items = scored_sessions(store, args.sessions)
        except SessionLookupError as exc:
            raise CliError(str(exc)) from None
    try:
        role = derive_role(items, args.name, args.description, utc_now(), SCORING_VERSION, args.battery)
    except ScoringError as exc:
        raise CliError(_s("cannot derive role {role}: {error}").format(role=repr(args.name), error=exc)) from None
    target = args.output or Path(f"{args.name.lower().replace(' ', '_')}.toml")
    _write(target, role_toml(role).encode("utf-8"))
    if args.json:
        print_json({"output": str(target), "role": role.model_dump(mode="json")})
        return 0
    assert role.provenance is not None
    print(_s("wrote {path}: role {role} from {count} incumbents ({excluded} left out)").format(
        path=target, role=repr(role.name), count=role.provenance.n, excluded=len(role.provenance.excluded)))
    for key, band in role.traits.items():
        print(f"  {key}: {band.low:.0f}-{band.high:.0f}")
    return 0

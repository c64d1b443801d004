"""`hiremate score SESSION`: score a session (or show its stored result) as a readable table or canonical JSON."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING, Any

from i18n import _r, _s, reporting_in, station_language
from kiosk.cli.common import CliError, open_store, session_ids

if TYPE_CHECKING:
    from eventlog import Store
    from reports.document import Chart
    from scoring import Profile, RoleFit, Trait

__all__ = ["add_arguments", "format_profile", "position_bar", "run"]

BAR_WIDTH = 31


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """score's arguments (--json prints the profile's canonical JSON)."""
    parser.add_argument("session", metavar="SESSION", nargs="?",
                        help=_s("session id, any unique start of it, or the pseudonym"))
    parser.add_argument("--all", action="store_true",
                        help=_s("score every closed session again and store the results (each verified first), "
                                "instead of one"))
    parser.add_argument("--jobs", type=int, metavar="N", help=_s("with --all: worker processes (default: the CPUs)"))
    parser.add_argument("--role", metavar="NAME",
                        help=_s("also compare with a role profile (assets/roles/NAME.toml or a path)"))
    parser.add_argument("--recompute", action="store_true",
                        help=_s("score again from the events even if a result for the current scoring version is "
                                "stored"))
    parser.add_argument("--norms", metavar="FILE",
                        help=_s("show percentiles against a norm table (`hiremate norms build`)"))


def position_bar(position: float, low: float | None, high: float | None, width: int = BAR_WIDTH) -> str:
    """A text bar: '=' over the likely range (the band), '|' at the position."""
    cells = ["-"] * width
    if low is not None and high is not None:
        for i in range(round(low / 100 * (width - 1)), round(high / 100 * (width - 1)) + 1):
            cells[i] = "="
    cells[round(position / 100 * (width - 1))] = "|"
    return "[" + "".join(cells) + "]"


def _trait_bars(traits: list[Trait], width: int) -> list[str]:
    """Each trait: name, kind, position and likely range (wrapped to width); then the bar between its poles."""
    lines: list[str] = []
    for t in traits:
        kind = _r("ability, higher is better") if t.kind == "ability" else _r("style, neither pole is better")
        if t.position is None:
            where = _r("no position, too little data")
        elif t.band_low is None:
            where = _r("position {position} of 100").format(position=f"{t.position:.0f}")
        else:
            where = _r("position {position} of 100, likely {low}-{high}").format(
                position=f"{t.position:.0f}", low=f"{t.band_low:.0f}", high=f"{t.band_high:.0f}")
        lines += textwrap.wrap(_r("{trait} ({kind}): {where}").format(trait=t.label, kind=kind, where=where), width,
                               initial_indent="  ", subsequent_indent="    ")
        if t.position is not None:
            cells = max(11, min(BAR_WIDTH, width - 8 - len(t.low_pole) - len(t.high_pole)))
            lines.append(f"    {t.low_pole} {position_bar(t.position, t.band_low, t.band_high, cells)} {t.high_pole}")
    return lines


def _fit_bars(fit: RoleFit, traits: list[Trait]) -> list[str]:
    labels = {t.key: t.label for t in traits}
    lines = []
    for f in fit.traits:
        where = _r("no position") if f.position is None else _r("position {position}").format(
            position=f"{f.position:.0f}")
        lines.append(_r("  {trait}: target {low}-{high}, {where}: {status}").format(
            trait=labels.get(f.trait, f.trait), low=f"{f.low:.0f}", high=f"{f.high:.0f}", where=where,
            status=f.status.replace("_", " ")))
    return lines


def format_profile(args: argparse.Namespace, profile: Profile, fit: RoleFit | None, norms: Any, width: int) -> str:
    """The recruiter's report of a scored session as terminal text: the same words, figures and explanations as
    `hiremate report`, wrapped to `width`, with the trait chart drawn as text bars."""
    from dataclasses import replace

    from kiosk.services.report_source import report_input
    from reports import build_report
    from reports.text import render_text
    from scoring import load_role

    with open_store(args) as store:
        row = store.session(profile.session_id)
        assert row is not None  # found by _profile a moment ago
        inp = replace(report_input(store, row), profile=profile)
    doc = build_report(inp, load_role(args.role) if args.role else None, norms)

    def chart_text(chart: Chart) -> list[str] | None:
        if chart.canvas.key == "traits":
            return _trait_bars(profile.traits, width)
        if chart.canvas.key == "role-fit" and fit is not None:
            return _fit_bars(fit, profile.traits)
        return None

    head = _r("Session {session} · scoring version {version}").format(session=profile.session_id,
                                                                      version=profile.scoring_version)
    return head + "\n" + render_text(doc, width, chart_text)


def _profile(args: argparse.Namespace) -> Profile:
    import sqlite3

    from eventlog import EventLogError
    from eventlog.pages import with_damaged_page
    from eventlog.verify import verify_session

    with open_store(args) as store:
        (args.session,) = session_ids(store, [args.session])  # an id, its prefix or a pseudonym
        try:
            row = store.session(args.session)
            if row is None:
                raise CliError(_s("no session {session} in {folder}; list them with `hiremate sessions`").format(
                    session=repr(args.session), folder=args.data_dir))
            verify_session(store, row)  # a hand-edited or damaged log is named here, never scored
            scored = _scored(args, store)
            from kiosk.services.privacy import cli_actor, record_access

            record_access(store, "score", cli_actor("recruiter"), [row.id])
            return scored
        except (EventLogError, sqlite3.DatabaseError) as exc:  # CliError (no such session) passes through
            why = with_damaged_page(store.path, str(exc)) if "malformed" in str(exc) else str(exc)
            raise CliError(_s("cannot score session {session}: the log does not verify: {error}").format(
                session=args.session, error=why)) from None


def _scored(args: argparse.Namespace, store: Store) -> Profile:
    from scoring import Profile, ScoringError
    from sync.stored_results import score_and_store, stored_results

    sid = args.session
    try:
        stored = None if args.recompute else stored_results(store, sid)
        if stored is not None:
            return Profile.model_validate_json(stored)
        return score_and_store(store, sid)
    except ScoringError as exc:
        raise CliError(_s("cannot score session {session}: {error}").format(session=sid, error=exc)) from None


def _run_all(args: argparse.Namespace) -> int:
    from kiosk.cli.commands._score_all import run_all

    if not args.all:
        raise CliError(_s("--jobs goes with --all"), status=2)
    if args.session is not None or args.role or args.norms or args.recompute:
        raise CliError(_s("--all scores every closed session: give no SESSION, --role, --norms or --recompute with "
                          "it"), status=2)
    return run_all(args)


def _norms(args: argparse.Namespace) -> Any:
    from scoring.norms import NormError, load_norms

    try:
        return load_norms(args.norms) if args.norms else None
    except NormError as exc:
        raise CliError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    """Print the profile; exit 1 with one line when the session cannot be scored. With --all, score every closed
    session (kiosk.cli.commands._score_all)."""
    from scoring import ScoringError, role_fit
    from scoring.stats import quantize

    if args.all or args.jobs is not None:
        return _run_all(args)
    if args.session is None:
        raise CliError(_s("the following arguments are required: SESSION (or --all)"), status=2)
    profile = _profile(args)
    norms = _norms(args)
    fit = None
    if args.role:
        try:
            fit = role_fit(profile, args.role)
        except ScoringError as exc:
            raise CliError(str(exc)) from None
    if args.json:
        if fit is None:
            sys.stdout.write(profile.canonical_json().decode("utf-8") + "\n")
        else:
            both = {"profile": json.loads(profile.canonical_json()), "role_fit": quantize(fit.model_dump(mode="json"))}
            print(json.dumps(both, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
    else:
        width = max(60, min(shutil.get_terminal_size((100, 24)).columns, 100))
        with reporting_in(station_language()):  # the report's words (reports/, _r) in the proctor's language
            sys.stdout.write(format_profile(args, profile, fit, norms, width))
    return 0

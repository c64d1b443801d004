"""`hiremate score SESSION`: score a session (or show its stored result) as a readable table or canonical JSON."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from typing import TYPE_CHECKING, Any

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
                        help="session id, any unique start of it, or the pseudonym")
    parser.add_argument("--all", action="store_true", help="score every closed session again and store the results "
                        "(each verified first), instead of one")
    parser.add_argument("--jobs", type=int, metavar="N", help="with --all: worker processes (default: the CPUs)")
    parser.add_argument("--role", metavar="NAME", help="also compare with a role profile (assets/roles/NAME.toml "
                        "or a path)")
    parser.add_argument("--recompute", action="store_true", help="score again from the events even if a result "
                        "for the current scoring version is stored")
    parser.add_argument("--norms", metavar="FILE", help="show percentiles against a norm table (`hiremate norms "
                        "build`)")


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
        kind = "ability, higher is better" if t.kind == "ability" else "style, neither pole is better"
        likely = "" if t.band_low is None else f", likely {t.band_low:.0f}-{t.band_high:.0f}"
        where = "no position, too little data" if t.position is None else f"position {t.position:.0f} of 100{likely}"
        lines += textwrap.wrap(f"{t.label} ({kind}): {where}", width, initial_indent="  ", subsequent_indent="    ")
        if t.position is not None:
            cells = max(11, min(BAR_WIDTH, width - 8 - len(t.low_pole) - len(t.high_pole)))
            lines.append(f"    {t.low_pole} {position_bar(t.position, t.band_low, t.band_high, cells)} {t.high_pole}")
    return lines


def _fit_bars(fit: RoleFit, traits: list[Trait]) -> list[str]:
    labels = {t.key: t.label for t in traits}
    lines = []
    for f in fit.traits:
        where = "no position" if f.position is None else f"position {f.position:.0f}"
        lines.append(f"  {labels.get(f.trait, f.trait)}: target {f.low:.0f}-{f.high:.0f}, {where}: "
                     f"{f.status.replace('_', ' ')}")
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

    head = f"Session {profile.session_id} · scoring version {profile.scoring_version}"
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
                raise CliError(f"no session {args.session!r} in {args.data_dir}; list them with `hiremate sessions`")
            verify_session(store, row)  # a hand-edited or damaged log is named here, never scored
            scored = _scored(args, store)
            from kiosk.services.privacy import cli_actor, record_access

            record_access(store, "score", cli_actor("recruiter"), [row.id])
            return scored
        except (EventLogError, sqlite3.DatabaseError) as exc:  # CliError (no such session) passes through
            why = with_damaged_page(store.path, str(exc)) if "malformed" in str(exc) else str(exc)
            raise CliError(f"cannot score session {args.session}: the log does not verify: {why}") from None


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
        raise CliError(f"cannot score session {sid}: {exc}") from None


def _run_all(args: argparse.Namespace) -> int:
    from kiosk.cli.commands._score_all import run_all

    if not args.all:
        raise CliError("--jobs goes with --all", status=2)
    if args.session is not None or args.role or args.norms or args.recompute:
        raise CliError("--all scores every closed session: give no SESSION, --role, --norms or --recompute with it",
                       status=2)
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
        raise CliError("the following arguments are required: SESSION (or --all)", status=2)
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
        sys.stdout.write(format_profile(args, profile, fit, norms, width))
    return 0

"""`hiremate score SESSION`: score a session (or show its stored result) as a readable table or canonical JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import CliError, open_store, session_ids

if TYPE_CHECKING:
    from eventlog import Store
    from scoring import Metric, Profile, RoleFit, Trait

__all__ = ["add_arguments", "format_profile", "position_bar", "run"]

BAR_WIDTH = 31


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """score's arguments (--json prints the profile's canonical JSON)."""
    parser.add_argument("session", metavar="SESSION", help="session id, any unique start of it, or the pseudonym")
    parser.add_argument("--role", metavar="NAME", help="also compare with a role profile (assets/roles/NAME.toml "
                        "or a path)")
    parser.add_argument("--recompute", action="store_true", help="score again from the events even if a result "
                        "for the current scoring version is stored")
    parser.add_argument("--norms", metavar="FILE", help="show percentiles against a norm table (`hiremate norms "
                        "build`)")


def position_bar(position: float, low: float | None, high: float | None, width: int = BAR_WIDTH) -> str:
    """A text bar: '=' over the reliability band, '|' at the position."""
    cells = ["-"] * width
    if low is not None and high is not None:
        for i in range(round(low / 100 * (width - 1)), round(high / 100 * (width - 1)) + 1):
            cells[i] = "="
    cells[round(position / 100 * (width - 1))] = "|"
    return "[" + "".join(cells) + "]"


def _value(m: Metric) -> str:
    if m.insufficient is not None:
        return f"insufficient: {m.insufficient.observed} (need {m.insufficient.required}) - {m.insufficient.suggestion}"
    v = m.value
    text = f"{v:.3f}".rstrip("0").rstrip(".") if isinstance(v, float) else str(v)
    return f"{text} {m.unit}".rstrip() + (f"  (n={m.n})" if m.n else "")


def _trait_lines(t: Trait) -> list[str]:
    head = f"  {t.label} [{t.kind}]"
    if t.position is None:
        why = t.insufficient
        return [head, f"    {t.low_pole} <-> {t.high_pole}: insufficient - {why.reason}; need {why.required}, "
                      f"have {why.observed}. {why.suggestion}" if why else "    insufficient"]
    reliability = "reliability not estimable" if t.reliability is None else \
        f"reliability {t.reliability:.2f} ({t.reliability_label})"
    band = f"band not estimable, {reliability}" if t.band_low is None else \
        f"band {t.band_low:.0f}-{t.band_high:.0f}, {reliability}"
    lines = [head, f"    {t.low_pole:>24} {position_bar(t.position, t.band_low, t.band_high)} {t.high_pole}",
             f"    position {t.position:.0f}/100, {band}. {t.note}"]
    return lines + [f"    - {e}" for e in t.evidence]


def format_profile(profile: Profile, fit: RoleFit | None = None, norms: Any = None) -> str:
    """The readable report of a profile (and a role fit; percentiles against a norm table, or a word that none is
    loaded)."""
    from scoring.norms import compared

    out = [f"Session {profile.session_id}  participant {profile.participant}  scoring {profile.scoring_version}"]
    for game in profile.games:
        out.append(f"\n{game.game}{'' if game.completed else ' (not finished)'}")
        out += [f"  {m.key}{f'[{m.group}]' if m.group else ''}: {_value(m)}" for m in game.metrics]
    out.append("\nTraits")
    for t in profile.traits:
        out += _trait_lines(t)
    head, rows = compared(profile, norms)
    out.append(f"\nNorms: {head}")
    out += [f"  {label}: {words}" + (f" (n={n})" if n else "") for label, words, n in rows]
    if profile.interpretations:
        out.append("\nDecision style")
        for i in profile.interpretations:
            out.append(f"  {i.key}: {i.value} (confidence {i.confidence:.2f})")
            out += [f"    - {e}" for e in i.evidence]
    out.append(f"\nRecruiter notes: {profile.recruiter_notes}")
    out += ["Strengths:"] + [f"  + {s}" for s in profile.strengths]
    out += ["Considerations:"] + [f"  ~ {c}" for c in profile.considerations]
    out.append("\nQuality")
    out += [f"  {'FLAG' if q.raised else 'ok  '} {q.key}: {q.message}" for q in profile.quality]
    if fit is not None:
        overall = "n/a" if fit.overall is None else f"{fit.overall:.1f}"
        out.append(f"\nRole fit: {fit.role}: {overall}")
        out += [f"  {t.explanation}" for t in fit.traits] + [f"  {fit.explanation}"]
    return "\n".join(out)


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
            return _scored(args, store)
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


def _norms(args: argparse.Namespace) -> Any:
    from scoring.norms import NormError, load_norms

    try:
        return load_norms(args.norms) if args.norms else None
    except NormError as exc:
        raise CliError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    """Print the profile; exit 1 with one line when the session cannot be scored."""
    from scoring import ScoringError, role_fit
    from scoring.stats import quantize

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
        print(format_profile(profile, fit, norms))
    return 0

"""`hiremate play GAME`: open one game in a window, recording into a practice session."""

from __future__ import annotations

import argparse
import json
import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import CliError, print_json
from kiosk.cli.display import require_display

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["add_arguments", "parse_params", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """play's arguments."""
    parser.description = ("Open one game in a window. Everything is recorded into a new practice session, "
                          "which is closed when the game finishes (or marked abandoned if the window is closed or "
                          "Ctrl+C is pressed first). Closing the window or Ctrl+C ends the command, which then "
                          "prints the game's summary.")
    parser.add_argument("game", metavar="GAME", nargs="?", help="game name, e.g. bart (see --list)")
    parser.add_argument("--seed", type=int, default=None, help="RNG seed (default: a fresh random one, printed)")
    parser.add_argument(
        "--param", action="append", default=[], metavar="KEY=VALUE",
        help="override one game parameter (repeatable); lists and objects as JSON, e.g. colours=classic",
    )
    parser.add_argument("--list", action="store_true", help="list the games and their parameters, then exit")
    parser.add_argument("--autoplay", action="store_true", help="let the game's scripted player play it")
    parser.add_argument("--speed", type=float, default=None,
                        help="scripted player speed factor (with --autoplay; default: 1)")


def _known_games() -> dict[str, Any]:
    from games.spec import all_games

    return all_games()


def _parse_value(key: str, text: str) -> Any:
    """Values are strings (the params model coerces them); text starting with [ or { is JSON."""
    if not text.lstrip().startswith(("[", "{")):
        return text
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(f"parameter {key!r}: value is not valid JSON ({exc.msg} at column {exc.colno})") from None


def parse_params(model: type[BaseModel], pairs: Sequence[str]) -> BaseModel:
    """Validate KEY=VALUE overrides against a params model; errors name the key at fault."""
    from pydantic import ValidationError

    raw: dict[str, Any] = {}
    known = sorted(model.model_fields)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise CliError(f"--param {pair!r} is not KEY=VALUE")
        if key not in model.model_fields:
            raise CliError(f"unknown parameter {key!r}; parameters of this game: {', '.join(known)}")
        if key in raw:
            raise CliError(f"parameter {key!r} is given twice")
        raw[key] = _parse_value(key, value)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(part) for part in first["loc"]) or "(params)"
        key = str(first["loc"][0]) if first["loc"] else "(params)"
        given = f" (given {raw[key]!r})" if key in raw else ""
        raise CliError(f"parameter {loc!r}: {first['msg']}{given}") from None


def _print_games(specs: dict[str, Any], as_json: bool) -> int:
    listing = {
        name: {"title": spec.title, "params": spec.params_model().model_dump(mode="json")}
        for name, spec in sorted(specs.items())
    }
    if as_json:
        print_json(listing)
        return 0
    for name, entry in listing.items():
        params = ", ".join(f"{k}={json.dumps(v)}" for k, v in entry["params"].items())
        print(f"{name}: {entry['title']}\n    {params}")
    return 0


def _refuse_options_that_do_not_apply(args: argparse.Namespace) -> None:
    """--list takes nothing else; --speed only steers --autoplay."""
    if args.list:
        given = [name for name, on in (("GAME", args.game is not None), ("--seed", args.seed is not None),
                                       ("--param", bool(args.param)), ("--autoplay", args.autoplay),
                                       ("--speed", args.speed is not None)) if on]
        if given:
            raise CliError(f"--list only lists the games; {', '.join(given)} does not apply with it", status=2)
    if args.speed is not None and not args.autoplay:
        raise CliError("--speed is the scripted player's speed; it applies only with --autoplay", status=2)


def run(args: argparse.Namespace) -> int:
    """Validate the game and its parameters, then play it in a window."""
    _refuse_options_that_do_not_apply(args)
    specs = _known_games()
    if args.list:
        return _print_games(specs, args.json)
    if args.game is None:
        raise CliError(f"name a game to play; known games: {', '.join(sorted(specs)) or 'none'}")
    if args.game not in specs:
        raise CliError(f"unknown game {args.game!r}; known games: {', '.join(sorted(specs)) or 'none'}")
    spec = specs[args.game]
    params = parse_params(spec.params_model, args.param)
    seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
    require_display()
    from eventlog import StoreError
    from kiosk.services.private_dir import DataDirError
    from kiosk.ui.headless import PlayerUnavailable, play_in_window
    from sync.errors import IdentityError

    try:
        summary = play_in_window(args.data_dir, spec, params, seed, args.autoplay, args.speed or 1.0)
    except (PlayerUnavailable, DataDirError, IdentityError, StoreError) as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(summary)
    else:
        how = {"window": "window closed", "end": "game over", "SIGINT": "Ctrl+C", "SIGTERM": "terminated"}
        print(f"{spec.title}: session {summary['session_id']} {summary['status']} "
              f"({how.get(summary['stopped_by'], summary['stopped_by'])}; {summary['events']} events saved; "
              f"seed {seed})")
        print(f"  summary: {json.dumps(summary['summary'], sort_keys=True)}" if summary["summary"] else
              "  summary: none (the game did not finish)")
    if summary["stopped_by"] == "SIGINT" and summary["status"] != "completed":
        return 130
    return 0 if summary["status"] == "completed" else 1

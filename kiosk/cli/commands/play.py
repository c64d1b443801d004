"""`hiremate play GAME`: open one game in a window, recording into a practice session."""

from __future__ import annotations

import argparse
import json
import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from i18n import _s
from kiosk.cli.common import CliError, print_json
from kiosk.cli.display import require_display

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["add_arguments", "parse_params", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """play's arguments."""
    parser.description = _s("Open one game in a window. Everything is recorded into a new practice session, which "
                            "is closed when the game finishes (or marked abandoned if the window is closed or Ctrl+C "
                            "is pressed first). Closing the window or Ctrl+C ends the command, which then prints the "
                            "game's summary.")
    parser.add_argument("game", metavar="GAME", nargs="?", help=_s("game name, e.g. bart (see --list)"))
    parser.add_argument("--seed", type=int, default=None, help=_s("RNG seed (default: a fresh random one, printed)"))
    parser.add_argument(
        "--param", action="append", default=[], metavar="KEY=VALUE",
        help=_s("override one game parameter (repeatable); lists and objects as JSON, e.g. colours=classic"),
    )
    parser.add_argument("--list", action="store_true", help=_s("list the games and their parameters, then exit"))
    parser.add_argument("--autoplay", action="store_true", help=_s("let the game's scripted player play it"))
    parser.add_argument("--speed", type=float, default=None,
                        help=_s("scripted player speed factor (with --autoplay; default: 1)"))


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
        raise CliError(_s("parameter {key}: value is not valid JSON ({error} at column {column})").format(
            key=repr(key), error=exc.msg, column=exc.colno)) from None


def parse_params(model: type[BaseModel], pairs: Sequence[str]) -> BaseModel:
    """Validate KEY=VALUE overrides against a params model; errors name the key at fault."""
    from pydantic import ValidationError

    raw: dict[str, Any] = {}
    known = sorted(model.model_fields)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise CliError(_s("--param {pair} is not KEY=VALUE").format(pair=repr(pair)))
        if key not in model.model_fields:
            raise CliError(_s("unknown parameter {key}; parameters of this game: {known}").format(
                key=repr(key), known=", ".join(known)))
        if key in raw:
            raise CliError(_s("parameter {key} is given twice").format(key=repr(key)))
        raw[key] = _parse_value(key, value)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(part) for part in first["loc"]) or "(params)"
        key = str(first["loc"][0]) if first["loc"] else "(params)"
        line = _s("parameter {key}: {error} (given {value})") if key in raw else _s("parameter {key}: {error}")
        raise CliError(line.format(key=repr(loc), error=first["msg"], value=repr(raw.get(key)))) from None


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
            raise CliError(_s("--list only lists the games; {given} does not apply with it").format(
                given=", ".join(given)), status=2)
    if args.speed is not None and not args.autoplay:
        raise CliError(_s("--speed is the scripted player's speed; it applies only with --autoplay"), status=2)


def run(args: argparse.Namespace) -> int:
    """Validate the game and its parameters, then play it in a window."""
    _refuse_options_that_do_not_apply(args)
    specs = _known_games()
    if args.list:
        return _print_games(specs, args.json)
    if args.game is None:
        raise CliError(_s("name a game to play; known games: {games}").format(
            games=", ".join(sorted(specs)) or _s("none")))
    if args.game not in specs:
        raise CliError(_s("unknown game {game}; known games: {games}").format(
            game=repr(args.game), games=", ".join(sorted(specs)) or _s("none")))
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
        how = {"window": _s("window closed"), "end": _s("game over"), "SIGINT": "Ctrl+C",
               "SIGTERM": _s("terminated")}
        print(_s("{game}: session {session} {status} ({stopped}; {events} events saved; seed {seed})").format(
            game=spec.title, session=summary["session_id"], status=summary["status"],
            stopped=how.get(summary["stopped_by"], summary["stopped_by"]), events=summary["events"], seed=seed))
        print(_s("  summary: {summary}").format(summary=json.dumps(summary["summary"], sort_keys=True))
              if summary["summary"] else _s("  summary: none (the game did not finish)"))
    if summary["stopped_by"] == "SIGINT" and summary["status"] != "completed":
        return 130
    return 0 if summary["status"] == "completed" else 1

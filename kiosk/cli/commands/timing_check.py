"""`hiremate timing-check`: run the station's timing self-check standalone and print its figures and verdict.

The same check the station runs before a session's first game (docs/TIMING.md, "Self-check"): clock resolution,
painted-frame interval and jitter, dropped frames, precise-timer overshoot and posted-key-to-handler latency.
Without a display it runs on Qt's offscreen platform and says so. With --xtest (X11 only) it also plays the simple
reaction-time game while a separate process presses Space through the X server's XTest extension and reads the
stimulus onsets from the window's pixels, and sets both against the stamps the game logged ("XTest check").
Exit 1 when a figure is over its limit or a press or onset went unmatched.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from i18n import _s
from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]

MAX_PRESSES = 1000
DEFAULT_PRESSES = 30


def _presses(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_PRESSES:
        raise argparse.ArgumentTypeError(_s("{value} is not a whole number from 1 to {most}").format(
            value=repr(text), most=MAX_PRESSES))
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """--xtest and its number of presses (--json prints the payload, with the XTest figures under "xtest")."""
    parser.add_argument("--xtest", action="store_true",
                        help=_s("X11 only: also press Space through XTest in the reaction-time game and read its "
                                "onsets from the window's pixels"))
    parser.add_argument("--presses", type=_presses, default=None, metavar="N",
                        help=_s("with --xtest: how many presses (one trial each; default: 30)"))


def _platform_note() -> str | None:
    """Choose offscreen when there is no display to open the probe window on; say so."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return _s("no display: measured on Qt's offscreen platform (run under the kiosk's display, or xvfb-run -a, "
              "for its figures)")


def _start_driver() -> Any:
    """The XTest driver process, forked before Qt starts; CliError in one line when X11 is not there."""
    from kiosk.services.timing_xtest import start_driver
    from kiosk.services.xtest import XUnavailable, x11_problem

    problem = x11_problem(os.environ)
    if problem:
        raise CliError(problem)
    try:
        driver = start_driver()
    except XUnavailable as exc:
        raise CliError(str(exc)) from None
    os.environ["QT_QPA_PLATFORM"] = "xcb"  # the display the driver opened, not a Wayland one
    return driver


def _xtest(driver: Any, presses: int) -> dict[str, Any]:
    from kiosk.services.xtest import XUnavailable
    from kiosk.ui.xtest_probe import run_xtest_check

    try:
        return run_xtest_check(driver, presses)
    except (XUnavailable, TimeoutError) as exc:
        raise CliError(str(exc)) from None
    finally:
        driver.stop()


def run(args: argparse.Namespace) -> int:
    """Run the check on a probe window (and the XTest check with --xtest) and print it."""
    if args.presses is not None and not args.xtest:
        raise CliError(_s("--presses counts the XTest check's presses: give --xtest with it"))
    driver = _start_driver() if args.xtest else None
    note = _platform_note()
    from kiosk.services.timing import describe
    from kiosk.ui.qtapp import widgets_app
    from kiosk.ui.timing_probe import run_timing_check

    widgets_app([sys.argv[0]])
    try:
        check = run_timing_check()
    except TimeoutError as exc:
        if driver is not None:
            driver.stop()
        raise CliError(str(exc)) from None
    failed = bool(check["problems"])
    if driver is not None:
        check["xtest"] = _xtest(driver, args.presses or DEFAULT_PRESSES)
        failed = failed or bool(check["xtest"]["problems"])
    if args.json:
        print_json(check)
        return 1 if failed else 0
    if note:
        print(note)
    print("\n".join(describe(check)))
    if driver is not None:
        from kiosk.services.timing_xtest import describe_xtest

        print("\n".join(describe_xtest(check["xtest"])))
    return 1 if failed else 0

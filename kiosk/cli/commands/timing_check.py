"""`hiremate timing-check`: run the station's timing self-check standalone and print its figures and verdict.

The same check the station runs before a session's first game (docs/TIMING.md, "Self-check"): clock resolution,
painted-frame interval and jitter, dropped frames, precise-timer overshoot and posted-key-to-handler latency.
Without a display it runs on Qt's offscreen platform and says so. Exit 1 when a figure is over its limit.
"""

from __future__ import annotations

import argparse
import os
import sys

from kiosk.cli.common import CliError, print_json

__all__ = ["add_arguments", "run"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """timing-check has no options of its own (--json prints the event payload)."""


def _platform_note() -> str | None:
    """Choose offscreen when there is no display to open the probe window on; say so."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return None
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return "no display: measured on Qt's offscreen platform (run under the kiosk's display, or xvfb-run -a, " \
           "for its figures)"


def run(args: argparse.Namespace) -> int:
    """Run the check on a probe window and print it."""
    note = _platform_note()
    from kiosk.services.timing import describe
    from kiosk.ui.qtapp import widgets_app
    from kiosk.ui.timing_probe import run_timing_check

    widgets_app([sys.argv[0]])
    try:
        check = run_timing_check()
    except TimeoutError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(check)
    else:
        if note:
            print(note)
        print("\n".join(describe(check)))
    return 1 if check["problems"] else 0

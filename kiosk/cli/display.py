"""Checks that a Qt window can be shown here, with a one-line way forward when it cannot."""

from __future__ import annotations

import os
import sys

from i18n import _s
from kiosk.cli.common import CliError

__all__ = ["require_display"]

HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc"}


def require_display() -> None:
    """Raise CliError with the way forward when there is no display to open a window on."""
    platform = os.environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform in HEADLESS_PLATFORMS or not sys.platform.startswith("linux"):
        return
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return
    raise CliError(
        _s("no display to open the station window on; run it under a virtual screen with "
           "`xvfb-run -a hiremate run`, or run a scripted candidate headless with `hiremate simulate`"),
        status=3,
    )

"""The app's version, read from the installed distribution's metadata."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["APP_VERSION"]

try:
    APP_VERSION = version("hiremate")
except PackageNotFoundError:  # running from a source tree that was not installed
    APP_VERSION = "0.0.0+source"

"""The app's version: kiosk.__version__, which pyproject.toml also builds the package with."""

from __future__ import annotations

from kiosk import __version__

__all__ = ["APP_VERSION"]

APP_VERSION: str = __version__  # a constant, not importlib.metadata (which scans every installed package, ~60 ms)

"""Work-around for shiboken6 6.12 on CPython < 3.12: void Qt calls give back a reference to None they never took.

Measured here (PySide6 6.12.0, Python 3.11.7): every `widget.update()` or `setWindowTitle()` lowers
`sys.getrefcount(None)` by one; after a few thousand calls CPython aborts with "Fatal Python error:
none_dealloc". Python 3.12 made None immortal, which is what shiboken 6.12 assumes. Until the project
pins a fixed PySide6 or requires Python 3.12, long-running station processes make None effectively
immortal by raising its reference count once at start-up (None is never deallocated anyway).
"""

from __future__ import annotations

import ctypes
import platform
import sys

__all__ = ["pin_none_refcount"]

_MARGIN = 1 << 40


def pin_none_refcount() -> bool:
    """Raise None's reference count far above any leak (CPython < 3.12 only); return whether it did."""
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < _MARGIN // 2:
        count.value += _MARGIN
    return True

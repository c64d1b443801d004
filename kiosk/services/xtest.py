"""The X server through ctypes for the XTest timing check: key presses sent through XTest, one pixel of a window read
back with XGetImage (libX11.so.6 and libXtst.so.6; no Python binding needed; docs/TIMING.md, "XTest check")."""

from __future__ import annotations

import ctypes
import os
import time
from collections.abc import Mapping

from i18n import _s

__all__ = ["XConnection", "XUnavailable", "x11_problem"]

XK_SPACE = 0x20
Z_PIXMAP = 2
ALL_PLANES = 0xFFFFFFFF
REVERT_TO_PARENT = 2
CURRENT_TIME = 0


class XUnavailable(Exception):
    """The XTest check cannot run here; the message says why, in one line."""


def x11_problem(environ: Mapping[str, str]) -> str | None:
    """Why this environment has no X11 display for the XTest check (None when it has one)."""
    platform = environ.get("QT_QPA_PLATFORM", "").split(":")[0]
    if platform and platform != "xcb":
        return _s("--xtest needs X11 but QT_QPA_PLATFORM is {platform} (unset it, or set it to xcb)").format(
            platform=repr(platform))
    if environ.get("WAYLAND_DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland":
        return _s("--xtest needs an X11 session but this is a Wayland session: XTest keys and pixels would be "
                  "XWayland's, not the compositor's (log in to an X11 session)")
    if not environ.get("DISPLAY"):
        return _s("--xtest needs an X11 display but DISPLAY is not set (run it in the station's X session, or under "
                  "xvfb-run -a)")
    return None


class _XErrorEvent(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("display", ctypes.c_void_p), ("resourceid", ctypes.c_ulong),
                ("serial", ctypes.c_ulong), ("error_code", ctypes.c_ubyte), ("request_code", ctypes.c_ubyte),
                ("minor_code", ctypes.c_ubyte)]


_ERROR_HANDLER = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_XErrorEvent))


def _load(name: str) -> ctypes.CDLL:
    try:
        return ctypes.CDLL(name)
    except OSError as exc:
        raise XUnavailable(f"--xtest needs {name}, which cannot be loaded ({exc}); install libx11-6 and "
                           f"libxtst6") from None


def _declare(x11: ctypes.CDLL, xtst: ctypes.CDLL) -> None:
    vp, c_int, c_ulong, c_uint = ctypes.c_void_p, ctypes.c_int, ctypes.c_ulong, ctypes.c_uint
    signatures: dict[str, tuple[ctypes.CDLL, object, list[object]]] = {
        "XOpenDisplay": (x11, vp, [ctypes.c_char_p]),
        "XCloseDisplay": (x11, c_int, [vp]),
        "XSync": (x11, c_int, [vp, c_int]),
        "XFlush": (x11, c_int, [vp]),
        "XKeysymToKeycode": (x11, ctypes.c_ubyte, [vp, c_ulong]),
        "XSetInputFocus": (x11, c_int, [vp, c_ulong, c_int, c_ulong]),
        "XGetImage": (x11, vp, [vp, c_ulong, c_int, c_int, c_uint, c_uint, c_ulong, c_int]),
        "XGetPixel": (x11, c_ulong, [vp, c_int, c_int]),
        "XDestroyImage": (x11, c_int, [vp]),
        "XSetErrorHandler": (x11, vp, [_ERROR_HANDLER]),
        "XTestQueryExtension": (xtst, c_int, [vp, ctypes.POINTER(c_int)] + [ctypes.POINTER(c_int)] * 3),
        "XTestFakeKeyEvent": (xtst, c_int, [vp, c_uint, c_int, c_ulong]),
    }
    for name, (lib, restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes


class XConnection:
    """This process's own connection to the X server: XTest key presses, a window's pixels, its input focus."""

    def __init__(self, display_name: str | None = None) -> None:
        self._x11 = _load("libX11.so.6")
        self._xtst = _load("libXtst.so.6")
        _declare(self._x11, self._xtst)
        self.errors: list[int] = []
        self._handler = _ERROR_HANDLER(self._on_error)  # kept: Xlib calls it for as long as we are connected
        self._x11.XSetErrorHandler(self._handler)  # the default handler would end the process on any X error
        self.name = display_name or os.environ.get("DISPLAY", "")
        self._display = self._x11.XOpenDisplay(self.name.encode() if self.name else None)
        if not self._display:
            raise XUnavailable(f"--xtest cannot open the X display {self.name!r} (is the X server running, and "
                               f"may this user connect to it?)")
        numbers = [ctypes.c_int() for _ in range(4)]
        if not self._xtst.XTestQueryExtension(self._display, *(ctypes.byref(n) for n in numbers)):
            self.close()
            raise XUnavailable(f"the X server at {self.name} has no XTEST extension, which --xtest sends keys with")

    def _on_error(self, _display: int | None, event: ctypes._Pointer[_XErrorEvent]) -> int:
        self.errors.append(int(event.contents.error_code))
        return 0

    def close(self) -> None:
        """Disconnect (once)."""
        if self._display:
            self._x11.XCloseDisplay(self._display)
            self._display = None

    def keycode(self, keysym: int = XK_SPACE) -> int:
        """The keycode the server's keyboard map gives a keysym (Space by default)."""
        code = int(self._x11.XKeysymToKeycode(self._display, keysym))
        if not code:
            raise XUnavailable(f"the X server's keyboard map has no key for keysym {keysym:#x}")
        return code

    def focus(self, window: int) -> None:
        """Give a window the keyboard focus (XTest keys go where the focus is) and wait until the server did."""
        self._x11.XSetInputFocus(self._display, window, REVERT_TO_PARENT, CURRENT_TIME)
        self._checked("give the window the keyboard focus")

    def key(self, keycode: int, down: bool) -> int:
        """Press or release a key through XTest; the perf_counter_ns stamp taken just before the request left."""
        stamp = time.perf_counter_ns()
        self._xtst.XTestFakeKeyEvent(self._display, keycode, int(down), CURRENT_TIME)
        self._x11.XFlush(self._display)
        return stamp

    def pixel(self, window: int, x: int, y: int) -> int:
        """The pixel value at (x, y) of a window, as the X server holds it now (one round trip)."""
        image = self._x11.XGetImage(self._display, window, x, y, 1, 1, ALL_PLANES, Z_PIXMAP)
        if not image:
            self._checked(f"read pixel ({x}, {y}) of window {window:#x}")
            raise XUnavailable(f"cannot read pixel ({x}, {y}) of window {window:#x}")
        value = int(self._x11.XGetPixel(image, 0, 0))
        self._x11.XDestroyImage(image)
        return value

    def _checked(self, what: str) -> None:
        self._x11.XSync(self._display, 0)
        if self.errors:
            code, self.errors = self.errors[-1], []
            raise XUnavailable(f"the X server refused to {what} (X error code {code})")

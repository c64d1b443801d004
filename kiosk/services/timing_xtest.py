"""The XTest timing check's driver and figures: a separate process presses keys through the X server and reads the
game window's pixels; its stamps are set against the stamps the game logged (docs/TIMING.md, "XTest check")."""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

from eventlog.records import EventRecord
from i18n import N_, _s
from kiosk.services.timing import spread
from kiosk.services.xtest import XConnection, XUnavailable

__all__ = ["Driver", "describe_xtest", "drive", "start_driver", "xtest_figures"]

POLL_PAUSE_S = 0.0002  # between pixel reads: leaves the CPU to the game and the X server (2 cores here)
PRESS_DELAY_MS = (60, 160)  # a press follows the onset the driver saw by a delay drawn from this range
HOLD_S = 0.03  # how long a key is held down, as a quick tap holds it
WAIT_S = 10.0  # the longest wait for the stimulus to appear or go
STARTUP_S = 10.0
PR_SET_TIMERSLACK = 29

Bracket = tuple[int, int]


def _wait_for(xconn: XConnection, order: dict[str, Any], changed: Callable[[int], bool]) -> Bracket:
    """Poll the watched pixel until `changed(value)`; the bracket (request sent before the last read that had not
    changed, reply received for the first that had) holds the moment the X server's pixel changed."""
    window, x, y = order["window"], order["x"], order["y"]
    clock = time.perf_counter_ns
    start = clock()
    previous: int | None = None
    while True:
        sent = clock()
        value = xconn.pixel(window, x, y)
        received = clock()
        if changed(value):
            return (-1 if previous is None else previous, received)  # -1: it had changed before polling began
        previous = sent
        if received - start > WAIT_S * 1e9:
            raise XUnavailable(f"the stimulus did not {order['expect']} in the window's pixels within {WAIT_S:g} s "
                               f"(is the window covered?)")
        time.sleep(POLL_PAUSE_S)


def drive(xconn: XConnection, order: dict[str, Any], ready: Callable[[], None]) -> dict[str, Any]:
    """Focus the window, note the watched pixel's background, call `ready`; then for each press: wait for the
    stimulus, wait a drawn delay, tap Space through XTest, wait for the stimulus to go. Stamps are perf_counter_ns."""
    window, x, y = order["window"], order["x"], order["y"]
    keycode = xconn.keycode()
    xconn.focus(window)
    background = xconn.pixel(window, x, y)
    time.sleep(0.02)
    if xconn.pixel(window, x, y) != background:
        raise XUnavailable("the game window's pixels change before the game started (is it painted over?)")
    rng = random.Random(order["seed"])
    onsets: list[Bracket] = []
    sent: list[int] = []
    ready()
    for _ in range(order["presses"]):
        onsets.append(_wait_for(xconn, order | {"expect": "appear"}, lambda v: v != background))
        time.sleep(rng.uniform(*PRESS_DELAY_MS) / 1e3)
        sent.append(xconn.key(keycode, down=True))
        time.sleep(HOLD_S)
        xconn.key(keycode, down=False)
        _wait_for(xconn, order | {"expect": "go"}, lambda v: v == background)
    return {"onsets": onsets, "sent": sent}


def _tight_sleeps() -> None:
    """Ask Linux to wake this process's short sleeps on time (timer slack 1 us instead of 50 us)."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: pauses a little longer, as the brackets say
        ctypes.CDLL(None).prctl(PR_SET_TIMERSLACK, 1000, 0, 0, 0)


def _driver_main(conn: Connection, display: str | None) -> None:
    """The driver process: report the display (or why not), take one order, drive, send the stamps back."""
    _tight_sleeps()
    try:
        xconn = XConnection(display)
    except XUnavailable as exc:
        conn.send({"error": str(exc)})
        return
    try:
        conn.send({"display": xconn.name})
        if not conn.poll(600):
            return
        order = conn.recv()
        conn.send(drive(xconn, order, lambda: conn.send({"ready": True})))
    except XUnavailable as exc:
        conn.send({"error": str(exc)})
    except (EOFError, BrokenPipeError):
        pass  # the measuring side went away: nothing to report to
    finally:
        xconn.close()


class Driver:
    """The driver process as the measuring side sees it: its pipe, the display it opened, its end."""

    def __init__(self, process: multiprocessing.process.BaseProcess, conn: Connection, display: str) -> None:
        self.process = process
        self.conn = conn
        self.display = display

    def stop(self) -> None:
        """Close the pipe and wait for the process to end (ending it if it does not)."""
        self.conn.close()
        self.process.join(2)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(2)


def start_driver(display: str | None = None) -> Driver:
    """Fork the driver before Qt or any thread starts (it uses only Xlib; fork runs frozen builds as well) and
    wait until it has opened the display; XUnavailable says why it could not."""
    sys.stdout.flush()  # nothing buffered is written twice when the child exits
    sys.stderr.flush()
    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe()
    process = context.Process(target=_driver_main, args=(theirs, display), daemon=True, name="xtest-driver")
    process.start()
    theirs.close()
    first: dict[str, Any] = ours.recv() if ours.poll(STARTUP_S) else {"error": "the XTest driver did not start"}
    if "error" in first:
        Driver(process, ours, "").stop()
        raise XUnavailable(first["error"])
    return Driver(process, ours, first["display"])


def _with_min(values_ns: Sequence[int]) -> dict[str, Any]:
    return spread(values_ns).model_dump() | {"min_ms": round(min(values_ns) / 1e6, 4) if values_ns else 0.0}


def xtest_figures(stamps: dict[str, Any], events: Sequence[EventRecord], since_start: Callable[[int], int],
                  display: str) -> dict[str, Any]:
    """Match each press to the response the game logged and each onset the pixels showed to the logged onset.

    key_to_stamp: logged response t_ns minus the press's sent stamp (>= 0: the handler runs after the press);
    onset_difference: the middle of the pixel bracket minus the logged onset (`presented_t_ns`, the event's t_ns);
    poll_resolution: the bracket's width, within which the pixel changed;
    stamp_vs_server: logged response t_ns minus the X server's time of the key event (Qt's event timestamp, whole
    ms of the server's clock), less the median of that difference: how closely the stamps track the server."""
    sent = [since_start(s) for s in stamps["sent"]]
    brackets = [(since_start(lo) if lo >= 0 else None, since_start(hi)) for lo, hi in stamps["onsets"]]
    responses = sorted((e for e in events if e.kind == "rt.response"), key=lambda e: e.t_ns)
    onsets = [e for e in events if e.kind == "rt.stimulus_onset"]
    problems: list[str] = []
    latencies: list[int] = []
    server: list[int] = []
    for index, at in enumerate(sent):
        until = sent[index + 1] if index + 1 < len(sent) else None
        match = next((r for r in responses if r.t_ns >= at and (until is None or r.t_ns < until)), None)
        if match is None:
            problems.append(f"press {index + 1} matched no logged response")
            continue
        latencies.append(match.t_ns - at)
        if match.payload.get("qt_event_ms") is not None:
            server.append(match.t_ns - match.payload["qt_event_ms"] * 1_000_000)
    if len(onsets) != len(brackets):
        problems.append(f"the pixels showed {len(brackets)} onsets, the game logged {len(onsets)}")
    differences: list[int] = []
    widths: list[int] = []
    for index, ((lo, hi), onset) in enumerate(zip(brackets, onsets, strict=False)):
        if lo is None:
            problems.append(f"onset {index + 1} was on screen before the pixel poll began")
            continue
        differences.append((lo + hi) // 2 - onset.t_ns)
        widths.append(hi - lo)
    return {
        "display": display, "presses": len(sent), "matched": len(latencies),
        "key_to_stamp": _with_min(latencies), "onset_difference": _with_min(differences),
        "poll_resolution": _with_min(widths),
        "stamp_vs_server": _with_min([v - int(statistics.median(server)) for v in server] if server else []),
        "problems": problems,
    }


ROWS = (
    ("key_to_stamp", N_("key press sent -> logged stamp")),
    ("onset_difference", N_("pixel onset - logged onset")),
    ("poll_resolution", N_("pixel poll bracket (resolution)")),
    ("stamp_vs_server", N_("logged stamp - X server time, centred")),
)


def describe_xtest(result: dict[str, Any]) -> list[str]:
    """The XTest figures as a table for a person, then its verdict."""
    lines = [
        _s("XTest on X display {display}: {presses} Space presses in the simple reaction-time game, {matched} "
           "matched to a logged response").format(display=result["display"], presses=result["presses"],
                                                  matched=result["matched"]),
        f"{'':40}{'n':>4}{'median':>9}{'SD':>9}{'min':>9}{'max':>9}  (ms)",
    ]
    for key, label in ROWS:
        s = result[key]
        lines.append(f"{_s(label):40}{s['n']:>4}{s['median_ms']:>9.3f}{s['sd_ms']:>9.3f}{s['min_ms']:>9.3f}"
                     f"{s['max_ms']:>9.3f}")
    problems = result["problems"]
    lines.append(_s("every press and onset matched") if not problems else _s("XTEST CHECK FAILED: {problems}").format(
        problems="; ".join(problems)))
    return lines

"""A printable list of access codes: a self-contained HTML page a proctor can print or hand out (no Qt)."""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import Path

from kiosk.services.stationdb import IssuedCode

__all__ = ["code_list_html", "write_code_list"]

CARD = """<div class="card"><div class="code">{code}</div>
<div>Participant <b>{participant}</b> · battery {battery}</div><div>Valid until {expires} UTC</div></div>"""


def code_list_html(codes: Sequence[IssuedCode], station: str) -> str:
    """One card per code, cut-out sized, with the code in large monospace type."""
    cards = "\n".join(
        CARD.format(code=c.shown, participant=html.escape(c.participant), battery=html.escape(c.battery),
                    expires=html.escape(c.expires_utc[:16].replace("T", " ")))
        for c in codes)
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Access codes · {html.escape(station)}</title>
<style>body{{font-family:sans-serif}} .card{{border:1px dashed #888;padding:12px;margin:8px;width:320px;
display:inline-block}} .code{{font:bold 22pt monospace;letter-spacing:2px}}</style></head><body>
<h1>HireMate access codes · {html.escape(station)}</h1>
<p>Each code works once. Type it on the station's welcome screen; dashes are optional.</p>
{cards}</body></html>
"""


def write_code_list(path: Path, codes: Sequence[IssuedCode], station: str) -> Path:
    """Write the printable list (owner-readable only: codes are secrets until used); return its path."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # owner-only from the first byte
    os.fchmod(fd, 0o600)  # an existing file keeps its mode through O_CREAT: make it owner-only too
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(code_list_html(codes, station))
    return path

"""The dashboard's words in the reader's language: the pages' texts, the script's texts, and choosing the language.

The pages (dashboard.html, login.html) hold `{{name}}` where a text goes; `PAGE` names each one's English message.
The script gets its messages as JSON in the page (`<script id="texts" type="application/json">`, which a browser
never runs, so the Content-Security-Policy stays `script-src 'self'`). A plural message goes with its forms and, for
n = 0-199, which form each n takes: the languages shipped choose by n below 200 and, from 100 on, by n % 100
(CLDR plural rules; Arabic's are the only ones that look past 2).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from i18n import LANGUAGES, N_, _r, is_rtl, language_name, ngettext_r, reporting_in

__all__ = ["LANGUAGE_COOKIE", "PAGE", "SCRIPT", "choose_language", "render_page"]

LANGUAGE_COOKIE = "hiremate_dashboard_lang"
MARK = re.compile(r"\{\{([a-z_]+)\}\}")
PLURAL_TABLE = 200

PAGE: dict[str, str] = {
    "title_live": N_("HireMate receiver · Live stations"),
    "title_login": N_("HireMate receiver · Log in"),
    "live_stations": N_("Live stations"),
    "connecting": N_("Connecting…"),
    "log_out": N_("Log out"),
    "empty": N_("No station has reported yet. Stations report once their receiver URL is saved and they are online."),
    "stations": N_("Stations"),
    "hint": N_("Tab or arrow keys move between stations; Enter shows a station's session timeline; Esc closes it."),
    "close": N_("Close (Esc)"),
    "login_intro": N_("Paste a read token ({command} makes one). It is exchanged for a login that lasts until you log "
                      "out, it expires, or the token is revoked."),
    "read_token": N_("Read token"),
    "log_in": N_("Log in (Enter)"),
    "language": N_("Language"),
}
"""The pages' texts by their mark in the HTML."""

SCRIPT: dict[str, str] = {
    "state_idle": N_("Idle"), "state_consent": N_("Consent"), "state_instructions": N_("Instructions"),
    "state_practice": N_("Practice round"), "state_game": N_("Playing"), "state_paused": N_("Paused"),
    "state_interrupted": N_("Interrupted"), "state_finished": N_("Finished"),
    "alert_silent": N_("Not reporting"), "alert_proctor_called": N_("Called the proctor"),
    "alert_interrupted": N_("Session interrupted"), "alert_paused": N_("Paused: needs the proctor"),
    "alert_focus_lost": N_("Focus lost"), "alert_idle": N_("Idle"), "idle_for": N_("Idle {duration}"),
    "waiting": N_("Waiting for a candidate"), "next": N_("Next: {game}"), "practice": N_("Practice: {game}"),
    "game": N_("Game {number} of {total}: {title}"), "trial": N_("{game} · trial {trial}"),
    "trial_of": N_("{game} · trial {trial} of {trials}"), "alerts": N_("Alerts"),
    "progress": N_("{percent}% of the battery"), "candidate": N_("Candidate"), "elapsed": N_("Elapsed"),
    "left": N_("Left (est.)"), "focus_lost": N_("Focus lost"), "idle_spells": N_("Idle spells"),
    "calls": N_("Calls"), "to_upload": N_("To upload"), "free_disk": N_("Free disk"),
    "card_label": N_("{station}: {state}"), "card_alerts": N_("{label}; alerts: {alerts}"),
    "heard": N_("Heard {duration} ago"), "no_alerts": N_("{stations}, no alerts"),
    "session_meta": N_("Session {session}… · candidate {candidate} · {game}"),
    "no_session": N_("No session on this station now."), "live": N_("Live"), "reconnecting": N_("Reconnecting…"),
}
"""The script's texts by the key it asks for."""


def _table(form_of: Callable[[int], str]) -> dict[str, Any]:
    forms: list[str] = []
    index: list[int] = []
    for n in range(PLURAL_TABLE):
        form = form_of(n)
        if form not in forms:
            forms.append(form)
        index.append(forms.index(form))
    return {"forms": forms, "index": index}


def _plurals() -> dict[str, Any]:
    return {
        "stations_count": _table(lambda n: ngettext_r("{count} station", "{count} stations", n)),
        "with_alerts": _table(lambda n: ngettext_r("{stations}, {count} with alerts", "{stations}, {count} with alerts",
                                                   n)),
    }


def script_texts() -> dict[str, Any]:
    """Every text the script shows, in the language of `reporting_in`."""
    texts: dict[str, Any] = {key: _r(message) for key, message in SCRIPT.items()}
    return texts | _plurals()


def choose_language(asked: str | None, cookie: str | None, accept: str | None) -> str:
    """The page's language: `?lang=` (ValueError naming an unshipped one), else the remembered choice, else the
    browser's first shipped language (Accept-Language), else English."""
    if asked is not None:
        if asked not in LANGUAGES:
            shipped = ", ".join(LANGUAGES)
            raise ValueError(f"language {asked!r} is not shipped (choose one of {shipped})")
        return asked
    if cookie in LANGUAGES:
        return str(cookie)
    for part in (accept or "").split(","):
        tag = part.split(";")[0].strip().lower().split("-")[0]
        if tag in LANGUAGES:
            return tag
    return "en"


def _switcher(tag: str) -> str:
    links = []
    for other in LANGUAGES:
        current = ' aria-current="true"' if other == tag else ""
        links.append(f'<a href="?lang={other}" lang="{other}" hreflang="{other}"{current}>'
                     f"{html.escape(language_name(other))}</a>")
    return f'<nav class="languages" aria-label="{html.escape(_r(PAGE["language"]))}">{" ".join(links)}</nav>'


def render_page(template: str, tag: str, values: Mapping[str, str] | None = None) -> str:
    """A page in a language: its marks filled (HTML-escaped; `values` fill a message's placeholders, already HTML),
    `lang` and `dir` on <html>, the language links, and for the live page the script's texts."""
    with reporting_in(tag):
        def fill(match: re.Match[str]) -> str:
            text = html.escape(_r(PAGE[match.group(1)]))
            return text.format(**values) if values else text

        page = MARK.sub(fill, template)
        page = page.replace('<html lang="en">', f'<html lang="{tag}" dir="{"rtl" if is_rtl(tag) else "ltr"}">', 1)
        page = page.replace("<!--languages-->", _switcher(tag), 1)
        if "<!--texts-->" in page:
            data = json.dumps(script_texts(), ensure_ascii=False).replace("<", "\\u003c")
            page = page.replace("<!--texts-->", f'<script id="texts" type="application/json">{data}</script>', 1)
    return page

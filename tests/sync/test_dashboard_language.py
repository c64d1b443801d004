"""The dashboard in the reader's language: `?lang=` chooses and remembers it, Accept-Language is followed, Arabic is
right to left, an unshipped language is refused by name, and every text of the pages and the script comes from the
catalogue (the pseudo-locale shows none left in plain English)."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import httpx
import pytest

from i18n import PSEUDO, reporting_in
from sync.receiver.dashboard import COOKIE
from sync.receiver.dashboard_texts import LANGUAGE_COOKIE, MARK, PAGE, SCRIPT, render_page, script_texts
from tests.sync.conftest import Receiver

FILES = ("dashboard.html", "login.html")
KEPT = {"hiremate", "receiver", "token", "create", "Esc", "Enter", "Tab", "HireMate", "English", "Español",
        "Deutsch", "العربية"}
"""Words that stay as they are in every language: the command, key names, the languages' own names."""


class _Text(HTMLParser):
    """The text a reader sees (and the title), without the script's JSON."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip = tag == "script"
        self.parts.extend(value or "" for name, value in attrs if name == "aria-label")

    def handle_endtag(self, tag: str) -> None:
        self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _visible(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(parser.parts)


def _template(name: str) -> str:
    from sync.receiver.dashboard import FILES as folder

    return (folder / name).read_text(encoding="utf-8")


def _logged_in(receiver: Receiver, **headers: str) -> httpx.Client:
    answer = httpx.post(receiver.url + "/dashboard/login", content=f"token={receiver.token}",
                        headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=10)
    return httpx.Client(base_url=receiver.url, cookies={COOKIE: answer.cookies[COOKIE]}, headers=headers, timeout=10)


def test_every_mark_has_a_message_and_every_message_a_mark() -> None:
    marks = {mark for name in FILES for mark in MARK.findall(_template(name))}
    assert marks == set(PAGE) - {"language"}  # the language links are made in code


@pytest.mark.parametrize("name", FILES)
def test_the_pseudo_locale_leaves_no_plain_english_on_the_pages(name: str) -> None:
    page = render_page(_template(name), PSEUDO, {"command": "<code>hiremate receiver token create</code>"})
    words = [w for w in re.findall(r"[^\W\d_]{3,}", _visible(page)) if re.fullmatch(r"[A-Za-z]+", w)]
    assert [word for word in words if word not in KEPT] == [], page
    assert "{{" not in page


def test_the_pseudo_locale_leaves_no_plain_english_in_the_script() -> None:
    with reporting_in(PSEUDO):
        texts = script_texts()
    flat = [v for v in texts.values() if isinstance(v, str)] + [f for v in texts.values() if isinstance(v, dict)
                                                                 for f in v["forms"]]
    for text in flat:
        bare = re.sub(r"\{[a-z_]+\}", "", text)
        assert not re.search(r"\b(?!Esc\b)[A-Za-z]{3,}\b", bare), text
    assert set(SCRIPT) <= set(texts)


def test_a_chosen_language_is_used_and_remembered(receiver: Receiver) -> None:
    with _logged_in(receiver) as client:
        page = client.get("/dashboard", params={"lang": "de"})
        assert page.status_code == 200 and '<html lang="de" dir="ltr">' in page.text
        assert "Stationen live" in _visible(page.text) and "Live stations" not in _visible(page.text)
        assert page.cookies[LANGUAGE_COOKIE] == "de"
        texts = json.loads(html.unescape(re.search(r'<script id="texts"[^>]*>(.*?)</script>', page.text,
                                                   re.S).group(1)))  # type: ignore[union-attr]
        assert texts["state_game"] == "Spielt"
        assert client.get("/dashboard").text.count('lang="de" dir="ltr"') == 1  # the cookie, no ?lang


def test_the_browsers_language_is_followed_and_arabic_is_right_to_left(receiver: Receiver) -> None:
    with _logged_in(receiver, **{"Accept-Language": "fr-FR, ar;q=0.8, en;q=0.5"}) as client:
        page = client.get("/dashboard")
    assert '<html lang="ar" dir="rtl">' in page.text and "المحطات مباشرة" in page.text
    login = httpx.get(receiver.url + "/dashboard/login", headers={"Accept-Language": "es"}, timeout=10)
    assert '<html lang="es"' in login.text and "Token de lectura" in login.text


def test_an_unshipped_language_is_refused_by_name(receiver: Receiver) -> None:
    answer = httpx.get(receiver.url + "/dashboard/login", params={"lang": "xx"}, timeout=10)
    assert answer.status_code == 400
    assert answer.text == "language 'xx' is not shipped (choose one of en, es, de, ar)"
    assert LANGUAGE_COOKIE not in answer.cookies


def test_a_refused_login_says_why_in_the_readers_language(receiver: Receiver) -> None:
    answer = httpx.post(receiver.url + "/dashboard/login", content="token=hmr_nope", timeout=10,
                        headers={"Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "de"})
    assert answer.status_code == 401 and "Das ist kein gültiges Lese-Token." in answer.text


def test_without_a_login_the_chosen_language_goes_with_the_redirect(receiver: Receiver) -> None:
    answer = httpx.get(receiver.url + "/dashboard", params={"lang": "es"}, timeout=10)
    assert answer.status_code == 303 and answer.headers["location"] == "/dashboard/login?lang=es"

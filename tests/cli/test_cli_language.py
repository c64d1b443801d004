"""`hiremate --language TAG` (or HIREMATE_LANGUAGE): the proctor's command line in their language (issue 17).

Real commands in a child process on a scratch station: the words are German (or Arabic), the exit codes are the
English ones, and `--json` prints exactly what it prints in English (programs read it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from i18n import station_language
from kiosk.cli import main
from tests.cli.test_codes_pdf import hiremate


@pytest.fixture(scope="module")
def station(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A station with its key pair and two unused codes."""
    data_dir = tmp_path_factory.mktemp("lang") / "station"
    assert hiremate(data_dir, "init").returncode == 0
    assert hiremate(data_dir, "codes", "issue", "--count", "2").returncode == 0
    return data_dir


# (command, what the German output says, where: out or err)
GERMAN = [
    (("sessions",), "noch keine Sitzungen", "out"),
    (("codes", "list"), "läuft ab", "out"),
    (("privacy", "status"), "Aufbewahrung: personenbezogene Daten 365 Tage; Sitzungen bis zur Löschung", "out"),
    (("sync", "status"), "Endpunkt: keiner gespeichert", "out"),
    (("verify-log",), "Sitzungen: 0, geprüfte Ereignisse: 0", "out"),
    (("station", "show"), "Fingerabdruck: ", "out"),
    (("privacy", "tombstones"), "0 Grabstein(e)", "out"),
    (("score", "nobody"), "keine Sitzung passt zu 'nobody'", "err"),
    (("export", "-o", "out"), "mindestens eine SITZUNG nennen oder --all verwenden", "err"),
    (("privacy", "set-retention"), "--personal-days N, --session-days N|never oder beides angeben", "err"),
    (("codes", "issue", "--count", "0"), "--count muss zwischen 1 und 10000 liegen, angegeben: 0", "err"),
    (("codes", "issue", "--count", "1", "--accommodation", "wings"), "unbekannte Anpassung 'wings'", "err"),
    (("nonsense",), "unbekannter Befehl 'nonsense'; Befehle: init, run", "err"),
    (("receiver", "stations"), "0 registrierte(r) Stationsschlüssel", "out"),
    (("receiver", "retention", "status"), "Aufbewahrung: Sitzungen aufbewahrt bis zur Löschung", "out"),
    (("receiver", "token", "revoke", "x"), "eine Token-ID ist eine Zahl aus `hiremate receiver token list`", "err"),
]


@pytest.mark.parametrize(("argv", "german", "stream"), GERMAN, ids=[" ".join(g[0]) for g in GERMAN])
def test_a_command_speaks_german_and_exits_as_in_english(station: Path, argv: tuple[str, ...], german: str,
                                                         stream: str) -> None:
    english = hiremate(station, *argv)
    translated = hiremate(station, "--language", "de", *argv)
    assert translated.returncode == english.returncode
    assert german in (translated.stdout if stream == "out" else translated.stderr)
    assert german not in english.stdout + english.stderr
    assert "Traceback" not in translated.stderr
    if stream == "err":  # still one line naming the command, as in English
        assert translated.stderr.count("\n") == 1 and translated.stderr.startswith("hiremate")


@pytest.mark.parametrize("argv", [("sessions",), ("codes", "list"), ("privacy", "status"), ("sync", "status"),
                                  ("verify-log",), ("station", "show"), ("privacy", "tombstones"),
                                  ("privacy", "audit"), ("receiver", "stations"), ("receiver", "token", "list")])
def test_json_output_is_the_same_in_every_language(station: Path, argv: tuple[str, ...]) -> None:
    english = hiremate(station, "--json", *argv)
    assert english.returncode == 0, english.stderr
    for language in ("de", "ar"):
        translated = hiremate(station, "--language", language, "--json", *argv)
        assert (translated.returncode, _timeless(translated.stdout)) == (0, _timeless(english.stdout))


def _timeless(stdout: str) -> str:
    """The output without `privacy status`'s clock reading (the one value that differs between two runs)."""
    return re.sub(r'"now_utc": "[^"]*"', '"now_utc": ""', stdout)


def test_help_is_in_german_with_argparse_own_words(station: Path) -> None:
    done = hiremate(station, "--language", "de", "codes", "issue", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("Aufruf: hiremate codes issue")
    for words in ("Optionen:", "diese Hilfe anzeigen und beenden", "wie viele Codes",
                  "N neue Codes ausgeben und eine druckbare Liste"):
        assert words in done.stdout
    top = hiremate(station, "--language", "es", "--help")
    assert "comandos:" in top.stdout and "emitir y listar códigos de acceso de un solo uso" in top.stdout


def test_arabic_is_printed_in_logical_order_with_western_digits(station: Path) -> None:
    done = hiremate(station, "--language", "ar", "sessions")
    assert done.stdout.strip() == "لا توجد جلسات بعد"
    status = hiremate(station, "--language", "ar", "privacy", "status")
    assert "الاحتفاظ: البيانات الشخصية 365 يومًا" in status.stdout


def test_the_environment_sets_the_language_and_the_option_wins(station: Path) -> None:
    env = {**os.environ, "HIREMATE_LANGUAGE": "es"}
    run = [sys.executable, "-m", "kiosk.cli", "--data-dir", str(station)]
    spanish = subprocess.run([*run, "sessions"], env=env, capture_output=True, text=True, timeout=120)
    assert spanish.stdout.strip() == "todavía no hay sesiones"
    german = subprocess.run([*run, "--language", "de", "sessions"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert german.stdout.strip() == "noch keine Sitzungen"


@pytest.mark.parametrize(("argv", "env", "source"), [
    (("--language", "fr", "sessions"), {}, "--language"),
    (("--language=xx", "codes", "list"), {}, "--language"),
    (("sessions",), {"HIREMATE_LANGUAGE": "klingon"}, "HIREMATE_LANGUAGE"),
])
def test_a_language_that_is_not_shipped_is_one_line_naming_the_shipped_ones(
        station: Path, argv: tuple[str, ...], env: dict[str, str], source: str) -> None:
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "--data-dir", str(station), *argv],
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"hiremate: {source}: ") and done.stderr.rstrip().endswith("en, es, de, ar")


def test_a_command_own_language_option_is_the_candidate_language_not_the_proctor_one(station: Path) -> None:
    done = hiremate(station, "codes", "issue", "--count", "1", "--language", "ar")
    assert done.returncode == 0 and "printable list: " in done.stdout and "; language ar" in done.stdout


def test_main_in_process_restores_the_caller_language(station: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(station), "--language", "de", "sessions"]) == 0
    assert capsys.readouterr().out.strip() == "noch keine Sitzungen"
    assert station_language() == "en"
    assert main(["--data-dir", str(station), "sessions"]) == 0
    assert capsys.readouterr().out.strip() == "no sessions yet"

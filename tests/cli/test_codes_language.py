"""`hiremate codes issue --language`: the proctor's language is stored with each code (migration 22) and a language
that is not shipped is refused in one line before any code is issued (issue 17)."""

from __future__ import annotations

import json
from pathlib import Path

from eventlog import Store
from kiosk.services.code_language import code_language
from kiosk.services.stationdb import StationDb
from tests.cli.test_codes_pdf import hiremate, station  # noqa: F401  (the station fixture)


def test_issued_codes_carry_their_language(station: Path) -> None:  # noqa: F811
    done = hiremate(station, "--json", "codes", "issue", "--count", "2", "--language", "ar")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["language"] == "ar"
    plain = hiremate(station, "codes", "issue", "--count", "1")
    assert plain.returncode == 0 and "language" not in plain.stdout.splitlines()[0]
    with Store.in_dir(station) as store:
        db = StationDb(store)
        assert sorted(str(code_language(db, c.ref)) for c in db.codes()) == ["None", "ar", "ar"]


def test_a_language_that_is_not_shipped_is_refused_before_anything_is_issued(station: Path) -> None:  # noqa: F811
    done = hiremate(station, "codes", "issue", "--count", "1", "--language", "fr")
    assert done.returncode != 0
    assert done.stderr.strip().splitlines()[-1].endswith("--language: language 'fr' is not shipped (choose one of "
                                                         "en, es, de, ar)")
    with Store.in_dir(station) as store:
        assert StationDb(store).codes() == []

"""Pseudonyms only: names, e-mails and access codes from the station's people and codes tables never appear in
any file of any export format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from datasets import FORMATS
from eventlog import Store
from kiosk.services.codes import display_code
from kiosk.services.stationdb import StationDb
from tests.datasets.conftest import add_full_sessions, every_file, run_export
from tests.datasets.edge_sessions import edge_session
from tests.sync.sessions import init_station

PEOPLE = [("Zoë Quackenbush", "zoe.quackenbush@example.org"), ("Amadou Diallo-Ferreira", "a.diallo@example.net")]


def test_no_name_email_or_code_reaches_any_export(tmp_path: Path) -> None:
    data_dir = tmp_path / "station"
    init_station(data_dir)
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        issued = [db.issue_codes(1, "default", datetime.now(UTC) + timedelta(hours=1), person=person)[0]
                  for person in PEOPLE]
        people = store.conn.execute("SELECT participant, name, email FROM people").fetchall()
        codes = [row[0] for row in store.conn.execute("SELECT code FROM access_codes")]
    assert len(people) == 2 and all(name and email for _, name, email in people)
    add_full_sessions(data_dir, [issued[0].participant])
    edge_session(data_dir, participant=issued[1].participant)
    secrets = [s for _, name, email in people for s in (name, email, *name.split(), email.split("@")[0])]
    secrets += [c for code in codes for c in (code, display_code(code))]
    for fmt in FORMATS:
        out = tmp_path / fmt
        run_export(data_dir, out, fmt)
        files = list(every_file(out))
        assert files
        for path in files:
            text = path.read_text(encoding="utf-8").casefold()
            found = [s for s in secrets if s.casefold() in text]
            assert found == [], f"{path.relative_to(out)} contains {found}"
        pseudonyms = [i.participant for i in issued]
        assert all(any(p in f.read_text(encoding="utf-8") for f in files) for p in pseudonyms)

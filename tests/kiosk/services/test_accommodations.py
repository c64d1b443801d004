"""Accommodations on access codes: parsing with one-line errors, storage (migration 23), admission and resume."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from eventlog import Store
from eventlog.migrations import applied_migrations
from games.decision.params import DecisionParams
from games.decision.rules import new_game
from games.decision.scenarios import load_scenarios
from games.spec import ExtendedTimeError, all_games, extend_time, game_spec
from kiosk.cli.main import main
from kiosk.services import session_ops
from kiosk.services.accommodations import (
    AccommodationError,
    Accommodations,
    code_accommodations,
    issue_codes,
    parse_accommodations,
    recorded_accommodations,
)
from kiosk.services.battery import resolve_battery
from kiosk.services.station_log import open_station_log, prepare_station
from kiosk.services.stationdb import StationDb


def test_accommodations_are_parsed_from_the_command_line_words() -> None:
    assert parse_accommodations(["extended_time=1.5", "breaks", "type_scale=2", "high_contrast"]) == Accommodations(
        extended_time=1.5, type_scale=2.0, high_contrast=True, breaks=True)
    assert parse_accommodations([]) == Accommodations() and not Accommodations().any
    assert Accommodations(extended_time=1.25, breaks=True).describe() == "extended time 1.25x, breaks between games"


@pytest.mark.parametrize(("words", "message"), [
    (["extended_time=abc"], "accommodation extended_time='abc': needs a time factor such as 1.5, more than 1 and "
                            "at most 3"),
    (["extended_time=1"], "more than 1 and at most 3"),
    (["extended_time=inf"], "more than 1 and at most 3"),
    (["type_scale=2.5"], "accommodation type_scale='2.5': needs a scale such as 1.5, more than 1 and at most 2"),
    (["extended_time"], "accommodation extended_time needs a value, e.g. extended_time=1.5"),
    (["breaks=yes"], "accommodation breaks takes no value (write just breaks)"),
    (["more_time=2"], "unknown accommodation 'more_time'; known: extended_time, type_scale, high_contrast, breaks"),
    (["breaks", "breaks"], "accommodation breaks is given twice"),
])
def test_bad_accommodations_are_refused_in_one_line(words: list[str], message: str) -> None:
    with pytest.raises(AccommodationError) as caught:
        parse_accommodations(words)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_codes_issue_stores_accommodations_and_refuses_bad_ones(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "codes", "issue", "--count", "2", "--battery", "test_fast",
                 "--accommodation", "extended_time=1.5", "--accommodation", "high_contrast", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["accommodations"] == {"extended_time": 1.5, "type_scale": 1.0, "high_contrast": True, "breaks": False}
    assert main(["--data-dir", str(data_dir), "codes", "issue", "--count", "1", "--accommodation", "nap=1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("hiremate codes issue: unknown accommodation 'nap'") and err.count("\n") == 1
    assert main(["--data-dir", str(data_dir), "codes", "list"]) == 0
    assert capsys.readouterr().out.count("accommodations: extended time 1.5x, high contrast") == 2
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        rows = db.codes()
        assert len(rows) == 2  # the refused command issued nothing
        assert {code_accommodations(db, r.ref) for r in rows} == {Accommodations(1.5, 1.0, True, False)}
        assert 23 in applied_migrations(store.conn)


def test_an_extended_time_the_battery_cannot_take_is_refused_before_any_code(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    battery = tmp_path / "long_choice.toml"
    battery.write_text('[battery]\ntitle = "Effort with a long choice"\nminutes = 20\n\n[[games]]\ngame = "effort"\n'
                       'params = { choice_seconds = 30.0 }\n', encoding="utf-8")
    assert main(["--data-dir", str(data_dir), "init"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "codes", "issue", "--count", "1", "--battery", str(battery),
                 "--accommodation", "extended_time=3"]) == 1
    err = capsys.readouterr().err
    assert "extended time 3x: effort's choice_seconds would be 90.0" in err and err.count("\n") == 1
    with Store.in_dir(data_dir) as store:
        assert StationDb(store).codes() == []


def test_admission_carries_the_codes_accommodations_and_a_resume_the_recorded_ones(data_dir: Path) -> None:
    prepare_station(data_dir)
    granted = Accommodations(extended_time=2.0, breaks=True)
    with Store.in_dir(data_dir) as store:
        code = issue_codes(StationDb(store), 1, resolve_battery("test_fast"), datetime.now(UTC) + timedelta(hours=1),
                           granted)[0].code
    assert code is not None
    log = open_station_log(data_dir, window_ms=5.0)
    try:
        with Store.in_dir(data_dir) as store:
            admission = session_ops.admit(StationDb(store), log, code)
        assert admission.accommodations == granted
        sid = admission.session.session_id
        log.record(sid, "station.accommodations", 1, granted.payload())
        log.flush()
        with Store.in_dir(data_dir) as store:
            assert recorded_accommodations(store.events(sid)) == granted
    finally:
        log.close()


def test_every_games_extended_parameters_exist_and_are_multiplied() -> None:
    for spec in all_games().values():
        params = spec.params_model()
        longer = extend_time(spec, params, 1.5)
        for name in spec.extended_time:
            before, after = getattr(params, name), getattr(longer, name)
            assert after == (round(before * 1.5) if isinstance(before, int) else before * 1.5), (spec.name, name)
        untouched = set(type(params).model_fields) - set(spec.extended_time)
        assert all(getattr(params, n) == getattr(longer, n) for n in untouched), spec.name
    for measured in ("simple_rt", "choice_rt", "go_nogo", "flanker", "stop_signal"):
        assert game_spec(measured).extended_time == ()


def test_the_decision_games_suggested_times_are_lengthened() -> None:
    scenarios = load_scenarios()
    plain = new_game(scenarios, DecisionParams(), random.Random(1), 1)
    longer = new_game(scenarios, extend_time(game_spec("decision"), DecisionParams(), 1.5), random.Random(1), 1)
    pairs = [(a.soft_time_limit_s, b.soft_time_limit_s) for a, b in zip(plain.tasks, longer.tasks, strict=True)]
    assert pairs and all(b == round(a * 1.5) for a, b in pairs if a) and (150, 225) in pairs


def test_extended_time_out_of_a_games_range_names_the_field() -> None:
    with pytest.raises(ExtendedTimeError, match=r"extended time 3x: effort's choice_seconds would be 90\.0"):
        extend_time(game_spec("effort"), game_spec("effort").params_model(choice_seconds=30.0), 3.0)


def test_docs_list_every_games_timed_parameters_as_extended_or_kept() -> None:
    doc = (Path(__file__).parents[3] / "docs" / "ACCOMMODATIONS.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in doc.splitlines() if line.startswith("| `")}
    for spec in all_games().values():
        row = next(line for names, line in rows.items() if f"`{spec.name}`" in names)
        timed = [n for n in spec.params_model.model_fields if n.endswith(("_ms", "_seconds", "_s", "_factor"))]
        missing = [n for n in timed if f"`{n}`" not in row]
        assert not missing, f"docs/ACCOMMODATIONS.md: {spec.name}'s {missing} are neither extended nor kept"
        assert all(f"`{n}`" in row.split("|")[2] for n in spec.extended_time), spec.name

"""Accommodations through the real station window: a code issued with them, the session records them, the games
run with extended time, and the scored profile marks what they make not comparable."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from eventlog import Store
from kiosk.services.accommodations import Accommodations, code_accommodations, issue_codes
from kiosk.services.battery import resolve_battery
from kiosk.services.stationdb import StationDb
from kiosk.ui.simulate import make_player
from sync.stored_results import stored_results
from tests.kiosk.conftest import FAST, MakeStation, click, prepare, type_code
from tests.kiosk.ui.test_code_printing import open_panel, retype

GRANTED = Accommodations(extended_time=1.5, type_scale=1.5, breaks=True)


def _issue(data_dir: Path, granted: Accommodations) -> str:
    prepare(data_dir)
    with Store.in_dir(data_dir) as store:
        code = issue_codes(StationDb(store), 1, resolve_battery(FAST), datetime.now(UTC) + timedelta(hours=1),
                           granted)[0].code
    assert code is not None
    return code


def test_extended_time_reaches_the_games_and_the_profile_marks_what_it_changes(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    code = _issue(data_dir, GRANTED)
    window = make_station(seed_override=3)
    looks: list[tuple[float, bool]] = []
    window.candidate.accommodated_appearance_wanted.connect(lambda scale, contrast: looks.append((scale, contrast)))
    views: dict[str, object] = {}
    players: list[Any] = []  # kept: a player nobody holds is collected

    def attach(view: object, game: str, practice: bool) -> None:
        views[game] = view  # the decision game's player goes slowly: its first task is looked at while it runs
        players.append(make_player(game, speed=1.0 if game == "decision" else 25.0))
        players[-1].attach(view)  # type: ignore[attr-defined]

    window.game_view_did_start.connect(attach)
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    assert looks == [(1.5, False)]  # the call site for larger type fired as the session started
    click(window.screens.consent.agree_button)
    for index in range(3):
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.instructions, timeout=30_000)
        on_break = "Break." in window.screens.instructions.text.toPlainText()
        assert on_break == (index > 0)  # breaks granted: between games, and the idle pause does not watch then
        assert window.guard.idle_timer.isActive() == (index == 0)
        with qtbot.waitSignal(window.game_view_did_start, timeout=5000):
            click(window.screens.instructions.begin_button)
        assert window.guard.idle_timer.isActive()
    closed: list[Any] = []
    window.session_did_close.connect(closed.append)
    decision = views["decision"]
    assert views["bart"].params.feedback_ms == 75  # type: ignore[attr-defined]  # the battery's 50 ms x 1.5
    assert views["simple_rt"].params.timeout_ms == 1500  # type: ignore[attr-defined]  # a measured window: kept
    qtbot.waitUntil(lambda: decision._state.phase == "in_task", timeout=5000)  # type: ignore[attr-defined]
    # ps_release_bug suggests 120 s: the candidate is given 180 s, shown and timed.
    assert decision._limit_timer.interval() == 180_000  # type: ignore[attr-defined]
    assert "3 minutes" in decision.time_label.text()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(closed), timeout=60_000)
    sid = closed[0].session_id
    with Store.in_dir(data_dir) as store:
        events = store.events(sid)
        profile = json.loads(stored_results(store, sid) or b"{}")
    kinds = [e.kind for e in events]
    recorded = next(e for e in events if e.kind == "station.accommodations")
    assert recorded.payload == {"extended_time": 1.5, "type_scale": 1.5, "high_contrast": False, "breaks": True}
    assert kinds.index("station.accommodations") < kinds.index("station.consent")
    assert [e.payload["soft_time_limit_s"] for e in events if e.kind == "decision.task_started"] == [180, 90]
    assert profile["scoring_version"] == "1.3.0"
    assert profile["accommodations"]["extended_time"] == 1.5 and profile["accommodations"]["breaks"] is True
    metrics = {(m["key"], m["group"]): m for g in profile["games"] for m in g["metrics"]}
    assert metrics[("decision.first_decision_ms", "ps_release_bug")]["comparability"]["comparable"] is False
    assert "1.5x each scenario's suggested time" in metrics[("decision.first_decision_ms", "ps_release_bug")][
        "comparability"]["reason"]
    assert "comparability" not in metrics[("decision.final_risk", "ps_release_bug")]
    assert "comparability" not in metrics[("bart.adjusted_pumps", "")]
    rt = metrics[("rt.median_rt_ms", "")]
    assert "larger type" in rt["comparability"]["reason"]  # the stimuli's size: not comparable either
    traits = {t["key"]: t for t in profile["traits"]}
    assert traits["deliberation"]["comparability"]["comparable"] is False
    assert "comparability" not in traits["scenario_risk"]
    _report_and_export_show_them(data_dir, sid, tmp_path)


def _hiremate(data_dir: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def _report_and_export_show_them(data_dir: Path, sid: str, tmp_path: Path) -> None:
    _hiremate(data_dir, "report", sid, "--html", str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Accommodations" in html and "extended time 1.5x, larger type 150%, breaks between games" in html
    assert "Accommodations: extended time 1.5x, larger type 150%, breaks between games." in html
    assert "measures depend on them and are marked not comparable" in html  # this short battery scores no trait
    _hiremate(data_dir, "data", "export", sid, "--format", "csv", "-o", str(tmp_path / "data"))
    with (tmp_path / "data" / "sessions.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["accommodations"] == "extended_time=1.5;type_scale=1.5;breaks"
    assert "decision.first_decision_ms" in row["not_comparable"].split()
    assert "deliberation" in row["not_comparable"].split() and "decision.final_risk" not in row["not_comparable"]


def test_a_code_without_accommodations_records_none_and_changes_nothing(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    code = _issue(data_dir, Accommodations())
    window = make_station()
    looks: list[object] = []
    window.candidate.accommodated_appearance_wanted.connect(lambda *args: looks.append(args))
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    sid = window.candidate.session_id
    assert sid is not None and looks == []
    window.log.flush()
    with Store.in_dir(data_dir) as store:
        assert "station.accommodations" not in [e.kind for e in store.events(sid)]


def test_the_panel_issues_codes_with_accommodations_and_refuses_bad_ones(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    window = make_station()
    open_panel(qtbot, window)
    panel = window.panel
    retype(panel.accommodations_input, "extended_time=9")
    click(panel.issue_button)
    qtbot.waitUntil(lambda: "extended_time='9'" in panel.status.text(), timeout=10_000)
    assert "more than 1 and at most 3" in panel.status.text()
    retype(panel.accommodations_input, "extended_time=1.5, high_contrast")
    click(panel.issue_button)
    qtbot.waitUntil(lambda: panel.pdf_button.isEnabled(), timeout=10_000)
    with Store.in_dir(data_dir) as store:
        db = StationDb(store)
        rows = db.codes()
        assert len(rows) == 1  # the refused request issued nothing
        assert code_accommodations(db, rows[0].ref) == Accommodations(extended_time=1.5, high_contrast=True)


def test_larger_type_and_high_contrast_granted_on_the_code_are_shown_and_the_next_welcome_goes_back(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    from kiosk.ui.appearance import Appearance, current

    code = _issue(data_dir, Accommodations(type_scale=1.5, high_contrast=True))
    window = make_station()
    assert current() == Appearance()
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    assert current() == Appearance(1.5, True)  # shown for this candidate from the consent on
    sid = window.candidate.session_id
    click(window.screens.consent.decline_button)
    with qtbot.waitSignal(window.session_did_close, timeout=10_000):
        click(window.screens.consent.confirm_button)
    assert window.stack.currentWidget() is window.screens.declined and current() == Appearance(1.5, True)
    click(window.screens.declined.done_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.code, timeout=10_000)
    assert current() == Appearance()  # the next candidate's welcome: the station's default again
    window.log.flush()
    with Store.in_dir(data_dir) as store:
        looks = [e.payload for e in store.events(sid) if e.kind == "station.appearance"]
    assert looks == [{"scale": 1.5, "high_contrast": True, "source": "session"}]

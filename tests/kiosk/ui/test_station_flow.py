"""The candidate flow through the real station window: code entry to completion with the games' players."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from eventlog import Store, verify_store
from kiosk.services.codes import check_symbol
from kiosk.services.flow import Screen
from kiosk.services.stationdb import StationDb
from kiosk.services.texts import consent_text, sha256_text
from kiosk.ui.simulate import make_player
from tests.kiosk.conftest import MakeStation, click, issue, type_code


def _events(data_dir: Path, session_id: str) -> list:
    with Store.in_dir(data_dir) as store:
        return store.events(session_id)


def test_whole_flow_from_code_to_completion(qtbot: QtBot, make_station: MakeStation, data_dir: Path) -> None:
    code = issue(data_dir)[0]
    window = make_station(seed_override=11)
    players: list[object] = []

    def attach(view: object, game: str, practice: bool) -> None:
        player = make_player(game, speed=25.0)
        player.attach(view)  # type: ignore[attr-defined]
        players.append(player)

    window.game_view_did_start.connect(attach)
    type_code(qtbot, window, code.lower())  # lower case and no dashes are read the same
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    click(window.screens.consent.agree_button)
    games_seen: list[str] = []
    for _ in range(3):
        qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.instructions, timeout=30_000)
        games_seen.append(window.screens.instructions.heading.text())
        with qtbot.waitSignal(window.game_view_did_start, timeout=5000):
            click(window.screens.instructions.begin_button)
    with qtbot.waitSignal(window.session_did_close, timeout=60_000) as closed:
        pass
    assert window.candidate.state.screen == Screen.COMPLETE
    qtbot.waitUntil(lambda: window.screens.complete.done_button.isEnabled(), timeout=5000)
    click(window.screens.complete.done_button)
    assert window.stack.currentWidget() is window.screens.code
    result = closed.args[0]
    assert result.reason == "completed" and not result.problems
    assert games_seen == ["Balloon game", "Simple reaction time", "Everyday decisions"]
    events = _events(data_dir, result.session_id)
    kinds = [e.kind for e in events]
    assert kinds[0] == "session.opened" and kinds[-1] == "session.closed"
    consent = next(e for e in events if e.kind == "station.consent")
    assert consent.payload == {"accepted": True, "text_sha256": sha256_text(consent_text()), "version": "en-1"}
    starts = [e.payload for e in events if e.kind == "station.game_will_start"]
    assert starts == [{"game": "bart", "index": 0}, {"game": "simple_rt", "index": 1}, {"game": "decision", "index": 2}]
    assert {"bart.game_ended", "rt.game_ended", "decision.game_ended"} <= set(kinds)
    with Store.in_dir(data_dir) as store:
        assert store.session(result.session_id).status == "completed"
        assert store.session(result.session_id).participant.startswith("P-")
        assert verify_store(store).ok


def test_declining_consent_asks_once_more_then_ends_politely_and_is_recorded(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    code = issue(data_dir)[0]
    window = make_station()
    consent = window.screens.consent
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is consent, timeout=5000)
    closed_early: list[object] = []
    window.session_did_close.connect(closed_early.append)
    click(consent.decline_button)  # one click does not use up the code: the candidate is asked once more
    assert consent.asking and "used up" in consent.confirm.text() and consent.back_button.hasFocus()
    qtbot.wait(200)
    assert closed_early == [] and window.stack.currentWidget() is consent and window.ops.pending == 0
    click(consent.back_button)
    assert not consent.asking and consent.agree_button.isVisible() and consent.decline_button.hasFocus()
    click(consent.decline_button)
    with qtbot.waitSignal(window.session_did_close, timeout=10_000) as closed:
        click(consent.confirm_button)
    assert window.stack.currentWidget() is window.screens.declined
    sid = closed.args[0].session_id
    events = _events(data_dir, sid)
    assert [e.kind for e in events] == ["session.opened", "station.language", "station.consent", "session.closed"]
    assert events[1].payload == {"language": "en", "source": "station_default"}
    assert events[2].payload["accepted"] is False
    assert events[3].payload["reason"] == "declined"
    with Store.in_dir(data_dir) as store:
        assert store.session(sid).status == "declined"


def test_typo_is_caught_by_the_check_symbol_before_any_lookup(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    code = issue(data_dir)[0]
    window = make_station()
    wrong = "1" if code[3] != "1" else "2"
    typo = code[:3] + wrong + code[4:]
    type_code(qtbot, window, typo)
    assert window.screens.code.error.isVisible()  # shown at once: no worker round trip was needed
    assert "typo" in window.screens.code.error.text()
    assert window.ops.pending == 0
    with Store.in_dir(data_dir) as store:
        assert store.sessions() == []
        assert StationDb(store).codes()[0].used_utc is None


def _refusal(qtbot: QtBot, window, text: str) -> str:  # type: ignore[no-untyped-def]
    type_code(qtbot, window, text)
    qtbot.waitUntil(lambda: window.screens.code.error.isVisible(), timeout=5000)
    assert window.stack.currentWidget() is window.screens.code
    return window.screens.code.error.text()


def test_used_expired_and_unknown_codes_open_no_session(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path
) -> None:
    code = issue(data_dir)[0]
    with Store.in_dir(data_dir) as store:
        expired = StationDb(store).issue_codes(1, "test_fast", datetime.now(UTC) - timedelta(minutes=1))[0].code
        StationDb(store).redeem(code, "spent-elsewhere")
    window = make_station()
    assert "already been used" in _refusal(qtbot, window, code)
    window.screens.code.reset()
    assert "expired" in _refusal(qtbot, window, expired)
    window.screens.code.reset()
    unknown = "ABCDEFGH12"
    assert "not known" in _refusal(qtbot, window, unknown + check_symbol(unknown))
    with Store.in_dir(data_dir) as store:
        assert store.sessions() == []


def test_a_completed_session_cannot_be_redone(qtbot: QtBot, make_station: MakeStation, data_dir: Path) -> None:
    code = issue(data_dir)[0]
    window = make_station()
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    click(window.screens.consent.decline_button)
    with qtbot.waitSignal(window.session_did_close, timeout=10_000):
        click(window.screens.consent.confirm_button)
    qtbot.waitUntil(lambda: window.screens.declined.done_button.isEnabled(), timeout=5000)
    click(window.screens.declined.done_button)
    assert "already been used" in _refusal(qtbot, window, code)
    with Store.in_dir(data_dir) as store:
        assert len(store.sessions()) == 1


PRACTICE_BATTERY = """
[battery]
title = "Practice check"
minutes = 1
practice = true

[[games]]
game = "simple_rt"
params = { trials = 2, foreperiod_min_ms = 100, foreperiod_max_ms = 150, iti_ms = 20 }
practice_params = { trials = 1, foreperiod_min_ms = 100, foreperiod_max_ms = 150, iti_ms = 20 }
"""


def test_practice_round_records_apart_and_is_offered_once(
    qtbot: QtBot, make_station: MakeStation, data_dir: Path, tmp_path: Path
) -> None:
    battery = tmp_path / "practice_check.toml"
    battery.write_text(PRACTICE_BATTERY, encoding="utf-8")
    code = issue(data_dir, battery=str(battery))[0]
    window = make_station()
    window.game_view_did_start.connect(lambda view, game, practice: make_player(game, 25.0).attach(view))
    type_code(qtbot, window, code)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.screens.consent, timeout=5000)
    click(window.screens.consent.agree_button)
    instructions = window.screens.instructions
    qtbot.waitUntil(lambda: window.stack.currentWidget() is instructions, timeout=5000)
    assert instructions.practice_button.isVisible()
    with qtbot.waitSignal(window.game_view_did_start, timeout=5000) as started:
        click(instructions.practice_button)
    assert started.args[2] is True and "Practice" in window.screens.game.header.text()
    over = window.screens.practice_over
    qtbot.waitUntil(lambda: window.stack.currentWidget() is over, timeout=20_000)  # a screen of its own
    assert "did not count" in over.body.text() and not over.begin_button.hasFocus()
    click(over.reread_button)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is instructions, timeout=5000)
    assert not instructions.practice_button.isVisible()
    with qtbot.waitSignal(window.session_did_close, timeout=30_000) as closed:
        click(instructions.begin_button)
    with Store.in_dir(data_dir) as store:
        rows = {row.purpose: row for row in store.sessions()}
        assert rows["practice"].participant == rows["assessment"].participant
        assert rows["practice"].status == "completed" and rows["assessment"].id == closed.args[0].session_id
        practice_trials = [e for e in store.events(rows["practice"].id) if e.kind == "rt.trial_ended"]
        real_trials = [e for e in store.events(rows["assessment"].id) if e.kind == "rt.trial_ended"]
    assert len(practice_trials) == 1 and len(real_trials) == 2

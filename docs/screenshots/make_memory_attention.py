"""Screenshots of the memory and attention games mid-play, and of their report pages.

xvfb-run -a -s "-screen 0 1280x800x24" env PYTHONPATH=. .venv/bin/python docs/screenshots/make_memory_attention.py
Writes digit_span.png, card_match.png, flanker.png, stop_signal.png (the games' windows, grabbed by Qt) and
report_5_memory.png, report_6_attention.png (report pages printed by headless Chromium, rendered by pdftoppm).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from eventlog import EventLog
from eventlog.recorder import SessionRecorder
from games.spec import game_spec, load_object

OUT = Path(__file__).parent


def shoot(app: QApplication, log: EventLog, game: str, params: dict[str, Any], seed: int,
          arm: Callable[[Any, Callable[[], None]], None]) -> None:
    """Play the game with its scripted player; `arm(view, grab)` decides when to grab the window."""
    spec = game_spec(game)
    session = log.open_session(purpose="practice", participant="screenshot")
    view = load_object(spec.view)(SessionRecorder(log, session, game), spec.params_model(**params), seed)
    view.resize(1200, 760)
    view.show()
    player = load_object(spec.player)(speed=4)
    player.attach(view)

    def grab() -> None:
        view.grab().save(str(OUT / f"{game}.png"))
        view.close()
        app.quit()

    arm(view, grab)
    view.start()
    app.exec()


def on_answer(view: Any, grab: Callable[[], None]) -> None:
    """Digit span: the first answer's boxes with two digits typed (the player is stopped; this types)."""

    def typed() -> None:
        view.scripted_player._timer.stop()
        for d in view.state.digits[:2]:
            QTest.keyClick(view, getattr(Qt.Key, f"Key_{d}"))
        QTimer.singleShot(200, grab)

    view.answer_did_open.connect(lambda trial: typed())


def on_card(view: Any, grab: Callable[[], None]) -> None:
    """Card match: some pairs found, one card face up, the keyboard cursor shown."""
    view.card_did_flip.connect(lambda position, symbol, flip: QTimer.singleShot(80, grab)
                               if flip == 1 and view.state.move == 8 else None)


def on_arrows(view: Any, grab: Callable[[], None]) -> None:
    """Flanker: a rule-switch trial answering the outer arrows (orange, outlined, framed)."""
    view.stimulus_did_appear.connect(lambda trial: QTimer.singleShot(60, grab) if view.rules.plan[trial].kind ==
                                     "switch" and view.rules.plan[trial].rule == "flankers" and
                                     view.rules.plan[trial].condition == "incongruent" else None)


def on_stop(view: Any, grab: Callable[[], None]) -> None:
    """Stop-signal: the red cross over the arrow."""
    original = view._on_signal_due

    def signalled() -> None:
        original()
        QTimer.singleShot(30, grab)

    view._timers["signal"].timeout.disconnect()
    view._timers["signal"].timeout.connect(signalled)


def games() -> None:
    """The four game screenshots."""
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        log = EventLog.in_dir(Path(tmp) / "station")
        shoot(app, log, "digit_span", {"digit_ms": 200, "digit_on_ms": 150, "iti_ms": 100}, 2, on_answer)
        shoot(app, log, "card_match", {"reveal_ms": 200}, 3, on_card)
        shoot(app, log, "flanker", {"conflict_trials": 3, "fixation_min_ms": 50, "fixation_max_ms": 60}, 5,
              on_arrows)
        shoot(app, log, "stop_signal", {"fixation_ms": 50, "iti_ms": 50}, 2, on_stop)
        log.close()


def reports() -> None:
    """Pages of a report with the four games (printed by Chromium, as tests/reports/screenshots.py does)."""
    from reports import ReportInput, build_report, meta_from_events, render_html
    from scoring import score_session
    from tests.reports.browser import chromium, print_pdf
    from tests.scoring.helpers import StreamBuilder
    from tests.scoring.simulate_memory import play_memory_attention

    b = StreamBuilder("7c1d2e3f-4444-4a5b-8c6d-9e0f1a2b3c4d", "P-8MEM")
    play_memory_attention(b, seed=3)
    records = b.close()
    doc = build_report(ReportInput(meta_from_events(records, "front-desk"), score_session(records), tuple(records)))
    with tempfile.TemporaryDirectory() as tmp, chromium() as driver:
        page = Path(tmp) / "report.html"
        page.write_text(render_html(doc), encoding="utf-8")
        driver.get(page.as_uri())
        pdf = print_pdf(driver, Path(tmp) / "report.pdf")
        for number, name in ((2, "report_5_memory"), (4, "report_6_attention")):
            subprocess.run(["pdftoppm", "-r", "90", "-png", "-singlefile", "-f", str(number), "-l", str(number),
                            str(pdf), str(OUT / name)], check=True)


if __name__ == "__main__":
    import sys

    if "reports" not in sys.argv[1:]:
        games()
    if "games" not in sys.argv[1:]:
        reports()

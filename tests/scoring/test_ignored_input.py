"""Presses the games ignored (game.input_ignored) never change a score, in any supported scoring version."""

from __future__ import annotations

import itertools

import pytest

from eventlog.kinds import validate_payload
from eventlog.records import EventRecord
from games.core import INPUT_IGNORED, InputIgnored
from scoring import SUPPORTED_VERSIONS, rescore_canonical
from tests.scoring.helpers import StreamBuilder
from tests.scoring.simulate import full_session

REASONS = itertools.cycle(["between_trials", "not_a_game_key", "auto_repeat", "control_disabled", "no_target"])


def _ignored(reason: str, n: int) -> dict[str, object]:
    payload = InputIgnored(input="key" if n % 2 else "mouse", key="A" if n % 2 else "left", reason=reason,  # type: ignore[arg-type]
                           auto_repeat=reason == "auto_repeat", phase="between", target=None if n % 2 else "pump",
                           qt_event_ms=n or None)
    return validate_payload(INPUT_IGNORED, payload)


def _with_ignored_presses(records: list[EventRecord], per_event: int) -> list[EventRecord]:
    """The same session with `per_event` ignored presses of the game after each of its game events."""
    b = StreamBuilder(records[0].session_id, records[0].payload["participant"])
    n = 0
    for rec in records[1:]:
        if rec.kind == "session.closed":
            b.add(rec.kind, rec.t_ns, {**rec.payload, "event_count": len(b.records) + 1})
            continue
        b.add(rec.kind, rec.t_ns, rec.payload, rec.game, rec.trial)
        if rec.game is not None:
            for _ in range(per_event):
                n += 1
                b.add(INPUT_IGNORED, rec.t_ns, _ignored(next(REASONS), n), rec.game, rec.trial)
    return b.records


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
def test_a_session_full_of_ignored_presses_scores_byte_for_byte_like_the_same_session_without_them(
    version: str,
) -> None:
    plain = full_session(seed=3, session_id="s-ignored")
    noisy = _with_ignored_presses(plain, per_event=3)
    extra = sum(r.kind == INPUT_IGNORED for r in noisy)
    assert extra > 3000 and len(noisy) == len(plain) + extra
    assert rescore_canonical(noisy, version) == rescore_canonical(plain, version)

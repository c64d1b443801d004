"""Issue 19's faster scoring path scores byte for byte like the scorer before it (profiles, JSON, bands)."""

from __future__ import annotations

import pytest

from scoring import SUPPORTED_VERSIONS, rescore_canonical
from tests.scoring.speed_golden import digest, load_events, load_results

STREAMS = {records[0].session_id: records for records in load_events()}
GOLDEN = load_results()


def test_the_fixture_covers_every_supported_version_and_every_game() -> None:
    assert set(GOLDEN) == set(STREAMS) and len(STREAMS) >= 6
    assert all(set(by_version) == set(SUPPORTED_VERSIONS) for by_version in GOLDEN.values())
    families = {rec.kind.split(".")[0] for records in STREAMS.values() for rec in records}
    assert {"bart", "rt", "decision", "digit_span", "card_match", "flanker", "stop_signal", "igt", "tower", "faces",
            "effort", "money", "station", "session"} <= families
    assert any(rec.kind == "session.resumed" for rec in STREAMS["s-bart-crash"])
    assert any(rec.kind == "station.game_suspended" for rec in STREAMS["s-frozen"])


@pytest.mark.parametrize("version", SUPPORTED_VERSIONS)
@pytest.mark.parametrize("session_id", sorted(GOLDEN))
def test_each_stream_scores_as_the_old_scorer_scored_it(session_id: str, version: str) -> None:
    assert digest(rescore_canonical(STREAMS[session_id], version)) == GOLDEN[session_id][version]

"""Fixed simulated sessions and the digests of their profiles as the scorer made them before issue 19's speed-up.

`python -m tests.scoring.speed_golden` wrote fixtures/speed_golden.* once, from the old code (hashes left
out: scoring never reads them); the tests only read them (tests/scoring/test_fast_path.py). The 1.3.0 digests
(scoring in the session's language, accommodations) were added from the scorer at 233972f, the last commit before
the speed-up reached main, over the same stored events.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import replace
from pathlib import Path

from eventlog.records import EventRecord
from scoring import SUPPORTED_VERSIONS, rescore_canonical
from tests.scoring.freeze import with_freeze
from tests.scoring.helpers import StreamBuilder
from tests.scoring.population import person_session
from tests.scoring.simulate import full_session, play_bart, play_rt

FIXTURES = Path(__file__).parent / "fixtures"
EVENTS = FIXTURES / "speed_golden.events.jsonl.gz"
RESULTS = FIXTURES / "speed_golden.digests.json"  # not *.results.json: test_frozen_results reads those


def _bench(seed: int) -> list[EventRecord]:
    b = StreamBuilder(f"bench-{seed}", f"P-{seed:04d}")
    play_bart(b, 8, seed=seed, balloons=30)
    play_rt(b, "simple_rt", 300, seed=seed, trials=20)
    return b.close()


def sessions() -> list[list[EventRecord]]:
    """Every game, a freeze in the decision game, a crash-resumed balloon game, short and benchmark sessions."""
    from tests.scoring.test_resumed_streams import _bart_resumed

    frozen = full_session(seed=3, stop_at=20, latency_ms=380.0, session_id="s-frozen", spread=4)
    first_decision = next(r.seq for r in frozen if r.kind == "decision.task_started")
    return [
        full_session(seed=1, spread=3, session_id="s-full-1"),
        full_session(seed=2, stop_at=10, latency_ms=450.0, session_id="s-full-2", spread=6),
        with_freeze(frozen, first_decision + 2, 20_000_000_000),
        _bart_resumed(2)[0],
        person_session(5),
        _bench(7),
    ]


def load_events() -> list[list[EventRecord]]:
    """The stored sessions, in order."""
    out: dict[str, list[EventRecord]] = {}
    with gzip.open(EVENTS, "rt", encoding="utf-8") as handle:
        for line in handle:
            rec = EventRecord.from_json(line)
            out.setdefault(rec.session_id, []).append(rec)
    return list(out.values())


def digest(canonical: bytes) -> str:
    """What the fixture keeps of a profile's canonical JSON: its SHA-256."""
    return hashlib.sha256(canonical).hexdigest()


def load_results() -> dict[str, dict[str, str]]:
    """{session id: {scoring version: SHA-256 of the canonical JSON}} as the old scorer wrote them."""
    results: dict[str, dict[str, str]] = json.loads(RESULTS.read_text(encoding="utf-8"))
    return results


def main() -> None:
    streams = sessions()
    with gzip.open(EVENTS, "wt", encoding="utf-8", compresslevel=9) as handle:
        for records in streams:
            handle.writelines(replace(rec, prev_hash="", hash="").to_json() + "\n" for rec in records)
    results = {records[0].session_id: {v: digest(rescore_canonical(records, v)) for v in SUPPORTED_VERSIONS}
               for records in streams}
    RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

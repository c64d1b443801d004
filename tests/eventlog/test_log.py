"""Recording, flushing, closing and the typed errors of the event log."""

from __future__ import annotations

import pytest

from eventlog import (
    EventLog,
    EventRecord,
    PayloadError,
    SequenceGapError,
    SessionClosedError,
    TimestampError,
    UnknownKindError,
    verify_chain,
    verify_store,
)
from eventlog.canonical import GENESIS_HASH


def _snapshot(log: EventLog, sid: str) -> list[EventRecord]:
    log.flush()
    return log.store.events(sid)


def test_recorded_events_read_back_in_order_with_gapless_sequence(log: EventLog) -> None:
    session = log.open_session("practice", "P-1")
    seqs = [log.record(session.session_id, "test.tick", 1000 * i, {"n": i}, game="g", trial=i) for i in range(5)]
    events = _snapshot(log, session.session_id)
    assert seqs == [1, 2, 3, 4, 5]
    assert [e.seq for e in events] == list(range(6))
    assert events[0].kind == "session.opened" and events[0].prev_hash == GENESIS_HASH
    assert [e.payload["n"] for e in events[1:]] == [0, 1, 2, 3, 4]
    assert [e.t_ns for e in events[1:]] == [0, 1000, 2000, 3000, 4000]
    assert all(e.game == "g" for e in events[1:])
    assert verify_chain(session.session_id, events) == 6


def test_close_records_the_chain_head_and_event_count(log: EventLog) -> None:
    session = log.open_session("assessment", "P-2", battery="default")
    log.record(session.session_id, "test.tick", 5, {"n": 1})
    head = log.close_session(session.session_id, 10)
    row = log.store.session(session.session_id)
    events = log.store.events(session.session_id)
    assert row is not None and row.status == "completed"
    assert row.chain_head == head == events[-1].hash
    assert row.event_count == len(events) == 3
    assert events[-1].kind == "session.closed" and events[-1].payload == {"reason": "completed", "event_count": 3}
    assert row.battery == "default" and row.participant == "P-2"


@pytest.mark.parametrize(
    ("kind", "payload", "error", "names"),
    [
        ("test.nope", {"n": 1}, UnknownKindError, "test.nope"),
        ("test.tick", {"n": -1}, PayloadError, "'n'"),
        ("test.tick", {"n": 1, "extra": 2}, PayloadError, "'extra'"),
        ("test.values", {"numbers": [float("nan")]}, PayloadError, "numbers"),
    ],
)
def test_bad_events_raise_typed_errors_naming_the_field_and_change_nothing(
    log: EventLog, kind: str, payload: dict, error: type[Exception], names: str
) -> None:
    session = log.open_session("practice", "P-3")
    log.record(session.session_id, "test.tick", 1, {"n": 1})
    before = _snapshot(log, session.session_id)
    with pytest.raises(error, match=names):
        log.record(session.session_id, kind, 2, payload)
    assert log.record(session.session_id, "test.tick", 3, {"n": 2}) == 2  # no sequence number was consumed
    after = _snapshot(log, session.session_id)
    assert after[:2] == before and len(after) == 3


@pytest.mark.parametrize("t_ns", [-1, 1.5, "5", None])
def test_bad_timestamps_are_refused(log: EventLog, t_ns: object) -> None:
    session = log.open_session("practice", "P-4")
    with pytest.raises(TimestampError, match="t_ns"):
        log.record(session.session_id, "test.tick", t_ns, {"n": 1})  # type: ignore[arg-type]


def test_events_after_close_are_refused_and_the_closed_chain_is_unchanged(log: EventLog) -> None:
    session = log.open_session("practice", "P-5")
    head = log.close_session(session.session_id, 1)
    with pytest.raises(SessionClosedError, match="not open"):
        log.record(session.session_id, "test.tick", 2, {"n": 1})
    with pytest.raises(SessionClosedError):
        log.close_session(session.session_id, 3)
    row = log.store.session(session.session_id)
    assert row is not None and row.chain_head == head and log.store.event_count(session.session_id) == 2


def test_appended_records_must_follow_without_a_gap(log: EventLog) -> None:
    session = log.open_session("practice", "P-6")
    template = EventRecord(session.session_id, 1, 7, "test.tick", None, None, {"n": 3}, "", "")
    gap = EventRecord(session.session_id, 3, 8, "test.tick", None, None, {"n": 4}, "", "")
    assert log.append_records([template]) == 1
    with pytest.raises(SequenceGapError, match="'seq' is 3, expected 2"):
        log.append_records([gap])
    events = _snapshot(log, session.session_id)
    assert [e.seq for e in events] == [0, 1]


def test_unknown_session_is_refused(log: EventLog) -> None:
    with pytest.raises(SessionClosedError):
        log.record("no-such-session", "test.tick", 0, {"n": 0})


def test_resume_continues_the_chain_and_records_session_resumed(data_dir) -> None:
    first = EventLog.in_dir(data_dir)
    session = first.open_session("assessment", "P-7")
    first.record(session.session_id, "test.tick", 50, {"n": 1}, game="bart", trial=3)
    first.flush()
    first.close()  # the session stays open in the database, like after a crash
    second = EventLog.in_dir(data_dir)
    try:
        resumed = second.resume_session(session.session_id, game="bart", trial=3)
        second.record(session.session_id, "test.tick", resumed.now_ns(), {"n": 2})
        second.close_session(session.session_id, resumed.now_ns())
        events = second.store.events(session.session_id)
        assert [e.kind for e in events] == ["session.opened", "test.tick", "session.resumed", "test.tick",
                                            "session.closed"]
        assert events[2].payload["last_seq_before"] == 1 and events[2].payload["resume_trial"] == 3
        assert events[2].t_ns > events[1].t_ns
        assert verify_store(second.store).ok
    finally:
        second.close()


def test_sessions_are_independent_chains(log: EventLog) -> None:
    a = log.open_session("practice", "A")
    b = log.open_session("practice", "B")
    for i in range(3):
        log.record(a.session_id, "test.tick", i, {"n": i})
        log.record(b.session_id, "test.tick", i, {"n": i + 10})
    log.close_session(a.session_id, 10)
    log.close_session(b.session_id, 10)
    report = verify_store(log.store)
    assert report.ok and report.sessions == 2 and report.events == 10


def test_a_wall_clock_jump_is_recorded_as_an_event_and_nothing_is_rewritten(log: EventLog, monkeypatch) -> None:
    import time as time_module

    session = log.open_session("practice", "P-8")
    log.record(session.session_id, "test.tick", 10, {"n": 1})
    log.flush()
    before = log.store.events(session.session_id)
    real_time_ns = time_module.time_ns
    monkeypatch.setattr(time_module, "time_ns", lambda: real_time_ns() + 3_600_000_000_000)  # clock set 1 h ahead
    log.flush()
    log.flush()  # a second check sees no new jump
    events = log.store.events(session.session_id)
    jumps = [e for e in events if e.kind == "clock.wall_jump"]
    assert len(jumps) == 1 and abs(jumps[0].payload["jump_ns"] - 3_600_000_000_000) < 1_000_000_000
    assert events[: len(before)] == before
    row = log.store.session(session.session_id)
    assert row is not None and row.anchor_wall_ns == session.anchor_wall_ns

"""Property test: any valid event stream written and read back is identical."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventlog import EventLog, verify_chain

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
finite = st.floats(allow_nan=False, allow_infinity=False, width=64)
ticks = st.fixed_dictionaries({"n": st.integers(0, 2**53), "label": text})
values = st.fixed_dictionaries(
    {"numbers": st.lists(finite, max_size=5), "flags": st.dictionaries(text, st.booleans(), max_size=3),
     "note": st.none() | text}
)
event = st.one_of(st.tuples(st.just("test.tick"), ticks), st.tuples(st.just("test.values"), values))
stream = st.lists(
    st.tuples(
        event,
        st.integers(0, 2**62),
        st.none() | st.sampled_from(["bart", "go_nogo"]),
        st.none() | st.integers(0, 10**6),
    ),
    max_size=40,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stream)
def test_written_stream_reads_back_identically(events: list) -> None:
    with tempfile.TemporaryDirectory() as tmp, EventLog.in_dir(Path(tmp)) as log:
        session = log.open_session("practice", "prop")
        for (kind, payload), t_ns, game, trial in events:
            log.record(session.session_id, kind, t_ns, payload, game=game, trial=trial)
        log.flush()
        back = log.store.events(session.session_id)[1:]
        assert [(e.kind, e.payload, e.t_ns, e.game, e.trial) for e in back] == [
            (kind, payload, t_ns, game, trial) for (kind, payload), t_ns, game, trial in events
        ]
        assert verify_chain(session.session_id, log.store.events(session.session_id)) == len(events) + 1

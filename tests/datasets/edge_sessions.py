"""Sessions the station cannot yet produce on demand, written with the log API: a trial repeated after a freeze,
ignored inputs inside trials, and a crash resume in the middle of a trial."""

from __future__ import annotations

from pathlib import Path

from eventlog import EventLog, Payload, register_kind
from games.spec import load_event_kinds
from kiosk.services import station_kinds  # noqa: F401  (registers station.*)

MS = 1_000_000
FREEZE_MS = 1500


@register_kind("probe.input_ignored")
class ProbeInputIgnored(Payload):
    """A key the game ignored (stand-in for the ignored-input events of issue 10)."""

    key: str
    reason: str


class Script:
    """Records events at increasing times into one session."""

    def __init__(self, log: EventLog, session_id: str, t_ms: int = 100) -> None:
        self.log, self.sid, self.t = log, session_id, t_ms * MS

    def rec(self, kind: str, payload: dict[str, object], game: str | None = None, trial: int | None = None,
            after_ms: float = 10) -> int:
        self.t += round(after_ms * MS)
        self.log.record(self.sid, kind, self.t, payload, game=game, trial=trial)
        return self.t

    def rt_attempt(self, trial: int, finish: bool = True) -> None:
        self.rec("rt.trial_started", {"trial": trial, "variant": "simple", "foreperiod_ns": 1000 * MS,
                                      "stimulus": "circle", "is_go": True, "correct_key": "Space"}, "simple_rt", trial)
        onset = self.t + 1000 * MS
        self.rec("rt.stimulus_onset", {"trial": trial, "stimulus": "circle", "requested_t_ns": onset - MS,
                                       "presented_t_ns": onset}, "simple_rt", trial, after_ms=1000)
        if finish:
            self.rec("rt.response", {"trial": trial, "key": "Space", "latency_ns": 300 * MS + 123,
                                     "correct": True, "qt_event_ms": None}, "simple_rt", trial, after_ms=300)
            self.rec("rt.trial_ended", {"trial": trial, "outcome": "hit"}, "simple_rt", trial, after_ms=0)

    def freeze(self) -> None:
        self.rec("station.game_suspended", {"reason": "proctor"})
        self.rec("station.game_resumed", {"suspended_ns": FREEZE_MS * MS}, after_ms=FREEZE_MS)

    def ignored(self, game: str, trial: int) -> None:
        self.rec("probe.input_ignored", {"key": "X", "reason": "not a response key"}, game, trial)


def rt_game_start(s: Script) -> None:
    s.rec("rt.game_started", {"variant": "simple", "trials": 4, "seed": 1, "keys": ["Space"], "timeout_ms": 1500},
          "simple_rt")


def edge_session(data_dir: Path, participant: str = "P-0edge0001") -> str:
    """Simple RT, 4 trials: 1 normal; 2 frozen and repeated; 3 with two ignored keys; 4 cut by a crash and resumed.
    Then a balloon frozen while inflating with an ignored key."""
    load_event_kinds()
    with EventLog.in_dir(data_dir, window_ms=1.0) as log:
        sid = log.open_session("assessment", participant, battery="default").session_id
        s = Script(log, sid)
        rt_game_start(s)
        s.rt_attempt(0)
        s.rt_attempt(1, finish=False)
        s.freeze()
        s.rt_attempt(1)
        s.rt_attempt(2, finish=False)
        s.ignored("simple_rt", 2)
        s.ignored("simple_rt", 2)
        s.rec("rt.response", {"trial": 2, "key": "Space", "latency_ns": 250 * MS, "correct": True,
                              "qt_event_ms": 77}, "simple_rt", 2, after_ms=250)
        s.rec("rt.trial_ended", {"trial": 2, "outcome": "hit"}, "simple_rt", 2, after_ms=0)
        s.rt_attempt(3, finish=False)
        last_t = s.t
        log.flush()
    with EventLog.in_dir(data_dir, window_ms=1.0) as log:  # the station crashed and started again
        log.resume_session(sid, game="simple_rt", trial=3)
        s = Script(log, sid, t_ms=0)
        s.t = last_t + 60_000 * MS
        rt_game_start(s)
        s.rt_attempt(3)
        s.rec("rt.game_ended", {"trials": 1}, "simple_rt")
        _frozen_balloon(s)
        log.close_session(sid, s.t + MS)
    return sid


def _frozen_balloon(s: Script) -> None:
    s.rec("bart.game_started", {"balloons": 1, "colours": [{"colour": "blue", "capacity": 8}], "cents_per_pump": 5,
                                "seed": 1}, "bart")
    s.rec("bart.balloon_started", {"balloon": 0, "colour": "blue", "capacity": 8, "requested_t_ns": s.t}, "bart", 0)
    for pump in (1, 2):
        s.rec("bart.pump", {"balloon": 0, "pump": pump, "since_prev_ns": None if pump == 1 else 400 * MS,
                            "size": pump / 8, "temp_cents": 5 * pump, "total_cents": 0, "new_max": True,
                            "rapid": False, "qt_event_ms": None, "input": "key"}, "bart", 0, after_ms=400)
        if pump == 1:
            s.freeze()
            s.ignored("bart", 0)
    s.rec("bart.collected", {"balloon": 0, "pumps": 2, "amount_cents": 10, "total_cents": 10}, "bart", 0)
    s.rec("bart.balloon_ended", {"balloon": 0, "outcome": "collected", "pumps": 2, "burst_point": 6,
                                 "colour": "blue"}, "bart", 0, after_ms=0)
    s.rec("bart.game_ended", {"balloons": 1, "total_cents": 10, "bursts": 0, "collects": 1}, "bart")

"""Report fixtures: three simulated candidates and a declined session, scored once per test module."""

from __future__ import annotations

import pytest

from reports import ReportInput, meta_from_events
from scoring import score_session
from tests.reports.sessions import candidate, declined

STYLES = {
    "P-7K3Q": {"seed": 4, "stop_at": 40},
    "P-2MNB": {"seed": 9, "stop_at": 22, "latency_ms": 380.0, "risk": "low", "changes": 0, "reasoning": "brief"},
    "P-5RTC": {"seed": 11, "stop_at": 60, "latency_ms": 260.0, "risk": "high", "changes": 3, "commission_p": 0.3},
}


def make_input(participant: str, session_id: str) -> ReportInput:
    """A scored simulated candidate with one of the fixed styles above."""
    records = candidate(session_id=session_id, participant=participant, **STYLES[participant])  # type: ignore[arg-type]
    return ReportInput(meta_from_events(records, "front-desk"), score_session(records), tuple(records))


@pytest.fixture(scope="module")
def first() -> ReportInput:
    """The main candidate."""
    return make_input("P-7K3Q", "5f0c2a9e-1111-4c3b-9d7e-0a1b2c3d4e5f")


@pytest.fixture(scope="module")
def others() -> list[ReportInput]:
    """Two more candidates with other styles."""
    return [make_input("P-2MNB", "a81d0f33-2222-4e11-8c55-7f1e2d3c4b5a"),
            make_input("P-5RTC", "c4b7e9d2-3333-4f22-9d66-8e2f3a4b5c6d")]


@pytest.fixture(scope="module")
def refused() -> ReportInput:
    """A session whose candidate declined the consent (no profile, as the station stores none)."""
    records = declined()
    return ReportInput(meta_from_events(records), None, tuple(records))

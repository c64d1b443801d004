"""A simulated stop-signal candidate following the independent race model (no Qt): player and tests use it.

Go latencies are ex-Gaussian (mu + normal(0, sigma) + exponential(tau)), the usual model of a go RT
distribution (used in the simulations of Verbruggen et al. 2019, Appendix 2). On a stop trial the stop
process finishes at SSD + SSRT; the go response is made only if its latency is shorter (Logan & Cowan 1984).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from games.stop_signal.rules import StopTrial

__all__ = ["RaceModel"]


@dataclass(frozen=True)
class RaceModel:
    """An independent-race candidate: go ex-Gaussian(mu, sigma, tau), a fixed SSRT, occasional misses or errors."""

    go_mu_ms: float = 450.0
    go_sigma_ms: float = 50.0
    go_tau_ms: float = 50.0
    ssrt_ms: float = 220.0
    omission_p: float = 0.0
    error_p: float = 0.02
    timeout_ms: float = 1250.0
    min_ms: float = 120.0  # no go latency below this

    def go_latency(self, rng: random.Random) -> float:
        """One go latency in ms."""
        return max(self.min_ms, rng.gauss(self.go_mu_ms, self.go_sigma_ms) + rng.expovariate(1.0 / self.go_tau_ms))

    def decide(self, trial: StopTrial, ssd_ms: int, rng: random.Random) -> tuple[str | None, float]:
        """The key pressed (None: none) and its latency from the go onset, for a trial at a stop-signal delay."""
        latency = self.go_latency(rng)
        missed = rng.random() < self.omission_p
        wrong = rng.random() < self.error_p
        if missed or latency >= self.timeout_ms or (trial.stop and latency >= ssd_ms + self.ssrt_ms):
            return None, latency
        key = trial.correct_key if not wrong else ("Left" if trial.correct_key == "Right" else "Right")
        return key, latency

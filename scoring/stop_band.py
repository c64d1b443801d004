"""Response inhibition's band (scoring 1.2.0 on): a parametric bootstrap that replays the stop-signal staircase.

Resampling the trials independently breaks the tracking procedure: the delays of a staircase follow each other
(each is the last one plus or minus a step), and the session's p(respond|signal) and mean delay move together
through it, so the ordinary bootstrap's SE of the SSRT ran 10-20 % below the session-to-session spread.
A bootstrap must resample the way the data arose (Efron & Tibshirani 1993, ch. 8); here the independent race
model (Logan & Cowan 1984) fitted to the session generates new sessions:

- go finishing times are drawn from the session's own go trials (omissions included, as themselves);
- the stop process takes the session's integration SSRT (the race model's constant stopping latency);
- the session's trial order is kept, and the delay follows the staircase as the game ran it: the first stop
  trial's delay, the session's step (the commonest change between stop trials), never below 0;
- each replayed session's SSRT is estimated exactly as the real one (`estimate`: scoring.stop_signal.Race).

The band is SSRT +- t(stop trials - 1) x the SD of the replayed SSRTs, in ms, mapped through the position's
linear scale (so the clamp at 0 and 100 does not shrink it). Replays are drawn by the SplitMix64 generator
seeded from the trait key: the same trials always give the same band.
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections import Counter
from collections.abc import Callable, Sequence

from scoring.bands import SplitMix64, t_quantile

__all__ = ["half_width", "replayed_ssrt_sd", "staircase_step"]

DEFAULT_STEP_MS = 50.0  # Verbruggen et al. 2019, Recommendation 4
Estimate = Callable[[int, tuple[float, ...], int, int, int, tuple[float, ...], tuple[float, ...]], float | None]
"""The SSRT from the race's counts: (go trials, go RTs, omissions, stop trials, failed, failed RTs, delays)."""


def staircase_step(ssds: Sequence[float]) -> float:
    """The commonest absolute change between consecutive stop trials' delays, to the ms (the game's step)."""
    changes = Counter(round(abs(b - a)) for a, b in itertools.pairwise(ssds) if round(abs(b - a)) > 0)
    return float(max(changes.items(), key=lambda kv: (kv[1], -kv[0]))[0]) if changes else DEFAULT_STEP_MS


def _replay(stops: Sequence[bool], go: Sequence[float | None], ssrt: float, first_ssd: float, step: float,
            rng: SplitMix64, estimate: Estimate) -> float | None:
    """One session replayed by the fitted race model; its SSRT by `estimate` (None when it has none)."""
    go_rts: list[float] = []
    failed_rts: list[float] = []
    ssds: list[float] = []
    omissions = 0
    ssd = first_ssd
    for stop in stops:
        latency = go[rng.below(len(go))]
        if not stop:
            if latency is None:
                omissions += 1
            else:
                go_rts.append(latency)
            continue
        ssds.append(ssd)
        failed = latency is not None and latency < ssd + ssrt
        if failed and latency is not None:
            failed_rts.append(latency)
        ssd = max(0.0, ssd - step if failed else ssd + step)
    return estimate(len(stops) - len(ssds), tuple(go_rts), omissions, len(ssds), len(failed_rts), tuple(failed_rts),
                    tuple(ssds))


def replayed_ssrt_sd(key: str, stops: Sequence[bool], go: Sequence[float | None], ssds: Sequence[float],
                     ssrt: float, replays: int, estimate: Estimate) -> float | None:
    """The SD of the SSRT over `replays` sessions replayed from the fitted race model (None: too few)."""
    if not ssds or not any(x is not None for x in go):
        return None
    rng = SplitMix64(zlib.crc32(key.encode("utf-8")))
    step = staircase_step(ssds)
    found = [x for _ in range(replays) if (x := _replay(stops, go, ssrt, ssds[0], step, rng, estimate)) is not None]
    if len(found) < replays // 2:
        return None
    m = math.fsum(found) / len(found)
    return math.sqrt(math.fsum((x - m) ** 2 for x in found) / (len(found) - 1))


def half_width(stop_trials: int, sd: float, conf: float) -> float:
    """The band's half width in ms: t(stop trials - 1) x the replayed SD."""
    return t_quantile(max(stop_trials - 1, 1), 0.5 + conf / 2) * sd

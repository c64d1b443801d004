"""`hiremate score --all [--jobs N]`: score every closed session again, in worker processes, and store the results."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime

from i18n import _s, ngettext_s
from kiosk.cli.common import CliError, open_store, print_json

__all__ = ["run_all"]


def run_all(args: argparse.Namespace) -> int:
    """Verify and score every closed session with the current version, `--jobs` processes at once; store each result
    (one transaction) and record the reads; one line per session that could not be scored, exit 1 if any."""
    from kiosk.services.privacy import cli_actor, record_access
    from scoring import SCORING_VERSION
    from sync.score_many import default_jobs, score_many

    jobs = default_jobs() if args.jobs is None else args.jobs
    if jobs < 1:
        raise CliError(_s("--jobs must be at least 1, got {jobs}").format(jobs=jobs), status=2)
    with open_store(args) as store:
        rows = [row for row in store.sessions() if row.closed_utc is not None]
        t0 = time.perf_counter()
        done = score_many(store.path, [row.id for row in rows], jobs, verify=True)
        seconds = time.perf_counter() - t0
        scored = [s for s in done if s.canonical_json is not None]
        now = datetime.now(UTC).isoformat()
        with store.atomic():
            record_access(store, "score", cli_actor("recruiter"), [s.session_id for s in scored])
            store.conn.executemany(
                "INSERT OR REPLACE INTO results (session_id, scoring_version, canonical_json, created_utc)"
                " VALUES (?, ?, ?, ?)", [(s.session_id, SCORING_VERSION, s.canonical_json, now) for s in scored])
    failed = [s for s in done if s.canonical_json is None]
    if args.json:
        print_json({"scoring_version": SCORING_VERSION, "jobs": jobs, "seconds": round(seconds, 3),
                    "scored": [s.session_id for s in scored],
                    "failed": [{"session_id": s.session_id, "error": s.error} for s in failed]})
    else:
        for s in failed:
            print(_s("cannot score session {session}: {error}").format(session=s.session_id, error=s.error),
                  file=sys.stderr)
        rate = f"{len(done) / seconds:.0f}" if done and seconds > 0 else "–"
        print(ngettext_s("scored {scored} of {closed} closed sessions with scoring {version} in {seconds} s "
                         "({rate} sessions/s), {jobs} process; results stored",
                         "scored {scored} of {closed} closed sessions with scoring {version} in {seconds} s "
                         "({rate} sessions/s), {jobs} processes; results stored", jobs).format(
            scored=len(scored), closed=len(done), version=SCORING_VERSION, seconds=f"{seconds:.2f}", rate=rate,
            jobs=jobs))
    return 1 if failed else 0

"""Event-log benchmark: throughput vs raw sqlite3, caller latency, durable latency, chain verification."""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import threading
import time
from itertools import chain
from pathlib import Path

from eventlog import EventLog, Payload, register_kind, verify_chain
from eventlog.store import connect
from eventlog.verify import verify_rows
from eventlog.writer import CHUNK_ROWS, insert_many_sql


@register_kind("bench.tick")
class BenchTick(Payload):
    """A small event like a key press."""

    n: int
    key: str


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def sustained(directory: Path, count: int) -> tuple[float, str, EventLog]:
    """Record `count` events as fast as possible and flush; return events/s, the session and the log."""
    log = EventLog.in_dir(directory)
    session = log.open_session("bench", "bench")
    sid, t0, record = session.session_id, session.t0_perf_ns, log.record
    clock = time.perf_counter_ns
    start = clock()
    for n in range(count):
        record(sid, "bench.tick", clock() - t0, {"n": n, "key": "space"})
    log.flush()
    return count / ((clock() - start) / 1e9), sid, log


def interleaved(directory: Path, count: int, rounds: int) -> tuple[float, float, list[float], float]:
    """Best log rate and best raw executemany rate over `rounds` alternating runs, each round's log/raw ratio, and
    the best rate of raw multi-row INSERTs (what the log's writer uses for whole chunks) of the same rows."""
    rates: list[float] = []
    raws: list[float] = []
    multi: list[float] = []
    for n in range(rounds):
        where = directory / f"round-{n}"
        where.mkdir()
        rate, sid, log = sustained(where, count)
        rows = list(log.store.iter_rows(sid))
        log.close()
        rates.append(rate)
        raws.append(raw_sqlite(where, rows))
        multi.append(raw_sqlite(where, rows, multi_row=True))
    return max(rates), max(raws), [r / w for r, w in zip(rates, raws, strict=True)], max(multi)


def caller_latency(directory: Path, count: int) -> list[int]:
    """Per-call record() latency in ns, with the writer kept busy by the same stream."""
    log = EventLog.in_dir(directory / "latency")
    session = log.open_session("bench", "latency")
    latencies: list[int] = []
    clock = time.perf_counter_ns
    for n in range(count):
        before = clock()
        log.record(session.session_id, "bench.tick", before - session.t0_perf_ns, {"n": n, "key": "space"})
        latencies.append(clock() - before)
    log.flush()
    log.close()
    return latencies


def raw_sqlite(directory: Path, rows: list[tuple], multi_row: bool = False) -> float:
    """Rows per second of plain sqlite3 executemany into the same schema, same pragmas, one transaction; with
    `multi_row`, INSERTs of CHUNK_ROWS rows each instead (the rest with executemany), as the log's writer does."""
    conn = connect(directory / ("raw-multi.sqlite3" if multi_row else "raw.sqlite3"))
    from eventlog.migrations import migrate

    migrate(conn)
    conn.execute(
        "INSERT INTO sessions (id, purpose, participant, status, anchor_wall_utc, anchor_wall_ns, time_zone,"
        " app_version, platform) VALUES (?, 'bench', 'bench', 'open', '', 0, 'UTC', '', '')", (rows[0][0],)
    )
    start = time.perf_counter()
    conn.execute("BEGIN")
    whole = len(rows) - len(rows) % CHUNK_ROWS if multi_row else 0
    chunk = insert_many_sql(CHUNK_ROWS)
    for first in range(0, whole, CHUNK_ROWS):
        conn.execute(chunk, list(chain.from_iterable(rows[first:first + CHUNK_ROWS])))
    conn.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows[whole:])
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - start
    conn.close()
    return len(rows) / elapsed


def durable_latency(directory: Path, rate: int, seconds: float) -> list[float]:
    """Record at `rate` events/s; return each event's recorded-to-durable latency in ms."""
    log = EventLog.in_dir(directory / "paced")
    session = log.open_session("bench", "paced")
    recorded: dict[int, int] = {}
    durable: dict[int, int] = {}
    lock = threading.Lock()
    committed_upto = [0]

    def on_commit(last: dict[str, int]) -> None:
        now = time.perf_counter_ns()
        upto = last.get(session.session_id)
        if upto is None:
            return
        with lock:
            for seq in range(committed_upto[0], upto + 1):
                durable.setdefault(seq, now)
            committed_upto[0] = upto + 1

    log.add_commit_listener(on_commit)
    interval = 1e9 / rate
    start = time.perf_counter_ns()
    for n in range(int(rate * seconds)):
        target = start + n * interval
        while (wait := target - time.perf_counter_ns()) > 0:
            time.sleep(wait / 1e9)
        stamp = time.perf_counter_ns()
        seq = log.record(session.session_id, "bench.tick", stamp - session.t0_perf_ns, {"n": n, "key": "j"})
        recorded[seq] = stamp
    log.flush()
    log.close()
    return [(durable[s] - t) / 1e6 for s, t in recorded.items()]


def main() -> None:
    """Run every measurement once and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=5,
                        help="log and raw runs, interleaved; the best of each is compared (a shared machine's load "
                             "comes and goes, so a single pair of runs can land on different loads)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        rate, raw, ratios, raw_multi = interleaved(directory, args.events, args.rounds)
        _rate, sid, log = sustained(directory / "measured", args.events)
        start = time.perf_counter()
        rows = list(log.store.iter_rows(sid))
        read_s = time.perf_counter() - start
        start = time.perf_counter()
        verify_rows(sid, rows)
        verify_s = time.perf_counter() - start
        records = log.store.events(sid)
        start = time.perf_counter()
        verify_chain(sid, records)
        verify_records_s = time.perf_counter() - start
        log.close()
        latencies = caller_latency(directory, args.events)
        durable = durable_latency(directory, args.rate, args.seconds)
    per_100k = 100_000 / len(records)
    print(f"sustained record+commit: {rate:,.0f} events/s for {args.events:,} events (target >= 100,000)")
    print(f"raw sqlite3 executemany, same rows and schema: {raw:,.0f} rows/s; log/raw ratio {rate / raw:.2f} "
          f"(best of {args.rounds} interleaved runs each; per-round ratios {', '.join(f'{r:.2f}' for r in ratios)}, "
          f"median {statistics.median(ratios):.2f}; target >= 0.6)")
    print(f"raw sqlite3 multi-row INSERTs of {CHUNK_ROWS} rows (as the log's writer), same rows: {raw_multi:,.0f} "
          f"rows/s; log/raw multi-row ratio {rate / raw_multi:.2f}")
    print(f"record() on caller thread while writer busy: p50 {pct(latencies, .5) / 1e3:.1f} us, "
          f"p99 {pct(latencies, .99) / 1e3:.1f} us, max {max(latencies) / 1e3:.0f} us (target p99 <= 20 us)")
    print(f"recorded-to-durable at {args.rate}/s for {args.seconds:g}s: p50 {statistics.median(durable):.1f} ms, "
          f"p99 {pct(durable, .99):.1f} ms (target p99 <= 50 ms)")
    print(f"chain verification (verify-log, stored rows): {verify_s * per_100k:.3f} s per 100,000 events "
          f"(target <= 0.25 s), plus {read_s * per_100k:.3f} s reading the rows")
    print(f"chain verification of parsed records (bundles, re-serialising payloads): "
          f"{verify_records_s * per_100k:.3f} s per 100,000 events")
    print(f"sqlite {sqlite3.sqlite_version}; synchronous=FULL, WAL, 20 ms group-commit window")


if __name__ == "__main__":
    main()

"""Benchmark of corpus mode (``termbase corpus check``): pairs checked per second (by hand).

Checks ``--pairs`` generated article/draft pairs (the generator of ``tests/corpus``: two to four
sentences of the seed article and of its draft, some spellings swapped) against the shipped
glossaries, in one run:

  * ``1 process``: :func:`termbase.corpus.check_document` in a loop in this process, no Dask;
  * ``LocalCluster, 1 worker``: :func:`termbase.corpus.run_corpus` on one worker process (what Dask
    adds to one process);
  * ``LocalCluster, N workers``: the same on ``--workers`` worker processes (default: one per core,
    what ``termbase corpus check`` starts);
  * ``termbase corpus check`` as a library call end to end: cluster start, scatter, index builds on
    the workers and the checks, with the default number of workers.

The first three are timed once the termbase's indexes are built (in this process, or on each
worker by a warm-up batch), so they compare the checking itself; the last one is what a user waits
for (its CPU time is this process's only). Each row gives the wall time, the CPU time of the
processes that did the checks, the cores they got (CPU / wall) and the load average: on a shared
host, more workers scale only as far as the host gives them cores.

    python benchmarks/bench_corpus.py --pairs 2000
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.corpus.conftest import make_pairs  # noqa: E402  (one generator for the tests and this benchmark)

from termbase import Termbase  # noqa: E402
from termbase.corpus import CheckOptions, check_document, find_documents, run_corpus  # noqa: E402


def _row(name: str, pairs: int, wall: float, cpu: float, findings: int) -> dict[str, Any]:
    row = {"name": name, "pairs": pairs, "wall": wall, "cpu": cpu, "rate": pairs / wall,
           "findings": findings, "load": os.getloadavg()[0]}
    print(f"{name:<34} {pairs:6d} pairs {wall:8.2f} s wall {cpu:8.2f} s CPU ({cpu / wall:4.2f} cores) "
          f"{row['rate']:8.1f} pairs/s {pairs / cpu:6.0f} pairs/CPU-s {findings:6d} findings  load {row['load']:.1f}",
          flush=True)
    return row


def serial(termbase: Termbase, documents: list[Any], options: CheckOptions) -> dict[str, Any]:
    check_document(termbase, documents[0], options)  # builds the indexes
    wall, cpu = time.perf_counter(), time.process_time()
    findings = sum(len(check_document(termbase, document, options).findings) for document in documents)
    return _row("1 process (no Dask)", len(documents), time.perf_counter() - wall, time.process_time() - cpu,
                findings)


def on_cluster(termbase: Termbase, documents: list[Any], options: CheckOptions, workers: int) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        # one warm-up batch per worker: each builds (or loads) its indexes before the clock starts
        list(run_corpus(termbase, documents[:16 * workers], options, client=client))
        before: dict[str, float] = client.run(time.process_time)
        wall = time.perf_counter()
        findings = sum(len(result.findings) for result in run_corpus(termbase, documents, options, client=client))
        wall = time.perf_counter() - wall
        after: dict[str, float] = client.run(time.process_time)
    cpu = sum(after[worker] - before[worker] for worker in after if worker in before)
    return _row(f"LocalCluster, {workers} worker{'s' if workers > 1 else ''}", len(documents), wall, cpu, findings)


def end_to_end(termbase: Termbase, documents: list[Any], options: CheckOptions) -> dict[str, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    findings = sum(len(result.findings) for result in run_corpus(termbase, documents, options))
    return _row(f"end to end, {os.cpu_count()} workers (start incl.)", len(documents), time.perf_counter() - wall,
                time.process_time() - cpu, findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    termbase = Termbase.load()
    options = CheckOptions()
    print(f"{os.cpu_count()} cores; shipped glossaries ({len(termbase)} concepts); load average "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        make_pairs(Path(folder), args.pairs)
        documents = find_documents(folder)
        runs: list[Callable[[], dict[str, Any]]] = [
            lambda: serial(termbase, documents, options),
            lambda: on_cluster(termbase, documents, options, 1),
            lambda: on_cluster(termbase, documents, options, args.workers),
            lambda: end_to_end(termbase, documents, options),
        ]
        rows = [run() for run in runs]
    one, dask_one, dask_all, _ = rows
    if len({row["findings"] for row in rows}) != 1:
        print("the runs disagree on the number of findings", file=sys.stderr)
        return 1
    print(f"{args.workers} workers / 1 process: {dask_all['rate'] / one['rate']:.2f}x; "
          f"{args.workers} workers / 1 worker: {dask_all['rate'] / dask_one['rate']:.2f}x; "
          f"1 worker / 1 process: {dask_one['rate'] / one['rate']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

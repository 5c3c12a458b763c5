"""Benchmark of ``Termbase.check``: the seed article and its example draft (run by hand, not in CI).

Times, with the shipped glossaries:

  * glossary load (``Termbase.load()``), goal <= 0.3 s;
  * the check of the seed pair after load (first call, then median of ``--runs`` runs),
    goal <= 20 ms for an article of ~500 words;
  * the whole ``termbase check SEED DRAFT`` in a fresh process (load included);

then the same check with a generated glossary of ``--concepts`` concepts (``generate.py``),
loaded from a YAML file in the real format.

    python benchmarks/bench_check.py
    python benchmarks/bench_check.py --runs 50 --concepts 100000 --profile
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_concepts, write_glossary  # noqa: E402

from termbase import Termbase  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SEED_AR = REPO / "seeds" / "c5plus1-summit.ar.txt"
DRAFT = REPO / "examples" / "c5plus1-summit.draft.en.txt"
CHECK_GOAL_MS = 20.0
LOAD_GOAL_S = 0.3


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def time_check(termbase: Termbase, source: str, target: str, runs: int) -> tuple[float, float, float, float]:
    """First check (builds the indexes) and the median of ``runs`` further checks, in seconds: wall
    time, then CPU time (``time.process_time``) of the same calls."""
    start, cpu = time.perf_counter(), time.process_time()
    termbase.check(source, target)
    first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
    times, cpu_times = [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        termbase.check(source, target)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu)
    return first, statistics.median(times), first_cpu, statistics.median(cpu_times)


def fresh_process() -> float:
    """Wall time of ``termbase check SEED DRAFT`` in a new Python process (load included)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "termbase", "check", str(SEED_AR), str(DRAFT)],
                   capture_output=True, check=False)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--concepts", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="print the hot spots of the check")
    args = parser.parse_args(argv)
    source, target = SEED_AR.read_text(encoding="utf-8"), DRAFT.read_text(encoding="utf-8")
    print(f"seed: {len(source.split())} Arabic words, draft: {len(target.split())} English words")

    print(f"load average {os.getloadavg()[0]:.2f}; wall time, CPU time in brackets")

    start, cpu = time.perf_counter(), time.process_time()
    shipped = Termbase.load()
    load, load_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"shipped glossaries ({len(shipped)} concepts): load {_ms(load)} ({_ms(load_cpu)})  "
          f"(goal <= {LOAD_GOAL_S * 1000:.0f} ms)")
    first, median, first_cpu, median_cpu = time_check(shipped, source, target, args.runs)
    print(f"  check, first call (indexes built) {_ms(first)} ({_ms(first_cpu)})")
    print(f"  check, median of {args.runs} runs    {_ms(median)} ({_ms(median_cpu)})  (goal <= {CHECK_GOAL_MS:.0f} ms) "
          f"{'OK' if median * 1000 <= CHECK_GOAL_MS else 'SLOWER THAN GOAL'}")
    print(f"  fresh process, load + check      {_ms(fresh_process())}")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(20):
            shipped.check(source, target)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        path = write_glossary(Path(folder) / "generated.yaml", generate_concepts(args.concepts))
        print(f"generated glossary: {args.concepts} concepts written in {time.perf_counter() - start:.1f} s")
        start, cpu = time.perf_counter(), time.process_time()
        big = Termbase.load([path, *sorted((REPO / "glossaries").glob("*.yaml"))])
        print(f"  load (generated + shipped)       {_ms(time.perf_counter() - start)} ({_ms(time.process_time() - cpu)})")
        first, median, first_cpu, median_cpu = time_check(big, source, target, args.runs)
        print(f"  check, first call (indexes built) {_ms(first)} ({_ms(first_cpu)})")
        print(f"  check, median of {args.runs} runs    {_ms(median)} ({_ms(median_cpu)})")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of glossary loading: the shipped glossaries and a large generated one.

* shipped glossaries (``glossaries/*.yaml``): ``Termbase.load()`` timed in fresh subprocesses
  (cold: a new interpreter each run; import time shown apart) and in this process (warm), median
  of ``--runs``; also the first lookup, which builds the lookup index;
* a generated glossary YAML of ``--concepts`` concepts (default 100k, six terms each) written in
  the shipped format: ``load_glossary`` time, and index build time.

    python benchmarks/bench_load.py
    python benchmarks/bench_load.py --runs 9 --concepts 20k --profile

Target from the issue: loading every shipped glossary well under half a second (0.3 s).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402

import termbase  # noqa: E402
from generate import generate_concepts, write_glossary  # noqa: E402
from termbase import Termbase, load_glossary, shipped_glossary_paths  # noqa: E402

T = TypeVar("T")

_COLD = """
import json, time
start = time.perf_counter()
import termbase
imported = time.perf_counter()
tb = termbase.Termbase.load()
loaded = time.perf_counter()
tb.lookup("Tokaev")
looked = time.perf_counter()
print(json.dumps({"import": imported - start, "load": loaded - imported, "first_lookup": looked - loaded,
                  "concepts": len(tb)}))
"""


def parse_count(text: str) -> int:
    text = text.strip().lower()
    if text.endswith("k"):
        return int(float(text[:-1]) * 1_000)
    if text.endswith("m"):
        return int(float(text[:-1]) * 1_000_000)
    return int(text)


def median_ms(values: Sequence[float]) -> str:
    return f"{statistics.median(values) * 1e3:8.1f} ms"


def timed_runs(run: Callable[[], T], runs: int) -> tuple[T, list[float]]:
    """The last result of ``runs`` calls of ``run`` (at least one) and the seconds each took."""
    times = []
    for _ in range(max(1, runs)):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return result, times


def cold_runs(runs: int) -> list[dict[str, float]]:
    results = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", _COLD], check=True, capture_output=True, text=True)
        record = json.loads(out.stdout)
        record["process"] = time.perf_counter() - start
        results.append(record)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median shown)")
    parser.add_argument("--concepts", default="100k", help="concepts in the generated glossary (default 100k)")
    parser.add_argument("--generated-runs", type=int, default=3, help="runs for the generated glossary")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one shipped load")
    args = parser.parse_args(argv)

    libyaml = getattr(yaml, "__with_libyaml__", False)
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
          f"termbase {termbase.__version__}, PyYAML {yaml.__version__} (libyaml C loader: {libyaml})")

    paths = shipped_glossary_paths()
    print(f"\n== shipped glossaries ({len(paths)} files) ==")
    print(f"{'file':28} {'concepts':>9} {'terms':>7} {'KiB':>7} {'load':>11}")
    total_bytes = 0
    for path in paths:
        glossary, times = timed_runs(lambda: load_glossary(path), args.runs)
        terms = sum(len(c.terms) for c in glossary.concepts)
        size = path.stat().st_size
        total_bytes += size
        print(f"{path.name:28} {len(glossary.concepts):9,} {terms:7,} {size / 1024:7.0f} {median_ms(times)}")

    tb, warm = timed_runs(Termbase.load, args.runs)
    terms = sum(len(c.terms) for c in tb)
    start = time.perf_counter()
    tb.lookup("Tokaev")
    first_lookup = time.perf_counter() - start
    print(f"{'all (Termbase.load)':28} {len(tb):9,} {terms:7,} {total_bytes / 1024:7.0f} {median_ms(warm)}"
          f"   (in-process, median of {args.runs}; first {warm[0] * 1e3:.1f} ms)")
    print(f"first lookup (builds the index): {first_lookup * 1e3:.1f} ms")

    cold = cold_runs(args.runs)
    print(f"cold, fresh interpreter (median of {args.runs}): import termbase {median_ms([r['import'] for r in cold])}, "
          f"Termbase.load() {median_ms([r['load'] for r in cold])}, first lookup "
          f"{median_ms([r['first_lookup'] for r in cold])}, whole process {median_ms([r['process'] for r in cold])}")
    target = statistics.median(r["load"] for r in cold)
    print(f"target 0.3 s for loading the shipped glossaries: {'met' if target < 0.3 else 'NOT met'} "
          f"({target:.3f} s cold)")

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        Termbase.load()
        profiler.disable()
        print("\n== cProfile of Termbase.load() (top 15 by cumulative time) ==")
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)

    count = parse_count(args.concepts)
    print(f"\n== generated glossary: {count:,} concepts ==")
    start = time.perf_counter()
    concepts = generate_concepts(count, seed=0)
    generated = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        path = write_glossary(Path(folder) / "synthetic.yaml", concepts)
        size = path.stat().st_size
        glossary, times = timed_runs(lambda: load_glossary(path), args.generated_runs)
    terms = sum(len(c.terms) for c in glossary.concepts)
    if glossary.concepts != tuple(concepts):
        print("WARNING: the loaded concepts differ from the generated ones")
    start = time.perf_counter()
    big = Termbase(glossary.concepts)
    big.lookup("x")
    index = time.perf_counter() - start
    print(f"generated in {generated:.1f} s; {size / 2**20:.1f} MiB YAML, {len(glossary.concepts):,} concepts, "
          f"{terms:,} terms")
    print(f"load_glossary: {median_ms(times)} (median of {args.generated_runs}) = "
          f"{statistics.median(times) / len(glossary.concepts) * 1e6:.1f} µs per concept, "
          f"{statistics.median(times) / terms * 1e6:.1f} µs per term")
    print(f"lookup index build: {index:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

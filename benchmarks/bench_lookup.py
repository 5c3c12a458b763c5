"""Benchmark of fuzzy and exact lookup: termbase's index against plain rapidfuzz scans.

For each glossary size (number of variants, i.e. terms) a synthetic glossary is generated
(``generate.py``), and ~200 queries (a quarter exact variants, the rest with one or two random
edits; half Arabic, half English) are run through

  (a) ``Termbase.lookup(query, score_cutoff=c, limit=k)``: the termbase's ``LookupIndex``
  (b) ``rapidfuzz.process.extract(query, variants, scorer=fuzz.ratio, processor=termbase.fold,
      limit=10, score_cutoff=c)``: the plain scan a user would write (folding every variant on every
      query; never rapidfuzz's ``default_process``, which breaks Arabic)
  (c) ``rapidfuzz.process.extract(fold(query), folded_variants, scorer=fuzz.ratio, processor=None,
      limit=10, score_cutoff=c)``: the strongest plain scan, over keys folded once

and the table shows build time and memory, latency per method (wall clock and CPU time, median,
p99 and worst for (a); the load average beside each row, as other jobs may share the machine), the
ratios b/a and c/a, and how often (a) returns the same best concept as (c). It checks the index
against a brute-force scan of its keys, and each top-k lookup against the full ranking cut at k.
Exact lookups are timed separately.

    python benchmarks/bench_lookup.py                      # 10k, 100k, 1M variants
    python benchmarks/bench_lookup.py --sizes 10k,100k --queries 100
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import rapidfuzz  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

import termbase  # noqa: E402
from generate import Query, concepts_for_terms, make_queries, term_count  # noqa: E402
from termbase import Termbase, fold  # noqa: E402
from termbase.lookup_index import LookupIndex  # noqa: E402


def parse_size(text: str) -> int:
    text = text.strip().lower().replace("_", "")
    factor = 1
    if text.endswith("k"):
        factor, text = 1_000, text[:-1]
    elif text.endswith("m"):
        factor, text = 1_000_000, text[:-1]
    return int(float(text) * factor)


def human(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


def rss_bytes() -> int:
    """Resident set size of this process (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


@dataclass
class Timing:
    name: str
    seconds: list[float]
    cpu: list[float] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.seconds)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.seconds) if self.seconds else float("nan")

    @property
    def p95(self) -> float:
        if len(self.seconds) < 2:
            return self.mean
        return statistics.quantiles(self.seconds, n=20, method="inclusive")[18]

    def at(self, share: float, cpu: bool = False) -> float:
        """The ``share`` quantile (0.5 median, 0.99, 1.0 worst) of the wall or CPU times."""
        values = sorted(self.cpu if cpu else self.seconds)
        return values[min(len(values) - 1, int(share * len(values)))] if values else float("nan")


def timed(queries: Sequence[Query], run: Callable[[str], object], budget: float | None = None,
          cpu: list[float] | None = None) -> tuple[list[float], list[object]]:
    """Run ``run`` on each query text; stop early once ``budget`` seconds are spent (at least 3).

    Wall times are returned; CPU times (``time.process_time``) are appended to ``cpu`` if given.
    """
    seconds: list[float] = []
    results: list[object] = []
    spent = 0.0
    for query in queries:
        start_cpu = time.process_time()
        start = time.perf_counter()
        result = run(query.text)
        elapsed = time.perf_counter() - start
        if cpu is not None:
            cpu.append(time.process_time() - start_cpu)
        seconds.append(elapsed)
        results.append(result)
        spent += elapsed
        if budget is not None and spent > budget and len(seconds) >= 3:
            break
    return seconds, results


def measure_memory(build: Callable[[], object], use_tracemalloc: bool) -> tuple[object, float, int]:
    """Build something; return it, the build time (untraced) and its memory (bytes)."""
    gc.collect()
    if use_tracemalloc:
        tracemalloc.start()
        start = time.perf_counter()
        built = build()
        elapsed = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return built, elapsed, peak
    before = rss_bytes()
    start = time.perf_counter()
    built = build()
    elapsed = time.perf_counter() - start
    return built, elapsed, rss_bytes() - before


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:9.2f}"


def us(seconds: float) -> str:
    return f"{seconds * 1e6:8.1f}"


def verify_exact(index: LookupIndex, queries: Sequence[Query], cutoff: float) -> int:
    """Count queries where the fuzzy index differs from a brute-force scan of all its keys."""
    wrong = 0
    for query in queries:
        key = fold(query.text)
        for fuzzy in index._fuzzy.values():
            got = sorted(fuzzy.search(key, cutoff))
            hits = process.extract(key, fuzzy.keys, scorer=fuzz.ratio, processor=None,
                                   score_cutoff=max(cutoff - 0.5, 0.0), limit=None)
            want = sorted((entry, float(score)) for _, score, i in hits if score >= cutoff
                          for entry in fuzzy.postings[i])
            if got != want:
                wrong += 1
                break
    return wrong


def verify_ranked(index: LookupIndex, queries: Sequence[Query], cutoff: float, limit: int) -> int:
    """Count queries whose top-``limit`` lookup (its cutoff rising as concepts are found) differs
    from the full ranking (every key at the cutoff, checked by :func:`verify_exact`) cut at ``limit``."""
    wrong = 0
    for query in queries:
        top = index.rank(query.text, lang=None, score_cutoff=cutoff, limit=limit)
        full = index.rank(query.text, lang=None, score_cutoff=cutoff, limit=None)
        tied = sum(match.ambiguous for match in full)
        if ([(m.concept.id, m.term.text, m.score, m.ambiguous) for m in top]
                != [(m.concept.id, m.term.text, m.score, m.ambiguous) for m in full[:limit]]
                or top.more_tied != max(0, tied - min(tied, limit))):
            wrong += 1
    return wrong


def load_average() -> str:
    """The 1-minute load average (other jobs on the machine inflate wall times)."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


def bench_size(size: int, args: argparse.Namespace) -> dict[str, object]:
    print(f"\n=== {human(size)} variants ===", flush=True)
    start = time.perf_counter()
    concepts = concepts_for_terms(size, seed=args.seed)
    queries = make_queries(concepts, args.queries, seed=args.seed + 1)
    print(f"generated {len(concepts):,} concepts, {term_count(concepts):,} variants "
          f"in {time.perf_counter() - start:.1f} s", flush=True)

    tb = Termbase(concepts)
    def build_index() -> LookupIndex:
        built = tb._lookup_index
        for lang in built._fuzzy_entries:  # the fuzzy part is built on first use: build it now
            built._fuzzy_index(lang)
        return built

    index, build_a, mem_a = measure_memory(build_index, args.tracemalloc)
    assert isinstance(index, LookupIndex)
    keys_count = sum(len(f) for f in index._fuzzy.values())
    variants = [term.text for concept in concepts for term in concept.terms]
    owners = [concept.id for concept in concepts for _ in concept.terms]
    folded, build_c, mem_c = measure_memory(lambda: [fold(v) for v in variants], args.tracemalloc)
    assert isinstance(folded, list)
    print(f"(a) LookupIndex build {build_a:.2f} s, {mem_a / 2**20:.0f} MiB, "
          f"{keys_count:,} unique fuzzy keys (terms and words)")
    print(f"(c) fold all variants {build_c:.2f} s, {mem_c / 2**20:.0f} MiB", flush=True)

    row: dict[str, object] = {"size": size, "build_a": build_a, "mem_a": mem_a, "build_c": build_c,
                              "mem_c": mem_c, "cutoffs": {}}
    for cutoff in args.cutoffs:
        gc.collect()
        cpu_a: list[float] = []
        cpu_c: list[float] = []
        load = load_average()
        t_a, res_a = timed(queries, lambda q: tb.lookup(q, score_cutoff=cutoff, limit=args.limit), cpu=cpu_a)
        t_c, res_c = timed(queries, lambda q: process.extract(
            fold(q), folded, scorer=fuzz.ratio, processor=None, limit=args.limit, score_cutoff=cutoff),
            cpu=cpu_c)
        if args.skip_b:
            t_b: list[float] = []
        else:
            t_b, _ = timed(queries, lambda q: process.extract(
                q, variants, scorer=fuzz.ratio, processor=fold, limit=10, score_cutoff=cutoff),
                budget=args.budget_b)
        same = better = differ = hit_a = hit_c = 0
        for query, found_a, found_c in zip(queries, res_a, res_c):
            assert isinstance(found_a, list) and isinstance(found_c, list)
            top_c = found_c[0][1] if found_c else None
            tied_c = {owners[i] for _, s, i in found_c if s == top_c}
            tied_a = {m.concept.id for m in found_a if found_a and m.score == found_a[0].score}
            hit_a += query.concept_id in tied_a
            hit_c += query.concept_id in tied_c
            if not found_a and not found_c:
                same += 1
            elif found_a and (top_c is None or found_a[0].score > top_c):
                better += 1
            elif found_a and found_a[0].score == top_c and tied_a & tied_c:
                same += 1
            else:
                differ += 1
        wrong = verify_exact(index, queries[:args.verify], cutoff) if args.verify else -1
        wrong_ranked = verify_ranked(index, queries[:args.verify], cutoff, args.limit) if args.verify else -1
        timings = [Timing("a", t_a, cpu_a), Timing("b", t_b), Timing("c", t_c, cpu_c)]
        row["cutoffs"][cutoff] = {  # type: ignore[index]
            "timings": timings, "same": same, "better": better, "differ": differ,
            "hit_a": hit_a, "hit_c": hit_c, "wrong": wrong, "wrong_ranked": wrong_ranked,
            "n": len(queries), "load": f"{load}-{load_average()}"}
        a, b, c = timings
        print(f"cutoff {cutoff:g}, top {args.limit}, load {load}-{load_average()}: mean/p95 ms  (a) {ms(a.mean)} "
              f"{ms(a.p95)}   (b) {ms(b.mean)} {ms(b.p95)} [n={b.n}]   (c) {ms(c.mean)} {ms(c.p95)}")
        print(f"   (a) wall median/p99/worst {a.at(.5) * 1e3:.2f} / {a.at(.99) * 1e3:.2f} / {a.at(1) * 1e3:.2f} ms, "
              f"CPU {a.at(.5, True) * 1e3:.2f} / {a.at(.99, True) * 1e3:.2f} / {a.at(1, True) * 1e3:.2f} ms;  "
              f"(c) CPU median {c.at(.5, True) * 1e3:.2f} ms;  c/a CPU medians "
              f"{c.at(.5, True) / a.at(.5, True):.1f}x")
        print(f"   ratios b/a {b.mean / a.mean:7.1f}x   c/a {c.mean / a.mean:7.1f}x   "
              f"same best concept {100 * same / len(queries):.1f}%, (a) better via word keys "
              f"{better}, differ {differ};  intended concept at top: (a) {hit_a}, (c) {hit_c} "
              f"of {len(queries)}" + (f";  index vs brute-force scan: {wrong} of {min(args.verify, len(queries))} "
                                      f"differ, top {args.limit} vs full ranking: {wrong_ranked} differ"
                                      if wrong >= 0 else ""),
              flush=True)

    exact = [q for q in queries if q.edits == 0]
    gc.collect()
    t_dict, _ = timed(exact, lambda q: index._exact.get(q))
    t_find, _ = timed(exact, lambda q: tb.lookup(q, score_cutoff=100.0))
    t_tr, _ = timed(exact, lambda q: tb.translations(q, "en"))
    row["exact"] = [Timing("dict", t_dict), Timing("lookup100", t_find), Timing("translations", t_tr)]
    print(f"exact ({len(exact)} queries) mean/p95 µs: dict get {us(Timing('', t_dict).mean)} "
          f"{us(Timing('', t_dict).p95)} | lookup(score_cutoff=100) {us(Timing('', t_find).mean)} "
          f"{us(Timing('', t_find).p95)} | translations() {us(Timing('', t_tr).mean)} "
          f"{us(Timing('', t_tr).p95)}", flush=True)
    del tb, index, folded, variants, owners, concepts
    gc.collect()
    return row


def summary(rows: Sequence[dict[str, object]]) -> None:
    print("\n## Summary (latency per query in ms: mean / p95; (a) also CPU median / p99 / worst)\n")
    print("| variants | cutoff | load | build (a) s | mem (a) MiB | (a) index | (a) CPU | (b) extract+fold | "
          "(c) extract folded | b/a | c/a | same best | (a) better | differ |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        for cutoff, cell in row["cutoffs"].items():  # type: ignore[attr-defined]
            a, b, c = cell["timings"]
            n = cell["n"]
            b_text = f"{b.mean * 1e3:.1f} / {b.p95 * 1e3:.1f} (n={b.n})" if b.n else "skipped"
            ba = f"{b.mean / a.mean:.0f}x" if b.n else "-"
            print(f"| {human(row['size'])} | {cutoff:g} | {cell['load']} | {row['build_a']:.2f} | "  # type: ignore[arg-type]
                  f"{row['mem_a'] / 2**20:.0f} | {a.mean * 1e3:.2f} / {a.p95 * 1e3:.2f} | "  # type: ignore[operator]
                  f"{a.at(.5, True) * 1e3:.2f} / {a.at(.99, True) * 1e3:.2f} / {a.at(1, True) * 1e3:.2f} | {b_text} | "
                  f"{c.mean * 1e3:.2f} / {c.p95 * 1e3:.2f} | {ba} | {c.mean / a.mean:.1f}x | "
                  f"{100 * cell['same'] / n:.1f}% | {cell['better']} | {cell['differ']} |")
    print("\n| variants | dict get µs | lookup(score_cutoff=100) µs | translations() µs |")
    print("|---:|---:|---:|---:|")
    for row in rows:
        d, f, t = row["exact"]  # type: ignore[misc]
        print(f"| {human(row['size'])} | {d.mean * 1e6:.1f} | {f.mean * 1e6:.1f} | {t.mean * 1e6:.1f} |")  # type: ignore[operator]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="10k,100k,1M", help="variant counts, comma-separated (10k,100k,1M)")
    parser.add_argument("--queries", type=int, default=200, help="queries per size (default 200)")
    parser.add_argument("--cutoffs", default="70,85", help="fuzzy score cutoffs (default 70,85)")
    parser.add_argument("--limit", type=int, default=5, help="concepts per lookup (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget-b", type=float, default=20.0, metavar="S",
                        help="seconds per size and cutoff for the slow scan (b); it stops after that")
    parser.add_argument("--skip-b", action="store_true", help="do not run scan (b)")
    parser.add_argument("--verify", type=int, default=50, metavar="N",
                        help="check the index against a brute-force scan of all its keys on the first N "
                             "queries (default 50; 0 to skip)")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="measure memory with tracemalloc (slower builds) instead of RSS growth")
    args = parser.parse_args(argv)
    args.cutoffs = [float(c) for c in args.cutoffs.split(",")]
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
          f"termbase {termbase.__version__}, rapidfuzz {rapidfuzz.__version__}")
    rows = [bench_size(size, args) for size in sizes]
    summary(rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

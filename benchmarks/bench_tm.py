"""Translation memory: top-5 fuzzy retrieval against a brute-force rapidfuzz scan, import speed, size.

For each size (100k and 1M segments by default) a memory is generated (``generate_memory``: Zipf
words, a third near repeats), imported in one transaction into a fresh SQLite file, and queried
with stored sources edited by one to three words (replaced, dropped, inserted, clitic glued on).
Ours: ``TranslationMemory.search(q, limit=5, min_score=70)`` (index built before timing). The peer,
in the same run: rapidfuzz ``process.extract`` over every segment's token string with
``Levenshtein.normalized_similarity`` (the same token edit distance, C++), ``limit=5`` and the same
cutoff. Agreement: the brute-force best segment is our first match, or our first match has the
same fuzzy score (a tie). Wall and CPU time (``time.process_time``) are both reported, with the
load average before and after each size, since a shared host slows wall time. Prints a line per
size and a verdict for the goal at 1M (median ≤ 5 ms, agreement ≥ 99 %).

    python benchmarks/bench_tm.py                      # 100k and 1M
    python benchmarks/bench_tm.py --sizes 100k --queries 100
    python benchmarks/bench_tm.py --keep /tmp/tm-bench  # keep the memories; later runs reuse them
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import edit_words, generate_memory  # noqa: E402

from termbase.tm.memory import TranslationMemory, _encode  # noqa: E402
from termbase.tm.store import Unit  # noqa: E402
from termbase.tm.tokens import tokens  # noqa: E402

MIN_SCORE = 70


def _size(text: str) -> int:
    text = text.lower().strip()
    factor = 1_000_000 if text.endswith("m") else 1_000 if text.endswith("k") else 1
    return int(float(text.rstrip("mk")) * factor)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def run(size: int, queries: int, brute_queries: int, folder: Path) -> dict[str, float]:
    load_before = _load()
    started = time.perf_counter()
    pairs, vocabulary = generate_memory(size, seed=size)
    generated = time.perf_counter() - started
    path = folder / f"bench-{size}.tm"
    reused = path.exists()
    memory = TranslationMemory(path)
    if reused and len(memory) != len(set(pairs)):
        raise SystemExit(f"{path} holds {len(memory)} segments, not this memory's {len(set(pairs))}: remove it")
    imported = imported_cpu = float("nan")
    added = len(memory)
    if not reused:
        started, cpu = time.perf_counter(), time.process_time()
        added = memory.add_units(Unit(s, t, document="bench", position=i) for i, (s, t) in enumerate(pairs)).added
        imported, imported_cpu = time.perf_counter() - started, time.process_time() - cpu
        memory.store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_bytes = sum(p.stat().st_size for p in folder.glob(f"bench-{size}.tm*"))
    started, cpu = time.perf_counter(), time.process_time()
    entry = memory.word_index("ar")
    built, built_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert entry is not None and entry.index is not None
    choices = [_encode(entry.index.row(row)) for row in range(len(entry.index))]
    rng = random.Random(7)
    picked = [rng.randrange(len(pairs)) for _ in range(queries)]
    texts = [" ".join(edit_words(pairs[i][0].split(), rng.randint(1, 3), rng, vocabulary)) for i in picked]

    memory.search(texts[0], limit=5, min_score=MIN_SCORE)  # warm-up (tokenizer, caches)
    ours, ours_cpu, first = [], [], []
    for text in texts:
        t0, c0 = time.perf_counter(), time.process_time()
        found = memory.search(text, limit=5, min_score=MIN_SCORE)
        ours.append(time.perf_counter() - t0)
        ours_cpu.append(time.process_time() - c0)
        first.append(found[0] if found else None)

    brute, brute_cpu, agree = [], [], 0
    for text, best in list(zip(texts, first, strict=True))[:brute_queries]:
        unknown: dict[str, int] = {}
        ids = [entry.vocabulary[w] if w in entry.vocabulary else unknown.setdefault(w, len(entry.vocabulary) + len(unknown))
               for w in tokens(text, "ar")]
        import numpy as np

        query = _encode(np.array(ids, dtype=np.int64))
        t0, c0 = time.perf_counter(), time.process_time()
        top = process.extract(query, choices, scorer=Levenshtein.normalized_similarity, limit=5,
                              score_cutoff=MIN_SCORE / 100)
        brute.append(time.perf_counter() - t0)
        brute_cpu.append(time.process_time() - c0)
        if not top:
            agree += best is None
            continue
        _, score, row = top[0]
        if best is not None and (best.segment.id == entry.ids[row] or best.fuzzy == int(score * 100 + 1e-9)):
            agree += 1
    memory.close()
    ours_ms = sorted(1000 * t for t in ours)
    return {
        "size": size, "segments": added, "generate_s": generated, "import_s": imported, "import_cpu_s": imported_cpu,
        "import_rate": added / imported, "bytes_per_segment": db_bytes / added, "index_s": built,
        "index_cpu_s": built_cpu, "median_ms": statistics.median(ours_ms),
        "cpu_median_ms": 1000 * statistics.median(ours_cpu), "p90_ms": ours_ms[int(0.9 * (len(ours_ms) - 1))],
        "p99_ms": ours_ms[int(0.99 * (len(ours_ms) - 1))], "max_ms": ours_ms[-1],
        "brute_median_ms": 1000 * statistics.median(brute), "brute_cpu_median_ms": 1000 * statistics.median(brute_cpu),
        "agreement": agree / len(brute), "brute_queries": len(brute), "load_before": load_before, "load_after": _load(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100k,1m", help="memory sizes (default 100k,1m)")
    parser.add_argument("--queries", type=int, default=300, help="queries timed for ours (default 300)")
    parser.add_argument("--brute-queries", type=int, default=120, help="of them, also by brute force (default 120)")
    parser.add_argument("--keep", type=Path, help="folder for the memories: kept, and reused when present")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for text in args.sizes.split(","):
            size = _size(text)
            row = run(size, args.queries, min(args.brute_queries, args.queries), folder)
            rows.append(row)
            print(f"{size:>9,} pairs, {row['segments']:,} segments (load {row['load_before']} → {row['load_after']}): import "
                  f"{row['import_s']:.1f} s wall, {row['import_cpu_s']:.1f} s CPU ({row['import_rate']:,.0f} segments/s), "
                  f"{row['bytes_per_segment']:.0f} B/segment, index {row['index_s']:.1f} s wall, "
                  f"{row['index_cpu_s']:.1f} s CPU; top-5 median {row['median_ms']:.2f} ms wall, "
                  f"{row['cpu_median_ms']:.2f} ms CPU (p90 {row['p90_ms']:.2f}, p99 {row['p99_ms']:.2f}, "
                  f"max {row['max_ms']:.1f}); brute force {row['brute_median_ms']:.1f} ms wall, "
                  f"{row['brute_cpu_median_ms']:.1f} ms CPU → {row['brute_cpu_median_ms'] / row['cpu_median_ms']:.0f}× "
                  f"(CPU); brute-force top-1 agreement {row['agreement']:.1%} of {row['brute_queries']}", flush=True)
            os.sync()
    big = [r for r in rows if r["size"] >= 1_000_000]
    for row in big:
        met = row["median_ms"] <= 5 and row["agreement"] >= 0.99
        print(f"goal at 1M (median ≤ 5 ms, agreement ≥ 99 %): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()

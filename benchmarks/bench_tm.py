"""Translation memory: top-5 fuzzy retrieval against a brute-force rapidfuzz scan, import speed, size.

For each size (100k and 1M segments by default) a memory is generated (``generate_memory``: Zipf
words, a third near repeats), imported in one transaction into a fresh SQLite file, and queried
with stored sources edited by one to three words (replaced, dropped, inserted, clitic glued on).
Ours: ``TranslationMemory.search(q, limit=5, min_score=70)`` (index built before timing). The peer,
in the same run: rapidfuzz ``process.extract`` over every segment's token string with
``Levenshtein.normalized_similarity`` (the same token edit distance, C++), ``limit=5`` and the same
cutoff. Agreement: the brute-force best segment is our first match, or our first match has the
same fuzzy score (a tie). Prints a table and a verdict for the goal at 1M (median ≤ 5 ms,
agreement ≥ 99 %).

    python benchmarks/bench_tm.py                      # 100k and 1M (about 10 min, about 6 GB)
    python benchmarks/bench_tm.py --sizes 100k --queries 100
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


def run(size: int, queries: int, brute_queries: int, folder: Path) -> dict[str, float]:
    started = time.perf_counter()
    pairs, vocabulary = generate_memory(size, seed=size)
    generated = time.perf_counter() - started
    path = folder / f"bench-{size}.tm"
    memory = TranslationMemory(path)
    started = time.perf_counter()
    result = memory.add_units(Unit(s, t, document="bench", position=i) for i, (s, t) in enumerate(pairs))
    imported = time.perf_counter() - started
    memory.store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db_bytes = sum(p.stat().st_size for p in folder.glob(f"bench-{size}.tm*"))
    started = time.perf_counter()
    entry = memory.word_index("ar")
    built = time.perf_counter() - started
    assert entry is not None and entry.index is not None
    choices = [_encode(entry.index.row(row)) for row in range(len(entry.index))]
    rng = random.Random(7)
    picked = [rng.randrange(len(pairs)) for _ in range(queries)]
    texts = [" ".join(edit_words(pairs[i][0].split(), rng.randint(1, 3), rng, vocabulary)) for i in picked]

    ours, first = [], []
    for text in texts:
        t0 = time.perf_counter()
        found = memory.search(text, limit=5, min_score=MIN_SCORE)
        ours.append(time.perf_counter() - t0)
        first.append(found[0] if found else None)

    brute, agree = [], 0
    for text, best in list(zip(texts, first, strict=True))[:brute_queries]:
        unknown: dict[str, int] = {}
        ids = [entry.vocabulary[w] if w in entry.vocabulary else unknown.setdefault(w, len(entry.vocabulary) + len(unknown))
               for w in tokens(text, "ar")]
        import numpy as np

        query = _encode(np.array(ids, dtype=np.int64))
        t0 = time.perf_counter()
        top = process.extract(query, choices, scorer=Levenshtein.normalized_similarity, limit=5,
                              score_cutoff=MIN_SCORE / 100)
        brute.append(time.perf_counter() - t0)
        if not top:
            agree += best is None
            continue
        _, score, row = top[0]
        if best is not None and (best.segment.id == entry.ids[row] or best.fuzzy == int(score * 100 + 1e-9)):
            agree += 1
    memory.close()
    ours_ms = sorted(1000 * t for t in ours)
    return {
        "segments": result.added, "generate_s": generated, "import_s": imported,
        "import_rate": result.added / imported, "bytes_per_segment": db_bytes / result.added, "index_s": built,
        "median_ms": statistics.median(ours_ms), "p90_ms": ours_ms[int(0.9 * (len(ours_ms) - 1))],
        "max_ms": ours_ms[-1], "brute_median_ms": 1000 * statistics.median(brute),
        "agreement": agree / len(brute), "brute_queries": len(brute),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100k,1m", help="memory sizes (default 100k,1m)")
    parser.add_argument("--queries", type=int, default=300, help="queries timed for ours (default 300)")
    parser.add_argument("--brute-queries", type=int, default=120, help="of them, also by brute force (default 120)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for text in args.sizes.split(","):
            size = _size(text)
            row = run(size, args.queries, min(args.brute_queries, args.queries), Path(folder))
            rows.append(row)
            print(f"{size:>9,} segments: import {row['import_s']:.1f} s ({row['import_rate']:,.0f} segments/s), "
                  f"{row['bytes_per_segment']:.0f} B/segment, index {row['index_s']:.1f} s; top-5 median "
                  f"{row['median_ms']:.2f} ms (p90 {row['p90_ms']:.2f}, max {row['max_ms']:.1f}); brute force "
                  f"{row['brute_median_ms']:.1f} ms → {row['brute_median_ms'] / row['median_ms']:.0f}× ; "
                  f"brute-force top-1 agreement {row['agreement']:.1%} of {row['brute_queries']}", flush=True)
            os.sync()
    big = [r for r in rows if r["segments"] >= 1_000_000]
    for row in big:
        met = row["median_ms"] <= 5 and row["agreement"] >= 0.99
        print(f"goal at 1M (median ≤ 5 ms, agreement ≥ 99 %): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()

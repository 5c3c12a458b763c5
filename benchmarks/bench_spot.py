"""Benchmark of term spotting: termbase's exact pass against pyahocorasick and flashtext.

Run by hand (never in CI). For each glossary size (terms per language) one synthetic glossary and
one Arabic and one English text are generated with ``generate.py`` (terms at 5 % of the word slots,
30 % of them inflected: Arabic clitics or article, English possessive), and the same text is run
through

  (a) termbase: ``spot_exact(SpotIndex, text, lang)`` — folding with an offset map, stem keys found
      as hashed word runs with clitic/article checks, longest-wins selection, exact original spans
      (``fuzzy=False``); the index build is timed separately;
  (b) pyahocorasick baseline: one automaton over the raw lower-cased terms, ``iter()`` over the
      lower-cased text, then a check that the characters before and after a match are not word
      characters (no folding, no clitics, overlapping hits kept);
  (c) flashtext ``KeywordProcessor`` (case-insensitive, Arabic letters added to its word characters
      so that it does not match inside Arabic words), ``extract_keywords(span_info=True)``.

It prints throughput (MB/s of UTF-8 text, best of ``--repeat`` rounds in which the three methods take
turns, so that a change in the machine's load hits them alike), build time, memory of the built
index (RSS growth; tracemalloc cannot see pyahocorasick's C allocations) and the ratios a/b and a/c,
plus how many of the generated term occurrences each method found (recall).

    python benchmarks/bench_spot.py                         # 1k, 10k, 100k terms per language
    python benchmarks/bench_spot.py --sizes 1k,10k --words 50000
    python benchmarks/bench_spot.py --profile 100k          # cProfile of termbase at that size
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import platform
import pstats
import string
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import ahocorasick  # noqa: E402
from flashtext import KeywordProcessor  # noqa: E402
from generate import GeneratedText, concepts_for_terms, generate_text  # noqa: E402

import termbase  # noqa: E402
from termbase.model import Concept  # noqa: E402
from termbase.spotting import Hit, SpotIndex, spot_exact  # noqa: E402

LANGS = ("ar", "en")


def _rss() -> int:
    """Resident set size of this process in bytes (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _built(build: Callable[[], Any]) -> tuple[Any, float, int]:
    gc.collect()
    before = _rss()
    start = time.perf_counter()
    built = build()
    seconds = time.perf_counter() - start
    gc.collect()
    return built, seconds, max(0, _rss() - before)


def _best_interleaved(runs: dict[str, Callable[[], Any]], repeat: int) -> dict[str, tuple[Any, float, float]]:
    """Best wall and best CPU time of each run over ``repeat`` rounds; each round runs every method
    once, so that a change in the machine's load during the measurement hits all of them alike."""
    best = {name: float("inf") for name in runs}
    best_cpu = dict(best)
    results: dict[str, Any] = {}
    for _ in range(repeat):
        for name, run in runs.items():
            start, cpu = time.perf_counter(), time.process_time()
            results[name] = run()
            best[name] = min(best[name], time.perf_counter() - start)
            best_cpu[name] = min(best_cpu[name], time.process_time() - cpu)
    return {name: (results[name], best[name], best_cpu[name]) for name in runs}


# -- the three methods ------------------------------------------------------------------------------

def build_termbase(concepts: Sequence[Concept]) -> SpotIndex:
    index = SpotIndex.build(concepts)
    for lang in index.tables:  # the key tables are made on first use: make them now, counted in the build
        index.tables[lang]
    return index


def spot_termbase(index: SpotIndex, text: str, lang: str) -> list[Hit]:
    return spot_exact(index, text, lang)


def build_ahocorasick(concepts: Sequence[Concept], lang: str) -> Any:
    automaton = ahocorasick.Automaton()
    for concept in concepts:
        for term in concept.terms:
            if term.lang == lang:
                key = term.text.lower()
                automaton.add_word(key, len(key))
    automaton.make_automaton()
    return automaton


def spot_ahocorasick(automaton: Any, text: str) -> list[tuple[int, int]]:
    lowered = text.lower()
    size = len(lowered)
    found = []
    for last, length in automaton.iter(lowered):
        start, end = last - length + 1, last + 1
        if start > 0 and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
            continue
        if end < size and (lowered[end].isalnum() or lowered[end] == "_"):
            continue
        found.append((start, end))
    return found


_ARABIC_WORD_CHARS = {chr(c) for c in range(0x0620, 0x064B)} | {chr(c) for c in range(0x064B, 0x0660)}


def build_flashtext(concepts: Sequence[Concept], lang: str) -> KeywordProcessor:
    processor = KeywordProcessor(case_sensitive=False)
    processor.set_non_word_boundaries(set(string.ascii_letters + string.digits + "_") | _ARABIC_WORD_CHARS)
    for concept in concepts:
        for term in concept.terms:
            if term.lang == lang:
                processor.add_keyword(term.text, concept.id)
    return processor


def spot_flashtext(processor: KeywordProcessor, text: str) -> list[tuple[str, int, int]]:
    return list(processor.extract_keywords(text, span_info=True))


def _spans(found: list[Any]) -> list[tuple[int, int]]:
    """``(start, end)`` of what a method returned (its own output is what is timed)."""
    if found and isinstance(found[0], Hit):
        return [(hit.start, hit.end) for hit in found]
    return [(item[-2], item[-1]) for item in found]


# -- one size -------------------------------------------------------------------------------------

@dataclass
class Row:
    size: str
    lang: str
    method: str
    build_s: float
    memory_mb: float
    mb_per_s: float
    cpu_mb_per_s: float
    recall: float
    hits: int


def _recall(generated: GeneratedText, found: list[tuple[int, int]]) -> float:
    """Share of the generated occurrences whose term (without clitic) lies inside a found span."""
    if not generated.spans:
        return 1.0
    found_sorted = sorted(found)
    import bisect

    hit = 0
    for span in generated.spans:
        i = bisect.bisect_right(found_sorted, (span.start, 1 << 62)) - 1
        ok = False
        while i >= 0 and found_sorted[i][0] >= span.start - 5:
            start, end = found_sorted[i]
            if start <= span.start and end >= span.end:
                ok = True
                break
            i -= 1
        hit += ok
    return hit / len(generated.spans)


def run_size(label: str, terms: int, words: int, repeat: int) -> list[Row]:
    concepts = concepts_for_terms(terms * len(LANGS), variants=3)
    texts = {lang: generate_text(concepts, lang, words=words, density=0.05, inflect=0.3, seed=7) for lang in LANGS}
    rows: list[Row] = []
    index, seconds, memory = _built(lambda: build_termbase(concepts))
    for lang in LANGS:
        generated = texts[lang]
        text = generated.text
        megabytes = len(text.encode("utf-8")) / 1e6
        automaton, a_seconds, a_memory = _built(lambda: build_ahocorasick(concepts, lang))
        processor, f_seconds, f_memory = _built(lambda: build_flashtext(concepts, lang))
        measured = _best_interleaved({
            "termbase": lambda: spot_termbase(index, text, lang),
            "pyahocorasick": lambda: spot_ahocorasick(automaton, text),
            "flashtext": lambda: spot_flashtext(processor, text),
        }, repeat)
        built = {"termbase": (seconds, memory), "pyahocorasick": (a_seconds, a_memory),
                 "flashtext": (f_seconds, f_memory)}
        for method, (found, best, best_cpu) in measured.items():
            build_s, build_memory = built[method]
            rows.append(Row(label, lang, method, build_s, build_memory / 1e6, megabytes / best,
                            megabytes / max(best_cpu, 1e-9), _recall(generated, _spans(found)), len(found)))
        del automaton, processor
    return rows


def print_rows(rows: list[Row]) -> None:
    print("| terms/lang | lang | method | build s | index MB (RSS) | MB/s | MB/s of CPU time | recall | hits "
          "| termbase ÷ this (wall / CPU) |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
    speed = {(r.size, r.lang): (r.mb_per_s, r.cpu_mb_per_s) for r in rows if r.method == "termbase"}
    for r in rows:
        wall, cpu = speed[(r.size, r.lang)]
        print(f"| {r.size} | {r.lang} | {r.method} | {r.build_s:.2f} | {r.memory_mb:.0f} | {r.mb_per_s:.2f} "
              f"| {r.cpu_mb_per_s:.2f} | {r.recall:.3f} | {r.hits} | {wall / r.mb_per_s:.2f}× / {cpu / r.cpu_mb_per_s:.2f}× |")


def print_goal(rows: list[Row]) -> None:
    """The ratios the goal is about; the goal itself (termbase ≥ the baseline and ≥ 2× flashtext)
    is set at 100k terms per language, so only those rows get a verdict."""
    speed = {(r.size, r.lang, r.method): r.mb_per_s for r in rows}
    cpu = {(r.size, r.lang, r.method): r.cpu_mb_per_s for r in rows}
    print()
    for size, lang in dict.fromkeys((r.size, r.lang) for r in rows):
        baseline = speed[(size, lang, "termbase")] / speed[(size, lang, "pyahocorasick")]
        flashtext = speed[(size, lang, "termbase")] / speed[(size, lang, "flashtext")]
        line = (f"{size} {lang}: termbase = {baseline:.2f}× pyahocorasick, {flashtext:.2f}× flashtext "
                f"(CPU time: {cpu[(size, lang, 'termbase')] / cpu[(size, lang, 'pyahocorasick')]:.2f}×, "
                f"{cpu[(size, lang, 'termbase')] / cpu[(size, lang, 'flashtext')]:.2f}×)")
        if _size(size) >= 100_000:
            line += " — goal (≥ 1×, ≥ 2×): " + ("met" if baseline >= 1 and flashtext >= 2 else "NOT met")
        print(line)


def _size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def profile(label: str, words: int) -> None:
    concepts = concepts_for_terms(_size(label) * len(LANGS), variants=3)
    index = build_termbase(concepts)
    for lang in LANGS:
        text = generate_text(concepts, lang, words=words, density=0.05, inflect=0.3, seed=7).text
        profiler = cProfile.Profile()
        profiler.enable()
        spot_termbase(index, text, lang)
        profiler.disable()
        print(f"== {lang}, {label} terms")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1k,10k,100k", help="terms per language, comma-separated")
    parser.add_argument("--words", type=int, default=100_000, help="words per generated text")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best is kept)")
    parser.add_argument("--profile", metavar="SIZE", help="cProfile termbase spotting at SIZE instead")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile, args.words)
        return 0
    print(f"termbase {termbase.__version__}, Python {platform.python_version()}, {platform.machine()}, "
          f"{args.words} words per text, best of {args.repeat}, load average {os.getloadavg()[0]:.1f}")
    rows: list[Row] = []
    for label in args.sizes.split(","):
        rows += run_size(label, _size(label), args.words, args.repeat)
    print_rows(rows)
    print_goal(rows)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Per-document cost of ``Termbase.spot`` (fuzzy pass on) and ``Termbase.check`` with the shipped
glossaries (run by hand, not in CI).

Inputs are files, so that two trees of the project can be timed on the same text: the labelled news
sentences of ``benchmarks/accuracy/data/spans.*.jsonl`` (each sentence spotted on its own, in its
language) and the seed article with its example draft. Prints the median wall and CPU time
(``time.process_time``) over ``--runs`` rounds and the load average.

    python benchmarks/bench_fuzzy_pass.py
    python benchmarks/bench_fuzzy_pass.py --data OTHER_TREE/benchmarks/accuracy/data --runs 20
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from termbase import Termbase

REPO = Path(__file__).resolve().parent.parent


def _median_times(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and median CPU seconds of ``run`` over ``runs`` calls (after one warm-up)."""
    run()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=REPO / "benchmarks" / "accuracy" / "data")
    parser.add_argument("--seed", type=Path, default=REPO / "seeds" / "c5plus1-summit.ar.txt")
    parser.add_argument("--draft", type=Path, default=REPO / "examples" / "c5plus1-summit.draft.en.txt")
    parser.add_argument("--glossaries", type=Path, nargs="*", help="glossary files (default: the shipped ones)")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    termbase = Termbase.load(args.glossaries) if args.glossaries else Termbase.load()
    sentences = {lang: [json.loads(line)["text"] for line in (args.data / f"spans.{lang}.jsonl")
                        .read_text(encoding="utf-8").splitlines() if line.strip()] for lang in ("ar", "en")}
    source, draft = args.seed.read_text(encoding="utf-8"), args.draft.read_text(encoding="utf-8")
    print(f"{len(termbase)} concepts; {len(sentences['ar'])} / {len(sentences['en'])} ar / en sentences; "
          f"load average {os.getloadavg()[0]:.2f}")
    def sentences_of(lang: str) -> Callable[[], object]:
        return lambda: [termbase.spot(sentence, lang=lang) for sentence in sentences[lang]]

    cases: dict[str, Callable[[], object]] = {f"spot, fuzzy, {lang} sentences": sentences_of(lang)
                                              for lang in ("ar", "en")}
    cases["spot, fuzzy, draft (en)"] = lambda: termbase.spot(draft, lang="en")
    cases["spot, fuzzy, seed (ar)"] = lambda: termbase.spot(source, lang="ar")
    cases["check seed, draft"] = lambda: termbase.check(source, draft)
    for name, run in cases.items():
        wall, cpu = _median_times(run, args.runs)
        print(f"{name:32s} median wall {wall * 1000:8.2f} ms  CPU {cpu * 1000:8.2f} ms")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

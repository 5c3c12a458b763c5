"""Benchmark of the cyclic garbage collector's share of loading, building and checking (by hand).

termbase once switched the collector off and on around every parse, build and ``spot()`` call with
a flag that threads shared, and later froze (``gc.freeze()``) what a load had built: process-wide
state changed by a library call. Now reading a glossary and building an index run inside
``termbase.collector.collector_paused()`` (the one home of that policy), which disables the
collector for the block and restores the state it found. Each mode runs in a fresh process with
an empty cache folder:

  * ``collector on``: every pause left out (the collector runs throughout);
  * ``paused``: what a library call does now;
  * ``collector off``: the collector disabled for the whole process (what the ``termbase`` program
    does).

Every figure is CPU time (the host may be shared); the load average is printed.

    python benchmarks/bench_gc.py --concepts 20000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
MODES = {"on": "collector on", "paused": "paused", "off": "collector off"}

CHILD = r"""
import gc, json, os, statistics, sys, time
mode, glossary, seed_ar, draft = sys.argv[1:5]
if mode == "off":
    gc.disable()
if mode == "on":
    gc.disable = lambda: None  # every pause left out (termbase.collector's gc.disable does nothing)
from pathlib import Path
from termbase import Termbase
from termbase.glossary import parse_glossary
source, target = open(seed_ar, encoding="utf-8").read(), open(draft, encoding="utf-8").read()
text = Path(glossary).read_text("utf-8")
start = time.process_time(); parsed = parse_glossary(text, glossary); parse = time.process_time() - start
del parsed
start = time.process_time(); tb = Termbase.load([glossary]); load = time.process_time() - start
start = time.process_time(); tb.check(source, target); first = time.process_time() - start
times = []
for _ in range(20):
    start = time.process_time(); tb.check(source, target); times.append(time.process_time() - start)
start = time.process_time(); gc.collect(); full = time.process_time() - start
print(json.dumps({"parse": parse, "load": load, "first": first, "check": statistics.median(times), "collect": full,
                  "collections": sum(s["collections"] for s in gc.get_stats()), "loadavg": os.getloadavg()[0]}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concepts", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=2, help="runs of each mode, alternating")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import generate_concepts, write_glossary

    with tempfile.TemporaryDirectory() as folder:
        glossary = write_glossary(Path(folder) / "generated.yaml", generate_concepts(args.concepts))
        rows: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
        for run in range(args.runs):  # the modes alternate, so that a change of load hits each alike
            for mode in MODES:
                env = {**os.environ, "TERMBASE_CACHE_DIR": str(Path(folder) / f"cache-{mode}-{run}")}
                done = subprocess.run(
                    [sys.executable, "-c", CHILD, mode, str(glossary), str(REPO / "seeds" / "c5plus1-summit.ar.txt"),
                     str(REPO / "examples" / "c5plus1-summit.draft.en.txt")],
                    capture_output=True, text=True, env=env, check=True)
                rows[mode].append(json.loads(done.stdout))
    print(f"{args.concepts:,} generated concepts, cold cache, one process per mode and run, CPU seconds")
    print(f"{'mode':<15} {'parse s':>8} {'load s':>8} {'first check s':>14} {'check ms':>9} {'gc.collect() ms':>16} "
          f"{'collections':>12} {'load avg':>9}")
    for mode, runs in rows.items():
        for row in runs:
            print(f"{MODES[mode]:<15} {row['parse']:8.2f} {row['load']:8.2f} {row['first']:14.2f} "
                  f"{row['check'] * 1000:9.1f} {row['collect'] * 1000:16.1f} {row['collections']:12,.0f} "
                  f"{row['loadavg']:9.1f}")
    best = {mode: {name: min(row[name] for row in runs) for name in ("parse", "load", "first", "check")}
            for mode, runs in rows.items()}
    base = best["off"]
    for mode in ("on", "paused"):
        row = best[mode]
        print(f"{MODES[mode]} / collector off (fastest runs): parse {row['parse'] / base['parse']:.2f}×, load "
              f"{row['load'] / base['load']:.2f}×, first check {row['first'] / base['first']:.2f}×, "
              f"check {row['check'] / base['check']:.2f}×")


if __name__ == "__main__":
    main()

"""Benchmark of the cyclic garbage collector's share of loading, building and checking (by hand).

termbase once switched the collector off and on around every parse, build and ``spot()`` call:
process-wide state, not thread-safe, and a change in the host application's behaviour. It no
longer touches the collector while it works; after a termbase and its indexes are built it calls
``gc.freeze()`` (``termbase/settle.py``, the one home of that policy: after a termbase and its
indexes are built, and while a large glossary is read), so that later collections skip the
long-lived objects. Each mode runs in a fresh process with an empty cache folder:

  * ``collector on``: what a library call does now, without any freeze;
  * ``on + freeze``: what ``Termbase.load`` and the first check do now (the freezes of ``settle``);
  * ``collector off``: the collector disabled for the whole process (what the ``termbase`` program
    does, and about what the old pauses came to).

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

CHILD = r"""
import gc, json, statistics, sys, time
mode, glossary, seed_ar, draft = sys.argv[1:5]
if mode == "off":
    gc.disable()
if mode == "on":
    gc.freeze = lambda: None  # every freeze of termbase.settle left out
from termbase import Termbase
source, target = open(seed_ar, encoding="utf-8").read(), open(draft, encoding="utf-8").read()
start = time.perf_counter(); tb = Termbase.load([glossary]); load = time.perf_counter() - start
start = time.perf_counter(); tb.check(source, target); first = time.perf_counter() - start
times = []
for _ in range(20):
    start = time.perf_counter(); tb.check(source, target); times.append(time.perf_counter() - start)
start = time.perf_counter(); gc.collect(); full = time.perf_counter() - start
print(json.dumps({"load": load, "first": first, "check": statistics.median(times), "collect": full,
                  "collections": sum(s["collections"] for s in gc.get_stats())}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concepts", type=int, default=20000)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from generate import generate_concepts, write_glossary

    with tempfile.TemporaryDirectory() as folder:
        glossary = write_glossary(Path(folder) / "generated.yaml", generate_concepts(args.concepts))
        rows = {}
        for mode in ("on", "freeze", "off"):
            env = {**os.environ, "TERMBASE_CACHE_DIR": str(Path(folder) / f"cache-{mode}")}
            done = subprocess.run(
                [sys.executable, "-c", CHILD, mode, str(glossary), str(REPO / "seeds" / "c5plus1-summit.ar.txt"),
                 str(REPO / "examples" / "c5plus1-summit.draft.en.txt")],
                capture_output=True, text=True, env=env, check=True)
            rows[mode] = json.loads(done.stdout)
    names = {"on": "collector on", "freeze": "on + freeze", "off": "collector off"}
    print(f"{args.concepts:,} generated concepts, cold cache, one process per mode")
    print(f"{'mode':<15} {'load s':>8} {'first check s':>14} {'check ms':>9} {'gc.collect() ms':>16} {'collections':>12}")
    for mode, row in rows.items():
        print(f"{names[mode]:<15} {row['load']:8.2f} {row['first']:14.2f} {row['check'] * 1000:9.1f} "
              f"{row['collect'] * 1000:16.1f} {row['collections']:12,d}")
    base = rows["off"]
    for mode in ("on", "freeze"):
        row = rows[mode]
        print(f"{names[mode]} / collector off: load {row['load'] / base['load']:.2f}×, first check "
              f"{row['first'] / base['first']:.2f}×, check {row['check'] / base['check']:.2f}×")


if __name__ == "__main__":
    main()

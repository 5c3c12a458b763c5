"""Benchmark of a large generated glossary, from its YAML to a check (by hand, not in CI).

For ``--concepts`` generated concepts (``generate.py``: six terms each, 600k terms at 100k), each
step runs in a fresh process with its own cache folder, first cold (empty cache) then warm (the
caches the cold run wrote):

  * library (``Termbase.load`` then ``Termbase.check``, the collector left on as a library leaves
    it): parse, cache write, cache read, load, the first check (with the index builds it triggers,
    timed one by one) and the median of later checks;
  * command line (``python -m termbase check -g FILE SEED DRAFT``, which switches the collector off
    for its own process): the whole process.

Every figure is wall time and CPU time, with the load average: the host may be shared.

    python benchmarks/bench_large_glossary.py --concepts 100000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEED_AR = REPO / "seeds" / "c5plus1-summit.ar.txt"
DRAFT = REPO / "examples" / "c5plus1-summit.draft.en.txt"

CHILD = r"""
import hashlib, json, os, resource, statistics, sys, time
from pathlib import Path
from termbase import Termbase
from termbase.glossary import parse_glossary
from termbase.glossary_cache import read_cache, write_cache
from termbase.textio import read_text_bytes
path, state, seed, draft = sys.argv[1:5]
source, target = Path(seed).read_text("utf-8"), Path(draft).read_text("utf-8")
out = {}
def timed(name, work):
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    out[name] = [time.perf_counter() - wall, time.process_time() - cpu]
    return result
data = Path(path).read_bytes()
digest = hashlib.sha256(data).hexdigest()
if state == "cold":
    glossary = timed("parse", lambda: parse_glossary(read_text_bytes(data, path), path, digest=digest))
    timed("cache write", lambda: write_cache(glossary))
    del glossary
timed("cache read", lambda: read_cache(path, digest))
termbase = timed("Termbase.load", lambda: Termbase.load([path]))
timed("  lookup index", lambda: termbase._lookup_index)
timed("  spotting index", lambda: termbase._spot_index)
timed("  fuzzy spotter", lambda: termbase._fuzzy_spotter)
timed("  the check itself", lambda: termbase.check(source, target))
out["first check"] = [sum(out[k][i] for k in out if k.startswith("  ")) for i in (0, 1)]
times = []
for _ in range(20):
    wall = time.perf_counter(); termbase.check(source, target); times.append(time.perf_counter() - wall)
out["later check (median of 20)"] = [statistics.median(times), None]
out["peak RSS MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
out["load"] = os.getloadavg()[0]
print(json.dumps(out))
"""


def library(glossary: Path, state: str, env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(glossary), state, str(SEED_AR), str(DRAFT)],
                          capture_output=True, text=True, env=env, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def command_line(glossary: Path, env: dict[str, str]) -> tuple[float, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run([sys.executable, "-m", "termbase", "check", "-g", str(glossary), str(SEED_AR), str(DRAFT)],
                   capture_output=True, env=env, check=False)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, os.getloadavg()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--concepts", type=int, default=100_000)
    parser.add_argument("--no-cli", action="store_true", help="skip the command-line runs")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    from generate import generate_concepts, write_glossary

    with tempfile.TemporaryDirectory() as folder:
        glossary = write_glossary(Path(folder) / "generated.yaml", generate_concepts(args.concepts))
        print(f"{args.concepts:,} generated concepts, {glossary.stat().st_size / 2**20:.1f} MiB of YAML", flush=True)
        for kind in ("library", "cli"):
            if kind == "cli" and args.no_cli:
                continue
            env = {**os.environ, "TERMBASE_CACHE_DIR": str(Path(folder) / f"cache-{kind}")}
            for state in ("cold", "warm"):
                if kind == "cli":
                    wall, cpu, load = command_line(glossary, env)
                    print(f"termbase check -g FILE, {state:4}: {wall:7.2f} s wall {cpu:7.2f} s CPU   load {load:.1f}",
                          flush=True)
                    continue
                rows = library(glossary, state, env)
                print(f"library, {state} (load {rows.pop('load'):.1f}, peak RSS {rows.pop('peak RSS MiB'):.0f} MiB)")
                for name, (wall, cpu) in rows.items():  # type: ignore[misc]
                    cpu_text = f"{cpu:7.2f} s CPU" if cpu is not None else ""
                    print(f"  {name:<28} {wall:7.3f} s wall {cpu_text}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

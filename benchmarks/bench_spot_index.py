"""Benchmark of the spotting index itself: build, save, load and first use, beside a plain automaton.

Run by hand (never in CI). For each size (terms per language) one glossary is generated with
``generate.py`` (3 variants per concept and language, as ``bench_spot.py`` does), and each phase
runs in a fresh process so that its memory is measured alone:

* **build**: ``SpotIndex.build`` and the key table of each language (made on first use, counted
  here), then ``save`` into a scratch cache folder through ``termbase.cache``;
* **load**: a new process opens the cache entry (its files checked against the signed manifest)
  and ``SpotIndex.load``\\ s it, then makes each language's key table (what the first ``spot`` in
  that language does); then the same load again in that process (warm);
* **anchor**: pyahocorasick automata over the same raw terms (lower-cased), one per language,
  built in a fresh process.

Wall and CPU seconds (``time.process_time``), and the peak RSS of the phase above the RSS before it
(Linux: ``/proc/self/clear_refs`` and ``VmHWM``), with the load average, are printed. The page
cache is not dropped: "load" reads files the build has just written.

    python benchmarks/bench_spot_index.py                # 100k terms per language
    python benchmarks/bench_spot_index.py --sizes 10k,100k
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

LANGS = ("ar", "en")


def _status(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def _measured(run: Callable[[], Any]) -> tuple[Any, dict[str, float]]:
    """``run()`` with its wall and CPU seconds and the RSS peak above the RSS before it (MB)."""
    import gc

    gc.collect()
    reset = _reset_peak()
    before = _status("VmRSS")
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    figures = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
               "peak_mb": (_status("VmHWM") - before) / 1e6 if reset else float("nan"),
               "retained_mb": (_status("VmRSS") - before) / 1e6}
    return result, figures


def _concepts(size: int) -> list[Any]:
    from generate import concepts_for_terms

    return concepts_for_terms(size * len(LANGS), variants=3)


def _tables(index: Any) -> Any:
    for lang in index.tables:  # made on first use: make them now
        index.tables[lang]
    return index


def phase_build(size: int) -> dict[str, Any]:
    from termbase import cache
    from termbase.spotting.index import SpotIndex, cache_parts

    concepts = _concepts(size)
    index, build = _measured(lambda: _tables(SpotIndex.build(concepts)))
    key = cache.entry_key(f"bench-{size}", *cache_parts())
    _, save = _measured(lambda: cache.store_entry("spot", key, index.save))
    folder = cache.cache_dir()
    stored = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
    return {"build": build, "save": save, "stored_mb": stored / 1e6,
            "keys": {lang: len(index.entries[lang]) for lang in index.tables}}


def phase_load(size: int) -> dict[str, Any]:
    from termbase import cache
    from termbase.spotting.index import SpotIndex, cache_parts

    concepts = _concepts(size)
    key = cache.entry_key(f"bench-{size}", *cache_parts())

    def load() -> Any:
        entry = cache.open_entry("spot", key)
        assert entry is not None, "no stored index: run the build phase first"
        index = SpotIndex.load(entry, concepts)
        assert index is not None, "the stored index did not load"
        return index

    index, cold = _measured(load)
    tables: dict[str, Any] = {}
    for lang in LANGS:
        _, tables[lang] = _measured(lambda: index.tables[lang])
    _, warm = _measured(load)
    return {"load_cold": cold, "tables": tables, "load_warm": warm}


def phase_anchor(size: int) -> dict[str, Any]:
    from bench_spot import build_ahocorasick

    concepts = _concepts(size)
    return {"build": _measured(lambda: [build_ahocorasick(concepts, lang) for lang in LANGS])[1]}


PHASES = {"build": phase_build, "load": phase_load, "anchor": phase_anchor}


def _run_phase(phase: str, size: int, folder: str) -> dict[str, Any]:
    env = dict(os.environ, TERMBASE_CACHE_DIR=folder)
    done = subprocess.run([sys.executable, __file__, "--phase", phase, "--sizes", str(size)], env=env,
                          capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _fmt(figures: dict[str, float]) -> str:
    return (f"{figures['wall_s']:.2f} s wall, {figures['cpu_s']:.2f} s CPU, peak {figures['peak_mb']:.0f} MB, "
            f"retained {figures['retained_mb']:.0f} MB")


def _size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1:], 1)
    return int(float(text.rstrip("km")) * factor)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100k", help="terms per language, comma-separated")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        print(json.dumps(PHASES[args.phase](_size(args.sizes))))
        return 0
    import termbase

    print(f"termbase {termbase.__version__}, Python {platform.python_version()}, {platform.machine()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    for label in args.sizes.split(","):
        size = _size(label)
        with tempfile.TemporaryDirectory() as folder:
            built = _run_phase("build", size, folder)
            loaded = _run_phase("load", size, folder)
        anchor = _run_phase("anchor", size, folder)
        print(f"\n{label} terms per language (keys: {built['keys']}), load average {os.getloadavg()[0]:.1f}")
        print(f"  build + key tables:   {_fmt(built['build'])}")
        print(f"  save:                 {_fmt(built['save'])}; stored {built['stored_mb']:.1f} MB")
        print(f"  load, new process:    {_fmt(loaded['load_cold'])}")
        for lang, figures in loaded["tables"].items():
            print(f"  first use, {lang} table: {_fmt(figures)}")
        print(f"  load again (warm):    {_fmt(loaded['load_warm'])}")
        print(f"  pyahocorasick, raw terms, both languages: {_fmt(anchor['build'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

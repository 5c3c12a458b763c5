"""Benchmark of ``termbase spot FILE`` text output: linear in the input (run by hand, not in CI).

The seed article, repeated to 1, 10 and 100 MB of Arabic, is spotted by the command line with the
shipped glossaries (stdout to /dev/null), in text and in JSON format; the text output once counted
the lines before every hit (``text.count("\\n", 0, hit.start)``), which made it quadratic. The old
way of locating the hits is timed beside the new one on the same hits, up to ``--old-limit`` MB.

    python benchmarks/bench_spot_output.py
    python benchmarks/bench_spot_output.py --sizes 1,10 --old-limit 10
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path

from termbase import Termbase
from termbase.cli import main
from termbase.qa.issues import LineIndex

REPO = Path(__file__).resolve().parent.parent
SEED_AR = REPO / "seeds" / "c5plus1-summit.ar.txt"


def _text(megabytes: int) -> str:
    seed = SEED_AR.read_text("utf-8")
    size = len(seed.encode("utf-8"))
    return seed * max(1, round(megabytes * 1_000_000 / size))


def _command(path: Path, *options: str) -> float:
    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
        code = main(["spot", str(path), "--no-fuzzy", *options])
    if code != 0:
        raise SystemExit(f"termbase spot exited {code}")
    return time.perf_counter() - start


def _old_locations(text: str, starts: list[int]) -> list[tuple[int, int]]:
    return [(text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1) for at in starts]


def _new_locations(text: str, starts: list[int]) -> list[tuple[int, int]]:
    lines = LineIndex(text)
    return [lines.line_col(at) for at in starts]


def main_() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,10,100", help="sizes in MB (default 1,10,100)")
    parser.add_argument("--old-limit", type=int, default=1, help="time the old line counting up to this size")
    args = parser.parse_args()
    termbase = Termbase.load()
    termbase.spot("تمهيد", lang="ar", fuzzy=False)  # the index is built (or loaded) before timing
    print(f"{'MB':>5} {'hits':>10} {'text s':>8} {'json s':>8} {'text s/MB':>10} "
          f"{'locate new s':>13} {'locate old s':>13} {'old/new':>8}")
    per_mb: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in (int(s) for s in args.sizes.split(",")):
            text = _text(megabytes)
            path = Path(folder) / f"text-{megabytes}.txt"
            path.write_text(text, "utf-8")
            text_seconds = _command(path)
            json_seconds = _command(path, "--format", "json")
            starts = [hit.start for hit in termbase.spot(text, lang="ar", fuzzy=False)]
            start = time.perf_counter()
            new = _new_locations(text, starts)
            new_seconds = time.perf_counter() - start
            old_cell = ratio_cell = "—"
            if megabytes <= args.old_limit:
                start = time.perf_counter()
                old = _old_locations(text, starts)
                old_seconds = time.perf_counter() - start
                if old != new:
                    raise SystemExit("the two ways of locating hits disagree")
                old_cell, ratio_cell = f"{old_seconds:13.2f}", f"{old_seconds / new_seconds:7.0f}×"
            per_mb.append(text_seconds / megabytes)
            print(f"{megabytes:5d} {len(starts):10,d} {text_seconds:8.2f} {json_seconds:8.2f} "
                  f"{text_seconds / megabytes:10.3f} {new_seconds:13.3f} {old_cell:>13} {ratio_cell:>8}")
            del text, starts, new
    print(f"text output, seconds per MB, largest / smallest size: {per_mb[-1] / per_mb[0]:.2f} "
          "(1.0 is linear; the old way grew with the size)")


if __name__ == "__main__":
    sys.exit(main_())

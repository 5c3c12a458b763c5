"""A translator's check: the example draft against the Arabic seed article and the glossary.

Run from anywhere: ``python examples/validate_draft.py [FIXED_PATH]``. Prints each finding
with its suggestion, then writes the draft with the safe fixes (forbidden, deprecated and
misspelled terms replaced by the approved ones) to FIXED_PATH, or prints it after a
``--- fixed draft ---`` line.
"""

from __future__ import annotations

import sys
from pathlib import Path

import termbase

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    tb = termbase.Termbase.load()  # the shipped glossaries
    source = (REPO / "seeds" / "c5plus1-summit.ar.txt").read_text(encoding="utf-8")
    draft = (REPO / "examples" / "c5plus1-summit.draft.en.txt").read_text(encoding="utf-8")

    report = tb.check(source, draft)
    for issue in report.issues:
        span = issue.target or issue.source
        where = f"{'target' if issue.target else 'source'} [{span.start}:{span.end}] {span.text!r}" if span else ""
        fix = f" -> {issue.suggestion}" if issue.suggestion else ""
        print(f"{issue.severity:7} {issue.code:17} {where}{fix}")
    print(f"{len(report.issues)} findings; signature {report.signature}")

    fixed = tb.fix(source, draft)
    remaining = tb.check(source, fixed).issues
    print(f"{len(remaining)} findings left for the translator after the safe fixes")
    if argv:
        Path(argv[0]).write_text(fixed, encoding="utf-8")
        print(f"fixed draft written to {argv[0]}")
    else:
        print("--- fixed draft ---")
        sys.stdout.write(fixed)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

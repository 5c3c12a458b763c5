"""Look up name variants in both scripts and print the preferred English form of each.

A translator's check before filing: Arabic press spells Central Asian names many ways (توكاييف,
توكايف; Tokaev, Tokayev). For each variant this prints the concept it names and the English
form to write, and warns when a variant names more than one concept (a surname shared by father
and son, say): the translator must then decide from the context.

Run it from the repository root::

    python examples/lookup_names.py                      # a built-in list of variants
    python examples/lookup_names.py Tokaev "بردي محمدوف"   # your own variants
"""

from __future__ import annotations

import sys

import termbase

DEFAULT_NAMES = [
    "Tokaev",
    "توكايف",
    "قاسم جومارت توكاييف",
    "Mirziyoev",
    "ميرزيوييف",
    "Rakhmonov",
    "رحمون",
    "Zhaparov",
    "جباروف",
    "Berdimuhamedov",
    "ترمب",
    "قرغيزستان",
    "Kirghizia",
]


def describe(tb: termbase.Termbase, name: str) -> list[str]:
    """Report lines for one variant."""
    matches = tb.lookup(name, limit=5)
    if not matches:
        return [f"{name}: not in the termbase"]
    best = matches[0]
    if best.ambiguous:
        tied = [m for m in matches if m.ambiguous]
        options = "; ".join(f"{m.concept.label('en')} ({m.concept.id})" for m in tied)
        return [f"{name}: AMBIGUOUS, names {len(tied)} concepts: {options}"]
    english = best.concept.label("en")
    lines = [f"{name}: {english}  [{best.concept.id}, {best.match} match on {best.term.text!r}, {best.status}]"]
    if best.match is termbase.MatchKind.FUZZY:
        lines.append(f"    check the spelling: closest term scores {best.score:.0f}/100")
    elif not best.status.approved:
        lines.append(f"    {best.term.text!r} is {best.status}; write {english!r}")
    return lines


def main(argv: list[str]) -> int:
    names = argv or DEFAULT_NAMES
    tb = termbase.Termbase.load()
    for name in names:
        for line in describe(tb, name):
            print(line)
    return 0


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    raise SystemExit(main(sys.argv[1:]))

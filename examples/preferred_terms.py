"""Print the preferred English rendering of Arabic variants.

The variants come from the command line or, without arguments, from a list file (one variant per
line, ``#`` starts a comment); ``examples/arabic_variants.txt`` is a small sample. Each line of
output is the variant, a tab and the preferred English term; a variant that names several
concepts lists every candidate (separated by `` | ``), and one that is not in the termbase
gets ``?`` and, when there is one, the closest term as a hint.

Run it from the repository root::

    python examples/preferred_terms.py                          # examples/arabic_variants.txt
    python examples/preferred_terms.py --file my-variants.txt
    python examples/preferred_terms.py توكايف قرغيزستان
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import termbase

SAMPLE = Path(__file__).with_name("arabic_variants.txt")


def read_variants(path: Path) -> list[str]:
    """Variants listed in a file, one a line, without blank lines and comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def render(tb: termbase.Termbase, variant: str) -> str:
    """``variant<TAB>preferred English`` (several candidates when ambiguous, ``?`` when unknown)."""
    terms = tb.translations(variant, "en", source_lang="ar")
    if terms:
        return f"{variant}\t{' | '.join(term.text for term in terms)}"
    closest = tb.lookup(variant, lang="ar", limit=1)
    hint = f"  (closest: {closest[0].concept.label('en')}?)" if closest else ""
    return f"{variant}\t?{hint}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Preferred English terms for Arabic variants.")
    parser.add_argument("variants", nargs="*", help="Arabic variants (default: read --file)")
    parser.add_argument("--file", type=Path, default=SAMPLE, help="list file, one variant a line")
    args = parser.parse_args(argv)
    variants = args.variants or read_variants(args.file)
    tb = termbase.Termbase.load()
    for variant in variants:
        print(render(tb, variant))
    return 0


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    raise SystemExit(main(sys.argv[1:]))

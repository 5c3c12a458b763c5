"""Report which spellings printed by news outlets (attested_spellings.tsv) the glossaries list.

    python glossaries/sources/attestation_report.py            # per concept, then the totals
    python glossaries/sources/attestation_report.py --check    # exit 1 unless every spelling seen in
                                                               # at least --min-outlets outlets is listed

A spelling is covered when its concept lists a term of the same language with the same folded form
(any status: an attested confusion is listed as forbidden). Options: ``--min-outlets N`` (default 2),
``--glossary FILE`` (repeatable; default the shipped glossaries), ``--attestations FILE``,
``--missing`` (list only what is not covered).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # a source checkout: termbase beside glossaries/

from termbase import Termbase, TermbaseError  # noqa: E402
from termbase.attestation import attested_spellings, coverage, read_attestations  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attestations", type=Path, default=HERE / "attested_spellings.tsv")
    parser.add_argument("--glossary", "-g", action="append", type=Path)
    parser.add_argument("--min-outlets", type=int, default=2)
    parser.add_argument("--missing", action="store_true", help="list only the spellings not covered")
    parser.add_argument("--check", action="store_true", help="exit 1 when a qualifying spelling is not covered")
    args = parser.parse_args(argv)
    if args.min_outlets < 1:
        parser.error("--min-outlets must be at least 1")
    try:
        termbase = Termbase.load(args.glossary)
        rows = read_attestations(args.attestations)
    except (TermbaseError, OSError) as exc:
        print(f"attestation_report: {exc}", file=sys.stderr)
        return 2
    spellings = attested_spellings(rows, termbase.concepts)
    result = coverage(spellings, min_outlets=args.min_outlets)
    by_concept: dict[str, list[str]] = defaultdict(list)
    for spelling in result.spellings:
        if args.missing and spelling.covered:
            continue
        where = str(spelling.status) if spelling.covered else (
            "MISSING" if spelling.concept in termbase else "MISSING (no such concept)")
        by_concept[spelling.concept].append(
            f"  {spelling.lang} {' / '.join(spelling.spellings)}: {len(spelling.outlets)} outlets"
            f" ({', '.join(spelling.outlets)}) -> {where}")
    for concept_id in sorted(by_concept):
        print(concept_id)
        print("\n".join(by_concept[concept_id]))
    concepts = {s.concept for s in result.spellings}
    print(f"\n{len(rows)} attestations, {len({r.url for r in rows})} pages, {len({r.outlet for r in rows})} outlets, "
          f"{len(spellings)} distinct spellings of {len({s.concept for s in spellings})} concepts")
    print(f"spellings in >= {args.min_outlets} outlets: {len(result.spellings)} of {len(concepts)} concepts; "
          f"covered {len(result.covered)} ({result.share:.1%}), missing {len(result.missing)}")
    return 1 if args.check and result.missing else 0


if __name__ == "__main__":
    sys.exit(main())

"""``termbase spot``: every glossary term in a text, with exact spans."""

from __future__ import annotations

import argparse
from typing import Any

from termbase.cli.common import EXIT_OK, format_option, glossary_parent, language_tag, load_termbase, print_json
from termbase.qa.issues import LineIndex
from termbase.spotting import Hit
from termbase.textio import read_text

__all__ = ["add_parsers", "hit_json"]


def add_parsers(subparsers: Any) -> None:
    """Register ``spot``."""
    spot = subparsers.add_parser(
        "spot", parents=[glossary_parent()], help="find every glossary term in a text",
        description="Find every glossary term in FILE (or standard input with -), with exact spans.",
    )
    spot.add_argument("file", metavar="FILE", help="text file, or - for standard input")
    spot.add_argument("--lang", "-l", type=language_tag, help="language of the text (ar, en); guessed from the script if omitted")
    spot.add_argument("--no-fuzzy", dest="fuzzy", action="store_false", help="skip the fuzzy pass")
    spot.add_argument("--explain", action="store_true", help="print each hit's confidence and evidence")
    format_option(spot)
    spot.set_defaults(run=run_spot)


def hit_json(hit: Hit) -> dict[str, Any]:
    """The stable JSON form of one hit."""
    return {
        "concept": hit.concept,
        "start": hit.start,
        "end": hit.end,
        "text": hit.text,
        "term": hit.term.text,
        "status": str(hit.status),
        "match": str(hit.match),
        "score": round(hit.score, 2),
        "candidates": list(hit.candidates),
        "confidence": hit.confidence,
        "evidence": [evidence.as_dict() for evidence in hit.evidence],
    }


def run_spot(args: argparse.Namespace) -> int:
    text = read_text(args.file)
    termbase = load_termbase(args)
    hits = termbase.spot(text, lang=args.lang, fuzzy=args.fuzzy)
    if args.format == "json":
        print_json({"hits": [hit_json(hit) for hit in hits]})
        return EXIT_OK
    lines = LineIndex(text)  # once counting the lines before each hit made this quadratic
    for hit in hits:
        line, column = lines.line_col(hit.start)
        who = hit.concept or "AMBIGUOUS " + "/".join(hit.candidates)
        shown = hit.text.replace("\n", "⏎")
        extra = f" ({hit.resolution})" if hit.resolution else ""
        print(f"{line}:{column}\t{shown}\t{who}\t{hit.term.text} [{hit.status}, {hit.match} {hit.score:.0f}]{extra}")
        if args.explain:
            print(f"\tconfidence {hit.confidence:.2f}")
            for evidence in hit.evidence:
                print(f"\t· {evidence.rule}: {evidence.detail}")
    print(f"{len(hits)} hit(s)")
    return EXIT_OK

"""``termbase lookup`` and ``termbase show``: find concepts by any variant, show one concept."""

from __future__ import annotations

import argparse
from typing import Any

from termbase.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    UsageError,
    format_option,
    glossary_parent,
    language_tag,
    load_termbase,
    print_json,
)
from termbase.lookup import Match
from termbase.model import Concept
from termbase.termbase import DEFAULT_SCORE_CUTOFF

__all__ = ["add_parsers", "concept_json", "match_json"]


def add_parsers(subparsers: Any) -> None:
    """Register ``lookup`` and ``show``."""
    parent = glossary_parent()
    lookup = subparsers.add_parser(
        "lookup", parents=[parent], help="find the concepts of a variant (exact, folded or fuzzy)",
        description="Find the concepts whose terms match QUERY in Arabic or English.",
    )
    lookup.add_argument("query", metavar="QUERY")
    lookup.add_argument("--lang", "-l", type=language_tag, help="only terms in this language (ar, en …)")
    lookup.add_argument("--limit", "-n", type=_limit, default=10, help="at most N concepts, N ≥ 1 (default 10)")
    lookup.add_argument(
        "--score-cutoff", type=_score_cutoff, default=DEFAULT_SCORE_CUTOFF,
        help=f"lowest fuzzy score 0-100 (default {DEFAULT_SCORE_CUTOFF:g})",
    )
    format_option(lookup)
    lookup.set_defaults(run=run_lookup)

    show = subparsers.add_parser("show", parents=[parent], help="show one concept with all its terms")
    show.add_argument("concept", metavar="CONCEPT", help="concept id, or a term that names one concept")
    format_option(show)
    show.set_defaults(run=run_show)


def _limit(value: str) -> int:
    """argparse type of ``--limit``: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{number} is below 1 (at least one concept is shown)")
    return number


def _score_cutoff(value: str) -> float:
    """argparse type of ``--score-cutoff``: a number from 0 to 100."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number") from None
    if not 0 <= number <= 100:  # also refuses nan
        raise argparse.ArgumentTypeError(f"{value} is outside 0-100 (scores are percentages)")
    return number


def match_json(match: Match) -> dict[str, Any]:
    """The stable JSON form of one lookup match."""
    return {
        "concept": match.concept.id,
        "term": match.term.text,
        "lang": match.lang,
        "status": str(match.status),
        "score": round(match.score, 2),
        "match": str(match.match),
        "ambiguous": match.ambiguous,
        "preferred": _preferred(match.concept),
    }


def _preferred(concept: Concept) -> dict[str, str]:
    result: dict[str, str] = {}
    for lang in concept.languages:
        term = concept.preferred(lang)
        if term is not None:
            result[lang] = term.text
    return result


def run_lookup(args: argparse.Namespace) -> int:
    if not args.query.strip():
        raise UsageError("QUERY is empty: give a term or variant to look up")
    termbase = load_termbase(args)
    matches = termbase.lookup(args.query, lang=args.lang, limit=args.limit, score_cutoff=args.score_cutoff)
    if args.format == "json":
        print_json({"query": args.query, "matches": [match_json(m) for m in matches],
                    "more_tied": matches.more_tied})
    elif not matches:
        print(f"no match for {args.query!r}")
    else:
        for match in matches:
            flag = "  AMBIGUOUS" if match.ambiguous else ""
            preferred = "  ".join(f"{lang}: {text}" for lang, text in _preferred(match.concept).items())
            print(f"{match.concept.id}  ({match.match} {match.score:.0f}{flag})")
            print(f"    matched {match.lang} {match.term.text!r} [{match.status}]")
            print(f"    preferred  {preferred}")
        if matches.more_tied:
            print(f"… and {matches.more_tied} more concept(s) tied at the top (raise --limit to list them)")
    return EXIT_OK if matches else EXIT_FINDINGS


def concept_json(concept: Concept) -> dict[str, Any]:
    """All data of a concept as JSON."""
    return {
        "id": concept.id,
        "glossary": concept.glossary,
        "subject": concept.subject,
        "definition": dict(concept.definitions),
        "notes": list(concept.notes),
        "related": list(concept.related),
        "sources": list(concept.sources),
        "terms": {
            lang: [
                {
                    "term": t.text, "status": str(t.status),
                    "type": str(t.type) if t.type else None, "pos": str(t.pos) if t.pos else None,
                    "case_sensitive": t.case_sensitive, "notes": list(t.notes), "sources": list(t.sources),
                }
                for t in concept.terms_in(lang)
            ]
            for lang in concept.languages
        },
    }


def run_show(args: argparse.Namespace) -> int:
    if not args.concept.strip():
        raise UsageError("CONCEPT is empty: give a concept id or a term")
    termbase = load_termbase(args)
    if args.concept in termbase:
        concepts = [termbase.concept(args.concept)]
    else:
        matches = termbase.lookup(args.concept, score_cutoff=100.0)
        concepts = [m.concept for m in matches if m.score == 100.0 and m.match.rank < 3]
    if not concepts:
        print(f"no concept {args.concept!r}")
        return EXIT_FINDINGS
    if args.format == "json":
        print_json({"concepts": [concept_json(c) for c in concepts]})
        return EXIT_OK
    for concept in concepts:
        _print_concept(concept)
    return EXIT_OK


def _print_concept(concept: Concept) -> None:
    print(f"{concept.id}  [{concept.subject or '-'}]  ({concept.glossary})")
    for lang, text in concept.definitions.items():
        print(f"  definition ({lang}): {text}")
    for note in concept.notes:
        print(f"  note: {note}")
    if concept.related:
        print(f"  related: {', '.join(concept.related)}")
    for lang in concept.languages:
        print(f"  {lang}:")
        for term in concept.terms_in(lang):
            details = ", ".join(str(x) for x in (term.type, term.pos) if x)
            case = ", case-sensitive" if term.case_sensitive else ""
            print(f"    {term.status:<10} {term.text}  ({details}{case})" if details or case
                  else f"    {term.status:<10} {term.text}")
            for note in term.notes:
                print(f"               note: {note}")
    for source in concept.sources:
        print(f"  source: {source}")
    print()

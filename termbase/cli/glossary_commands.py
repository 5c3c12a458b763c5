"""``termbase lint`` and ``termbase stats``: check glossaries, count what they hold."""

from __future__ import annotations

import argparse
from collections import Counter
from typing import Any

from termbase.cli.common import EXIT_FINDINGS, EXIT_OK, format_option, glossary_parent, glossary_paths, print_json
from termbase.errors import TermbaseError
from termbase.glossary import load_glossaries
from termbase.lint import lint_glossaries

__all__ = ["add_parsers"]


def add_parsers(subparsers: Any) -> None:
    """Register ``lint`` and ``stats``."""
    parent = glossary_parent()
    lint = subparsers.add_parser(
        "lint", parents=[parent], help="check glossaries for duplicate, conflicting or missing terms",
    )
    lint.add_argument("paths", nargs="*", metavar="GLOSSARY", help="glossary files (default: --glossary or shipped)")
    format_option(lint)
    lint.set_defaults(run=run_lint)
    stats = subparsers.add_parser("stats", parents=[parent], help="count concepts and terms")
    format_option(stats)
    stats.set_defaults(run=run_stats)


def run_lint(args: argparse.Namespace) -> int:
    chosen = (args.paths or []) + (args.glossaries or [])
    glossaries = load_glossaries(glossary_paths(chosen or None))
    findings = lint_glossaries(glossaries, known_ids=_shipped_ids() if chosen else None)
    if args.format == "json":
        print_json({
            "glossaries": [g.info.path for g in glossaries],
            "findings": [
                {"code": str(f.code), "path": f.path, "line": f.line, "concept": f.concept, "message": f.message}
                for f in findings
            ],
        })
    else:
        for finding in findings:
            print(finding)
        concepts = sum(len(g.concepts) for g in glossaries)
        print(f"{len(findings)} finding(s) in {len(glossaries)} glossary file(s), {concepts} concepts")
    return EXIT_FINDINGS if findings else EXIT_OK


def _shipped_ids() -> set[str]:
    """Ids of the shipped concepts, which a glossary checked on its own may relate to."""
    try:
        return {c.id for g in load_glossaries() for c in g.concepts}
    except TermbaseError:
        return set()


def run_stats(args: argparse.Namespace) -> int:
    glossaries = load_glossaries(glossary_paths(args.glossaries))
    rows: list[dict[str, Any]] = []
    total_terms: Counter[str] = Counter()
    for glossary in glossaries:
        terms = [t for c in glossary.concepts for t in c.terms]
        by_lang = Counter(t.lang for t in terms)
        total_terms.update(by_lang)
        rows.append({
            "glossary": glossary.info.id,
            "path": glossary.info.path,
            "concepts": len(glossary.concepts),
            "terms": dict(sorted(by_lang.items())),
            "status": dict(sorted(Counter(str(t.status) for t in terms).items())),
        })
    total = {"concepts": sum(len(g.concepts) for g in glossaries), "terms": dict(sorted(total_terms.items()))}
    if args.format == "json":
        print_json({"glossaries": rows, "total": total})
        return EXIT_OK
    for row in rows:
        counts = ", ".join(f"{lang} {n}" for lang, n in row["terms"].items())
        statuses = ", ".join(f"{s} {n}" for s, n in row["status"].items())
        print(f"{row['glossary']:<20} {row['concepts']:>5} concepts  terms: {counts}  ({statuses})")
    counts = ", ".join(f"{lang} {n}" for lang, n in sorted(total_terms.items()))
    print(f"{'total':<20} {total['concepts']:>5} concepts  terms: {counts}")
    return EXIT_OK

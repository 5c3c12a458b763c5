"""``termbase tm …``: the translation memory from the command line.

``add SOURCE TARGET``, ``import FILE.tmx|FILE.tsv|FILE.po``, ``export OUT.tmx``, ``search TEXT|-``,
``concordance WORD`` and ``usage [--candidates]``, each with ``--tm PATH`` (default
:func:`default_memory_path`, created on first use) and ``--format text|json``. Exit codes: 0 ok,
1 no match (search, concordance) or flagged concepts (usage), 2 usage or input error (the memory is
left as it was).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from termbase.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    UsageError,
    glossary_parent,
    language_tag,
    load_termbase,
    print_json,
)
from termbase.textio import atomic_write_text, read_text
from termbase.tm.memory import DEFAULT_MIN_SCORE, TmMatch, TranslationMemory

__all__ = ["add_parsers", "default_memory_path", "match_json"]


def default_memory_path() -> Path:
    """``memory.tm`` in the user's data folder (platformdirs ``user_data_dir("termbase")``)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("termbase")) / "memory.tm"


def _common() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("memory")
    group.add_argument("--tm", metavar="PATH", type=Path, default=None,
                       help="translation memory file (default: memory.tm in the user's data folder)")
    group.add_argument("--format", "-f", choices=("text", "json"), default="text", help="output format")
    return parent


def _langs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source-lang", type=language_tag, default="ar", help="source language (default ar)")
    parser.add_argument("--target-lang", type=language_tag, default="en", help="target language (default en)")


def add_parsers(subparsers: Any) -> None:
    """Register ``tm`` and its subcommands."""
    tm = subparsers.add_parser("tm", help="translation memory: add, import, export, search, concordance, usage",
                               description="Store translated segment pairs and reuse them.")
    commands = tm.add_subparsers(dest="tm_command", metavar="SUBCOMMAND", required=True)
    common = _common()

    add = commands.add_parser("add", parents=[common], help="store one segment pair")
    add.add_argument("source", metavar="SOURCE")
    add.add_argument("target", metavar="TARGET")
    _langs(add)
    add.add_argument("--document", help="document id (for context matches)")
    add.add_argument("--position", type=int, help="position in the document")
    add.add_argument("--author", help="who translated it")
    add.add_argument("--origin", default="human", choices=("human", "mt"), help="human or machine translation")
    add.set_defaults(run=run_add)

    imp = commands.add_parser("import", parents=[common], help="import a TMX, TSV or PO file (one transaction)")
    imp.add_argument("file", metavar="FILE", help="FILE.tmx, FILE.tsv or FILE.po")
    _langs(imp)
    imp.add_argument("--msgid-lang", choices=("ar", "en"), default="ar", help="PO: language of msgid")
    imp.set_defaults(run=run_import)

    export = commands.add_parser("export", parents=[common], help="write the memory as TMX 1.4b")
    export.add_argument("output", metavar="OUT.tmx")
    export.add_argument("--encoding", choices=("utf-8", "utf-16"), default="utf-8", help="file encoding")
    export.set_defaults(run=run_export)

    search = commands.add_parser("search", parents=[common], help="fuzzy matches for a new source segment")
    search.add_argument("text", metavar="TEXT", help="the source text, or - for standard input (one segment a line)")
    search.add_argument("--limit", "-n", type=int, default=5, help="at most K matches per segment (default 5)")
    search.add_argument("--min-score", type=int, default=DEFAULT_MIN_SCORE,
                        help=f"lowest match %% 0-101 (default {DEFAULT_MIN_SCORE})")
    _langs(search)
    search.add_argument("--any-target", action="store_true", help="matches in every target language")
    search.add_argument("--subword", action="store_true", help="match on sentencepiece pieces")
    search.add_argument("--subword-model", metavar="PATH", help="sentencepiece .model to use (implies --subword)")
    search.set_defaults(run=run_search)

    conc = commands.add_parser("concordance", parents=[common, glossary_parent()],
                               help="segments whose source holds a word, with its rendering")
    conc.add_argument("word", metavar="WORD")
    conc.add_argument("--lang", type=language_tag, default="ar", help="language of WORD (default ar)")
    conc.add_argument("--limit", "-n", type=int, default=50, help="at most N lines (default 50)")
    conc.set_defaults(run=run_concordance)

    usage = commands.add_parser("usage", parents=[common, glossary_parent()],
                                help="how the memory renders each glossary concept")
    _langs(usage)
    usage.add_argument("--candidates", action="store_true",
                       help="also list recurring phrases the glossary lacks, with their rendering")
    usage.add_argument("--min-count", type=int, default=3, help="candidates: segments a phrase needs (default 3)")
    usage.add_argument("--output", "-o", metavar="PATH", help="candidates: write them as a glossary YAML file to review")
    usage.set_defaults(run=run_usage)


def _open(args: argparse.Namespace, **options: Any) -> TranslationMemory:
    return TranslationMemory(args.tm if args.tm is not None else default_memory_path(), **options)


def _positive(value: int, name: str) -> None:
    if value < 1:
        raise UsageError(f"{name} must be at least 1, not {value}")


def run_add(args: argparse.Namespace) -> int:
    with _open(args) as memory:
        result = memory.add(args.source, args.target, source_lang=args.source_lang, target_lang=args.target_lang,
                            document=args.document, position=args.position, author=args.author, origin=args.origin)
    if args.format == "json":
        print_json({"added": result.added, "duplicates": result.duplicates, "tm": str(memory.path)})
    else:
        print("added" if result.added else "already stored", file=sys.stderr)
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from termbase.progress import progress_bar
    from termbase.tm.interchange import import_file

    with _open(args) as memory, progress_bar(f"importing {args.file}", unit="segment") as bar:
        result, skipped = import_file(memory, args.file, source_lang=args.source_lang, target_lang=args.target_lang,
                                      msgid_lang=args.msgid_lang, progress=lambda _done: bar.advance())
        total = len(memory)
    data = {"file": args.file, "added": result.added, "duplicates": result.duplicates,
            "occurrences": result.occurrences, "skipped": skipped, "segments": total, "tm": str(memory.path)}
    if args.format == "json":
        print_json(data)
    else:
        print(f"{args.file}: {result.added} added, {result.duplicates} already stored, {skipped} skipped; "
              f"{total} segments in {memory.path}")
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from termbase.tm.interchange import export_tmx

    with _open(args) as memory:
        count = export_tmx(memory, args.output, encoding=args.encoding.upper())
    if args.format == "json":
        print_json({"output": args.output, "units": count, "tm": str(memory.path)})
    else:
        print(f"{count} units written to {args.output}", file=sys.stderr)
    return EXIT_OK


def match_json(match: TmMatch) -> dict[str, Any]:
    """The stable JSON form of one fuzzy match."""
    segment = match.segment
    return {
        "id": segment.id, "score": match.score, "fuzzy": match.fuzzy, "context": match.context,
        "source": segment.source, "target": segment.target, "source_lang": segment.source_lang,
        "target_lang": segment.target_lang, "marked": match.marked, "translations": match.translations,
        "differences": [
            {"op": d.op, "query": " ".join(match.query_tokens[d.query[0]:d.query[1]]),
             "stored": " ".join(match.stored_tokens[d.stored[0]:d.stored[1]])}
            for d in match.differences
        ],
        "origin": segment.origin, "document": segment.document, "position": segment.position,
    }


def run_search(args: argparse.Namespace) -> int:
    _positive(args.limit, "--limit")
    if not 0 <= args.min_score <= 101:
        raise UsageError(f"--min-score must be between 0 and 101, not {args.min_score}")
    if args.text == "-":
        queries = [line.strip() for line in read_text("-").splitlines() if line.strip()]
    else:
        queries = [args.text]
    options: dict[str, Any] = {}
    if args.subword or args.subword_model:
        options = {"tokenization": "subword", "subword_model": args.subword_model}
    results = []
    with _open(args, **options) as memory:
        for number, query in enumerate(queries):
            previous = queries[number - 1] if number > 0 else None
            following = queries[number + 1] if number + 1 < len(queries) else None
            context = {"previous": previous, "next": following} if len(queries) > 1 else {}
            matches = memory.search(query, source_lang=args.source_lang,
                                    target_lang=None if args.any_target else args.target_lang,
                                    limit=args.limit, min_score=args.min_score, **context)
            results.append((query, matches))
    if args.format == "json":
        print_json({"queries": [{"query": q, "matches": [match_json(m) for m in ms]} for q, ms in results]})
    else:
        for query, matches in results:
            if len(results) > 1:
                print(f"» {query}")
            if not matches:
                print("  no match")
            for match in matches:
                print(f"{match.score:>4}%  #{match.segment.id}  {match.marked}")
                print(f"       → {match.segment.target}")
    return EXIT_OK if any(ms for _, ms in results) else EXIT_FINDINGS


def run_concordance(args: argparse.Namespace) -> int:
    from termbase.tm.concordance import concordance

    _positive(args.limit, "--limit")
    termbase = load_termbase(args)
    with _open(args) as memory:
        found = concordance(memory, args.word, lang=args.lang, limit=args.limit, termbase=termbase)
    if args.format == "json":
        print_json({
            "query": found.query, "total": found.total,
            "rendering": found.rendering, "rendered": found.rendered, "evidence": found.evidence,
            "concept": found.concept,
            "lines": [{
                "id": line.segment.id, "source": line.segment.source, "target": line.segment.target,
                "source_span": list(line.source_span),
                "target_span": list(line.target_span) if line.target_span else None,
            } for line in found.lines],
        })
    else:
        if found.rendering:
            print(f"{found.total} segments; rendered «{found.rendering}» in {found.rendered} of them "
                  f"({found.evidence}{': ' + found.concept if found.concept else ''})")
        for line in found.lines:
            s, t = line.segment, line.target_span
            a, b = line.source_span
            print(f"#{s.id}  {s.source[:a]}⟦{s.source[a:b]}⟧{s.source[b:]}")
            print(f"      → {s.target[:t[0]]}⟦{s.target[t[0]:t[1]]}⟧{s.target[t[1]:]}" if t else f"      → {s.target}")
        if not found.lines:
            print("no segment holds it")
    return EXIT_OK if found.lines else EXIT_FINDINGS


def run_usage(args: argparse.Namespace) -> int:
    from termbase.tm.usage import candidate_entries, candidates_yaml, term_usage

    _positive(args.min_count, "--min-count")
    if args.output and not args.candidates:
        raise UsageError("--output writes the candidate entries: it needs --candidates")
    termbase = load_termbase(args)
    with _open(args) as memory:
        usage = term_usage(memory, termbase, source_lang=args.source_lang, target_lang=args.target_lang)
        candidates = candidate_entries(memory, termbase, source_lang=args.source_lang, target_lang=args.target_lang,
                                       min_count=args.min_count) if args.candidates else []
        name = memory.path.name
    if args.output:
        atomic_write_text(args.output, candidates_yaml(candidates, source_lang=args.source_lang,
                                                       target_lang=args.target_lang, memory_name=name))
    if args.format == "json":
        data: dict[str, Any] = {"concepts": [{
            "concept": u.concept, "segments": u.segments, "flags": list(u.flags), "missing": list(u.missing),
            "renderings": [{"text": r.text, "status": r.status, "count": r.count, "segments": list(r.segments)}
                           for r in u.renderings],
        } for u in usage]}
        if args.candidates:
            data["candidates"] = [{"source": c.source, "target": c.target, "segments": list(c.segments),
                                   "share": c.share, "score": c.score} for c in candidates]
        print_json(data)
    else:
        for u in usage:
            flags = f"  [{', '.join(u.flags)}]" if u.flags else ""
            print(f"{u.concept}: {u.segments} segment(s){flags}")
            for r in u.renderings:
                print(f"    {r.count:>4}  {r.text} ({r.status})  segments {', '.join(map(str, r.segments))}")
            if u.missing:
                print(f"       no glossary rendering in segments {', '.join(map(str, u.missing))}")
        if args.candidates:
            print("candidate entries:")
            for c in candidates:
                print(f"    {c.source} → {c.target}  ({len(c.segments)} segments, {c.share:.0%} stable)")
    return EXIT_FINDINGS if any(u.flags and set(u.flags) - {"missing"} for u in usage) else EXIT_OK

"""``termbase export``, ``convert`` and ``import``: glossaries to and from other tools' formats."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from termbase.cli.common import EXIT_FINDINGS, EXIT_OK, glossary_parent, load_glossary_set
from termbase.errors import InputError

__all__ = ["add_parsers"]

_EXPORT_FORMATS = ("tbx", "tbx2", "csv", "tsv", "xlsx", "po")


def _languages(value: str) -> list[str]:
    langs = [part.strip() for part in value.split(",") if part.strip()]
    if not langs:
        raise argparse.ArgumentTypeError("give languages as a comma-separated list, for example ar,en")
    return langs


def add_parsers(subparsers: Any) -> None:
    """Register ``export``, ``convert`` and ``import``."""
    from termbase.interchange import FORMATS

    export = subparsers.add_parser(
        "export", parents=[glossary_parent()], help="write the glossaries as TBX, TBX v2, CSV, TSV, XLSX or PO")
    export.add_argument("--to", required=True, choices=_EXPORT_FORMATS, help="format to write")
    export.add_argument("--output", "-o", required=True, metavar="PATH", help="file to write (- for standard output)")
    _common(export)
    export.set_defaults(run=run_export)

    convert = subparsers.add_parser("convert", help="convert a glossary file from one format to another")
    convert.add_argument("source", metavar="IN", help="glossary file to read (- for standard input, with --from)")
    convert.add_argument("output", metavar="OUT", help="file to write (- for standard output, with --to)")
    convert.add_argument("--from", dest="source_format", choices=tuple(FORMATS), help="format of IN (default: from its name)")
    convert.add_argument("--to", dest="target_format", choices=tuple(FORMATS), help="format of OUT (default: from its name)")
    _common(convert)
    convert.set_defaults(run=run_convert)

    importer = subparsers.add_parser(
        "import", parents=[glossary_parent()],
        help="merge a glossary file into a YAML glossary, listing conflicts and changing nothing until resolved")
    importer.add_argument("source", metavar="SOURCE", help="glossary file to import (any format)")
    importer.add_argument("--into", required=True, metavar="GLOSSARY.yaml", help="YAML glossary to merge into")
    importer.add_argument("--from", dest="source_format", choices=tuple(FORMATS), help="format of SOURCE")
    importer.add_argument("--accept", choices=("theirs", "ours"),
                          help="resolve every conflict: theirs (the imported concept wins) or ours (it is skipped)")
    importer.add_argument("--lang", type=_languages, metavar="SRC,TGT",
                          help="languages of files that do not name them (two-column CSV/TSV, PO); default ar,en")
    importer.set_defaults(run=run_import)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", type=_languages, metavar="ar,en",
                        help="languages to write, in this order (the first is the source of PO and two-column files)")
    parser.add_argument("--layout", choices=("table", "pairs"), default="table",
                        help="CSV/TSV: one concept per row group with every field (table), or headerless "
                             "source,target pairs as DeepL takes them (pairs)")


def run_export(args: argparse.Namespace) -> int:
    from termbase.interchange import write_glossary_file

    glossaries = load_glossary_set(args)
    write_glossary_file(args.output, glossaries, format=args.to, langs=args.lang, pairs=args.layout == "pairs")
    if args.output != "-":
        concepts = sum(len(g.concepts) for g in glossaries)
        print(f"wrote {concepts} concepts from {len(glossaries)} glossary file(s) to {args.output} ({args.to})",
              file=sys.stderr)
    return EXIT_OK


def run_convert(args: argparse.Namespace) -> int:
    from termbase.interchange import read_glossary_file, write_glossary_file

    if args.source == "-" and not args.source_format:
        raise InputError("reading standard input needs --from FORMAT")
    if args.output == "-" and not args.target_format:
        raise InputError("writing standard output needs --to FORMAT")
    glossary = read_glossary_file(args.source, format=args.source_format, langs=args.lang)
    write_glossary_file(args.output, [glossary], format=args.target_format, langs=args.lang,
                        pairs=args.layout == "pairs")
    if args.output != "-":
        print(f"wrote {len(glossary.concepts)} concepts to {args.output}", file=sys.stderr)
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from termbase.glossary import YAML_SUFFIXES, load_glossary
    from termbase.interchange import read_glossary_file
    from termbase.interchange.merge import apply_import, plan_import
    from termbase.textio import atomic_write_bytes

    target = Path(args.into)
    if target.suffix.lower() not in YAML_SUFFIXES:
        raise InputError("--into must name a YAML glossary (.yaml or .yml)", path=target)
    incoming = read_glossary_file(args.source, format=args.source_format, langs=args.lang)
    existing = load_glossary(target) if target.exists() else None
    others = load_glossary_set(args)
    plan = plan_import(incoming, existing, others)
    for conflict in plan.conflicts:
        print(f"conflict: {conflict}")
    if plan.conflicts and args.accept is None:
        print(f"{len(plan.conflicts)} conflict(s) in {len(plan.conflicting_ids)} concept(s); {target} is unchanged "
              "(resolve them in the files, or give --accept theirs|ours)")
        return EXIT_FINDINGS
    data, changes = apply_import(plan, target, accept=args.accept)
    for change in changes:
        print(change)
    if changes and any(not line.startswith("kept ours") for line in changes):
        atomic_write_bytes(target, data)
    print(f"{len(plan.added)} new, {len(plan.same)} already present, {len(plan.conflicts)} conflict(s)"
          + (f" resolved as {args.accept}" if plan.conflicts else "") + f"; {target} "
          + ("updated" if any(not line.startswith("kept ours") for line in changes) else "unchanged"))
    return EXIT_OK

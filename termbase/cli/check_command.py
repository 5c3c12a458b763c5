"""``termbase check``: validate a translation against the glossary, report, and fix.

Inputs: an article and its draft (two text files), ``--target-only`` a draft alone, ``--aligned``
two line-aligned files, or one bilingual file: ``.tsv`` pairs, ``.po``, ``.xlf``/``.xliff``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from termbase.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    glossary_parent,
    load_termbase,
)
from termbase.errors import InputError
from termbase.formats import annotate_po, read_aligned_text, read_po, read_tsv, read_xliff
from termbase.formats.segments import Segment
from termbase.qa.autofix import fix_text, unified_diff
from termbase.qa.issues import Report, Severity
from termbase.qa.render import RENDERERS, render
from termbase.termbase import Termbase
from termbase.textio import atomic_write_text, read_text

__all__ = ["add_parsers", "exit_code"]

_SEGMENT_SUFFIXES = {".tsv": "tsv", ".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff"}


def add_parsers(subparsers: Any) -> None:
    """Register ``check``."""
    check = subparsers.add_parser(
        "check", parents=[glossary_parent()], help="check a translation against the glossary",
        description="Check a translated draft against its Arabic source and the glossary.",
    )
    check.add_argument("files", nargs="+", metavar="FILE",
                       help="SOURCE TARGET, or TARGET with --target-only, or one .tsv/.po/.xlf file")
    inputs = check.add_argument_group("input")
    inputs.add_argument("--target-only", action="store_true", help="check a target without its source")
    inputs.add_argument("--aligned", action="store_true", help="SOURCE and TARGET are line-aligned segments")
    inputs.add_argument("--source-lang", default=None, help="source language (default ar, or the file's)")
    inputs.add_argument("--target-lang", default=None, help="target language (default en, or the file's)")
    inputs.add_argument("--msgid-lang", choices=("ar", "en"), default="ar",
                        help="PO: language of msgid (default ar: msgid Arabic, msgstr English)")
    inputs.add_argument("--include-fuzzy", action="store_true", help="PO: check fuzzy entries too")
    checks = check.add_argument_group("checks")
    checks.add_argument("--no-fuzzy", dest="fuzzy", action="store_false", help="no misspelled-term check")
    checks.add_argument("--no-counts", dest="counts", action="store_false", help="no count-mismatch check")
    output = check.add_argument_group("report")
    output.add_argument("--format", "-f", choices=tuple(RENDERERS), default="text", help="report format")
    output.add_argument("--output", "-o", metavar="PATH", help="write the report here (default stdout)")
    output.add_argument("--fail-on", choices=("error", "warning", "never"), default="error",
                        help="exit 1 when a finding is at least this severe (default error)")
    output.add_argument("--color", action=argparse.BooleanOptionalAction, default=None,
                        help="color the text report (default: when stdout is a terminal)")
    fixing = check.add_argument_group("fixing")
    fixing.add_argument("--fix", action="store_true",
                        help="apply safe fixes (forbidden, deprecated, misspelled → approved term)")
    fixing.add_argument("--fixed", metavar="PATH", help="write the fixed target here (default stdout)")
    fixing.add_argument("--in-place", action="store_true", help="overwrite the target (atomic) with the fix")
    fixing.add_argument("--diff", action="store_true", help="print a unified diff of the fix")
    fixing.add_argument("--annotate", metavar="PATH", nargs="?", const="",
                        help="PO: write findings as translator comments (to PATH, or in place with --in-place)")
    check.set_defaults(run=run_check)


def exit_code(report: Report, fail_on: str) -> int:
    """1 when the report has a finding at or above ``fail_on``, else 0."""
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity(fail_on).rank
    return EXIT_FINDINGS if any(issue.severity.rank <= threshold for issue in report.issues) else EXIT_OK


def _usage(message: str) -> int:
    print(f"termbase check: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _nonempty(text: str, path: str) -> str:
    """``text``, or :class:`InputError` when it is empty or blank: nothing to check is a mistake."""
    if not text.strip():
        raise InputError("empty file: nothing to check", path="<stdin>" if path == "-" else path)
    return text


def _read_segments(args: argparse.Namespace, kind: str, path: str) -> tuple[list[Segment], str, str]:
    source_lang, target_lang = args.source_lang or "ar", args.target_lang or "en"
    segments: list[Segment]
    if kind == "tsv":
        segments = read_tsv(path, source_lang=source_lang, target_lang=target_lang)
    elif kind == "po":
        segments = read_po(path, msgid_lang=args.msgid_lang, include_fuzzy=args.include_fuzzy)
        if args.source_lang is None:
            source_lang = args.msgid_lang
            target_lang = "en" if args.msgid_lang == "ar" else "ar"
    else:
        segments = read_xliff(path)
        first = segments[0] if segments else None
        if first is not None:
            source_lang = args.source_lang or first.source_lang or source_lang
            target_lang = args.target_lang or first.target_lang or target_lang
    return segments, source_lang, target_lang


def run_check(args: argparse.Namespace) -> int:
    files: list[str] = args.files
    kind = _SEGMENT_SUFFIXES.get(Path(files[0]).suffix.lower()) if len(files) == 1 and not args.target_only else None
    if args.target_only and len(files) != 1:
        return _usage("--target-only takes one file")
    if not args.target_only and kind is None and len(files) != 2:
        return _usage("give SOURCE and TARGET, or one .tsv/.po/.xlf file, or --target-only TARGET")
    if (args.fix or args.diff) and (kind is not None or args.aligned):
        return _usage("--fix works on a document and its draft, or on a draft alone")
    if args.annotate is not None and kind != "po":
        return _usage("--annotate works on PO files")
    if args.annotate == "" and not args.in_place:
        return _usage("--annotate needs a PATH, or --in-place")
    termbase = load_termbase(args)
    if kind is not None or args.aligned:
        if args.aligned:
            segments = read_aligned_text(files[0], files[1], source_lang=args.source_lang or "ar",
                                         target_lang=args.target_lang or "en")
            source_lang, target_lang = args.source_lang or "ar", args.target_lang or "en"
        else:
            segments, source_lang, target_lang = _read_segments(args, kind or "", files[0])
        if not segments and files[0] != "-":
            _nonempty(read_text(files[0]), files[0])
        report = termbase.check_segments(segments, source_lang=source_lang, target_lang=target_lang,
                                         fuzzy=args.fuzzy, counts=args.counts)
        if args.annotate is not None:
            _annotate(files[0], report, args)
        _emit(report, args)
        return exit_code(report, args.fail_on)
    source = None if args.target_only else _nonempty(read_text(files[0]), files[0])
    target_path = files[-1]
    target = _nonempty(read_text(target_path), target_path)
    options = {"source_lang": args.source_lang or "ar", "target_lang": args.target_lang or "en"}
    report = termbase.check(source, target, fuzzy=args.fuzzy, counts=args.counts, **options)
    if not (args.fix or args.diff):
        _emit(report, args)
        return exit_code(report, args.fail_on)
    return _fix(termbase, report, source, target, target_path, args, options)


def _fix(termbase: Termbase, report: Report, source: str | None, target: str, target_path: str,
         args: argparse.Namespace, options: dict[str, str]) -> int:
    fixed, edits = fix_text(report)
    if args.in_place:
        if target_path == "-":
            return _usage("--in-place needs a target file, not standard input")
        if fixed != target:
            atomic_write_text(target_path, fixed)
    elif args.fixed:
        atomic_write_text(args.fixed, fixed)
    if args.diff:
        sys.stdout.write(unified_diff(target, fixed, target_path))
    elif not (args.in_place or args.fixed):
        sys.stdout.write(fixed)
    print(f"termbase: {len(edits)} fix(es) applied", file=sys.stderr)
    after = termbase.check(source, fixed, fuzzy=args.fuzzy, counts=args.counts, **options)
    if args.output or args.in_place or args.fixed:
        _emit(after, args)
    return exit_code(after, args.fail_on)


def _annotate(path: str, report: Report, args: argparse.Namespace) -> None:
    messages: dict[str, list[str]] = defaultdict(list)
    for issue in report.issues:
        if issue.segment is not None:
            hint = f" → {issue.suggestion}" if issue.suggestion else ""
            messages[issue.segment].append(f"{issue.code}: {issue.message}{hint}")
    annotate_po(path, messages, output=args.annotate or path)


def _emit(report: Report, args: argparse.Namespace) -> None:
    options: dict[str, object] = {}
    if args.format == "text":
        options["color"] = args.color if args.color is not None else (
            args.output is None and sys.stdout.isatty()
        )
    rendered = render(report, args.format, **options)
    if args.output:
        atomic_write_text(args.output, rendered)
    else:
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")

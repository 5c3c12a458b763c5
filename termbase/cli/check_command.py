"""``termbase check``: validate a translation against the glossary, report, and fix.

Inputs: an article and its draft (two text files), ``--target-only`` a draft alone, ``--aligned``
two line-aligned files, or one bilingual file: ``.tsv`` pairs, ``.po``, ``.xlf``/``.xliff``, ``.tmx``.
Every report states the verdict for ``--fail-on``, the same as the exit status.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from termbase.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    UsageError,
    glossary_parent,
    language_tag,
    load_termbase,
)
from termbase.errors import InputError, LanguageError
from termbase.formats import (
    annotate_po,
    read_aligned_text,
    replace_lines,
    replace_msgstrs,
    replace_tsv_targets,
    replace_xliff_targets,
)
from termbase.formats._files import read_bytes
from termbase.formats.bilingual import BILINGUAL_SUFFIXES, read_bilingual
from termbase.formats.segments import Segment
from termbase.langtags import primary_language
from termbase.qa.autofix import fix_text, unified_diff
from termbase.qa.issues import Report
from termbase.qa.render import RENDERERS, render
from termbase.qa.validate import check_language_pair
from termbase.spotting import guess_language
from termbase.termbase import Termbase
from termbase.textio import atomic_write_bytes, atomic_write_text, check_output_path, encoding_of, read_text, read_text_bytes

__all__ = ["add_parsers", "exit_code"]

_FAIL_ON = ("error", "warning", "never")


def add_parsers(subparsers: Any) -> None:
    """Register ``check``."""
    check = subparsers.add_parser(
        "check", parents=[glossary_parent()], help="check a translation against the glossary",
        description="Check a translated draft against its Arabic source and the glossary.",
    )
    check.add_argument("files", nargs="+", metavar="FILE",
                       help="SOURCE TARGET, or TARGET with --target-only, or one .tsv/.po/.xlf/.tmx file")
    inputs = check.add_argument_group("input")
    inputs.add_argument("--target-only", action="store_true", help="check a target without its source")
    inputs.add_argument("--aligned", action="store_true", help="SOURCE and TARGET are line-aligned segments")
    inputs.add_argument("--source-lang", type=language_tag, default=None,
                        help="source language, a BCP 47 tag (default ar, or the file's)")
    inputs.add_argument("--target-lang", type=language_tag, default=None,
                        help="target language, a BCP 47 tag (default en, or the file's)")
    inputs.add_argument("--msgid-lang", choices=("ar", "en"), default="ar",
                        help="PO: language of msgid (default ar: msgid Arabic, msgstr English)")
    inputs.add_argument("--include-fuzzy", action="store_true", help="PO: check fuzzy entries too")
    inputs.add_argument("--tsv-quoting", choices=("auto", "csv", "none"), default="auto",
                        help="TSV: csv = fields may be quoted (\"a\"\"b\"), none = quotes are text, "
                             "auto = csv unless the file's quotes only read as text (default)")
    checks = check.add_argument_group("checks")
    checks.add_argument("--no-fuzzy", dest="fuzzy", action="store_false", help="no misspelled-term check")
    checks.add_argument("--no-counts", dest="counts", action="store_false", help="no count-mismatch check")
    output = check.add_argument_group("report")
    output.add_argument("--format", "-f", choices=tuple(RENDERERS), default="text", help="report format")
    output.add_argument("--output", "-o", metavar="PATH", help="write the report here (default stdout)")
    output.add_argument("--fail-on", choices=_FAIL_ON, default="error",
                        help="exit 1 when a finding is at least this severe (default error); "
                             "every report states the same verdict")
    output.add_argument("--color", action=argparse.BooleanOptionalAction, default=None,
                        help="color the text report (default: on a terminal, unless NO_COLOR is set)")
    output.add_argument("--explain", action="store_true",
                        help="text report: each finding's confidence and evidence (JSON always has them)")
    fixing = check.add_argument_group("fixing")
    fixing.add_argument("--fix", action="store_true",
                        help="apply safe fixes (listed variants of the same kind, misspellings the source confirms)")
    fixing.add_argument("--unsafe-fixes", action="store_true",
                        help="with --fix or --diff: apply the unsafe fixes too (they may change meaning)")
    fixing.add_argument("--fixed", metavar="PATH", help="with --fix: write the fixed target here (default stdout)")
    fixing.add_argument("--in-place", action="store_true",
                        help="with --fix or --annotate: overwrite the target file (atomic)")
    fixing.add_argument("--diff", action="store_true", help="print a unified diff of the fix (implies --fix)")
    fixing.add_argument("--annotate", metavar="PATH", nargs="?", const="",
                        help="PO: write findings as translator comments (to PATH, or in place with --in-place)")
    check.set_defaults(run=run_check)


def exit_code(report: Report, fail_on: str) -> int:
    """1 when the report fails at ``fail_on`` (see :meth:`Report.fails`), else 0."""
    return EXIT_FINDINGS if report.fails(fail_on) else EXIT_OK


@dataclass(frozen=True, slots=True)
class _Input:
    """What the files are: the kind of input, the files, the target file."""

    kind: str  # "document", "target-only", "aligned", "tsv", "po", "xliff"
    files: Sequence[str]

    @property
    def target(self) -> str:
        return self.files[-1]

    @property
    def segmented(self) -> bool:
        return self.kind not in ("document", "target-only")


def _input(args: argparse.Namespace) -> _Input:
    """The kind of input the files and options name, or :class:`UsageError`."""
    files: list[str] = args.files
    if args.target_only and args.aligned:
        raise UsageError("--target-only and --aligned exclude each other: --aligned needs SOURCE and TARGET")
    if args.target_only:
        if len(files) != 1:
            raise UsageError(f"--target-only takes one file (TARGET), not {len(files)}")
        return _Input("target-only", files)
    if args.aligned:
        if len(files) != 2:
            raise UsageError(f"--aligned takes two line-aligned files, SOURCE and TARGET, not {len(files)}")
        return _Input("aligned", files)
    if len(files) == 1:
        kind = BILINGUAL_SUFFIXES.get(Path(files[0]).suffix.lower())
        if kind is None:
            raise UsageError(f"{files[0]}: one file must be .tsv, .po/.pot, .xlf/.xliff or .tmx; give SOURCE and "
                             "TARGET, or --target-only TARGET")
        return _Input(kind, files)
    if len(files) != 2:
        raise UsageError(f"give SOURCE and TARGET, or one .tsv/.po/.xlf/.tmx file, or --target-only TARGET "
                         f"({len(files)} files given)")
    return _Input("document", files)


def _validate(args: argparse.Namespace, given: _Input) -> None:
    """Refuse options that do nothing for this input, or without the option they serve."""
    fixing = args.fix or args.diff
    if args.unsafe_fixes and not fixing:
        raise UsageError("--unsafe-fixes applies more fixes: it needs --fix or --diff")
    if args.explain and args.format != "text":
        raise UsageError(f"--explain adds evidence to the text report; --format {args.format} carries it already")
    if args.fixed is not None and not fixing:
        raise UsageError("--fixed writes the fixed target: it needs --fix")
    if args.in_place and not fixing and args.annotate is None:
        raise UsageError("--in-place overwrites the target with the fix or the annotations: it needs --fix "
                         "or --annotate")
    if args.in_place and args.fixed is not None:
        raise UsageError("--in-place and --fixed exclude each other: the fix goes to one place")
    if args.in_place and given.target == "-":
        raise UsageError("--in-place needs a target file, not standard input")
    if fixing and given.segmented and "-" in given.files:
        raise UsageError(f"--fix on {given.kind} input rewrites the file: give its path, not standard input")
    if fixing and given.kind == "tmx":
        raise UsageError("--fix works on a document, a draft, aligned files, TSV, PO and XLIFF, not on TMX")
    if args.annotate is not None:
        if given.kind != "po":
            raise UsageError("--annotate works on PO files")
        if args.annotate == "" and not args.in_place:
            raise UsageError("--annotate needs a PATH, or --in-place")
        if fixing:
            raise UsageError("--annotate and --fix write the same file: run them one after the other")
    if args.include_fuzzy and given.kind != "po":
        raise UsageError("--include-fuzzy works on PO files")
    if args.msgid_lang != "ar" and given.kind != "po":
        raise UsageError("--msgid-lang works on PO files (use --source-lang and --target-lang)")
    if args.tsv_quoting != "auto" and given.kind != "tsv":
        raise UsageError("--tsv-quoting works on .tsv files")
    if args.color is not None and args.format != "text":
        raise UsageError(f"--color/--no-color colour the text report, not --format {args.format}")
    if given.kind == "po" and (args.source_lang or args.target_lang):
        raise UsageError("a PO file's languages come from --msgid-lang (ar: msgid Arabic, msgstr English)")
    for output in (args.output, args.fixed, args.annotate):
        if output:  # a folder or an impossible path is refused before any work
            check_output_path(output)


def _read(args: argparse.Namespace, given: _Input) -> tuple[list[Segment], str, str]:
    """The segments of a segmented input and its languages (options first, then the file's)."""
    path = given.files[0]
    if given.kind == "aligned":
        source_lang, target_lang = args.source_lang or "ar", args.target_lang or "en"
        segments = read_aligned_text(given.files[0], given.files[1], source_lang=source_lang,
                                     target_lang=target_lang)
    else:
        segments, source_lang, target_lang = read_bilingual(
            path, given.kind, source_lang=args.source_lang, target_lang=args.target_lang,
            msgid_lang=args.msgid_lang, include_fuzzy=args.include_fuzzy, tsv_quoting=args.tsv_quoting)
    if not segments:
        shown = "<stdin>" if path == "-" else path
        what = {"aligned": "lines", "tsv": "rows", "po": "entries", "xliff": "units", "tmx": "units"}[given.kind]
        hint = " (fuzzy entries are skipped without --include-fuzzy)" if given.kind == "po" else ""
        raise InputError(f"nothing to check: no translatable {what}{hint}", path=shown)
    return segments, source_lang, target_lang


def _swap_hint(source: str | None, target: str, source_lang: str, target_lang: str, given: _Input) -> None:
    """A hint on stderr when the source reads like the target language and the target like the
    source language (the files given the other way round)."""
    if not source or not target.strip():
        return
    wanted = (primary_language(source_lang), primary_language(target_lang))
    if (guess_language(source), guess_language(target)) != (wanted[1], wanted[0]):
        return
    if given.kind == "po":
        how = f"--msgid-lang {wanted[1]}"
    elif given.kind == "xliff":
        how = f"--source-lang {wanted[1]} --target-lang {wanted[0]}, or fix the file's languages"
    else:
        how = f"give SOURCE first, then TARGET, or --source-lang {wanted[1]} --target-lang {wanted[0]}"
    print(f"termbase check: hint: the source reads as {wanted[1]} and the target as {wanted[0]}, the other "
          f"way round from {source_lang}→{target_lang}: were they swapped? ({how})", file=sys.stderr)


def run_check(args: argparse.Namespace) -> int:
    given = _input(args)
    _validate(args, given)
    if given.segmented:
        segments, source_lang, target_lang = _read(args, given)
        _languages(source_lang, target_lang, segments[0] if given.kind == "xliff" else None)
        termbase = load_termbase(args)
        _swap_hint("\n".join(s.source for s in segments), "\n".join(s.target for s in segments),
                   source_lang, target_lang, given)
        report = termbase.check_segments(segments, source_lang=source_lang, target_lang=target_lang,
                                         fuzzy=args.fuzzy, counts=args.counts)
        if args.fix or args.diff:
            return _fix_segments(termbase, report, segments, (source_lang, target_lang), given, args)
        if args.annotate is not None:
            _annotate(given.target, report, args)
        _emit(report, args)
        return exit_code(report, args.fail_on)
    options = {"source_lang": args.source_lang or "ar", "target_lang": args.target_lang or "en"}
    _languages(options["source_lang"], options["target_lang"])
    source = None if given.kind == "target-only" else _nonempty(read_text(given.files[0]), given.files[0])
    target = _nonempty(read_text(given.target), given.target)
    termbase = load_termbase(args)
    _swap_hint(source, target, options["source_lang"], options["target_lang"], given)
    report = termbase.check(source, target, fuzzy=args.fuzzy, counts=args.counts, **options)
    if not (args.fix or args.diff):
        _emit(report, args)
        return exit_code(report, args.fail_on)
    return _fix(termbase, report, source, target, given.target, args, options)


def _languages(source_lang: str, target_lang: str, read_from: Segment | None = None) -> None:
    """Refuse a pair the checks do not support: a usage error, or an input error naming the unit
    of the file (``read_from``) the languages come from."""
    try:
        check_language_pair(source_lang, target_lang)
    except LanguageError as exc:
        if read_from is None:
            raise UsageError(f"{exc}; pass --source-lang and --target-lang") from None
        origin = read_from.origin
        raise InputError(f"{exc}: the file's languages", path=origin.path, line=origin.line,
                         element=origin.element) from None


def _nonempty(text: str, path: str) -> str:
    """``text``, or :class:`InputError` when it is empty or blank: nothing to check is a mistake."""
    if not text.strip():
        raise InputError("empty file: nothing to check", path="<stdin>" if path == "-" else path)
    return text


def _fix(termbase: Termbase, report: Report, source: str | None, target: str, target_path: str,
         args: argparse.Namespace, options: dict[str, str]) -> int:
    fixed, edits = fix_text(report, unsafe=args.unsafe_fixes)
    if args.in_place:
        if fixed != target:
            atomic_write_text(target_path, fixed, like=target_path)  # its BOM and encoding kept
    elif args.fixed:
        atomic_write_text(args.fixed, fixed, like=None if target_path == "-" else target_path)
    if args.diff:
        sys.stdout.write(unified_diff(target, fixed, target_path))
    elif not (args.in_place or args.fixed):
        sys.stdout.write(fixed)
    print(f"termbase: {len(edits)} fix(es) applied", file=sys.stderr)
    after = termbase.check(source, fixed, fuzzy=args.fuzzy, counts=args.counts, **options)
    if args.output or args.in_place or args.fixed:
        _emit(after, args)
    return exit_code(after, args.fail_on)


def _fix_segments(termbase: Termbase, report: Report, segments: Sequence[Segment], languages: tuple[str, str],
                  given: _Input, args: argparse.Namespace) -> int:
    """``--fix`` on segmented input: the safe fixes of each segment (qa/autofix.py decides which)
    written into its target — the line, the TSV target field, the msgstr, the XLIFF ``<target>`` —
    and nothing else of the file changed."""
    fixed: dict[str, str] = {}
    applied: dict[str, int] = {}
    for segment in segments:
        new, edits = fix_text(report, segment.id, unsafe=args.unsafe_fixes)
        if edits:
            fixed[segment.id], applied[segment.id] = new, len(edits)
    path = given.target
    data = read_bytes(path)
    bom, encoding = encoding_of(data)
    skipped: list[str] = []
    if given.kind in ("aligned", "tsv"):
        text = read_text_bytes(data, path)
        by_line = {int(segment_id[1:]): new for segment_id, new in fixed.items()}
        new_text = replace_lines(text, by_line, path) if given.kind == "aligned" else \
            replace_tsv_targets(text, by_line, path, quoting=args.tsv_quoting)
        out = bom + new_text.encode(encoding)
    elif given.kind == "po":
        out = replace_msgstrs(data, fixed, path)
    else:
        out, skipped = replace_xliff_targets(data, segments, fixed, path)
    for segment_id in skipped:
        del fixed[segment_id], applied[segment_id]
    if args.in_place:
        if out != data:
            atomic_write_bytes(path, out)
    elif args.fixed:
        atomic_write_bytes(args.fixed, out)
    if args.diff:
        sys.stdout.write(unified_diff(data.decode(encoding, "replace"), out.decode(encoding, "replace"), path))
    elif not (args.in_place or args.fixed):
        sys.stdout.flush()
        sys.stdout.buffer.write(out)
        sys.stdout.buffer.flush()
    print(f"termbase: {sum(applied.values())} fix(es) applied in {len(fixed)} segment(s)", file=sys.stderr)
    if skipped:
        print("termbase: not fixed (inline markup, a <mrk> segment or a non-UTF-8 file): " + ", ".join(skipped),
              file=sys.stderr)
    after = termbase.check_segments([replace(s, target=fixed.get(s.id, s.target)) for s in segments],
                                    source_lang=languages[0], target_lang=languages[1],
                                    fuzzy=args.fuzzy, counts=args.counts)
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
    options: dict[str, object] = {"fail_on": args.fail_on}
    if args.format == "text":
        # None: render_text decides (a terminal, and NO_COLOR unset); a file is never coloured.
        options["color"] = args.color if args.color is not None else (None if args.output is None else False)
        options["stream"] = sys.stdout
        options["explain"] = args.explain
    rendered = render(report, args.format, **options)
    if args.output:
        atomic_write_text(args.output, rendered)
    else:
        sys.stdout.write(rendered if rendered.endswith("\n") else rendered + "\n")

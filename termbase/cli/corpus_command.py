"""``termbase corpus check|usage``: a folder (or manifest) of documents checked on Dask.

Findings stream as JSON lines, one object per finding with its ``document``; one aggregate
report (text, JSON or HTML) follows. Local worker processes by default, one per core;
``--scheduler tcp://HOST:8786`` runs on a Dask cluster.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from termbase.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, glossary_parent, language_tag, load_termbase
from termbase.corpus import CheckOptions, CorpusReport, find_documents, render_corpus_report, run_corpus
from termbase.textio import atomic_write_text, check_output_path

__all__ = ["add_parsers"]


def add_parsers(subparsers: Any) -> None:
    """Register ``corpus check`` and ``corpus usage``."""
    corpus = subparsers.add_parser("corpus", help="check or survey a whole archive of documents on Dask",
                                   description="Check or survey a folder of documents on Dask workers.")
    commands = corpus.add_subparsers(dest="corpus_command", metavar="COMMAND", required=True)
    check = commands.add_parser("check", parents=[glossary_parent(), _engine_parent()],
                                help="check every document (findings as JSON lines, then one report)")
    check.add_argument("path", metavar="MANIFEST|DIR",
                       help="a folder of NAME.ar.txt + NAME.en.txt pairs and .tsv/.po/.xlf files, or a manifest")
    check.add_argument("--findings", metavar="PATH", default="-",
                       help="where the JSON lines of findings go (default stdout; a file is written when the run ends)")
    check.add_argument("--fail-on", choices=("error", "warning", "never"), default="error",
                       help="exit 1 when a finding is at least this severe (default error)")
    check.add_argument("--no-fuzzy", dest="fuzzy", action="store_false", help="no misspelled-term check")
    check.add_argument("--no-counts", dest="counts", action="store_false", help="no count-mismatch check")
    check.set_defaults(run=run_corpus_check, usage=False)
    usage = commands.add_parser("usage", parents=[glossary_parent(), _engine_parent()],
                                help="how the archive renders each concept, discouraged variants, drift")
    usage.add_argument("path", metavar="DIR", help="a folder of documents (or a manifest)")
    usage.set_defaults(run=run_corpus_usage, usage=True, fuzzy=False, counts=False, fail_on="never", findings=None)


def _engine_parent() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("engine and report")
    group.add_argument("--scheduler", metavar="ADDRESS", default=None,
                       help="tcp://HOST:8786 for a running Dask scheduler, or local (the default): a "
                            "LocalCluster of worker processes on this machine")
    group.add_argument("--workers", type=int, default=None, metavar="N",
                       help="local worker processes (default: one per core)")
    group.add_argument("--format", "-f", choices=("text", "json", "html"), default="text", help="report format")
    group.add_argument("--output", "-o", metavar="PATH", help="write the report here (default: stdout, or "
                       "stderr when the findings go to stdout)")
    group.add_argument("--source-lang", type=language_tag, default="ar", help="source language (default ar)")
    group.add_argument("--target-lang", type=language_tag, default="en", help="target language (default en)")
    return parent


def _validate(args: argparse.Namespace) -> None:
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be at least 1, not {args.workers}")
    if args.scheduler not in (None, "local") and not str(args.scheduler).startswith(("tcp://", "tls://", "inproc://")):
        raise UsageError(f"--scheduler takes local or a scheduler address such as tcp://HOST:8786, not "
                         f"{args.scheduler!r}")
    if args.workers is not None and args.scheduler not in (None, "local"):
        raise UsageError("--workers sizes the local cluster: a remote scheduler has its own workers")
    for output in (args.output, args.findings):
        if output and output != "-":
            check_output_path(output)


def run_corpus_check(args: argparse.Namespace) -> int:
    return _run(args)


def run_corpus_usage(args: argparse.Namespace) -> int:
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    _validate(args)
    documents = find_documents(args.path, source_lang=args.source_lang, target_lang=args.target_lang)
    termbase = load_termbase(args)
    options = CheckOptions(source_lang=args.source_lang, target_lang=args.target_lang, fuzzy=args.fuzzy,
                           counts=args.counts, usage=args.usage)
    settings = {"counts": "on" if args.counts else "off", "fuzzy": "on" if args.fuzzy else "off",
                "langs": f"{args.source_lang}-{args.target_lang}", "mode": "corpus"}
    report = CorpusReport(termbase.signature(**settings), fail_on=args.fail_on, usage=args.usage)
    lines: list[str] = []
    stream = args.findings == "-"
    for result in run_corpus(termbase, documents, options, scheduler=args.scheduler, workers=args.workers):
        report.add(result)
        if args.findings is None:
            continue
        for finding in result.findings:
            line = json.dumps({"document": result.document, **finding}, ensure_ascii=False)
            if stream:
                print(line, flush=True)
            else:
                lines.append(line)
        if result.error is not None:
            line = json.dumps({"document": result.document, "error": result.error}, ensure_ascii=False)
            if stream:
                print(line, flush=True)
            else:
                lines.append(line)
    if args.findings not in (None, "-"):
        atomic_write_text(args.findings, "".join(line + "\n" for line in lines))
    rendered = render_corpus_report(report, args.format)
    if args.output:
        atomic_write_text(args.output, rendered)
    elif stream:
        sys.stderr.write(rendered)
    else:
        sys.stdout.write(rendered)
    if report.errors:
        return EXIT_USAGE
    return EXIT_FINDINGS if report.failed else EXIT_OK

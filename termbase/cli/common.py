"""Pieces every subcommand shares: glossary options, output format, exit codes, stdio set-up."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Any, Protocol

from termbase.langtags import LanguageTagError, parse_tag
from termbase.model import Glossary
from termbase.termbase import Termbase

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_OK",
    "EXIT_USAGE",
    "CommandModule",
    "UsageError",
    "configure_stdio",
    "format_option",
    "glossary_parent",
    "glossary_paths",
    "language_tag",
    "load_glossary_set",
    "load_termbase",
    "print_json",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A command line that cannot run as given: printed as ``termbase <command>: error: …``, exit 2."""


class CommandModule(Protocol):
    """A subcommand module: registers its parsers, each with ``run`` set as default."""

    def add_parsers(self, subparsers: Any) -> None: ...


def configure_stdio() -> None:
    """UTF-8 in and out whatever the locale says."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and (stream.encoding or "").lower() != "utf-8":
            stream.reconfigure(encoding="utf-8")


def glossary_parent() -> argparse.ArgumentParser:
    """Options every command takes: ``--glossary PATH`` (repeatable)."""
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("glossaries")
    group.add_argument(
        "--glossary", "-g", metavar="PATH", action="append", dest="glossaries",
        help="glossary file in any format termbase reads (YAML, TBX, CSV, TSV, XLSX, PO), or a folder of them, "
             "to use (repeatable); without it, the shipped glossaries",
    )
    group.add_argument(
        "--add-glossary", metavar="PATH", action="append", dest="add_glossaries", default=[],
        help="glossary layered over the others (repeatable); a concept with 'overrides: ID' replaces one",
    )
    return parent


def format_option(parser: argparse.ArgumentParser, choices: tuple[str, ...] = ("text", "json")) -> None:
    """Add ``--format``."""
    parser.add_argument("--format", "-f", choices=choices, default=choices[0], help="output format")


def language_tag(value: str) -> str:
    """argparse type of language options: a BCP 47 tag in any case, returned in its conventional case."""
    try:
        return parse_tag(value).tag
    except LanguageTagError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def glossary_paths(paths: list[str] | None) -> list[Path] | None:
    """The files ``--glossary`` names: a folder stands for its glossary files in every format termbase
    reads (``*.yaml``, ``*.tbx``, ``*.csv`` …), sorted; ``None`` (the shipped glossaries) when no
    option was given."""
    from termbase.interchange import GLOSSARY_SUFFIXES

    if paths is None:
        return None
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix.lower() in GLOSSARY_SUFFIXES and p.is_file())
            if not inside:
                raise UsageError(f"--glossary {name}: the folder has no glossary files "
                                 f"({', '.join('*' + s for s in GLOSSARY_SUFFIXES)})")
            found += inside
        else:
            found.append(path)
    return found


def load_termbase(args: argparse.Namespace) -> Termbase:
    """The termbase named by ``--glossary`` options (files or folders), or the shipped one, with the
    ``--add-glossary`` layers on top; forms a layer makes ambiguous are reported on standard error."""
    termbase = Termbase.load(glossary_paths(args.glossaries), add=glossary_paths(args.add_glossaries) or [])
    for finding in termbase.layer_findings:
        print(f"termbase: warning: {finding}", file=sys.stderr)
    return termbase


def load_glossary_set(args: argparse.Namespace) -> list[Glossary]:
    """The glossaries ``--glossary`` and ``--add-glossary`` name (overrides applied)."""
    from termbase.glossary import load_glossaries

    return load_glossaries(glossary_paths(args.glossaries), add=glossary_paths(getattr(args, "add_glossaries", [])) or [])


def print_json(data: Any) -> None:
    """Print stable, readable JSON (keys in the order given, non-ASCII kept)."""
    print(json.dumps(data, ensure_ascii=False, indent=2))

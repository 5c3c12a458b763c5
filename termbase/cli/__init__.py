"""The ``termbase`` command line: one module per subcommand, each with ``add_parser`` and ``run``.

Exit codes: 0 ok, 1 findings (lint, check) or no match (lookup), 2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from termbase._version import __version__
from termbase.cli import (
    cache_command,
    check_command,
    corpus_command,
    glossary_commands,
    interchange_commands,
    lookup_command,
    spot_command,
    tm_command,
)
from termbase.cli.common import EXIT_USAGE, CommandModule, UsageError, configure_stdio
from termbase.errors import TermbaseError

__all__ = ["build_parser", "console_main", "main"]

COMMANDS: tuple[CommandModule, ...] = (lookup_command, spot_command, check_command, glossary_commands,
                                       cache_command, interchange_commands, corpus_command, tm_command)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="termbase",
        description="Arabic-English termbase: look up, spot and check terms in translations of Arabic news.",
    )
    parser.add_argument("--version", action="version", version=f"termbase {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS:
        module.add_parsers(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    configure_stdio()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    try:
        code: int = args.run(args)
    except UsageError as exc:
        print(f"termbase {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except TermbaseError as exc:
        print(f"termbase: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except OSError as exc:  # an output that cannot be written (read errors are InputError already)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"termbase: error: {where}cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    return code


def console_main() -> int:
    """The ``termbase`` program (and ``python -m termbase``): :func:`main` in a process of its own.

    The process is the command's, so it may set process-wide state that the library never touches:
    the cyclic garbage collector is off for its short life (building the indexes of a large
    glossary under the collector took several times longer; ``benchmarks/bench_gc.py``), and
    SIGTERM and SIGHUP end it through ``SystemExit``, so that a write in progress removes its
    temporary file as on Ctrl-C.
    """
    import gc
    import signal

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, stop)
    gc.disable()
    return main()

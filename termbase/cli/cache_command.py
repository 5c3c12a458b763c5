"""``termbase cache info|clear``: what the cache folder holds, and emptying it."""

from __future__ import annotations

import argparse
from typing import Any

from termbase import cache
from termbase.cli.common import EXIT_OK, format_option, print_json

__all__ = ["add_parsers"]


def add_parsers(subparsers: Any) -> None:
    """Register ``cache info`` and ``cache clear``."""
    group = subparsers.add_parser(
        "cache", help="show or clear the cache of parsed glossaries and spotting indexes",
        description=f"The cache folder ({cache.CACHE_ENV} overrides the user cache folder).",
    )
    actions = group.add_subparsers(dest="action", metavar="ACTION", required=True)
    info = actions.add_parser("info", help="the cache folder and its entries")
    format_option(info)
    info.set_defaults(run=run_info)
    clear = actions.add_parser("clear", help="remove every entry (files no manifest names stay)")
    clear.set_defaults(run=run_clear)


def run_info(args: argparse.Namespace) -> int:
    entries = cache.list_entries()
    folder = cache.cache_dir()
    if args.format == "json":
        print_json({
            "folder": str(folder),
            "entries": [{"kind": e.kind, "key": e.key, "bytes": e.size, "valid": e.valid,
                         "slot": e.meta.get("slot"), "written": e.meta.get("written")} for e in entries],
        })
        return EXIT_OK
    print(f"cache folder: {folder}")
    kinds = sorted({e.kind for e in entries})
    for kind in kinds:
        mine = [e for e in entries if e.kind == kind]
        invalid = sum(not e.valid for e in mine)
        damaged = f", {invalid} damaged (rebuilt when next needed)" if invalid else ""
        print(f"  {kind}: {len(mine)} entr{'y' if len(mine) == 1 else 'ies'}, {_size(sum(e.size for e in mine))}{damaged}")
    if not entries:
        print("  (empty)")
    return EXIT_OK


def run_clear(args: argparse.Namespace) -> int:
    entries, freed, left = cache.clear_cache()
    print(f"removed {entries} entr{'y' if entries == 1 else 'ies'} ({_size(freed)}) from {cache.cache_dir()}")
    for folder in left:
        print(f"  left {folder}: it holds files no manifest names")
    return EXIT_OK


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if count < 1024 or unit == "MB":
            return f"{count} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1024  # type: ignore[assignment]
    return f"{count} bytes"

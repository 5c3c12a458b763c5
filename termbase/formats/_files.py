"""Reading input files as bytes, with the same errors as :mod:`termbase.textio`."""

from __future__ import annotations

import sys
from pathlib import Path

from termbase.errors import InputError

__all__ = ["read_bytes"]


def read_bytes(path: str | Path) -> bytes:
    """Return the bytes of ``path`` (``-`` is standard input); :class:`InputError` if unreadable."""
    if str(path) == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None

"""Safe reading and writing of text files: encoding detection, clear errors, atomic writes."""

from __future__ import annotations

import codecs
import os
import re
import sys
import tempfile
from pathlib import Path

from termbase.errors import InputError, TextDecodingError

__all__ = ["BOMS", "atomic_write_bytes", "atomic_write_text", "read_text", "read_text_bytes"]

_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_text_bytes(data: bytes, path: str | Path = "<input>") -> str:
    """Decode file bytes: a BOM selects UTF-8/16/32, otherwise strict UTF-8; binary is refused.

    The BOM is dropped and line ends are kept as they are, so offsets refer to the decoded text.
    """
    encoding = "utf-8"
    for bom, name in BOMS:
        if data.startswith(bom):
            encoding, data = name, data[len(bom):]
            break
    if encoding == "utf-8" and b"\x00" in data:
        offset = data.index(b"\x00")
        raise TextDecodingError(
            f"binary data (NUL byte at offset {offset}); expected UTF-8, or UTF-16/32 with a BOM",
            path=path, line=data.count(b"\n", 0, offset) + 1,
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1 if encoding == "utf-8" else None
        raise TextDecodingError(
            f"not valid {encoding.upper()}: byte 0x{data[exc.start]:02x} at offset {exc.start} ({exc.reason})",
            path=path, line=line,
        ) from None
    control = _CONTROL.search(text)
    if control is not None:
        bad = control.start()
        raise TextDecodingError(
            f"control character U+{ord(text[bad]):04X} at character {bad}: not a text file",
            path=path, line=text.count("\n", 0, bad) + 1,
        )
    return text


def read_text(path: str | Path) -> str:
    """Read a text file (``-`` is standard input) with :func:`read_text_bytes`."""
    if str(path) == "-":
        return read_text_bytes(sys.stdin.buffer.read(), "<stdin>")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    return read_text_bytes(data, path)


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    target = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temp, target.stat().st_mode & 0o7777)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write UTF-8 ``text`` atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"))

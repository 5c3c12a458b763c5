"""Safe reading and writing of files: encoding detection, clear errors, writes that never damage
what is at the path.

Writing (:func:`atomic_write_bytes`, :func:`atomic_write_text`):

- a regular file is replaced atomically: the data goes to a temporary file beside it, which takes
  the old file's mode and owner and is renamed over it, so a reader sees the old file or the new
  one, never a part; a new file gets the mode the umask gives, and missing parent folders are
  created;
- a symbolic link is followed: the file it points to is replaced, the link stays;
- a file with several hard links is refused (a rename would detach this name from the others);
- device nodes, named pipes and the process's own descriptors (``/dev/stdout``, ``/dev/fd/N``
  as given by ``>(cmd)``, ``/proc/self/fd/N``) are written directly, never renamed over;
- a folder is refused with a message; every failure is an :class:`~termbase.errors.OutputError`
  naming the path, and the temporary file is removed on any error or interruption; temporary
  files that a killed earlier run left beside the same target are removed by the next write.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import secrets
import stat
import sys
import time
from pathlib import Path

from termbase.errors import InputError, OutputError, TextDecodingError

__all__ = [
    "BOMS",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_output_path",
    "encoding_of",
    "process_running",
    "read_text",
    "read_text_bytes",
]

_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
STALE_TEMP_AGE = 3600.0
"""Seconds after which a temporary file beside a target is stale even if its writer still runs."""


def encoding_of(data: bytes) -> tuple[bytes, str]:
    """The byte order mark that ``data`` starts with (or ``b""``) and the encoding it selects."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return bom, name
    return b"", "utf-8"


def read_text_bytes(data: bytes, path: str | Path = "<input>") -> str:
    """Decode file bytes: a BOM selects UTF-8/16/32, otherwise strict UTF-8; binary is refused.

    The BOM is dropped and line ends are kept as they are, so offsets refer to the decoded text.
    """
    bom, encoding = encoding_of(data)
    data = data[len(bom):]
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


# -- writing ------------------------------------------------------------------------------------

_STANDARD_STREAMS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_DESCRIPTOR_LINK = re.compile(r"/(?:dev|proc/self|proc/thread-self|proc/(\d+))/fd/(\d+)\Z")


def _own_descriptor(path: str | Path) -> int | None:
    """The descriptor number when ``path`` names one of this process's open files (``/dev/stdout``,
    ``/dev/fd/63``, ``/proc/self/fd/1``, or a symbolic link to one of them), else None."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on symbolic links in a row
        if current in _STANDARD_STREAMS:
            return _STANDARD_STREAMS[current]
        found = _DESCRIPTOR_LINK.match(current)
        if found is not None and (found.group(1) is None or int(found.group(1)) == os.getpid()):
            return int(found.group(2))
        try:
            target = os.readlink(current)
        except OSError:
            return None
        current = os.path.normpath(os.path.join(os.path.dirname(current), target))
    return None


def check_output_path(path: str | Path) -> None:
    """Raise :class:`OutputError` now, before any work, when ``path`` cannot be an output file
    (a folder, a file with several hard links, a file below something that is not a folder)."""
    if _own_descriptor(path) is not None:
        return
    real = Path(os.path.realpath(path))
    try:
        info = os.stat(real)
    except (FileNotFoundError, NotADirectoryError):
        for parent in real.parents:
            if parent.exists():
                if not parent.is_dir():
                    raise OutputError(f"cannot create the file: {parent} is not a folder", path=path) from None
                return
        return
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=path) from None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError("is a folder: give the name of a file to write", path=path)
    if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
        raise OutputError(
            f"has {info.st_nlink} hard links: replacing it atomically would detach this name from the "
            "others (write to another path, or remove the other links first)", path=path,
        )


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` without ever leaving a damaged file there (see the module notes).

    Raises :class:`OutputError` (with the path and the reason) when it cannot be written.
    """
    descriptor = _own_descriptor(path)
    if descriptor is not None:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        _write_descriptor(descriptor, data, path)
        return
    check_output_path(path)
    real = Path(os.path.realpath(path))
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=path) from None
    if info is not None and not stat.S_ISREG(info.st_mode):  # device node, named pipe, socket
        try:
            fd = os.open(real, os.O_WRONLY | os.O_NOCTTY)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=path) from None
        try:
            _write_descriptor(fd, data, path)
        finally:
            os.close(fd)
        return
    _replace_file(real, data, info, path)


def atomic_write_text(path: str | Path, text: str, *, like: str | Path | None = None) -> None:
    """Write ``text`` (see :func:`atomic_write_bytes`): UTF-8, or as the file ``like`` is encoded
    (its byte order mark and UTF-8/16/32), so that a draft written back keeps its BOM.

    Line ends are the text's own: text read with :func:`read_text` keeps them.
    """
    bom, encoding = b"", "utf-8"
    if like is not None and str(like) != "-":
        with contextlib.suppress(OSError), open(like, "rb") as handle:
            bom, encoding = encoding_of(handle.read(4))
    atomic_write_bytes(path, bom + text.encode(encoding))


def _write_descriptor(fd: int, data: bytes, path: str | Path) -> None:
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view):]
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=path) from None


def _temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.termbase-{os.getpid()}-{secrets.token_hex(4)}.tmp")


_TEMP = re.compile(r"\.(?P<name>.+)\.(?:termbase-(?P<pid>\d+)-[0-9a-f]{8}|[a-z0-9_]{8})\.tmp\Z")


def _remove_stale_temps(target: Path) -> None:
    """Remove the temporary files of earlier writes of ``target`` that were killed: ours (named
    after a process that is gone, or older than :data:`STALE_TEMP_AGE`) and those of earlier
    versions (``.NAME.xxxxxxxx.tmp``, older than that age). Only regular files of this user."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    now = time.time()
    for name in names:
        found = _TEMP.match(name)
        if found is None or found.group("name") != target.name:
            continue
        candidate = target.parent / name
        with contextlib.suppress(OSError):
            info = os.lstat(candidate)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                continue
            pid = found.group("pid")
            if now - info.st_mtime > STALE_TEMP_AGE or (pid is not None and not process_running(int(pid))):
                candidate.unlink()


def process_running(pid: int) -> bool:
    """Whether process ``pid`` exists (a stale temporary file names the process that wrote it)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _replace_file(real: Path, data: bytes, info: os.stat_result | None, given: str | Path) -> None:
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder {real.parent}: {exc.strerror or exc}", path=given) from None
    _remove_stale_temps(real)
    temp = _temp_name(real)
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    except OSError as exc:
        raise OutputError(f"cannot write in {real.parent}: {exc.strerror or exc}", path=given) from None
    try:
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                if info is not None:
                    if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()) and hasattr(os, "fchown"):
                        _keep_owner(handle.fileno(), info, given)
                    os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))
                os.fsync(handle.fileno())
            os.replace(temp, real)
        except OSError as exc:
            raise OutputError(f"cannot write: {exc.strerror or exc}", path=given) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def _keep_owner(fd: int, info: os.stat_result, given: str | Path) -> None:
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except PermissionError:
        raise OutputError(
            f"belongs to user {info.st_uid}, group {info.st_gid}: replacing it would change its owner "
            "(write to another path, or run as its owner)", path=given,
        ) from None

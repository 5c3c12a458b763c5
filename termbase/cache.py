"""Cache policy, in one place: where caches live, how entries are keyed, written, verified, removed.

Where: one folder, ``platformdirs.user_cache_dir("termbase")`` (``~/.cache/termbase`` on Linux),
or the folder named by the ``TERMBASE_CACHE_DIR`` environment variable — never beside a
glossary, never inside the installed package. Deleting it at any time is safe.

Layout: ``<cache>/<kind>/<key>/`` is one *entry* (``glossary``, ``spot`` …): its files, and
``manifest.json`` naming each file with its sha256 digest, written last. An entry is written in a
temporary folder and renamed into place, so it is complete or absent.

Keys: :func:`entry_key` mixes what the caller names (a glossary digest, settings) with
:func:`code_digest`, a digest of every code and data file of the installed termbase package (the
glossaries excepted, which callers key by content), and the Python version: changing an
inflection rule, a folding table or the cache format makes new keys, never a stale hit.

Verification: a manifest carries an HMAC (sha256) under a random key kept in ``<cache>/key``
(readable by its owner only), and every file's digest is checked before its bytes are decoded or
handed to a native loader (:meth:`Entry.read_bytes`, :meth:`Entry.verified_path`). A flipped
bit, a truncated file, a manifest edited by hand or rewritten with recomputed digests all make
the entry a miss: the caller rebuilds and stores it again. (The HMAC guards against damage and
careless forgery, not against someone who can read the key.)

Cleanup deletes only files that a manifest names, inside entry folders under the cache (never
through a symbolic link): a replaced entry of the same *slot* (the same glossary file) when a
new one is stored, ``termbase cache clear``, and the temporary folders of killed writers.
Folders and files are created with the mode the umask gives (the key excepted).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import platformdirs

from termbase.progress import note
from termbase.textio import process_running

__all__ = [
    "CACHE_ENV",
    "CacheEntryError",
    "Entry",
    "EntryWriter",
    "StoredEntry",
    "cache_dir",
    "clear_cache",
    "code_digest",
    "entry_key",
    "list_entries",
    "open_entry",
    "store_entry",
]

CACHE_ENV = "TERMBASE_CACHE_DIR"
"""Environment variable naming the cache folder (instead of the user cache folder)."""
MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
_KEY_FILE = "key"
_KEY_BYTES = 32
_MAX_MANIFEST = 1 << 20
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}\Z")
_KIND = re.compile(r"[a-z][a-z0-9-]{0,39}\Z")
_TEMP_PREFIX = ".tmp-"
_TRASH_PREFIX = ".trash-"
_STALE_AGE = 3600.0


class CacheEntryError(ValueError):
    """An entry's file does not match its manifest (callers treat it as a miss)."""


def cache_dir() -> Path:
    """The cache folder: ``$TERMBASE_CACHE_DIR`` when set, else the user cache folder."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_cache_dir("termbase", appauthor=False))


# -- keys ---------------------------------------------------------------------------------------

_code_digest: str | None = None


def code_digest() -> str:
    """sha256 of the termbase package's files (code and data, not the glossaries) and Python's
    version, computed once per process."""
    global _code_digest
    if _code_digest is None:
        hasher = hashlib.sha256(f"{sys.implementation.cache_tag}\n".encode())
        _hash_tree(resources.files("termbase"), "", hasher, top=True)
        _code_digest = hasher.hexdigest()
    return _code_digest


def _hash_tree(folder: Traversable, prefix: str, hasher: Any, *, top: bool = False) -> None:
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        name = item.name
        if name == "__pycache__" or name.endswith((".pyc", ".pyo")) or (top and name == "glossaries"):
            continue
        if item.is_dir():
            _hash_tree(item, f"{prefix}{name}/", hasher)
        elif item.is_file():
            data = item.read_bytes()
            hasher.update(f"{prefix}{name}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
            hasher.update(data)


def entry_key(*parts: str) -> str:
    """The key of an entry built from ``parts`` (digests, settings) by this code."""
    hasher = hashlib.sha256(code_digest().encode())
    for part in parts:
        hasher.update(b"\0" + part.encode("utf-8", "surrogateescape"))
    return hasher.hexdigest()[:40]


# -- the signing key ----------------------------------------------------------------------------


def _read_key(root: Path) -> bytes | None:
    """The signing key, or None when there is none (or it is damaged)."""
    path = root / _KEY_FILE
    with contextlib.suppress(OSError):
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size == _KEY_BYTES:
            data = path.read_bytes()
            if len(data) == _KEY_BYTES:
                return data
    return None


def _signing_key(root: Path) -> bytes:
    """The signing key, created when there is none."""
    found = _read_key(root)
    if found is not None:
        return found
    path = root / _KEY_FILE
    # Absent or damaged: a new key (which makes every existing entry a miss, to be rewritten).
    root.mkdir(parents=True, exist_ok=True)
    temp = root / f"{_TEMP_PREFIX}key-{secrets.token_hex(8)}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(_KEY_BYTES))
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISREG(os.lstat(path).st_mode) and _read_key(root) is None:  # damaged, not
                os.replace(temp, path)  # just written by a racing process: replace it
        with contextlib.suppress(FileExistsError):
            os.link(temp, path)  # only when none exists: two racing processes agree on one key
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    data = path.read_bytes()
    if len(data) != _KEY_BYTES:
        raise OSError(f"unusable cache key file {path}")
    return data


def _canonical(fields: dict[str, Any]) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _mac(secret: bytes, fields: dict[str, Any]) -> str:
    return hmac.new(secret, _canonical(fields), hashlib.sha256).hexdigest()


# -- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entry:
    """A cache entry whose manifest is verified; each file is verified when it is read."""

    path: Path
    files: dict[str, str]
    """File name -> sha256 digest."""
    meta: dict[str, Any]
    """What the writer recorded beside the files (small JSON values)."""

    def read_bytes(self, name: str) -> bytes:
        """The bytes of a file of the entry, verified against the manifest."""
        expected = self.files.get(name)
        if expected is None:
            raise CacheEntryError(f"{name} is not in the manifest of {self.path}")
        try:
            data = (self.path / name).read_bytes()
        except OSError as exc:
            raise CacheEntryError(f"cannot read {self.path / name}: {exc}") from None
        if hashlib.sha256(data).hexdigest() != expected:
            raise CacheEntryError(f"{self.path / name} does not match its manifest")
        return data

    def verified_path(self, name: str) -> Path:
        """The path of a file of the entry once its bytes are verified (for loaders that read
        a path themselves). Entries are never modified in place, only replaced as a whole."""
        expected = self.files.get(name)
        if expected is None:
            raise CacheEntryError(f"{name} is not in the manifest of {self.path}")
        path = self.path / name
        try:
            with open(path, "rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError as exc:
            raise CacheEntryError(f"cannot read {path}: {exc}") from None
        if digest != expected:
            raise CacheEntryError(f"{path} does not match its manifest")
        return path

    def array(self, name: str, dtype: Any, dimensions: int) -> Any:
        """A stored numpy array (``.npy``, never a pickle), memory-mapped once its bytes are
        verified; refused (``ValueError``) unless of ``dtype`` and ``dimensions``."""
        import numpy as np

        array = np.load(self.verified_path(name), mmap_mode="r", allow_pickle=False)
        if array.dtype != dtype or array.ndim != dimensions:
            raise ValueError(f"{name}: not a {dimensions}-d {np.dtype(dtype)} array")
        return array


def _parse_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of ``folder`` as written (unverified), or None when unreadable or malformed."""
    try:
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode):
            return None
        path = folder / MANIFEST
        if not stat.S_ISREG(os.lstat(path).st_mode) or os.lstat(path).st_size > _MAX_MANIFEST:
            return None
        fields = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(fields, dict):
        return None
    files = fields.get("files")
    if (fields.get("format") != MANIFEST_FORMAT or not isinstance(files, dict)
            or not all(isinstance(n, str) and _NAME.match(n) and n != MANIFEST and isinstance(d, str)
                       for n, d in files.items())
            or not isinstance(fields.get("meta"), dict) or not isinstance(fields.get("mac"), str)):
        return None
    return fields


def _verified(folder: Path, kind: str, key: str, secret: bytes) -> Entry | None:
    fields = _parse_manifest(folder)
    if fields is None or fields.get("kind") != kind or fields.get("key") != key:
        return None
    mac = fields.pop("mac")
    if not hmac.compare_digest(mac, _mac(secret, fields)):
        return None
    return Entry(folder, dict(fields["files"]), dict(fields["meta"]))


def open_entry(kind: str, key: str) -> Entry | None:
    """The verified entry ``kind``/``key``, or None when it is absent, damaged or forged."""
    root = cache_dir()
    secret = _read_key(root)
    if secret is None or not _KIND.match(kind) or not _NAME.match(key):
        return None
    return _verified(root / kind / key, kind, key, secret)


# -- writing ------------------------------------------------------------------------------------


class EntryWriter:
    """Collects the files of a new entry in its temporary folder."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self.names: list[str] = []

    def path(self, name: str) -> Path:
        """Where to write file ``name`` (for writers that take a path)."""
        if not _NAME.match(name) or name == MANIFEST:
            raise ValueError(f"not a cache file name: {name!r}")
        if name not in self.names:
            self.names.append(name)
        return self._folder / name

    def write_bytes(self, name: str, data: bytes) -> None:
        """Write file ``name`` of the entry."""
        target = self.path(name)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)

    def write_array(self, name: str, array: Any) -> None:
        """Write a numpy array as file ``name`` (``.npy``, no pickled objects)."""
        import io

        import numpy as np

        buffer = io.BytesIO()
        np.save(buffer, array, allow_pickle=False)
        self.write_bytes(name, buffer.getvalue())


def store_entry(kind: str, key: str, fill: Callable[[EntryWriter], None], *, slot: str | None = None,
                meta: dict[str, Any] | None = None) -> bool:
    """Store entry ``kind``/``key``: ``fill`` writes its files through an :class:`EntryWriter`,
    then the manifest is written last and the entry renamed into place.

    Entries of the same ``kind`` and ``slot`` (such as the same glossary file) are removed once
    the new one is in place. A cache that cannot be written (read-only, full, no home folder) is
    no error: a one-line note says so and False is returned. Errors of ``fill`` itself propagate.
    """
    root = cache_dir()
    kind_folder = root / kind
    if not _KIND.match(kind) or not _NAME.match(key):
        raise ValueError(f"not a cache entry name: {kind!r}/{key!r}")
    temp: Path | None = None
    writer: EntryWriter | None = None
    try:
        secret = _signing_key(root)
        _tag(root)
        kind_folder.mkdir(parents=True, exist_ok=True)
        _remove_stale_temps(kind_folder)
        temp = kind_folder / f"{_TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(8)}"
        temp.mkdir(0o777)
        writer = EntryWriter(temp)
        fill(writer)
        files = {}
        for name in writer.names:
            with open(temp / name, "rb") as handle:
                files[name] = hashlib.file_digest(handle, "sha256").hexdigest()
        fields: dict[str, Any] = {"format": MANIFEST_FORMAT, "kind": kind, "key": key, "files": files,
                                  "meta": {**(meta or {}), "slot": slot, "written": int(time.time())}}
        fields["mac"] = _mac(secret, fields)
        fd = os.open(temp / MANIFEST, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(json.dumps(fields, indent=1).encode("ascii"))
        _commit(temp, kind_folder / key, kind, key, secret, writer.names)
        temp = None
        if slot is not None:
            _remove_slot(kind_folder, kind, key, slot, secret)
        return True
    except OSError as exc:
        note(f"the {kind} cache could not be written in {root} ({exc.strerror or exc}); "
             f"it is rebuilt on every run (set {CACHE_ENV} to a writable folder)")
        return False
    finally:
        if temp is not None:
            _remove_files(temp, writer.names if writer is not None else [])


def _commit(temp: Path, target: Path, kind: str, key: str, secret: bytes, names: list[str]) -> None:
    for _ in range(4):  # racing writers of the same entry: each try settles one of them
        try:
            os.rename(temp, target)
            return
        except OSError:
            if not os.path.lexists(target):
                continue  # moved aside by another writer meanwhile
        existing = _verified(target, kind, key, secret)
        if existing is not None and _files_verify(existing):  # a racing writer stored it first
            _remove_files(temp, names)
            return
        # A damaged or forged entry under this key: move it aside, then remove what it holds
        # under the names its manifest (or ours: the same kind writes the same names) gives.
        trash = target.with_name(f"{_TRASH_PREFIX}{secrets.token_hex(8)}")
        try:
            os.rename(target, trash)
        except FileNotFoundError:
            continue  # another writer moved it first
        if os.path.islink(trash):
            trash.unlink()
        else:
            old = _parse_manifest(trash)
            _remove_files(trash, sorted(set(names) | set(old["files"] if old else ())))
    os.rename(temp, target)


def _remove_files(folder: Path, names: list[str] | set[str]) -> int:
    """Remove the named regular files and the manifest from an entry folder, then the folder if
    it is empty; returns the bytes freed. Never follows a symbolic link."""
    freed = 0
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return 0
    except OSError:
        return 0
    for name in [*names, MANIFEST]:
        if not _NAME.match(name):
            continue
        path = folder / name
        with contextlib.suppress(OSError):
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode):
                path.unlink()
                freed += info.st_size
    with contextlib.suppress(OSError):
        folder.rmdir()
    return freed


def _remove_slot(kind_folder: Path, kind: str, key: str, slot: str, secret: bytes) -> None:
    """Remove the other verified entries of ``kind`` recorded for ``slot``."""
    with contextlib.suppress(OSError):
        for name in os.listdir(kind_folder):
            if name == key or not _NAME.match(name):
                continue
            entry = _verified(kind_folder / name, kind, name, secret)
            if entry is not None and entry.meta.get("slot") == slot:
                _remove_files(entry.path, list(entry.files))


def _remove_stale_temps(kind_folder: Path) -> None:
    """Remove the temporary and set-aside folders of writers that were killed (older than an hour,
    or of a process that is gone): only the regular files in them, then the folder."""
    now = time.time()
    with contextlib.suppress(OSError):
        for name in os.listdir(kind_folder):
            if not name.startswith((_TEMP_PREFIX, _TRASH_PREFIX)):
                continue
            folder = kind_folder / name
            with contextlib.suppress(OSError):
                info = os.lstat(folder)
                pid = name[len(_TEMP_PREFIX):].split("-")[0] if name.startswith(_TEMP_PREFIX) else ""
                gone = pid.isdigit() and not process_running(int(pid))
                if stat.S_ISDIR(info.st_mode) and (gone or now - info.st_mtime > _STALE_AGE):
                    old = _parse_manifest(folder)
                    names = set(old["files"]) if old else set()
                    names |= {n for n in os.listdir(folder) if _NAME.match(n) and stat.S_ISREG(os.lstat(folder / n).st_mode)}
                    _remove_files(folder, names)


def _tag(root: Path) -> None:
    """Mark the folder as a cache for backup tools (https://bford.info/cachedir/)."""
    tag = root / "CACHEDIR.TAG"
    if not tag.exists():
        tag.write_bytes(b"Signature: 8a477f597d28d172789f06886806bc55\n"
                        b"# This file is a cache directory tag created by termbase.\n")


# -- inspecting and clearing ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """An entry as found in the cache folder."""

    kind: str
    key: str
    path: Path
    size: int
    """Bytes of the files its manifest names, plus the manifest."""
    valid: bool
    """Whether its manifest and every file verify."""
    meta: dict[str, Any]


def list_entries() -> list[StoredEntry]:
    """Every entry in the cache folder, verified (reads every file)."""
    root = cache_dir()
    secret = _read_key(root)
    found: list[StoredEntry] = []
    with contextlib.suppress(OSError):
        for kind in sorted(os.listdir(root)):
            kind_folder = root / kind
            if not _KIND.match(kind) or not stat.S_ISDIR(os.lstat(kind_folder).st_mode):
                continue
            for key in sorted(os.listdir(kind_folder)):
                folder = kind_folder / key
                if not _NAME.match(key) or not stat.S_ISDIR(os.lstat(folder).st_mode):
                    continue
                fields = _parse_manifest(folder)
                names = list(fields["files"]) if fields else []
                size = sum(_size(folder / name) for name in [*names, MANIFEST])
                entry = _verified(folder, kind, key, secret) if secret is not None else None
                valid = entry is not None and _files_verify(entry)
                found.append(StoredEntry(kind, key, folder, size, valid, dict(fields["meta"]) if fields else {}))
    return found


def _size(path: Path) -> int:
    try:
        info = os.lstat(path)
    except OSError:
        return 0
    return info.st_size if stat.S_ISREG(info.st_mode) else 0


def _files_verify(entry: Entry) -> bool:
    try:
        for name in entry.files:
            entry.verified_path(name)
    except CacheEntryError:
        return False
    return True


def clear_cache() -> tuple[int, int, list[Path]]:
    """Remove every entry: the files its manifest names, its manifest, its folder; also the key
    and the temporary folders of killed writers. Returns ``(entries, bytes, folders left)``:
    folders left hold files no manifest names (unreadable manifests, or files not ours)."""
    root = cache_dir()
    entries = freed = 0
    left: list[Path] = []
    if not os.path.isdir(root):
        return 0, 0, []
    for kind in sorted(os.listdir(root)):
        kind_folder = root / kind
        if not _KIND.match(kind) or not stat.S_ISDIR(os.lstat(kind_folder).st_mode):
            continue
        _remove_stale_temps(kind_folder)
        for key in sorted(os.listdir(kind_folder)):
            folder = kind_folder / key
            if not _NAME.match(key) or not stat.S_ISDIR(os.lstat(folder).st_mode):
                continue
            fields = _parse_manifest(folder)
            if fields is not None:
                freed += _remove_files(folder, list(fields["files"]))
                entries += 1
            if folder.exists():
                left.append(folder)
        with contextlib.suppress(OSError):
            kind_folder.rmdir()
    for name in (_KEY_FILE, "CACHEDIR.TAG"):
        path = root / name
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(path).st_mode):
                path.unlink()
    with contextlib.suppress(OSError):
        root.rmdir()
    return entries, freed, left

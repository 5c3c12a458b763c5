"""The SQLite store of a translation memory: schema, migrations, deduplicated writes.

One file in WAL mode (many readers, one writer at a time; other writers wait up to
:data:`BUSY_TIMEOUT` seconds, so concurrent writer processes lose nothing). The schema version
is SQLite's ``user_version``; :data:`MIGRATIONS` brings any older file up to date inside one
write transaction. A *segment* is a unique pair (language pair, source markup, target markup);
each time it is added, an *occurrence* records where (document, position), when, by whom and
from what origin, once per place. A write of many units is one transaction: all or nothing.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from termbase.errors import InputError
from termbase.tm.scoring import normalize_text
from termbase.tm.tokens import TOKENIZATION_SCHEME, tokens

__all__ = [
    "BUSY_TIMEOUT",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "ImportResult",
    "Store",
    "StoredSegment",
    "Unit",
    "source_hash",
]

BUSY_TIMEOUT = 120.0
"""Seconds a writer waits for another writer's transaction to end."""

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE segment (
    id INTEGER PRIMARY KEY,
    source_lang TEXT NOT NULL,
    target_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    source_markup TEXT NOT NULL,
    target_markup TEXT NOT NULL,
    created TEXT,
    author TEXT,
    origin TEXT NOT NULL,
    UNIQUE (source_lang, target_lang, source_markup, target_markup)
);
CREATE TABLE occurrence (
    segment INTEGER NOT NULL REFERENCES segment (id),
    document TEXT,
    position INTEGER,
    date TEXT,
    author TEXT,
    origin TEXT NOT NULL
);
CREATE UNIQUE INDEX occurrence_place ON occurrence (segment, ifnull(document, ''), ifnull(position, -1));
CREATE INDEX occurrence_document ON occurrence (document, position);
"""

_V2 = """
ALTER TABLE segment ADD COLUMN source_tokens TEXT NOT NULL DEFAULT '';
ALTER TABLE segment ADD COLUMN source_hash INTEGER NOT NULL DEFAULT 0;
CREATE INDEX segment_source_hash ON segment (source_hash);
"""


def _retokenize(connection: sqlite3.Connection) -> None:
    """Fill the match tokens and source hash of every segment (new columns, or a new scheme)."""
    rows = connection.execute("SELECT id, source_lang, target_lang, source FROM segment").fetchall()
    connection.executemany(
        "UPDATE segment SET source_tokens = ?, source_hash = ? WHERE id = ?",
        ((" ".join(tokens(source, sl)), source_hash(source, sl, tl), id_) for id_, sl, tl, source in rows),
    )
    connection.execute("INSERT OR REPLACE INTO meta VALUES ('tokenization', ?)", (TOKENIZATION_SCHEME,))


def _script(sql: str) -> Callable[[sqlite3.Connection], None]:
    def run(connection: sqlite3.Connection) -> None:
        for statement in sql.split(";"):
            if statement.strip():
                connection.execute(statement)
    return run


def _v2(connection: sqlite3.Connection) -> None:
    _script(_V2)(connection)
    _retokenize(connection)


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_script(_V1), _v2)
"""``MIGRATIONS[i]`` takes a store from schema version ``i`` to ``i + 1``."""
SCHEMA_VERSION = len(MIGRATIONS)


def source_hash(source: str, source_lang: str, target_lang: str) -> int:
    """A signed 64-bit hash of the normalized source and the language pair (finds other translations)."""
    key = f"{source_lang.lower()}\x00{target_lang.lower()}\x00{normalize_text(source)}".encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big", signed=True)


@dataclass(frozen=True, slots=True)
class Unit:
    """A segment pair to store, with where it comes from.

    ``source_markup``/``target_markup`` are the TMX inline content (XML) when the text had inline
    codes; plain text is stored escaped otherwise. ``origin`` is ``human``, ``mt`` or the file an
    import read (``tmx:NAME`` …).
    """

    source: str
    target: str
    source_lang: str = "ar"
    target_lang: str = "en"
    source_markup: str | None = None
    target_markup: str | None = None
    document: str | None = None
    position: int | None = None
    date: str | None = None
    author: str | None = None
    origin: str = "human"


@dataclass(frozen=True, slots=True)
class StoredSegment:
    """A segment of the memory, with its first occurrence's document and position."""

    id: int
    source: str
    target: str
    source_lang: str
    target_lang: str
    source_markup: str
    target_markup: str
    origin: str
    created: str | None
    author: str | None
    document: str | None
    position: int | None


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What a write did: new segments, units that were already stored, and new occurrences."""

    added: int
    duplicates: int
    occurrences: int


_COLUMNS = (
    "s.id, s.source, s.target, s.source_lang, s.target_lang, s.source_markup, s.target_markup, s.origin, "
    "s.created, s.author, (SELECT document FROM occurrence o WHERE o.segment = s.id ORDER BY rowid LIMIT 1), "
    "(SELECT position FROM occurrence o WHERE o.segment = s.id ORDER BY rowid LIMIT 1)"
)


class Store:
    """An open SQLite translation-memory file (created, with its folder, when missing)."""

    def __init__(self, path: str | Path, *, migrations: int | None = None) -> None:
        """Open ``path``; ``migrations`` stops at that schema version (tests of migration only)."""
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise InputError(f"cannot open the translation memory: {exc}", path=self.path) from None
        try:
            self.connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
            self.connection.execute("PRAGMA journal_mode = WAL")
            self.connection.execute("PRAGMA synchronous = NORMAL")
            self._migrate(SCHEMA_VERSION if migrations is None else migrations)
        except sqlite3.DatabaseError as exc:
            self.connection.close()
            raise InputError(f"not a translation memory (SQLite): {exc}", path=self.path) from None

    def _migrate(self, target: int) -> None:
        version = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if version >= target and (target < 2 or self._scheme() == TOKENIZATION_SCHEME):
            return
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            version = self.connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise InputError(
                    f"schema version {version} is newer than this termbase ({SCHEMA_VERSION})", path=self.path,
                )
            for step in MIGRATIONS[version:target]:
                step(self.connection)
            if target >= 2 and self._scheme() != TOKENIZATION_SCHEME:
                _retokenize(self.connection)
            self.connection.execute(f"PRAGMA user_version = {max(version, target)}")
            self.connection.execute("COMMIT")
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise

    def _scheme(self) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = 'tokenization'").fetchone()
        return row[0] if row else None

    @property
    def version(self) -> int:
        """The schema version of the file."""
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()

    def write(self, units: Iterable[Unit], *, progress: Callable[[int], None] | None = None) -> ImportResult:
        """Store ``units`` in one transaction (rolled back entirely if anything fails)."""
        added = duplicates = occurrences = 0
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            for count, unit in enumerate(units, 1):
                new, placed = self._insert(unit)
                added += new
                duplicates += not new
                occurrences += placed
                if progress is not None:
                    progress(count)
            self.connection.execute("COMMIT")
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        return ImportResult(added, duplicates, occurrences)

    def _insert(self, unit: Unit) -> tuple[bool, bool]:
        source_markup = unit.source_markup if unit.source_markup is not None else escape(unit.source)
        target_markup = unit.target_markup if unit.target_markup is not None else escape(unit.target)
        row = self.connection.execute(
            "INSERT INTO segment (source_lang, target_lang, source, target, source_markup, target_markup, "
            "created, author, origin, source_tokens, source_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT DO NOTHING RETURNING id",
            (unit.source_lang, unit.target_lang, unit.source, unit.target, source_markup, target_markup,
             unit.date, unit.author, unit.origin, " ".join(tokens(unit.source, unit.source_lang)),
             source_hash(unit.source, unit.source_lang, unit.target_lang)),
        ).fetchone()
        new = row is not None
        if row is None:
            row = self.connection.execute(
                "SELECT id FROM segment WHERE source_lang = ? AND target_lang = ? AND source_markup = ? "
                "AND target_markup = ?", (unit.source_lang, unit.target_lang, source_markup, target_markup),
            ).fetchone()
        placed = self.connection.execute(
            "INSERT OR IGNORE INTO occurrence (segment, document, position, date, author, origin) "
            "VALUES (?, ?, ?, ?, ?, ?)", (row[0], unit.document, unit.position, unit.date, unit.author, unit.origin),
        ).rowcount
        return new, placed > 0

    def count(self) -> int:
        """Number of segments."""
        return int(self.connection.execute("SELECT count(*) FROM segment").fetchone()[0])

    def last_id(self) -> int:
        """The highest segment id (0 when empty): changes whenever a segment is added."""
        return int(self.connection.execute("SELECT ifnull(max(id), 0) FROM segment").fetchone()[0])

    def token_rows(self) -> Iterator[tuple[int, str, str, str]]:
        """``(id, source_lang, target_lang, source_tokens)`` of every segment, by id."""
        yield from self.connection.execute(
            "SELECT id, source_lang, target_lang, source_tokens FROM segment ORDER BY id"
        )

    def segments(self, ids: Iterable[int] | None = None) -> list[StoredSegment]:
        """The segments with ``ids`` (all when None), by id."""
        if ids is None:
            rows = self.connection.execute(f"SELECT {_COLUMNS} FROM segment s ORDER BY s.id").fetchall()
        else:
            wanted = sorted(set(ids))
            rows = []
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                rows += self.connection.execute(
                    f"SELECT {_COLUMNS} FROM segment s WHERE s.id IN ({','.join('?' * len(chunk))}) ORDER BY s.id",
                    chunk,
                ).fetchall()
        return [StoredSegment(*row) for row in rows]

    def iter_segments(self) -> Iterator[StoredSegment]:
        """Every segment, by id, without loading them all at once."""
        for row in self.connection.execute(f"SELECT {_COLUMNS} FROM segment s ORDER BY s.id"):
            yield StoredSegment(*row)

    def sample(self, size: int, *, exclude: set[int]) -> list[StoredSegment]:
        """Up to ``size`` segments not in ``exclude``, spread evenly over the memory by id."""
        total = self.count()
        step = max(1, total // max(size, 1))
        rows = self.connection.execute(
            f"SELECT {_COLUMNS} FROM segment s WHERE s.id % ? = 0 ORDER BY s.id LIMIT ?", (step, size + len(exclude)),
        ).fetchall()
        return [segment for segment in (StoredSegment(*row) for row in rows) if segment.id not in exclude][:size]

    def translations(self, segment: StoredSegment) -> int:
        """How many distinct targets the memory holds for this segment's source and language pair."""
        key = source_hash(segment.source, segment.source_lang, segment.target_lang)
        rows = self.connection.execute(
            "SELECT source, target FROM segment WHERE source_hash = ? AND source_lang = ? AND target_lang = ?",
            (key, segment.source_lang, segment.target_lang),
        ).fetchall()
        wanted = normalize_text(segment.source)
        return len({normalize_text(target) for source, target in rows if normalize_text(source) == wanted})

    def contexts(self, segment_id: int) -> list[tuple[str | None, str | None]]:
        """``(previous source, next source)`` around each placed occurrence of ``segment_id``."""
        rows = self.connection.execute(
            "SELECT (SELECT s.source FROM occurrence n JOIN segment s ON s.id = n.segment "
            "        WHERE n.document = o.document AND n.position = o.position - 1 LIMIT 1), "
            "       (SELECT s.source FROM occurrence n JOIN segment s ON s.id = n.segment "
            "        WHERE n.document = o.document AND n.position = o.position + 1 LIMIT 1) "
            "FROM occurrence o WHERE o.segment = ? AND o.document IS NOT NULL AND o.position IS NOT NULL",
            (segment_id,),
        ).fetchall()
        return [(row[0], row[1]) for row in rows]

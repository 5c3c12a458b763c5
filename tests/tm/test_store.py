"""The SQLite store: deduplication, one transaction per import, migrations, concurrent writers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from termbase.tm.memory import TranslationMemory
from termbase.tm.store import SCHEMA_VERSION, Store, Unit


def test_pairs_are_deduplicated_and_occurrences_kept(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "m.tm") as memory:
        first = memory.add("قمة", "summit", document="a", position=1)
        again = memory.add("قمة", "summit", document="b", position=7)
        same_place = memory.add("قمة", "summit", document="b", position=7)
        other = memory.add("قمة", "summit meeting")
        assert (first.added, again.added, same_place.added, other.added) == (1, 0, 0, 1)
        assert (again.occurrences, same_place.occurrences) == (1, 0)
        assert len(memory) == 2
        assert memory.store.contexts(1) == [(None, None), (None, None)]


def test_an_import_is_one_transaction(tmp_path: Path) -> None:
    def units() -> object:
        yield Unit("واحد", "one")
        yield Unit("اثنان", "two")
        raise RuntimeError("the file broke here")

    with TranslationMemory(tmp_path / "m.tm") as memory:
        memory.add("قمة", "summit")
        with pytest.raises(RuntimeError):
            memory.add_units(units())  # type: ignore[arg-type]
        assert [s.source for s in memory.segments()] == ["قمة"]


def test_schema_version_is_stored_and_old_files_migrate(tmp_path: Path) -> None:
    path = tmp_path / "old.tm"
    old = Store(path, migrations=1)  # a file as the first schema made it
    assert old.version == 1
    old.connection.execute(
        "INSERT INTO segment (source_lang, target_lang, source, target, source_markup, target_markup, origin) "
        "VALUES ('ar', 'en', 'والنفط', 'and oil', 'والنفط', 'and oil', 'human')")
    old.close()
    with TranslationMemory(path) as memory:
        assert memory.store.version == SCHEMA_VERSION == 2
        assert [(m.segment.target, m.score) for m in memory.search("النفط", min_score=50)] == [("and oil", 50)]


def test_a_file_that_is_not_a_memory_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.tm"
    path.write_text("not a database at all, just some text" * 50)
    from termbase.errors import InputError

    with pytest.raises(InputError, match="notes.tm"):
        TranslationMemory(path)
    assert path.read_text().startswith("not a database")


WRITER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from termbase.tm.memory import TranslationMemory
    from termbase.tm.store import Unit
    path, worker, gate = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    with TranslationMemory(path) as memory:
        while not gate.exists():  # all four open the file, then start together
            time.sleep(0.01)
        for batch in range(10):
            memory.add_units(
                [Unit(f"جملة {worker} {batch} {i}", f"sentence {worker} {batch} {i}") for i in range(25)]
                + [Unit(f"مشتركة {batch}", f"shared {batch}")]  # every writer adds these too
            )
""")


def test_four_writer_processes_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.tm"
    TranslationMemory(path).close()
    gate = tmp_path / "go"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(worker), str(gate)])
               for worker in range(4)]
    gate.touch()
    assert [writer.wait(timeout=300) for writer in writers] == [0, 0, 0, 0]
    with sqlite3.connect(path) as connection:
        sources = {row[0] for row in connection.execute("SELECT source FROM segment")}
        total = connection.execute("SELECT count(*) FROM segment").fetchone()[0]
        occurrences = connection.execute("SELECT count(*) FROM occurrence").fetchone()[0]
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    expected = {f"جملة {w} {b} {i}" for w in range(4) for b in range(10) for i in range(25)}
    expected |= {f"مشتركة {b}" for b in range(10)}
    assert sources == expected and total == len(expected) == 1010
    assert occurrences == 1010  # the shared pairs, added by all four, once per place
    assert mode == "wal"

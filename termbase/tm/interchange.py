"""Filling a translation memory from files (TMX, TSV, PO) and writing it out as TMX 1.4b.

A TMX unit with several variants gives one pair per target variant (source = the unit's
``srclang`` variant); a unit with one variant gives a pair with an empty target, so nothing in the
file is dropped. The document of a pair is the file name (or the unit's ``x-termbase-document``
property, which export writes), its position the unit's index in the file (or
``x-termbase-position``), so neighbouring units give context matches. TSV rows and PO entries
are pairs in the languages given; untranslated PO entries are skipped and counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Literal

from termbase.errors import InputError
from termbase.formats.aligned import read_tsv
from termbase.formats.po import read_po
from termbase.formats.segments import Segment
from termbase.formats.tmx import (
    PROP_DOCUMENT,
    PROP_ORIGIN,
    PROP_POSITION,
    TmxUnit,
    TmxVariant,
    iter_tmx,
    write_tmx,
)
from termbase.tm.memory import TranslationMemory
from termbase.tm.store import ImportResult, StoredSegment, Unit

__all__ = ["FORMATS", "export_tmx", "import_file", "tmx_units"]

FORMATS = {".tmx": "tmx", ".tsv": "tsv", ".po": "po", ".pot": "po"}
"""File suffix → format :func:`import_file` reads."""


def _position(value: str | None, default: int) -> int:
    if value is not None and value.strip().lstrip("-").isdigit():
        return int(value)
    return default


def tmx_units(path: str | Path) -> Iterator[Unit]:
    """The pairs of a TMX file as memory units, streamed."""
    name = "<stdin>" if str(path) == "-" else Path(path).name
    for unit in iter_tmx(path):
        source = unit.source()
        targets: list[TmxVariant | None] = [v for v in unit.variants if v is not source] or [None]
        document = unit.prop(PROP_DOCUMENT) or name
        position = _position(unit.prop(PROP_POSITION), unit.position)
        origin = unit.prop(PROP_ORIGIN) or f"tmx:{name}"
        for target in targets:
            yield Unit(
                source=source.text, target=target.text if target else "", source_lang=source.lang,
                target_lang=target.lang if target else "", source_markup=source.markup,
                target_markup=target.markup if target else "", document=document, position=position,
                date=(target.date if target else None) or source.date or unit.date,
                author=(target.author if target else None) or source.author or unit.author, origin=origin,
            )


def _segment_units(segments: Iterable[Segment], name: str, kind: str, skipped: list[int]) -> Iterator[Unit]:
    for position, segment in enumerate(segments):
        if kind == "po" and not segment.target:
            skipped[0] += 1
            continue
        yield Unit(segment.source, segment.target, segment.source_lang or "ar", segment.target_lang or "en",
                   document=name, position=position, origin=f"{kind}:{name}")


def import_file(
    memory: TranslationMemory,
    path: str | Path,
    *,
    source_lang: str = "ar",
    target_lang: str = "en",
    msgid_lang: Literal["ar", "en"] = "ar",
    progress: Callable[[int], None] | None = None,
) -> tuple[ImportResult, int]:
    """Import a ``.tmx``, ``.tsv`` or ``.po`` file in one transaction; ``(result, skipped)``.

    On any error (:class:`termbase.errors.InputError` with file, line and element) nothing is
    stored. TSV pairs are in ``source_lang``/``target_lang``; PO msgids are in ``msgid_lang``.
    """
    kind = FORMATS.get(Path(path).suffix.lower())
    if kind is None:
        raise InputError(f"unknown memory file type {Path(path).suffix or '(none)'}; give a .tmx, .tsv or .po file",
                         path=path)
    name = "<stdin>" if str(path) == "-" else Path(path).name
    skipped = [0]
    if kind == "tmx":
        units: Iterable[Unit] = tmx_units(path)
    elif kind == "tsv":
        units = _segment_units(read_tsv(path, source_lang=source_lang, target_lang=target_lang), name, kind, skipped)
    else:
        units = _segment_units(read_po(path, msgid_lang=msgid_lang), name, kind, skipped)
    return memory.add_units(units, progress=progress), skipped[0]


def _tmx_unit(segment: StoredSegment) -> TmxUnit:
    variants = [TmxVariant(segment.source_lang, segment.source, segment.source_markup, None)]
    if segment.target_lang:
        variants.append(TmxVariant(segment.target_lang, segment.target, segment.target_markup, None))
    props = [(PROP_ORIGIN, segment.origin)]
    if segment.document is not None:
        props.append((PROP_DOCUMENT, segment.document))
    if segment.position is not None:
        props.append((PROP_POSITION, str(segment.position)))
    return TmxUnit(tuple(variants), segment.source_lang, str(segment.id), None, 0, tuple(props),
                   segment.created, segment.author)


def export_tmx(memory: TranslationMemory, path: str | Path, *, encoding: str = "UTF-8") -> int:
    """Write every segment as a TMX 1.4b ``<tu>`` (inline markup kept); returns the count."""
    from termbase import __version__

    return write_tmx(path, (_tmx_unit(s) for s in memory.store.iter_segments()), encoding=encoding,
                     tool_version=__version__)

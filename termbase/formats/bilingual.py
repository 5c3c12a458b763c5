"""One bilingual file (TSV pairs, PO, XLIFF, TMX) read as segments, with the languages it declares."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from termbase.errors import InputError
from termbase.formats.aligned import TsvQuoting, read_tsv
from termbase.formats.po import read_po
from termbase.formats.segments import Segment
from termbase.formats.tmx import read_tmx_segments
from termbase.formats.xliff import read_xliff
from termbase.langtags import primary_language

__all__ = ["BILINGUAL_SUFFIXES", "file_languages", "read_bilingual"]

BILINGUAL_SUFFIXES = {".tsv": "tsv", ".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx"}
"""File suffixes of the bilingual formats, and the format each names."""


def read_bilingual(path: str | Path, kind: str, *, source_lang: str | None = None, target_lang: str | None = None,
                   msgid_lang: Literal["ar", "en"] = "ar", include_fuzzy: bool = False,
                   tsv_quoting: TsvQuoting = "auto") -> tuple[list[Segment], str, str]:
    """The segments of a ``kind`` file, and its source and target languages.

    Languages given win; otherwise PO takes them from ``msgid_lang``, XLIFF and TMX from the file
    (one pair for the whole file, see :func:`file_languages`), and TSV is Arabic to English.
    """
    segments: list[Segment]
    if kind == "tsv":
        source, target = source_lang or "ar", target_lang or "en"
        return read_tsv(path, quoting=tsv_quoting, source_lang=source, target_lang=target), source, target
    if kind == "po":
        segments = read_po(path, msgid_lang=msgid_lang, include_fuzzy=include_fuzzy)
        return segments, msgid_lang, "en" if msgid_lang == "ar" else "ar"
    if kind == "xliff":
        segments = read_xliff(path)
    elif kind == "tmx":
        segments = read_tmx_segments(path, source_lang=source_lang, target_lang=target_lang)
    else:
        raise ValueError(f"unknown bilingual format {kind!r}")
    return (segments, *file_languages(segments, source_lang, target_lang))


def file_languages(segments: Sequence[Segment], source_lang: str | None = None,
                   target_lang: str | None = None) -> tuple[str, str]:
    """The one language pair of a file's segments (``source_lang``/``target_lang`` win).

    :class:`InputError` naming the unit when a language is missing (it is never guessed) or the
    units disagree; Arabic to English when there are no segments.
    """
    first: tuple[str, str] | None = None
    languages = (source_lang or "ar", target_lang or "en")
    for segment in segments:
        source = source_lang or segment.source_lang
        target = target_lang or segment.target_lang
        if source is None or target is None:
            side = "source" if source is None else "target"
            attribute = "srcLang/source-language" if side == "source" else "trgLang/target-language"
            raise InputError(f"no {side} language ({attribute}) and no --{side}-lang: the language is "
                             "not guessed", path=segment.origin.path, line=segment.origin.line,
                             element=segment.origin.element)
        pair = (primary_language(source), primary_language(target))
        if first is None:
            first = pair
            languages = (source, target)
        elif pair != first:
            raise InputError(f"this unit is {source}→{target} but the first is {languages[0]}→{languages[1]}; "
                             "check one language pair at a time", path=segment.origin.path,
                             line=segment.origin.line, element=segment.origin.element)
    return languages

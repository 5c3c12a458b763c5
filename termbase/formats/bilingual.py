"""One bilingual file (TSV pairs, PO, XLIFF) read as segments, with the languages it declares."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from termbase.formats.po import read_po
from termbase.formats.segments import Segment
from termbase.formats.aligned import read_tsv
from termbase.formats.xliff import read_xliff

__all__ = ["BILINGUAL_SUFFIXES", "read_bilingual"]

BILINGUAL_SUFFIXES = {".tsv": "tsv", ".po": "po", ".pot": "po", ".xlf": "xliff", ".xliff": "xliff"}
"""File suffixes of the bilingual formats, and the format each names."""


def read_bilingual(path: str | Path, kind: str, *, source_lang: str | None = None, target_lang: str | None = None,
                   msgid_lang: Literal["ar", "en"] = "ar", include_fuzzy: bool = False) -> tuple[list[Segment], str, str]:
    """The segments of a ``kind`` file, and its source and target languages.

    Languages given win; otherwise PO takes them from ``msgid_lang`` and XLIFF from the file, and
    the default is Arabic to English.
    """
    source, target = source_lang or "ar", target_lang or "en"
    segments: list[Segment]
    if kind == "tsv":
        segments = read_tsv(path, source_lang=source, target_lang=target)
    elif kind == "po":
        segments = read_po(path, msgid_lang=msgid_lang, include_fuzzy=include_fuzzy)
        if source_lang is None:
            source = msgid_lang
            target = "en" if msgid_lang == "ar" else "ar"
    elif kind == "xliff":
        segments = read_xliff(path)
        first = segments[0] if segments else None
        if first is not None:
            source = source_lang or first.source_lang or source
            target = target_lang or first.target_lang or target
    else:
        raise ValueError(f"unknown bilingual format {kind!r}")
    return segments, source, target

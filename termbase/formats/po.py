"""Gettext PO files: read entries as segments (either direction) and write findings back.

Reading (:func:`read_po`): the caller says which language ``msgid`` is in (``msgid_lang``,
``"ar"`` or ``"en"``); ``source`` is always the msgid and ``target`` the msgstr. Each entry is
one segment with id ``"<n>"``, its 1-based position among the file's entries (header excluded);
an entry with ``msgid_plural`` gives one segment per plural form, ids ``"<n>[<form>]"`` (form 0
has the msgid as source, the others the msgid_plural). Obsolete (``#~``) entries are skipped,
fuzzy ones are skipped unless ``include_fuzzy=True``, untranslated ones are returned with an
empty target (the validator decides). An empty file, or one with only a header, gives ``[]``.

Files are decoded with :func:`termbase.textio.read_text_bytes`: UTF-8, or UTF-16/32 with a BOM.
A header declaring another charset is not honoured (non-UTF-8 bytes are a
:class:`TextDecodingError`).

Write-back (:func:`annotate_po`) edits the file as lines, not through ``polib.save()``: polib
re-wraps and re-orders lines, so the file is parsed with polib only to locate entries, then
``# termbase: …`` translator comments and a ``#, <flag>`` line are inserted into the comment
block of each entry with findings. Every other line keeps its bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

import polib

from termbase.errors import FormatError
from termbase.formats._files import read_bytes
from termbase.formats.segments import Origin, Segment
from termbase.textio import BOMS, atomic_write_bytes, read_text_bytes

__all__ = ["DEFAULT_FLAG", "annotate_po", "parse_po", "read_po"]

#: The flag :func:`annotate_po` adds to entries with findings.
DEFAULT_FLAG = "termbase-check"
#: The prefix of the translator comments :func:`annotate_po` writes (``# termbase: …``).
COMMENT_PREFIX = "termbase:"

_POLIB_ERROR = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_STRING_LINE = re.compile(r'(?:(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*)?"(?:[^"\\]|\\.)*"')
_SEGMENT_ID = re.compile(r"(\d+)(?:\[(\d+)\])?")
_TRANSLATOR_COMMENT = re.compile(r"#(?:\s|$)")
_TERMBASE_COMMENT = re.compile(r"#\s*" + re.escape(COMMENT_PREFIX))


def _other_language(msgid_lang: str) -> str:
    if msgid_lang == "ar":
        return "en"
    if msgid_lang == "en":
        return "ar"
    raise ValueError(f"msgid_lang must be 'ar' or 'en', not {msgid_lang!r}")


def _check_strings(text: str, path: str | Path) -> None:
    """Refuse keyword and string lines that polib would accept mangled (``msgid "a`` …)."""
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("#~"):
            stripped = stripped[2:].strip()
        if not stripped or stripped.startswith("#"):
            continue
        if _STRING_LINE.fullmatch(stripped) is None:
            raise FormatError(f"invalid PO file: malformed line {stripped[:40]!r} "
                              "(expected a keyword and a quoted string)", path=path, line=number)


def _load(text: str, path: str | Path) -> polib.POFile:
    """Parse PO text with polib; its syntax errors become :class:`FormatError` with the line."""
    _check_strings(text, path)
    # polib takes a string without a newline for a file name: never let it open one.
    content = text if "\n" in text else text + "\n"
    try:
        return polib.pofile(content, encoding="utf-8")
    except (OSError, ValueError, KeyError, IndexError) as exc:
        match = _POLIB_ERROR.search(str(exc))
        line = int(match.group(1)) if match else None
        detail = match.group(2) if match and match.group(2) else "syntax error"
        raise FormatError(f"invalid PO file: {detail}", path=path, line=line) from None


def _keyword_line(lines: Sequence[str], start: int) -> int:
    for number in range(start, len(lines)):
        if lines[number].lstrip().startswith(("msgctxt", "msgid")):
            return number
    return len(lines)


def _layout(lines: Sequence[str], po: polib.POFile) -> Iterator[tuple[int, polib.POEntry, int, int]]:
    """Each live entry: 1-based index, entry, 0-based first line and msgctxt/msgid line.

    polib's ``linenum`` is the entry's first line (its first comment or keyword), or 0 for an
    entry that starts the file without a header.
    """
    for index, entry in enumerate(po, 1):
        if entry.obsolete:
            continue
        start = max(entry.linenum - 1, 0)
        yield index, entry, start, _keyword_line(lines, start)


def _note(entry: polib.POEntry) -> str | None:
    tcomment = "\n".join(
        line for line in entry.tcomment.splitlines() if not line.startswith(COMMENT_PREFIX)
    )
    joined = "\n".join(part for part in (entry.comment, tcomment) if part)
    return joined or None


def _segments(text: str, path: str | Path, msgid_lang: str, include_fuzzy: bool) -> list[Segment]:
    msgstr_lang = _other_language(msgid_lang)
    po = _load(text, path)
    lines = text.splitlines(keepends=True)
    segments: list[Segment] = []
    for index, entry, _start, keyword in _layout(lines, po):
        fuzzy = "fuzzy" in entry.flags
        if fuzzy and not include_fuzzy:
            continue
        element = f"entry {index}" + (f" (msgctxt {entry.msgctxt!r})" if entry.msgctxt else "")
        segment = Segment(
            id=str(index), source=entry.msgid, target=entry.msgstr, source_lang=msgid_lang,
            target_lang=msgstr_lang, origin=Origin(str(path), keyword + 1, element),
            note=_note(entry), context=entry.msgctxt, fuzzy=fuzzy,
        )
        if not entry.msgid_plural:
            segments.append(segment)
            continue
        for form in sorted(entry.msgstr_plural) or [0, 1]:
            segments.append(replace(
                segment, id=f"{index}[{form}]",
                source=entry.msgid if form == 0 else entry.msgid_plural,
                target=entry.msgstr_plural.get(form, ""),
            ))
    return segments


def parse_po(
    text: str,
    path: str | Path = "<input>",
    *,
    msgid_lang: Literal["ar", "en"] = "ar",
    include_fuzzy: bool = False,
) -> list[Segment]:
    """Segments of PO ``text`` (see the module docstring); :class:`FormatError` if invalid."""
    return _segments(text, path, msgid_lang, include_fuzzy)


def read_po(
    path: str | Path,
    *,
    msgid_lang: Literal["ar", "en"] = "ar",
    include_fuzzy: bool = False,
) -> list[Segment]:
    """Read a PO file (``-`` is standard input) into segments; see :func:`parse_po`."""
    name = "<stdin>" if str(path) == "-" else path
    return _segments(read_text_bytes(read_bytes(path), name), name, msgid_lang, include_fuzzy)


def _encoding(data: bytes) -> tuple[bytes, str]:
    for bom, name in BOMS:
        if data.startswith(bom):
            return bom, name
    return b"", "utf-8"


def _line_end(line: str) -> str:
    return line[len(line.rstrip("\r\n")):]


def _without_termbase(region: Sequence[str], flag: str) -> list[str]:
    """The comment lines of an entry without ``# termbase:`` comments and without ``flag``."""
    kept: list[str] = []
    for line in region:
        stripped = line.strip()
        if _TERMBASE_COMMENT.match(stripped):
            continue
        if stripped.startswith("#,"):
            flags = [item.strip() for item in stripped[2:].split(",")]
            if flag in flags:
                rest = [item for item in flags if item and item != flag]
                if not rest:
                    continue
                indent = line[: len(line) - len(line.lstrip())]
                line = f"{indent}#, {', '.join(rest)}{_line_end(line)}"
        kept.append(line)
    return kept


def _one_line(message: str) -> str:
    return " ".join(message.split())


def annotate_po(
    path: str | Path,
    findings_by_segment: Mapping[str, Sequence[str]],
    *,
    flag: str | None = DEFAULT_FLAG,
    output: str | Path | None = None,
) -> int:
    """Write findings into a PO file as ``# termbase: <message>`` comments; return entries marked.

    ``findings_by_segment`` maps segment ids (as given by :func:`read_po`) to messages; plural
    forms' messages are prefixed ``[<form>]``. Entries with findings also get ``#, <flag>``
    (none if ``flag`` is ``None``). Comments and flag from an earlier run are removed first from
    every entry, so a rerun with the same findings writes the same bytes. Writes atomically to
    ``output`` (default: ``path``) in the file's encoding. Every line that is not such a comment
    or flag is left byte for byte. Raises :class:`ValueError` for an unknown segment id.
    """
    data = read_bytes(path)
    bom, encoding = _encoding(data)
    text = read_text_bytes(data, path)
    po = _load(text, path)
    lines = text.splitlines(keepends=True)
    known = {segment.id for segment in _segments(text, path, "ar", include_fuzzy=True)}
    unknown = sorted(set(findings_by_segment) - known)
    if unknown:
        raise ValueError(f"{path}: no PO segment with id {', '.join(map(repr, unknown))}")
    messages: dict[int, list[str]] = {}
    for segment_id, texts in findings_by_segment.items():
        match = _SEGMENT_ID.fullmatch(segment_id)
        if match is None:  # pragma: no cover - every known id matches
            raise ValueError(f"{path}: bad PO segment id {segment_id!r}")
        prefix = f"[{match.group(2)}] " if match.group(2) is not None else ""
        for message in texts:
            messages.setdefault(int(match.group(1)), []).append(prefix + _one_line(message))
    eol = "\r\n" if "\r\n" in text else "\n"
    removed = flag or DEFAULT_FLAG
    marked = 0
    for index, _entry, start, keyword in sorted(_layout(lines, po), key=lambda item: -item[2]):
        region = _without_termbase(lines[start:keyword], removed)
        found = messages.get(index)
        if found:
            marked += 1
            if flag:
                at = next((n for n, line in enumerate(region) if line.lstrip().startswith("#|")), len(region))
                region.insert(at, f"#, {flag}{eol}")
            at = max((n + 1 for n, line in enumerate(region)
                      if _TRANSLATOR_COMMENT.match(line.lstrip())), default=0)
            region[at:at] = [f"# {COMMENT_PREFIX} {message}{eol}" for message in found]
        lines[start:keyword] = region
    atomic_write_bytes(output if output is not None else path, bom + "".join(lines).encode(encoding))
    return marked

"""Aligned segment inputs: pairs in memory, two line-aligned text files, a TSV of pairs.

Ids: ``P<n>`` for the n-th pair (1-based), ``L<n>`` for line ``n`` of a text or TSV file.
A line (or TSV row) that is blank on both sides separates paragraphs and gives no segment; one
blank side gives a segment with an empty text (the validator reports it).

Empty inputs give an empty list: two empty text files, an empty TSV or a TSV with only its
header. Files are decoded with :func:`termbase.textio.read_text_bytes` (UTF-8, or UTF-16/32
with a BOM; binary refused).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from termbase.errors import FormatError
from termbase.formats.segments import Origin, Segment
from termbase.textio import read_text

__all__ = [
    "TsvQuoting",
    "align_lines",
    "parse_tsv",
    "read_aligned_text",
    "read_tsv",
    "replace_lines",
    "replace_tsv_targets",
    "segments_from_pairs",
    "tsv_quoting",
]

_HEADER = ("source", "target")

TsvQuoting = Literal["auto", "csv", "none"] | bool
"""How TSV fields are quoted: ``"csv"`` (or True) CSV-style quotes (``"a""b"``), ``"none"`` (or
False) quotes are text, ``"auto"`` CSV-style unless the file cannot be read so while every row
reads as two literal fields (a target that starts with a quotation: ``"Yes," he said``)."""


def segments_from_pairs(
    pairs: Iterable[tuple[str, str]], *, source_lang: str | None = "ar", target_lang: str | None = "en",
) -> list[Segment]:
    """One segment per ``(source, target)`` pair, ids ``P1``, ``P2`` …

    Raises :class:`ValueError` when an item is not a pair of strings.
    """
    segments: list[Segment] = []
    for number, pair in enumerate(pairs, 1):
        if len(pair) != 2 or not all(isinstance(text, str) for text in pair):
            raise ValueError(f"pair {number} is not a (source, target) pair of strings: {pair!r}")
        segments.append(Segment(
            id=f"P{number}", source=pair[0], target=pair[1], source_lang=source_lang,
            target_lang=target_lang, origin=Origin(None, None, f"pair {number}"),
        ))
    return segments


def _lines(text: str) -> list[str]:
    """Lines split on ``\\n`` only (``\\r\\n`` accepted); trailing blank lines dropped."""
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def align_lines(
    source_text: str,
    target_text: str,
    *,
    source_path: str | Path = "<source>",
    target_path: str | Path = "<target>",
    source_lang: str | None = "ar",
    target_lang: str | None = "en",
) -> list[Segment]:
    """Pair line ``n`` of ``source_text`` with line ``n`` of ``target_text`` (ids ``L<n>``).

    Trailing blank lines are ignored; raises :class:`FormatError` naming both files when the
    line counts differ.
    """
    sources, targets = _lines(source_text), _lines(target_text)
    if len(sources) != len(targets):
        raise FormatError(
            f"line counts differ: {source_path} has {len(sources)} lines, {target_path} has "
            f"{len(targets)}; line-aligned files need one target line per source line",
            path=source_path, line=min(len(sources), len(targets)) + 1, element=str(target_path),
        )
    pairs = (
        _line_pair(number, source, target, source_path, f"line {number}", source_lang, target_lang)
        for number, (source, target) in enumerate(zip(sources, targets, strict=True), 1)
    )
    return [segment for segment in pairs if segment is not None]


def _line_pair(
    line: int, source: str, target: str, path: str | Path, where: str,
    source_lang: str | None, target_lang: str | None,
) -> Segment | None:
    """The segment ``L<line>`` of one source/target pair; None when both sides are blank."""
    if not source.strip() and not target.strip():
        return None
    return Segment(id=f"L{line}", source=source, target=target, source_lang=source_lang,
                   target_lang=target_lang, origin=Origin(str(path), line, where))


def read_aligned_text(
    source_path: str | Path,
    target_path: str | Path,
    *,
    source_lang: str | None = "ar",
    target_lang: str | None = "en",
) -> list[Segment]:
    """Read two line-aligned text files into segments (see :func:`align_lines`)."""
    return align_lines(
        read_text(source_path), read_text(target_path), source_path=source_path,
        target_path=target_path, source_lang=source_lang, target_lang=target_lang,
    )


def parse_tsv(
    text: str,
    path: str | Path = "<input>",
    *,
    quoting: TsvQuoting = "auto",
    source_lang: str | None = "ar",
    target_lang: str | None = "en",
) -> list[Segment]:
    """Read tab-separated ``source<TAB>target`` rows (ids ``L<n>``, the row's first line).

    An optional first row ``source<TAB>target`` is a header. ``quoting`` says whether fields may
    be quoted CSV-style (see :data:`TsvQuoting`). Raises :class:`FormatError` with the line for a
    row without exactly two columns or a bad quote.
    """
    return _parse_tsv(text, path, tsv_quoting(text, quoting, path), source_lang, target_lang)


def tsv_quoting(text: str, quoting: TsvQuoting = "auto", path: str | Path = "<input>") -> bool:
    """Whether the fields of TSV ``text`` are read CSV-style (True) or literally (False), as
    :func:`parse_tsv` reads them; ``"auto"`` decides on the text (see :data:`TsvQuoting`)."""
    if quoting != "auto":
        return quoting in (True, "csv")
    try:
        _parse_tsv(text, path, True, None, None)
    except FormatError as csv_error:
        try:
            _parse_tsv(text, path, False, None, None)
        except FormatError:
            raise csv_error from None
        return False
    return True


def _parse_tsv(text: str, path: str | Path, quoting: bool, source_lang: str | None,
               target_lang: str | None) -> list[Segment]:
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter="\t", strict=True,
        quoting=csv.QUOTE_MINIMAL if quoting else csv.QUOTE_NONE,
    )
    segments: list[Segment] = []
    line = 1
    first = True
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            hint = " (quotes read CSV-style; --tsv-quoting none reads them as text)" if quoting else ""
            raise FormatError(f"bad TSV row: {exc}{hint}", path=path,
                              line=max(reader.line_num, line)) from None
        start, line = line, reader.line_num + 1
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if first:
            first = False
            if tuple(cell.strip().lower() for cell in row) == _HEADER:
                continue
        if len(row) != 2:
            raise FormatError(
                f"expected 2 tab-separated columns (source, target), found {len(row)}",
                path=path, line=start, element=f"row at line {start}",
            )
        segment = _line_pair(start, row[0], row[1], path, f"row at line {start}", source_lang, target_lang)
        if segment is not None:
            segments.append(segment)
    return segments


def read_tsv(
    path: str | Path,
    *,
    quoting: TsvQuoting = "auto",
    source_lang: str | None = "ar",
    target_lang: str | None = "en",
) -> list[Segment]:
    """Read a TSV file of pairs (``-`` is standard input); see :func:`parse_tsv`."""
    return parse_tsv(read_text(path), "<stdin>" if str(path) == "-" else path, quoting=quoting,
                     source_lang=source_lang, target_lang=target_lang)


def _line_end(line: str) -> str:
    return line[len(line.rstrip("\r\n")):]


def replace_lines(text: str, lines: Mapping[int, str], path: str | Path = "<input>") -> str:
    """``text`` with line ``n`` (1-based) replaced by ``lines[n]``, each line end and every other
    line kept. :class:`FormatError` for a replacement that holds a line break."""
    kept = _split_keep(text)
    for number, new in lines.items():
        if "\n" in new or "\r" in new:
            raise FormatError("a fixed line holds a line break", path=path, line=number)
        kept[number - 1] = new + _line_end(kept[number - 1])
    return "".join(kept)


def _split_keep(text: str) -> list[str]:
    """Lines split at ``\n`` only, each with its line end (as :func:`align_lines` counts them)."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _quoted_end(line: str) -> int:
    """The index after the closing quote of a CSV-quoted field that starts ``line``; -1 if none."""
    position = 1
    while True:
        position = line.find('"', position)
        if position == -1:
            return -1
        if line.startswith('""', position):
            position += 2
            continue
        return position + 1


def replace_tsv_targets(text: str, targets: Mapping[int, str], path: str | Path = "<input>", *,
                        quoting: TsvQuoting = "auto") -> str:
    """TSV ``text`` with the target field of the row that starts at line ``n`` replaced by
    ``targets[n]``: the source field, the tab and the line end keep their bytes, a quoted target
    stays quoted (``""`` inside), a literal one stays literal. :class:`FormatError` for a row the
    rewrite cannot keep in one line, or a literal target that would need quotes."""
    csv_style = tsv_quoting(text, quoting, path)
    lines = _split_keep(text)
    for number, new in targets.items():
        line = lines[number - 1]
        body, end = line[:len(line) - len(_line_end(line))], _line_end(line)
        split = _quoted_end(body) if csv_style and body.startswith('"') else 0
        tab = body.find("\t", max(split, 0))
        if split == -1 or tab == -1:
            raise FormatError("cannot find this row's target field to rewrite", path=path, line=number)
        old = body[tab + 1:]
        if csv_style and old.startswith('"') and not old.endswith('"'):
            raise FormatError("the target field spans several lines: not rewritten", path=path, line=number)
        needs_quotes = csv_style and (old.startswith('"') or new.startswith('"'))
        if any(char in new for char in "\t\r\n") and not csv_style:
            raise FormatError("the fixed target holds a tab or line break, which a TSV without quoting "
                              "cannot hold", path=path, line=number)
        field = '"' + new.replace('"', '""') + '"' if needs_quotes or any(c in new for c in "\t\r\n") else new
        lines[number - 1] = body[:tab + 1] + field + end
    return "".join(lines)

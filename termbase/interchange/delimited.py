"""CSV and TSV glossaries: the table layout of :mod:`termbase.interchange._table`, and DeepL's
headerless two-column form (source term, target term; one row per source variant).

Files are read as Excel and the glossary services write them: UTF-8 with or without a BOM,
UTF-16 with a BOM (Excel's "Unicode text") or without one, comma, semicolon (Excel where the
decimal mark is a comma) or tab separated, fields quoted when they hold the separator, quotes or
line breaks. A first row whose cells are all column names (language codes such as ``en`` or
``ar``, ``en status`` …) is the header; otherwise the file is the two-column form, read as
``--lang`` (default ``ar,en``): each target term is a concept whose first source term is preferred.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence

from termbase.errors import FormatError, TextDecodingError
from termbase.interchange import _table
from termbase.interchange._table import LANGUAGE_ORDER
from termbase.interchange.base import GlossaryBuilder, InterchangeFormat, select_languages
from termbase.model import Glossary, TermStatus

__all__ = ["CsvFormat", "TsvFormat", "decode_table_text"]

_DELIMITERS = (",", ";", "\t")


def decode_table_text(data: bytes, path: str) -> str:
    """The text of a CSV/TSV file: a BOM picks UTF-8/16/32; BOM-less UTF-16 is recognised by its
    zero bytes; anything else must be UTF-8."""
    from termbase.textio import read_text_bytes

    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and len(data) >= 4:
        sample = data[:4096]
        odd, even = sample[1::2].count(0), sample[0::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            data = codecs.BOM_UTF16_LE + data
        elif even > len(sample) // 4 and odd == 0:
            data = codecs.BOM_UTF16_BE + data
    try:
        return read_text_bytes(data, path)
    except TextDecodingError as exc:
        raise TextDecodingError(f"{exc.detail}; save the sheet as 'CSV UTF-8' or 'Unicode text'",
                                path=path, line=exc.line) from None


def _sniff(text: str) -> str:
    """The separator of the first line: the one of ``, ; tab`` that occurs most outside quotes."""
    first, quoted = [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif not quoted:
            first.append(char)
    counts = {d: first.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _rows(text: str, delimiter: str, path: str) -> Iterator[_table.Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    try:
        for cells in reader:
            yield _table.Row(tuple(cells), start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FormatError(f"malformed {'TSV' if delimiter == chr(9) else 'CSV'}: {exc}", path=path,
                          line=reader.line_num) from None


class _Delimited(InterchangeFormat):
    delimiter: str | None = None
    line_end = "\r\n"

    def __init__(self, *, langs: Sequence[str] | None = None, pairs: bool = False) -> None:
        self.langs = tuple(langs) if langs else ("ar", "en")
        self.pairs = pairs

    def read(self, data: bytes, path: str) -> Glossary:
        text = decode_table_text(data, path)
        builder = GlossaryBuilder(path, data)
        delimiter = _sniff(text) if self.delimiter is None else self.delimiter
        rows = _rows(text, delimiter, path)
        first = next(rows, None)
        if first is not None and _table.is_header(first.cells):
            _table.read_rows(builder, first, rows)
        elif first is not None:
            self._read_pairs(builder, first, rows)
        return builder.build()

    def _read_pairs(self, builder: GlossaryBuilder, first: _table.Row, rows: Iterator[_table.Row]) -> None:
        source, target = self.langs[0], self.langs[1] if len(self.langs) > 1 else "en"
        header = _table.Row((source, f"{source} status", target, f"{target} status", "id"), 0)
        grouped: dict[str, list[_table.Row]] = {}
        for row in [first, *rows]:
            cells = [c.strip() for c in row.cells]
            if not any(cells):
                continue
            if len(cells) != 2 or not all(cells):
                raise builder.fail(f"expected two cells (source term, target term), found {len(cells)}: "
                                   f"{row.cells!r}", row.line)
            grouped.setdefault(cells[1], []).append(row)
        table_rows: list[_table.Row] = []
        for target_text, group in grouped.items():
            concept_id = _unique(target_text, {r.cells[4] for r in table_rows})
            for index, row in enumerate(group):
                status = TermStatus.PREFERRED if index == 0 else TermStatus.ADMITTED
                target_cell = (target_text, TermStatus.PREFERRED.value) if index == 0 else ("", "")
                table_rows.append(_table.Row((row.cells[0].strip(), status.value, *target_cell, concept_id), row.line))
        _table.read_rows(builder, header, table_rows)

    def write(self, glossaries: Sequence[Glossary], *, langs: Sequence[str] | None = None) -> bytes:
        chosen = select_languages(glossaries, langs)
        out = io.StringIO(newline="")
        writer = csv.writer(out, delimiter=self.delimiter or ",", lineterminator=self.line_end)
        if self.pairs:
            source, target = (list(langs) + ["en"])[:2] if langs else list(self.langs[:2])
            seen: set[str] = set()
            for glossary in chosen:
                for concept in glossary.concepts:
                    preferred = concept.preferred(target)
                    if preferred is None:
                        continue
                    for term in concept.terms_in(source):
                        if term.text not in seen:
                            seen.add(term.text)
                            writer.writerow([term.text, preferred.text])
        else:
            header = _table.header_for(chosen, langs)
            writer.writerow(header)
            writer.writerows(_table.table_rows(chosen, header))
        return out.getvalue().encode("utf-8")


def _unique(text: str, used: set[str]) -> str:
    from termbase.interchange.base import slug

    base = slug(text) or "term"
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


class CsvFormat(_Delimited):
    """Comma-separated values (semicolons and tabs recognised on reading)."""

    name = "csv"
    extensions = (".csv",)
    cannot_hold = ("the glossary header (title, description, licence, sources)", LANGUAGE_ORDER)


class TsvFormat(_Delimited):
    """Tab-separated values (DeepL's glossary files)."""

    name = "tsv"
    extensions = (".tsv", ".tab")
    delimiter = "\t"
    line_end = "\n"
    cannot_hold = ("the glossary header (title, description, licence, sources)", LANGUAGE_ORDER)

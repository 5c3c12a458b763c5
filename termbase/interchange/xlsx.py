"""XLSX glossaries (openpyxl): the table layout of CSV in a sheet a terminologist can edit.

The ``termbase`` sheet holds one concept per row group (the rows after a concept's first are
outlined under it), with the header frozen and drop-downs validating statuses, term types,
parts of speech and genders. The ``glossary`` sheet holds the header of each glossary.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from datetime import date, datetime

from termbase.errors import FormatError
from termbase.interchange import _table
from termbase.interchange._table import LANGUAGE_ORDER
from termbase.interchange.base import GlossaryBuilder, InterchangeFormat, select_languages
from termbase.model import Gender, Glossary, GlossaryInfo, PartOfSpeech, TermStatus, TermType

__all__ = ["SHEET", "XlsxFormat"]

SHEET = "termbase"
"""The sheet that holds the concepts."""
_INFO_SHEET = "glossary"
_INFO_FIELDS = ("id", "title", "description", "license", "sources")
_CHOICES = {"status": TermStatus, "type": TermType, "pos": PartOfSpeech, "gender": Gender}


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class XlsxFormat(InterchangeFormat):
    """Excel workbooks (XLSX)."""

    name = "xlsx"
    extensions = (".xlsx",)
    cannot_hold = (LANGUAGE_ORDER,)

    def read(self, data: bytes, path: str) -> Glossary:
        import zipfile

        from openpyxl import load_workbook

        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise FormatError(f"not an XLSX workbook: {exc}", path=path) from None
        try:
            if SHEET not in book.sheetnames:
                sheet = book.worksheets[0]
            else:
                sheet = book[SHEET]
            rows = self._rows(sheet.iter_rows(values_only=True))
            builder = GlossaryBuilder(path, data)
            header = next(rows, None)
            if header is not None:
                if not _table.is_header(header.cells):
                    raise FormatError(f"the first row of sheet {sheet.title!r} is not a header of language codes "
                                      "and fields", path=path, line=1, element=f"sheet {sheet.title}")
                _table.read_rows(builder, header, rows)
            info = self._info(book) if _INFO_SHEET in book.sheetnames else None
        finally:
            book.close()
        return builder.build(info)

    @staticmethod
    def _rows(values: Iterator[tuple[object, ...]]) -> Iterator[_table.Row]:
        for number, row in enumerate(values, start=1):
            yield _table.Row(tuple(_cell_text(v) for v in row), number)

    @staticmethod
    def _info(book: object) -> GlossaryInfo | None:
        sheet = book[_INFO_SHEET]  # type: ignore[index]
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        if len(rows) < 2:
            return None
        fields = dict(zip(rows[0], rows[1], strict=False))
        if not fields.get("id"):
            return None
        return GlossaryInfo(
            id=fields["id"], path="", title=fields.get("title") or None,
            description=fields.get("description") or None, license=fields.get("license") or None,
            sources=tuple(s for s in (fields.get("sources") or "").splitlines() if s),
        )

    def write(self, glossaries: Sequence[Glossary], *, langs: Sequence[str] | None = None) -> bytes:
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        chosen = select_languages(glossaries, langs)
        book = Workbook()
        sheet = book.active
        assert sheet is not None  # noqa: S101 - a new workbook has one sheet
        sheet.title = SHEET
        header = _table.header_for(chosen, langs)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        wrap = Alignment(wrap_text=True, vertical="top")
        previous_id = None
        id_column = header.index("id")
        for row in _table.table_rows(chosen, header):
            sheet.append(row)
            number = sheet.max_row
            if row[id_column] == previous_id:
                sheet.row_dimensions[number].outline_level = 1
            previous_id = row[id_column]
            for cell in sheet[number]:
                if isinstance(cell.value, str) and "\n" in cell.value:
                    cell.alignment = wrap
        last = max(sheet.max_row, 2) + 500
        for column, name in enumerate(header, start=1):
            field = name.partition(" ")[2]
            if field in _CHOICES:
                values = ",".join(str(m.value) for m in _CHOICES[field])
                validation = DataValidation(type="list", formula1=f'"{values}"', allow_blank=True,
                                            showErrorMessage=True, errorTitle=f"Unknown {field}",
                                            error=f"Choose one of: {values}")
                letter = get_column_letter(column)
                validation.add(f"{letter}2:{letter}{last}")
                sheet.add_data_validation(validation)
        info_sheet = book.create_sheet(_INFO_SHEET)
        info_sheet.append(list(_INFO_FIELDS))
        if len(chosen) == 1:
            info = chosen[0].info
            info_sheet.append([info.id, info.title or "", info.description or "", info.license or "",
                               "\n".join(info.sources)])
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

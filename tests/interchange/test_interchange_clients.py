"""Real clients read what termbase writes: translate-toolkit's TBX reader, GNU msgfmt, openpyxl."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from termbase.cli import main
from termbase.interchange import _table
from termbase.model import Glossary, TermStatus


def test_translate_toolkit_reads_the_tbx2_export_with_every_concept(tmp_path: Path, shipped: list[Glossary]) -> None:
    from translate.storage import tbx

    out = tmp_path / "out.tbx"
    assert main(["export", "--to", "tbx2", "--output", str(out)]) == 0
    store = tbx.tbxfile.parsefile(str(out))
    concepts = [c for g in shipped for c in g.concepts]
    assert len(store.units) == len(concepts)
    for unit, concept in zip(store.units, concepts, strict=True):
        # translate-toolkit reads the first term of the first language as the source
        assert unit.source == concept.terms[0].text
        assert unit.getid() == concept.id


def test_msgfmt_check_accepts_the_po_export(tmp_path: Path, shipped: list[Glossary]) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU msgfmt is not installed (Debian package gettext)")
    out = tmp_path / "glossary.po"
    assert main(["export", "--to", "po", "--output", str(out), "--lang", "ar,en"]) == 0
    result = subprocess.run([msgfmt, "--check", "--statistics", "-o", str(tmp_path / "glossary.mo"), str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr
    concepts = sum(len(g.concepts) for g in shipped)
    translated = sum(1 for g in shipped for c in g.concepts if c.preferred("en") and c.preferred("ar"))
    assert f"{translated} translated message" in result.stderr
    assert translated <= concepts


def test_openpyxl_reads_the_xlsx_back_with_the_same_cells(tmp_path: Path, shipped: list[Glossary]) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "glossary.xlsx"
    assert main(["export", "--to", "xlsx", "--output", str(out)]) == 0
    book = load_workbook(out)
    sheet = book["termbase"]
    header = _table.header_for(shipped)
    rows = list(_table.table_rows(shipped, header))
    values = [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0] == header
    assert values[1:] == rows
    status_columns = {f"{lang} status" for lang in ("ar", "en")}
    validated = {}
    for validation in sheet.data_validations.dataValidation:
        column = header[next(iter(validation.sqref.ranges)).min_col - 1]
        validated[column] = validation.formula1
    expected = '"' + ",".join(s.value for s in TermStatus) + '"'
    assert {validated[c] for c in status_columns} == {expected}
    assert sheet.freeze_panes == "A2"

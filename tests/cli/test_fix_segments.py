"""``--fix`` on PO, XLIFF, TSV and aligned inputs: the fixed target written back, every other byte
kept; ``--in-place`` keeps the BOM, the line ends and the mode; the report after the fix agrees."""

from __future__ import annotations

import codecs
import difflib
import os
import stat
from pathlib import Path

import pytest

from termbase.cli import main
from termbase.formats import parse_tsv, read_po, read_xliff

Capsys = pytest.CaptureFixture[str]

SOURCE_1 = "زيارة توكاييف إلى قيرغيزستان."
TARGET_1 = "Tokaev's visit to Kirghizia."
FIXED_1 = "Tokayev's visit to Kyrgyzstan."
SOURCE_2 = "صفقة المعادن الحيوية."
TARGET_2 = "The vital minerals deal."
FIXED_2 = "The critical minerals deal."
CLEAN = ("قيرغيزستان.", "Kyrgyzstan.")


def run(capsys: Capsys, glossary: Path, *argv: str | Path) -> tuple[int, bytes, str]:
    code = main(["check", "-g", str(glossary), *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out.encode(), err


def _changed_lines(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """The lines the fix removed and added (a byte-level diff, line ends included)."""
    old, new = before.decode("utf-8-sig").splitlines(True), after.decode("utf-8-sig").splitlines(True)
    removed = [line for line in difflib.ndiff(old, new) if line.startswith("- ")]
    added = [line for line in difflib.ndiff(old, new) if line.startswith("+ ")]
    return [line[2:] for line in removed], [line[2:] for line in added]


PO = (
    '# a translator comment\nmsgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    f'#: a.txt:1\nmsgid "{SOURCE_1}"\nmsgstr "{TARGET_1}"\n\n'
    f'msgid "{SOURCE_2}"\nmsgstr ""\n"The vital "\n"minerals deal."\n\n'
    f'msgid "{CLEAN[0]}"\nmsgstr "{CLEAN[1]}"\n\n#~ msgid "x"\n#~ msgstr "Kirghizia"\n'
)


def test_po_msgstrs_are_rewritten_and_nothing_else(capsys: Capsys, qa_glossary: Path, tmp_path: Path) -> None:
    path = tmp_path / "news.po"
    path.write_bytes(PO.encode())
    code, _, err = run(capsys, qa_glossary, path, "--fix", "--in-place")
    after = path.read_bytes()
    removed, added = _changed_lines(PO.encode(), after)
    assert removed == [f'msgstr "{TARGET_1}"\n', '"The vital "\n']
    assert added == [f'msgstr "{FIXED_1}"\n', '"The critical "\n']  # the wrapping is kept
    assert [s.target for s in read_po(path)] == [FIXED_1, FIXED_2, CLEAN[1]]
    assert "3 fix(es) applied in 2 segment(s)" in err and code == 0
    assert "#~ msgstr \"Kirghizia\"" in after.decode()  # obsolete entries are not touched


def test_po_fix_to_stdout_and_diff_leave_the_file(capsys: Capsys, qa_glossary: Path, tmp_path: Path) -> None:
    path = tmp_path / "news.po"
    path.write_bytes(PO.encode())
    code, out, _ = run(capsys, qa_glossary, path, "--fix")
    assert path.read_bytes() == PO.encode()
    assert FIXED_1 in out.decode() and out.decode().count("\n") == PO.count("\n")
    code, out, _ = run(capsys, qa_glossary, path, "--diff")
    assert f"-msgstr \"{TARGET_1}\"" in out.decode() and f"+msgstr \"{FIXED_1}\"" in out.decode()
    assert path.read_bytes() == PO.encode()


def test_tsv_targets_keep_quoting_bom_and_crlf(capsys: Capsys, qa_glossary: Path, tmp_path: Path) -> None:
    rows = (f'source\ttarget\r\n{SOURCE_1}\t{TARGET_1}\r\n"{SOURCE_2}"\t"{TARGET_2}"\r\n'
            f'{CLEAN[0]}\t{CLEAN[1]}\r\n')
    path = tmp_path / "pairs.tsv"
    data = codecs.BOM_UTF8 + rows.encode()
    path.write_bytes(data)
    path.chmod(0o640)
    code, _, err = run(capsys, qa_glossary, path, "--fix", "--in-place")
    after = path.read_bytes()
    assert after.startswith(codecs.BOM_UTF8) and after.count(b"\r\n") == 4
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    removed, added = _changed_lines(data, after)
    assert removed == [f"{SOURCE_1}\t{TARGET_1}\r\n", f'"{SOURCE_2}"\t"{TARGET_2}"\r\n']
    assert added == [f"{SOURCE_1}\t{FIXED_1}\r\n", f'"{SOURCE_2}"\t"{FIXED_2}"\r\n']
    assert [s.target for s in parse_tsv(after.decode("utf-8-sig"))] == [FIXED_1, FIXED_2, CLEAN[1]]
    assert code == 0, err


def test_aligned_target_lines_are_rewritten(capsys: Capsys, qa_glossary: Path, tmp_path: Path) -> None:
    source, target = tmp_path / "a.ar.txt", tmp_path / "a.en.txt"
    source.write_text(f"{SOURCE_1}\n\n{SOURCE_2}\n{CLEAN[0]}\n", encoding="utf-8")
    text = f"{TARGET_1}\n\n{TARGET_2}\n{CLEAN[1]}"  # no line end at the end: kept so
    target.write_text(text, encoding="utf-8")
    fixed = tmp_path / "fixed.en.txt"
    code, _, _ = run(capsys, qa_glossary, "--aligned", source, target, "--fix", "--fixed", fixed)
    assert fixed.read_text(encoding="utf-8") == f"{FIXED_1}\n\n{FIXED_2}\n{CLEAN[1]}"
    assert target.read_text(encoding="utf-8") == text and code == 0


XLIFF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ar" trgLang="en">\n'
    ' <file id="f">\n'
    f'  <unit id="u1"><segment><source>{SOURCE_1}</source><target>{TARGET_1}</target></segment></unit>\n'
    f'  <unit id="u2"><segment state="translated"><source>{SOURCE_2}</source>\n'
    f'   <target>The vital minerals &amp; ores deal.</target></segment></unit>\n'
    f'  <unit id="u3"><segment><source>{SOURCE_1}</source><target><pc id="1">Tokaev</pc>\'s visit to Kirghizia.'
    '</target></segment></unit>\n'
    ' </file>\n</xliff>\n'
)


def test_xliff_plain_targets_are_rewritten_marked_up_ones_left(capsys: Capsys, qa_glossary: Path,
                                                               tmp_path: Path) -> None:
    path = tmp_path / "news.xlf"
    path.write_bytes(XLIFF.encode())
    code, _, err = run(capsys, qa_glossary, path, "--fix", "--in-place", "--fail-on", "warning")
    after = path.read_bytes().decode()
    assert after == XLIFF.replace(f"<target>{TARGET_1}</target>", f"<target>{FIXED_1}</target>", 1).replace(
        "The vital minerals &amp; ores", "The critical minerals &amp; ores")
    assert "not fixed" in err and "u3" in err
    targets = {s.id: s.target for s in read_xliff(path)}
    assert targets["u1"] == FIXED_1 and targets["u2"] == "The critical minerals & ores deal."
    assert code == 1  # u3 keeps its deprecated spellings (warnings): the report after the fix says so


def test_fix_refuses_standard_input_for_segmented_input(capsys: Capsys, qa_glossary: Path) -> None:
    code, _, err = run(capsys, qa_glossary, "--aligned", "-", "x.txt", "--fix")
    assert code == 2 and "standard input" in err

"""Where ``termbase check`` writes: ``-o``, ``--fixed`` and ``--in-place`` on odd paths.

Each case once went wrong: a BOM dropped by ``--in-place``, a symlink replaced instead of the file
it points to, ``/dev/null`` renamed over, tracebacks for a folder or a full disk.
"""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from termbase.cli import main

NEWS_PO = Path(__file__).resolve().parents[1] / "data" / "formats" / "news-ar-en.po"
DRAFT = "Tokaev's visit to Kirghizia.\r\nThe vital minerals deal.\r\n"
FIXED = "Tokayev's visit to Kyrgyzstan.\r\nThe critical minerals deal.\r\n"


def _check(capsys: pytest.CaptureFixture[str], glossary: Path, *argv: str | Path) -> tuple[int, str, str]:
    code = main(["check", "-g", str(glossary), "--target-only", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_in_place_keeps_bom_and_line_ends(capsys: pytest.CaptureFixture[str], qa_glossary: Path,
                                          tmp_path: Path) -> None:
    draft = tmp_path / "draft.en.txt"
    draft.write_bytes(codecs.BOM_UTF8 + DRAFT.encode("utf-8"))
    code, _, _ = _check(capsys, qa_glossary, draft, "--fix", "--in-place")
    assert code == 0
    assert draft.read_bytes() == codecs.BOM_UTF8 + FIXED.encode("utf-8")


def test_fixed_copy_keeps_the_drafts_encoding(capsys: pytest.CaptureFixture[str], qa_glossary: Path,
                                              tmp_path: Path) -> None:
    draft = tmp_path / "draft.en.txt"
    draft.write_bytes(codecs.BOM_UTF16_LE + DRAFT.encode("utf-16-le"))
    fixed = tmp_path / "out" / "fixed.en.txt"  # the folder does not exist yet
    _check(capsys, qa_glossary, draft, "--fix", "--fixed", fixed)
    assert fixed.read_bytes() == codecs.BOM_UTF16_LE + FIXED.encode("utf-16-le")


def test_in_place_through_a_symlink_fixes_the_real_file(capsys: pytest.CaptureFixture[str], qa_glossary: Path,
                                                        tmp_path: Path) -> None:
    real = tmp_path / "work" / "draft.en.txt"
    real.parent.mkdir()
    real.write_text(DRAFT, encoding="utf-8", newline="")
    link = tmp_path / "draft-link.txt"
    link.symlink_to(real)
    _check(capsys, qa_glossary, link, "--fix", "--in-place")
    assert link.is_symlink()
    assert real.read_bytes() == FIXED.encode("utf-8")


def test_report_to_a_folder_is_refused_before_any_work(capsys: pytest.CaptureFixture[str], qa_glossary: Path,
                                                       tmp_path: Path) -> None:
    draft = tmp_path / "draft.en.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, err = _check(capsys, qa_glossary, draft, "-o", tmp_path)
    assert code == 2 and out == ""
    assert err == f"termbase: error: {tmp_path}: is a folder: give the name of a file to write\n"


def test_report_to_dev_null_leaves_dev_null(capsys: pytest.CaptureFixture[str], qa_glossary: Path,
                                            tmp_path: Path) -> None:
    draft = tmp_path / "draft.en.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    null = "/dev/null"
    if os.geteuid() == 0:  # as root a regression would replace the machine's /dev/null: use our own
        null = str(tmp_path / "null")
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    before = os.stat(null)
    code, out, _ = _check(capsys, qa_glossary, draft, "-o", null, "--fail-on", "never")
    after = os.stat(null)
    assert code == 0 and out == ""
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_report_into_a_missing_folder(capsys: pytest.CaptureFixture[str], qa_glossary: Path, tmp_path: Path) -> None:
    draft = tmp_path / "draft.en.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    report = tmp_path / "reports" / "ci" / "check.xml"
    code, _, _ = _check(capsys, qa_glossary, draft, "-o", report, "--format", "junit")
    assert code == 1 and report.read_bytes().startswith(b"<?xml")


def test_annotated_po_into_a_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    annotated = tmp_path / "out" / "po" / "news.po"
    code = main(["check", str(NEWS_PO), "--annotate", str(annotated), "--fail-on", "never"])
    capsys.readouterr()
    assert code == 0
    assert annotated.read_bytes().count(b"msgid ") == NEWS_PO.read_bytes().count(b"msgid ")


@pytest.mark.parametrize("option", ["-o", "--fixed", "--annotate"])
def test_every_output_naming_a_folder_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 option: str) -> None:
    po = tmp_path / "news.po"
    po.write_bytes(NEWS_PO.read_bytes())
    folder = tmp_path / "reports"
    folder.mkdir()
    fix = ["--fix"] if option == "--fixed" else []
    code = main(["check", str(po), *fix, option, str(folder)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.endswith(f"termbase: error: {folder}: is a folder: give the name of a file to write\n"), err
    assert "Traceback" not in err and po.read_bytes() == NEWS_PO.read_bytes() and not any(folder.iterdir())

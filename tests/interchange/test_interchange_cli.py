"""``termbase export``, ``convert`` and ``import``, layering and ``--glossary`` in every format."""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

from termbase import Termbase
from termbase.cli import main
from termbase.glossary import load_glossaries, load_glossary, shipped_glossary_paths
from termbase.interchange import read_glossary_file
from termbase.model import Glossary, TermStatus

REPO = Path(__file__).resolve().parents[2]
C5 = REPO / "glossaries" / "c5plus1.yaml"

PROJECT = """\
glossary:
  id: project
concepts:
- id: kassym-jomart-tokayev
  overrides: kassym-jomart-tokayev
  terms:
    en:
    - {term: Kassym-Jomart Tokayev, status: preferred, pos: properNoun}
    - {term: Tokayev, status: forbidden, note: house style writes the full name}
    ar:
    - {term: قاسم جومارت توكاييف, status: preferred}
- id: house-term
  terms:
    en:
    - {term: Nur-Sultan, status: preferred}
"""


@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "csv", "tsv", "xlsx", "po"])
def test_export_then_glossary_option_reads_every_format(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"c5.{'tbx' if fmt == 'tbx2' else fmt}"
    assert main(["export", "--to", fmt, "--output", str(out), "--glossary", str(C5)]) == 0
    capsys.readouterr()
    assert main(["lookup", "Tokaev", "--glossary", str(out), "--format", "json"]) == 0
    assert '"concept": "kassym-jomart-tokayev"' in capsys.readouterr().out


def test_glossary_option_takes_a_folder_of_mixed_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "glossaries"
    folder.mkdir()
    shutil.copy(C5, folder / "c5plus1.yaml")
    assert main(["export", "--to", "csv", "--output", str(folder / "world.csv"),
                 "--glossary", str(REPO / "glossaries" / "world-countries.yaml")]) == 0
    capsys.readouterr()
    assert main(["stats", "--glossary", str(folder), "--format", "json"]) == 0
    total = capsys.readouterr().out
    expected = len(load_glossary(C5).concepts) + len(load_glossary(REPO / "glossaries" / "world-countries.yaml").concepts)
    assert f'"concepts": {expected}' in total


def test_export_lang_keeps_only_those_languages_in_that_order(tmp_path: Path) -> None:
    out = tmp_path / "en.csv"
    assert main(["export", "--to", "csv", "--output", str(out), "--glossary", str(C5), "--lang", "en"]) == 0
    glossary = read_glossary_file(out)
    assert {t.lang for c in glossary.concepts for t in c.terms} == {"en"}
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith("en,id,")


def test_convert_picks_formats_from_the_names_and_round_trips(tmp_path: Path) -> None:
    tbx, xlsx, back = tmp_path / "c5.tbx", tmp_path / "c5.xlsx", tmp_path / "c5.yaml"
    assert main(["convert", str(C5), str(tbx)]) == 0
    assert main(["convert", str(tbx), str(xlsx)]) == 0
    assert main(["convert", str(xlsx), str(back)]) == 0
    original = load_glossary(C5)
    again = load_glossary(back)
    order = ["ar", "en"]
    assert [c.id for c in again.concepts] == [c.id for c in original.concepts]
    assert [sorted((t.lang, t.text, t.status) for t in c.terms) for c in again.concepts] == \
        [sorted((t.lang, t.text, t.status) for t in c.terms) for c in original.concepts]
    assert all(c.languages == tuple(lang for lang in order if lang in c.languages) for c in again.concepts)


def test_convert_with_explicit_formats_and_a_wrong_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "c5.data"
    assert main(["convert", str(C5), str(odd), "--to", "tbx2"]) == 0
    assert odd.read_bytes().count(b"<termEntry ") == len(load_glossary(C5).concepts)
    assert main(["convert", str(odd), str(tmp_path / "x.yaml")]) == 2
    assert "cannot tell the glossary format" in capsys.readouterr().err
    assert main(["convert", str(odd), str(tmp_path / "x.yaml"), "--from", "tbx2"]) == 0


def _clashing_tbx(tmp_path: Path) -> Path:
    """The shipped c5plus1 glossary as TBX with Tokayev's English preferred term changed, a new
    concept whose form is another concept's, and a new concept that clashes with nothing."""
    tbx = tmp_path / "vendor.tbx"
    assert main(["export", "--to", "tbx", "--output", str(tbx), "--glossary", str(C5)]) == 0
    text = tbx.read_text(encoding="utf-8")
    text = text.replace("<term>Kassym-Jomart Tokayev</term>", "<term>Qasym-Jomart Toqayev</term>", 1)
    extra = ('<conceptEntry id="tokayev-the-surname"><langSec xml:lang="en"><termSec><term>Tokayev</term>'
             '</termSec></langSec></conceptEntry><conceptEntry id="vendor-only"><langSec xml:lang="en"><termSec>'
             '<term>vendor-only term</term></termSec></langSec></conceptEntry></body>')
    tbx.write_text(text.replace("</body>", extra), encoding="utf-8")
    return tbx


def test_import_lists_every_conflict_and_leaves_the_target_byte_identical(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tbx = _clashing_tbx(tmp_path)
    target = tmp_path / "project.yaml"
    target.write_bytes(codecs.BOM_UTF8 + b"# project terms\r\nglossary:\r\n  id: project\r\nconcepts:\r\n"
                       b"- id: astana-x\r\n  terms:\r\n    en:\r\n    - {term: Astana X, status: preferred}\r\n")
    before = target.read_bytes()
    capsys.readouterr()
    assert main(["import", str(tbx), "--into", str(target)]) == 1
    out = capsys.readouterr().out
    assert "two-preferred [kassym-jomart-tokayev]" in out and "'Qasym-Jomart Toqayev'" in out
    assert "id-clash [kassym-jomart-tokayev]" in out
    assert "shared-form [tokayev-the-surname]" in out and "'kassym-jomart-tokayev'" in out
    assert out.count("conflict: ") == 3
    assert "is unchanged" in out
    assert target.read_bytes() == before


def test_import_accept_theirs_writes_overrides_and_keeps_every_other_byte(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tbx = _clashing_tbx(tmp_path)
    target = tmp_path / "project.yaml"
    head = codecs.BOM_UTF8 + b"# project terms\r\nglossary:\r\n  id: project\r\nconcepts:\r\n"
    first = b"- id: astana-x\r\n  terms:\r\n    en:\r\n    - {term: Astana X, status: preferred}\r\n"
    target.write_bytes(head + first)
    assert main(["import", str(tbx), "--into", str(target), "--accept", "theirs"]) == 0
    data = target.read_bytes()
    assert data.startswith(head + first)
    assert b"\n" not in data.replace(b"\r\n", b"")  # line ends kept
    merged = load_glossaries(add=[target])
    concepts = {c.id: c for g in merged for c in g.concepts}
    tokayev = concepts["kassym-jomart-tokayev"]
    assert tokayev.overrides == "kassym-jomart-tokayev" and tokayev.glossary == "project"
    assert tokayev.preferred("en") is not None and tokayev.preferred("en").text == "Qasym-Jomart Toqayev"
    assert {"vendor-only", "tokayev-the-surname", "astana-x"} <= set(concepts)
    assert "c5plus1" not in {concepts[c].glossary for c in ("kassym-jomart-tokayev",)}


def test_import_accept_ours_adds_only_what_does_not_clash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tbx = _clashing_tbx(tmp_path)
    target = tmp_path / "project.yaml"
    assert main(["import", str(tbx), "--into", str(target), "--accept", "ours"]) == 0
    concepts = {c.id for c in load_glossary(target).concepts}
    assert concepts == {"vendor-only"}


def test_importing_the_same_glossary_again_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tbx = tmp_path / "c5.tbx"
    target = tmp_path / "c5.yaml"
    shutil.copy(C5, target)
    assert main(["export", "--to", "tbx", "--output", str(tbx), "--glossary", str(C5)]) == 0
    before = target.read_bytes()
    assert main(["import", str(tbx), "--into", str(target), "--glossary", str(target)]) == 0
    assert target.read_bytes() == before
    assert "0 new" in capsys.readouterr().out


def _project(tmp_path: Path) -> Path:
    path = tmp_path / "project.yaml"
    path.write_text(PROJECT, encoding="utf-8")
    return path


def test_a_layer_overrides_a_shipped_concept_and_reports_what_it_makes_ambiguous(tmp_path: Path) -> None:
    termbase = Termbase.load(add=[_project(tmp_path)])
    shipped = Termbase.load()
    assert len(termbase) == len(shipped) + 1
    tokayev = termbase.concept("kassym-jomart-tokayev")
    assert [t.status for t in tokayev.terms_in("en") if t.text == "Tokayev"] == [TermStatus.FORBIDDEN]
    ambiguous = [f for f in termbase.layer_findings if f.concept == "house-term"]
    assert len(ambiguous) == 1 and "'Nur-Sultan'" in ambiguous[0].message and "'astana'" in ambiguous[0].message
    assert ambiguous[0].line == 15
    # the overriding concept itself makes nothing ambiguous with the concept it replaces
    assert all(f.concept != "kassym-jomart-tokayev" for f in termbase.layer_findings)


def test_add_glossary_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    assert main(["lookup", "Tokayev", "--add-glossary", str(project), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert '"status": "forbidden"' in captured.out
    assert "warning:" in captured.err and "house-term" in captured.err
    out = tmp_path / "all.tbx"
    assert main(["export", "--to", "tbx", "--output", str(out), "--add-glossary", str(project)]) == 0
    exported = read_glossary_file(out)
    assert sum(1 for c in exported.concepts if c.id == "kassym-jomart-tokayev") == 1


def test_a_duplicate_id_without_overrides_is_still_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = _project(tmp_path)
    project.write_text(PROJECT.replace("  overrides: kassym-jomart-tokayev\n", ""), encoding="utf-8")
    assert main(["lookup", "Tokayev", "--add-glossary", str(project)]) == 2
    assert "add 'overrides: kassym-jomart-tokayev'" in capsys.readouterr().err


def test_overriding_an_unknown_concept_is_an_error(tmp_path: Path) -> None:
    project = _project(tmp_path)
    project.write_text(PROJECT.replace("overrides: kassym-jomart-tokayev", "overrides: nobody"), encoding="utf-8")
    with pytest.raises(Exception, match="overrides 'nobody', which no earlier glossary defines"):
        load_glossaries([*shipped_glossary_paths()], add=[project])


def test_python_api_loads_layers_in_order(tmp_path: Path) -> None:
    first = _project(tmp_path)
    second = tmp_path / "second.yaml"
    second.write_text("concepts:\n- id: house-term\n  overrides: house-term\n  terms:\n    en:\n"
                      "    - {term: House Term, status: preferred}\n", encoding="utf-8")
    termbase = Termbase.load(add=[first, second])
    assert termbase.concept("house-term").preferred("en").text == "House Term"  # type: ignore[union-attr]
    assert termbase.layer_findings == ()  # the second layer replaced the house term that shared a form



"""CSV and TSV as Excel, Google and DeepL write them: encodings, separators, quoting, layouts."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from termbase.cli import main
from termbase.errors import FormatError, TextDecodingError
from termbase.interchange import get_format, read_glossary_file
from termbase.model import TermStatus

GOOGLE = "en,ar\nKazakhstan,كازاخستان\nAstana,أستانا\n"
"""Google's equivalent term sets: a header of language codes, one concept per row."""

DEEPL = "قرغيزستان\tKyrgyzstan\nقيرغيزستان\tKyrgyzstan\nتوكاييف\tTokayev\n"
"""DeepL's glossary TSV: no header, source and target, one row per source variant."""


def _terms(path: Path) -> list[tuple[str, str, str, TermStatus]]:
    return [(c.id, t.lang, t.text, t.status) for c in read_glossary_file(path).concepts for t in c.terms]


@pytest.mark.parametrize(("encoding", "separator"), [
    ("utf-8", ","), ("utf-8-sig", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("utf-16-le", "\t"),
    ("utf-16-be", ","),
], ids=["utf8", "utf8-bom", "excel-semicolon", "excel-unicode-text", "utf16le-no-bom", "utf16be-no-bom"])
def test_google_layout_in_every_excel_encoding(tmp_path: Path, encoding: str, separator: str) -> None:
    path = tmp_path / "google.csv"
    path.write_bytes(GOOGLE.replace(",", separator).encode(encoding))
    assert _terms(path) == [
        ("kazakhstan", "en", "Kazakhstan", TermStatus.PREFERRED), ("kazakhstan", "ar", "كازاخستان", TermStatus.PREFERRED),
        ("astana", "en", "Astana", TermStatus.PREFERRED), ("astana", "ar", "أستانا", TermStatus.PREFERRED),
    ]


def test_deepl_two_column_file_groups_variants_under_their_target(tmp_path: Path) -> None:
    path = tmp_path / "deepl.tsv"
    path.write_text(DEEPL, encoding="utf-8")
    assert _terms(path) == [
        ("kyrgyzstan", "ar", "قرغيزستان", TermStatus.PREFERRED), ("kyrgyzstan", "ar", "قيرغيزستان", TermStatus.ADMITTED),
        ("kyrgyzstan", "en", "Kyrgyzstan", TermStatus.PREFERRED),
        ("tokayev", "ar", "توكاييف", TermStatus.PREFERRED), ("tokayev", "en", "Tokayev", TermStatus.PREFERRED),
    ]


def test_deepl_pairs_export_lists_every_source_variant_once(tmp_path: Path) -> None:
    out = tmp_path / "deepl.tsv"
    c5 = Path(__file__).resolve().parents[2] / "glossaries" / "c5plus1.yaml"
    assert main(["export", "--to", "tsv", "--layout", "pairs", "--lang", "ar,en", "--output", str(out),
                 "--glossary", str(c5)]) == 0
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(len(row) == 2 for row in rows)
    sources = [row[0] for row in rows]
    assert len(sources) == len(set(sources))  # DeepL refuses a source listed twice
    assert ["توكايف", "Kassym-Jomart Tokayev"] in rows  # an admitted Arabic variant → the preferred English term


def test_quoting_of_commas_quotes_and_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "quoted.csv"
    path.write_text('en,ar,en definition,note\n"Smith, John","سميث، جون","He said ""no"",\nthen left.",'
                    '"first note\nsecond note"\n', encoding="utf-8")
    concept = read_glossary_file(path).concepts[0]
    assert [t.text for t in concept.terms] == ["Smith, John", "سميث، جون"]
    assert concept.definitions["en"] == 'He said "no",\nthen left.'
    assert concept.notes == ("first note", "second note")
    back = get_format("csv").read(get_format("csv").write([read_glossary_file(path)]), "again.csv").concepts[0]
    assert (back.definitions, back.notes) == (concept.definitions, concept.notes)
    assert sorted(back.terms, key=lambda t: t.lang) == sorted(concept.terms, key=lambda t: t.lang)


def test_an_unknown_column_and_an_unknown_status_are_located(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("en,en status,colour\nAstana,preferred,blue\n", encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        read_glossary_file(path)
    assert (caught.value.line, caught.value.element) == (1, "column 3")
    path.write_text("en,en status\nAstana,preferred\nAkmola,approved\n", encoding="utf-8")
    with pytest.raises(FormatError, match="unknown status 'approved'") as caught:
        read_glossary_file(path)
    assert caught.value.line == 3


def test_a_legacy_code_page_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "cp1256.csv"
    path.write_bytes("en,ar\nKazakhstan,كازاخستان\n".encode("cp1256"))
    with pytest.raises(TextDecodingError, match="CSV UTF-8"):
        read_glossary_file(path)


def test_an_unterminated_quote_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "open.csv"
    path.write_text('en,ar\nAstana,"أستانا\n', encoding="utf-8")
    with pytest.raises(FormatError, match="malformed CSV"):
        read_glossary_file(path)

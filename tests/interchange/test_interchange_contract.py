"""One contract for every glossary format: round trip, Arabic and RTL text, bidi marks, an empty
glossary, one-language entries, every status, malformed input.

Each format subclasses :class:`GlossaryFormatContract` (translate-toolkit ``test_base.py`` style)
and says what the format cannot hold (``project``), which the README states too.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar

import pytest

from termbase.errors import TermbaseError
from termbase.interchange import get_format
from termbase.interchange.base import InterchangeFormat
from termbase.model import Concept, Gender, Glossary, GlossaryInfo, HistoryEvent, PartOfSpeech, Term, TermStatus, TermType

README = Path(__file__).resolve().parents[2] / "README.md"

RLM, LRM, RLE, PDF = "\u200f", "\u200e", "\u202b", "\u202c"


def _concepts() -> tuple[Concept, ...]:
    """Concepts that use every field, every status, both scripts, bidi marks and one-language entries."""
    return (
        Concept(
            id="kassym-jomart-tokayev", subject="politics",
            definitions=MappingProxyType({"en": "President of Kazakhstan since 2019.",
                                          "ar": "رئيس كازاخستان منذ 2019."}),
            notes=("Arabic press writes both توكاييف and توكايف.", 'He said: "yes", & <no>; a; b'),
            related=("kazakhstan",), sources=("https://www.akorda.kz/en",),
            xrefs=("https://www.wikidata.org/wiki/Q24950",), graphics=("https://example.org/tokayev.png",),
            customer="newsroom",
            history=(HistoryEvent("origination", "2024-01-02", "tester"), HistoryEvent("modification", "2025-03-04")),
            glossary="contract",
            terms=(
                Term("Kassym-Jomart Tokayev", "en", TermStatus.PREFERRED, TermType.FULL_FORM, PartOfSpeech.PROPER_NOUN,
                     usage="en-GB", context="President Kassym-Jomart Tokayev met the delegation.",
                     notes=("official spelling",), sources=("akorda.kz", "AP style"), customer="wire"),
                Term("Tokayev", "en", TermStatus.ADMITTED, TermType.SHORT_FORM, PartOfSpeech.PROPER_NOUN),
                Term("Tokaev", "en", TermStatus.DEPRECATED, TermType.TRANSLITERATED_FORM, notes=("older romanisation",)),
                Term("Tokajev", "en", TermStatus.FORBIDDEN, TermType.ROMANIZED_FORM, case_sensitive=True),
                Term("قاسم جومارت توكاييف", "ar", TermStatus.PREFERRED, TermType.FULL_FORM, PartOfSpeech.PROPER_NOUN,
                     gender=Gender.MASCULINE),
                Term(f"{RLE}توكايف{PDF}{RLM}", "ar", TermStatus.ADMITTED, TermType.SHORT_FORM),
            ),
        ),
        Concept(id="kazakhstan", glossary="contract", related=("kassym-jomart-tokayev",), terms=(
            Term("كازاخستان", "ar", TermStatus.PREFERRED, TermType.FULL_FORM, PartOfSpeech.PROPER_NOUN,
                 gender=Gender.FEMININE),
            Term(f"Kazakhstan{LRM}", "en", TermStatus.PREFERRED, TermType.FULL_FORM, PartOfSpeech.PROPER_NOUN),
            Term("KZ", "en", TermStatus.ADMITTED, TermType.ABBREVIATION, case_sensitive=True),
        )),
        Concept(id="arabic-only", glossary="contract", terms=(
            Term("الأونروا", "ar", TermStatus.PREFERRED, TermType.ACRONYM, PartOfSpeech.PROPER_NOUN),
        )),
        Concept(id="english-only", glossary="contract", subject="economy", terms=(
            Term("critical minerals", "en", TermStatus.PREFERRED, pos=PartOfSpeech.NOUN),
            Term("strategic minerals", "en", TermStatus.FORBIDDEN, TermType.VARIANT, PartOfSpeech.NOUN,
                 notes=("a different concept in US law",)),
        )),
        Concept(id="5-plus-1", glossary="contract", terms=(
            Term("C5+1", "en", TermStatus.PREFERRED, TermType.ACRONYM, PartOfSpeech.PROPER_NOUN),
            Term("5+1", "ar", TermStatus.PREFERRED, TermType.SYMBOL),
        )),
    )


INFO = GlossaryInfo(id="contract", path="", title="Contract glossary", description="Every field, both scripts.",
                    license="CC0-1.0", sources=("written for the tests", "a second source"))


def _glossary(concepts: tuple[Concept, ...]) -> Glossary:
    return Glossary(INFO, concepts, {}, {})


class GlossaryFormatContract:
    """The tests every glossary format passes; subclasses name the format and what it drops."""

    format_name: ClassVar[str]
    suffix: ClassVar[str]
    #: bytes no reader of this format may accept, and the line its error must name (None: any)
    malformed: ClassVar[bytes]
    malformed_line: ClassVar[int | None] = None
    holds_header: ClassVar[bool] = True

    def fmt(self) -> InterchangeFormat:
        return get_format(self.format_name)

    def project(self, concept: Concept) -> Concept:
        """``concept`` as this format holds it (the format's stated limits applied)."""
        return concept

    def round_trip(self, concepts: tuple[Concept, ...], tmp_path: Path) -> Glossary:
        path = tmp_path / f"glossary{self.suffix}"
        path.write_bytes(self.fmt().write([_glossary(concepts)]))
        return self.fmt().read(path.read_bytes(), str(path))

    # --- the contract -------------------------------------------------------------------------

    def test_round_trip_keeps_every_field_it_can_hold(self, tmp_path: Path) -> None:
        back = self.round_trip(_concepts(), tmp_path)
        assert back.concepts == tuple(self.project(c) for c in _concepts())
        if self.holds_header:
            assert replace(back.info, path="", digest="") == INFO

    def test_arabic_rtl_and_bidi_marks_survive(self, tmp_path: Path) -> None:
        back = self.round_trip(_concepts(), tmp_path)
        texts = {t.text for c in back.concepts for t in c.terms}
        assert f"{RLE}توكايف{PDF}{RLM}" in texts
        assert f"Kazakhstan{LRM}" in texts
        assert "قاسم جومارت توكاييف" in texts

    def test_every_status_survives(self, tmp_path: Path) -> None:
        back = self.round_trip(_concepts(), tmp_path)
        assert {t.status for c in back.concepts for t in c.terms} == set(TermStatus)

    def test_one_language_entries(self, tmp_path: Path) -> None:
        back = {c.id: c for c in self.round_trip(_concepts(), tmp_path).concepts}
        assert back["arabic-only"].languages == ("ar",)
        assert back["english-only"].languages == ("en",)

    def test_empty_glossary(self, tmp_path: Path) -> None:
        assert self.round_trip((), tmp_path).concepts == ()

    def test_malformed_input_is_an_error_naming_the_file(self, tmp_path: Path) -> None:
        path = tmp_path / f"broken{self.suffix}"
        path.write_bytes(self.malformed)
        with pytest.raises(TermbaseError) as caught:
            self.fmt().read(path.read_bytes(), str(path))
        assert getattr(caught.value, "path", None) == str(path)
        if self.malformed_line is not None:
            assert getattr(caught.value, "line", None) == self.malformed_line

    def test_readme_states_what_the_format_cannot_hold(self) -> None:
        readme = " ".join(README.read_text(encoding="utf-8").split())
        for limit in type(self.fmt()).cannot_hold:
            assert limit in readme, (self.format_name, limit)


def _table_order(concept: Concept) -> Concept:
    """Tables list the language columns in one order (ar, en), so a concept's terms follow it."""
    order = ["ar", "en"]
    return replace(concept, terms=tuple(sorted(concept.terms, key=lambda t: order.index(t.lang))))


class TestTbx(GlossaryFormatContract):
    format_name, suffix = "tbx", ".tbx"
    malformed = (b'<?xml version="1.0"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en" '
                 b'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc>'
                 b'</fileDesc></tbxHeader><text><body>\n<conceptEntry id="a"><langSec xml:lang="en">\n'
                 b'<termSec><termNote type="partOfSpeech">noun</termNote><term>late</term></termSec>'
                 b'</langSec></conceptEntry></body></text></tbx>')
    malformed_line = 4


class TestTbx2(GlossaryFormatContract):
    format_name, suffix = "tbx2", ".tbx"
    malformed = b'<?xml version="1.0"?>\n<martif type="TBX-Basic" xml:lang="en">\n<martifHeader>\n</martif>\n'
    malformed_line = 4


class TestCsv(GlossaryFormatContract):
    format_name, suffix = "csv", ".csv"
    malformed = 'ar,en,en status\nكازاخستان,Kazakhstan,approved\n'.encode()
    malformed_line = 2
    holds_header = False

    def project(self, concept: Concept) -> Concept:
        return _table_order(concept)


class TestTsv(TestCsv):
    format_name, suffix = "tsv", ".tsv"
    malformed = 'ar\ten\tcolour\nكازاخستان\tKazakhstan\tred\n'.encode()
    malformed_line = 1


class TestXlsx(GlossaryFormatContract):
    format_name, suffix = "xlsx", ".xlsx"
    malformed = b"PK\x03\x04 this is not a zip archive"

    def project(self, concept: Concept) -> Concept:
        return _table_order(concept)


class TestPo(GlossaryFormatContract):
    format_name, suffix = "po", ".po"
    malformed = b'msgid "a"\nmsgstr "b"\n\nmsgid "unterminated\nmsgstr ""\n'
    malformed_line = 4

    def project(self, concept: Concept) -> Concept:
        """PO keeps terms and statuses, not term fields, and lists each language preferred first."""
        order = list(dict.fromkeys(["ar", "en", *concept.languages]))
        if "ar" not in concept.languages:
            order = list(concept.languages)
        terms = tuple(
            Term(t.text, t.lang, t.status)
            for t in sorted(concept.terms, key=lambda t: (order.index(t.lang), t.status.rank))
        )
        return replace(concept, terms=terms)


class TestYaml(GlossaryFormatContract):
    format_name, suffix = "yaml", ".yaml"
    malformed = b"glossary:\n  id: x\nconcepts:\n- id: a\n  terms: {en: [{term: a, status: approved}]}\n"
    malformed_line = 5

    def project(self, concept: Concept) -> Concept:
        return replace(concept, glossary="glossary")

    def test_round_trip_keeps_every_field_it_can_hold(self, tmp_path: Path) -> None:
        back = self.round_trip(_concepts(), tmp_path)
        assert back.concepts == tuple(replace(c, glossary="contract") for c in _concepts())
        assert replace(back.info, path="", digest="") == INFO

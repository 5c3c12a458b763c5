"""XLIFF 1.2 and 2.0 readers: text content of inline markup, official samples, broken files."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from termbase.errors import FormatError
from termbase.formats.xliff import XLIFF_1_2_NS, XLIFF_2_NS, parse_xliff, read_xliff

# --- Arabic -> English files with inline markup (tests/data/formats) -------------------------

EXPECTED_1_2 = [
    ("1", "مجلس الأمن يعقد جلسة طارئة", "Security Council holds emergency session"),
    ("2", "قال الأمين العام إن الوكالة الدولية للطاقة الذرية ستقدم تقريرها",
     "The Secretary-General said the International Atomic Energy Agency will present its report"),
    ("3", "صندوق النقد الدولي يوافق على قرض", "The International Monetary Fund approves a loan"),
    ("4", "منظمة الصحة العالمية تحذر", ""),
    ("5/1", "وزير الخارجية الأمريكي يزور الرياض.", "The US Secretary of State visits Riyadh."),
    ("5/2", "ثم يتوجه إلى القاهرة.", "He then travels to Cairo."),
]

EXPECTED_2_0 = [
    ("u1/s1", "مجلس الأمن يعقد جلسة طارئة", "Security Council holds emergency session"),
    ("u2", "قال الأمين العام إن الوكالة الدولية للطاقة الذرية ستقدم تقريرها",
     "The Secretary-General said the International Atomic Energy Agency will present its report"),
    ("u3/1", "صندوق النقد الدولي يوافق على قرض لمصر", "The International Monetary Fund approves a loan for Egypt"),
    ("u3/2", "منظمة الصحة العالمية\u200f تحذر", ""),
    ("u4#1", "وزير الخارجية الأمريكي يزور الرياض.", "The US Secretary of State visits Riyadh."),
    ("u4#2", "ثم يتوجه إلى القاهرة.", "He then travels to Cairo."),
]


@pytest.mark.parametrize(("name", "expected"), [
    ("news-ar-en-1.2.xlf", EXPECTED_1_2),
    ("news-ar-en-2.0.xlf", EXPECTED_2_0),
])
def test_arabic_files_give_text_content(data: Path, name: str, expected: list[tuple[str, str, str]]) -> None:
    segments = read_xliff(data / name)
    assert [(s.id, s.source, s.target) for s in segments] == expected
    assert {(s.source_lang, s.target_lang) for s in segments} == {("ar", "en")}
    assert all(s.origin.path == str(data / name) and s.origin.line for s in segments)


def test_unit_metadata_1_2(data: Path) -> None:
    first = read_xliff(data / "news-ar-en-1.2.xlf")[0]
    assert (first.note, first.context, first.state) == ("Headline: keep it short.", "headline", "translated")
    assert first.origin.line == 8
    assert first.origin.element == "trans-unit[@id='1']"


def test_unit_metadata_2_0(data: Path) -> None:
    first = read_xliff(data / "news-ar-en-2.0.xlf")[0]
    assert (first.note, first.context, first.state) == ("Headline: keep it short.", "headline", "translated")
    assert first.origin.element == "unit[@id='u1']/segment[@id='s1']"


def _validator_1_2(standards: Path) -> etree.XMLSchema:
    xml_xsd = standards / "xliff" / "1.2" / "xml.xsd"

    class LocalXmlXsd(etree.Resolver):
        def resolve(self, system_url: str | None, public_id: str | None, context: object) -> object:
            if system_url and system_url.endswith("www.w3.org/2001/xml.xsd"):
                return self.resolve_filename(str(xml_xsd), context)
            return None

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    parser.resolvers.add(LocalXmlXsd())
    return etree.XMLSchema(etree.parse(str(standards / "xliff/1.2/xliff-core-1.2-strict.xsd"), parser))


def test_test_files_are_schema_valid(standards: Path, data: Path) -> None:
    """The hand-written test files are real XLIFF: the official schemas accept them."""
    v12 = _validator_1_2(standards)
    assert v12.validate(etree.parse(str(data / "news-ar-en-1.2.xlf"))), v12.error_log
    v20 = etree.XMLSchema(etree.parse(str(standards / "xliff/2.0/xliff_core_2.0.xsd")))
    assert v20.validate(etree.parse(str(data / "news-ar-en-2.0.xlf"))), v20.error_log


# --- official samples and the OASIS 2.0 test suite --------------------------------------------

def test_xliff_1_2_samples(standards: Path) -> None:
    samples = sorted((standards / "xliff/1.2/samples").glob("*.xlf"))
    assert len(samples) == 2
    for path in samples:
        segments = read_xliff(path)
        assert segments, path
        assert all(s.source_lang for s in segments)


def test_xliff_1_0_sample(standards: Path) -> None:
    segments = read_xliff(standards / "xliff/1.0/samples/ExportTest1E.xlf")
    assert segments[0].source == "Text with 3 spaces [   ] and 2 [  ]"
    assert segments[2].source == "<=lt, >=gt, &=amp, {=obrace, }=cbrace"
    # The file writes EN-US / FR-CA; tags are read in RFC 5646's canonical case.
    assert (segments[0].source_lang, segments[0].target_lang) == ("en-US", "fr-CA")


def _suite(standards: Path, kind: str) -> list[Path]:
    suite = standards / "xliff/2.0/oasis-test-suite"
    return sorted(suite.glob(f"*/{kind}/*.xlf"))


def test_oasis_valid_files_all_read(standards: Path) -> None:
    files = _suite(standards, "valid") + _suite(standards, "in-out")
    assert len(_suite(standards, "valid")) == 55
    total = 0
    for path in files:
        segments = read_xliff(path)
        total += len(segments)
        assert all(s.source_lang for s in segments), path
    assert total > 100


def test_oasis_sample_text_content(standards: Path) -> None:
    segments = read_xliff(standards / "xliff/2.0/oasis-test-suite/core/valid/everything-core.xlf")
    assert all("<" not in s.source for s in segments)
    cdata = read_xliff(standards / "xliff/2.0/oasis-test-suite/core/valid/withCDataSections.xlf")
    assert any("<" in s.source for s in cdata)  # CDATA text is text, not markup


STRUCTURALLY_INVALID = [
    "bad_SegmentWithoutSource.xlf",
    "bad_TwoSourceInUnit.xlf",
    "bad_IgnorableWithoutSource.xlf",
    "bad_SegmentIdNotUnique.xlf",
    "bad_FileIdNotUnique.xlf",
    "bad_InvalidHexValueOnCp.xlf",
]


@pytest.mark.parametrize("name", STRUCTURALLY_INVALID)
def test_oasis_structurally_invalid_files_are_refused(standards: Path, name: str) -> None:
    path = standards / "xliff/2.0/oasis-test-suite/core/invalid" / name
    with pytest.raises(FormatError) as caught:
        read_xliff(path)
    assert caught.value.path == str(path) and caught.value.line


NOT_WELL_FORMED = [
    ("sample1.xlf", lambda b: b[: len(b) // 2]),
    ("everything-core.xlf", lambda b: b.replace(b"</source>", b"</sourc>", 1)),
    ("withNotes.xlf", lambda b: b.replace(b"<unit ", b"<unit <", 1)),
    ("withGlossary.xlf", lambda b: b.replace(b"&lt;", b"&lt", 1) if b"&lt;" in b else b + b"<extra/>"),
    ("allExtensions.xlf", lambda b: b.replace(b'"', b"", 1)),
]


@pytest.mark.parametrize(("name", "damage"), NOT_WELL_FORMED, ids=[n for n, _ in NOT_WELL_FORMED])
def test_oasis_files_made_not_well_formed_are_refused(
    standards: Path, tmp_path: Path, name: str, damage: object,
) -> None:
    original = (standards / "xliff/2.0/oasis-test-suite/core/valid" / name).read_bytes()
    assert callable(damage)
    broken = tmp_path / name
    broken.write_bytes(damage(original))
    with pytest.raises(FormatError) as caught:
        read_xliff(broken)
    assert caught.value.path == str(broken) and caught.value.line


# --- structure and errors ---------------------------------------------------------------------

def _doc2(units: str, extra: str = "") -> bytes:
    return (f'<xliff xmlns="{XLIFF_2_NS}" version="2.0" srcLang="ar" trgLang="en"{extra}>'
            f'<file id="f">{units}</file></xliff>').encode()


def _doc12(units: str) -> bytes:
    return (f'<xliff xmlns="{XLIFF_1_2_NS}" version="1.2"><file original="o" source-language="ar" '
            f'target-language="en" datatype="plaintext"><body>{units}</body></file></xliff>').encode()


def test_several_files_prefix_ids() -> None:
    document = (f'<xliff xmlns="{XLIFF_2_NS}" version="2.0" srcLang="ar">'
                '<file id="a"><unit id="1"><segment><source>س</source></segment></unit></file>'
                '<file id="b"><unit id="1"><segment><source>ص</source></segment></unit></file></xliff>')
    assert [s.id for s in parse_xliff(document.encode())] == ["a:1", "b:1"]


def test_target_xml_lang_wins_over_trglang() -> None:
    unit = '<unit id="1"><segment><source>س</source><target xml:lang="en-GB">s</target></segment></unit>'
    assert parse_xliff(_doc2(unit))[0].target_lang == "en-GB"


def test_duplicate_ids_are_refused_1_2() -> None:
    units = '<trans-unit id="1"><source>a</source></trans-unit><trans-unit id="1"><source>b</source></trans-unit>'
    with pytest.raises(FormatError, match="duplicate"):
        parse_xliff(_doc12(units), "dup.xlf")


def test_trans_unit_without_source_or_id() -> None:
    with pytest.raises(FormatError, match="source"):
        parse_xliff(_doc12('<trans-unit id="1"><target>a</target></trans-unit>'))
    with pytest.raises(FormatError, match="id"):
        parse_xliff(_doc12("<trans-unit><source>a</source></trans-unit>"))


def test_not_xliff_root_is_refused() -> None:
    with pytest.raises(FormatError, match="not an XLIFF"):
        parse_xliff(b"<tmx version='1.4'/>", "x.xlf")


def test_unknown_version_is_refused() -> None:
    with pytest.raises(FormatError, match="version"):
        parse_xliff(b'<xliff xmlns="urn:example" version="9.0"/>')


def test_bad_code_point_is_refused() -> None:
    unit = '<unit id="1"><segment><source>a<cp hex="D800"/></source></segment></unit>'
    with pytest.raises(FormatError, match="hex"):
        parse_xliff(_doc2(unit))


def test_foreign_namespace_inline_keeps_text_and_comments_are_skipped() -> None:
    unit = ('<trans-unit id="1"><source>مجلس <!-- note --><my:b xmlns:my="urn:my">الأمن</my:b>'
            '<?pi x?> الدولي</source></trans-unit>')
    assert parse_xliff(_doc12(unit))[0].source == "مجلس الأمن الدولي"


def test_document_without_units_is_empty() -> None:
    assert parse_xliff(_doc2("")) == []


# --- property: text content equals the text without the tags ----------------------------------

_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn"))
    | st.sampled_from(list("مجلس الأمن \t\n&<>\"'")),
    max_size=12,
)

# (opening, closing, kept): kept=False means the tag's content is native code (dropped).
_INLINE_1_2 = [("<g id='1'>", "</g>", True), ("<mrk mtype='term'>", "</mrk>", True),
               ("<x id='2'/>", None, False), ("<bx id='3'/>", None, False), ("<ex id='3'/>", None, False),
               ("<ph id='4'>", "</ph>", False), ("<bpt id='5'>", "</bpt>", False),
               ("<ept id='5'>", "</ept>", False), ("<it id='6' pos='open'>", "</it>", False)]
_INLINE_2_0 = [("<pc id='1'>", "</pc>", True), ("<mrk id='m1'>", "</mrk>", True),
               ("<ph id='2'/>", None, False), ("<sc id='3'/>", None, False), ("<ec startRef='3'/>", None, False),
               ("<sm id='m4'/>", None, False), ("<em startRef='m4'/>", None, False)]


def _marked_up(tags: list[tuple[str, str | None, bool]]) -> st.SearchStrategy[tuple[str, str]]:
    """(markup, plain text) pairs: texts with inline tags inserted at random, nested."""
    leaf = _TEXT.map(lambda text: (escape(text), text))

    def extend(children: st.SearchStrategy[tuple[str, str]]) -> st.SearchStrategy[tuple[str, str]]:
        def build(parts: list[tuple[str, str]], tag: tuple[str, str | None, bool], native: str) -> tuple[str, str]:
            opening, closing, kept = tag
            markup = "".join(m for m, _ in parts)
            plain = "".join(p for _, p in parts)
            if closing is None:
                return opening + markup, plain
            if kept:
                return opening + markup + closing, plain
            return opening + escape(native) + closing + markup, plain

        return st.builds(build, st.lists(children, min_size=1, max_size=4), st.sampled_from(tags), _TEXT)

    return st.recursive(leaf, extend, max_leaves=12)


@settings(max_examples=60, deadline=None)
@given(_marked_up(_INLINE_1_2))
def test_property_text_content_1_2(case: tuple[str, str]) -> None:
    markup, plain = case
    segment = parse_xliff(_doc12(f'<trans-unit id="1"><source>{markup}</source>'
                                 f'<target>{markup}</target></trans-unit>'))[0]
    assert segment.source == plain
    assert segment.target == segment.source


@settings(max_examples=60, deadline=None)
@given(_marked_up(_INLINE_2_0))
def test_property_text_content_2_0(case: tuple[str, str]) -> None:
    markup, plain = case
    segment = parse_xliff(_doc2(f'<unit id="1"><segment><source>{markup}</source></segment></unit>'))[0]
    assert segment.source == plain

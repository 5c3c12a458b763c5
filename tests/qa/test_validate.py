"""check_document / check_segments: the seed pair, the example draft, target-only, directions, spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termbase import Termbase
from termbase.formats import align_lines, parse_po, parse_tsv, parse_xliff, segments_from_pairs
from termbase.qa.issues import IssueCode, Report
from termbase.qa.validate import CheckOptions, check_document, check_segments

REPO = Path(__file__).resolve().parent.parent.parent
SEED_AR = (REPO / "seeds" / "c5plus1-summit.ar.txt").read_text(encoding="utf-8")
SEED_EN = (REPO / "seeds" / "c5plus1-summit.en.txt").read_text(encoding="utf-8")
DRAFT = (REPO / "examples" / "c5plus1-summit.draft.en.txt").read_text(encoding="utf-8")

# code, severity, concept, source span text, target span text, suggestion -- in report order.
PLANTED = [
    ("deprecated-term", "warning", "kyrgyzstan", None, "Kirghizia", "Kyrgyzstan"),
    ("untranslated", "error", None, None, "نقطة انطلاق", None),
    ("missing-term", "error", "middle-east", "والشرق الأوسط", None, "Middle East"),
    ("deprecated-term", "warning", "kassym-jomart-tokayev", None, "Kassym-Jomart Tokaev", "Kassym-Jomart Tokayev"),
    ("count-mismatch", "warning", "central-asian-countries", "دول آسيا الوسطى", None, "Central Asian country"),
    ("misspelled-term", "warning", "shavkat-mirziyoyev", None, "Mirzyoyev", "Mirziyoyev"),
    ("inconsistent-term", "warning", "president-of-the-united-states", None, "American president", "US president"),
    ("forbidden-term", "error", "critical-minerals", None, "vital minerals", "critical minerals"),
    ("number-mismatch", "error", None, "1991", "1992", "1991"),
]


def table(report: Report) -> list[tuple[str, str, str | None, str | None, str | None, str | None]]:
    """The issues of a report as readable rows."""
    return [
        (str(i.code), str(i.severity), i.concept, i.source.text if i.source else None,
         i.target.text if i.target else None, i.suggestion)
        for i in report.issues
    ]


def assert_spans_valid(report: Report) -> None:
    """Every span slices the text of its checked segment exactly."""
    segments = {segment.id: segment for segment in report.segments}
    for issue in report.issues:
        segment = segments[issue.segment or "document"]
        if issue.source is not None:
            assert segment.source[issue.source.start:issue.source.end] == issue.source.text, issue
        if issue.target is not None:
            assert segment.target[issue.target.start:issue.target.end] == issue.target.text, issue


def test_seed_against_reference_has_no_finding(shipped_termbase: Termbase) -> None:
    report = shipped_termbase.check(SEED_AR, SEED_EN)
    assert table(report) == []
    assert report.worst() is None


def test_example_draft_has_exactly_the_planted_mistakes(shipped_termbase: Termbase) -> None:
    report = shipped_termbase.check(SEED_AR, DRAFT)
    assert table(report) == PLANTED
    assert_spans_valid(report)
    # the spans point at the planted places, not at another occurrence of the same words
    number = next(i for i in report.issues if i.code is IssueCode.NUMBER_MISMATCH)
    assert number.target is not None and number.source is not None
    assert "1992" in DRAFT[number.target.start - 40:number.target.end]


def test_check_document_equals_termbase_check(shipped_termbase: Termbase) -> None:
    assert check_document(shipped_termbase, SEED_AR, DRAFT).issues == shipped_termbase.check(SEED_AR, DRAFT).issues


def test_options_turn_checks_off(shipped_termbase: Termbase) -> None:
    options = CheckOptions(fuzzy=False, counts=False, numbers=False)
    codes = {str(i.code) for i in check_document(shipped_termbase, SEED_AR, DRAFT, options=options).issues}
    assert not codes & {"misspelled-term", "count-mismatch", "number-mismatch"}
    assert "forbidden-term" in codes
    assert "fuzzy:off" in check_document(shipped_termbase, SEED_AR, DRAFT, options=options).signature


TARGET_ONLY = [
    ("Tokaev met Kyrgyzstan's president.", [("deprecated-term", "Tokaev", "Tokayev")]),
    ("Vital minerals were discussed.", [("forbidden-term", "Vital minerals", "Critical minerals")]),
    ("Shavkat Mirzyoyev spoke.", [("misspelled-term", "Mirzyoyev", "Mirziyoyev")]),
    ("Emomali Rahmon arrived; Emomali Rakhmon spoke.",
     [("inconsistent-term", "Emomali Rakhmon", "Emomali Rahmon")]),
    ("The talks were a نقطة انطلاق for trade.", [("untranslated", "نقطة انطلاق", None)]),
    ("Kazakhstan sells uranium in 2022.", []),  # no source: nothing can be missing or miscounted
]


@pytest.mark.parametrize(("target", "expected"), TARGET_ONLY)
def test_target_only(qa_termbase: Termbase, target: str, expected: list[tuple[str, str, str | None]]) -> None:
    report = qa_termbase.check(None, target)
    assert [(str(i.code), i.target.text if i.target else None, i.suggestion) for i in report.issues] == expected
    assert all(i.source is None for i in report.issues)
    assert "mode:target-only" in report.signature
    assert_spans_valid(report)


def test_english_source_arabic_target(qa_termbase: Termbase) -> None:
    report = qa_termbase.check_segments(
        [("Tokayev visited Kazakhstan in 2022.", "زار توكاييف العاصمة عام ٢٠٢١.")],
        source_lang="en", target_lang="ar",
    )
    assert table(report) == [
        ("missing-term", "error", "kazakhstan", "Kazakhstan", None, "كازاخستان"),
        ("number-mismatch", "error", None, "2022", "٢٠٢١", "2022"),
    ]
    assert_spans_valid(report)


def test_english_msgid_po(qa_termbase: Termbase) -> None:
    po = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' \
         'msgid "Kazakhstan sells uranium"\nmsgstr "تبيع كازاخستان"\n'
    segments = parse_po(po, msgid_lang="en")
    report = qa_termbase.check_segments(segments, source_lang="en", target_lang="ar")
    assert table(report) == [("missing-term", "error", "uranium", "uranium", None, "اليورانيوم")]


# -- every span slices its text, in every input format ------------------------------------------

EN_PIECES = ["Tokayev", "Tokaev", "Tokaev's", "Kazakhstan", "Kirghizia", "vital minerals", "critical minerals",
             "Emomali Rahmon", "Emomali Rakhmon", "Mirzyoyev", "uranium", "C5+1", "the talks", "in", "1991",
             "2022", "نقطة انطلاق", "Middle East"]
AR_PIECES = ["توكاييف", "كازاخستان", "والشرق الأوسط", "المعادن الحيوية", "اليورانيوم", "قيرغيزستان", "C5+1",
             "إمام علي رحمن", "قال", "في", "١٩٩١", "۲۰۲۲", "2022", "و"]
SEPARATORS = [" ", ", ", ". ", "\u200f ", "  "]


def _text(pieces: list[str], seps: list[str]) -> str:
    return "".join(p + s for p, s in zip(pieces, seps, strict=False)).strip() or pieces[0]


texts_en = st.builds(_text, st.lists(st.sampled_from(EN_PIECES), min_size=1, max_size=8),
                     st.lists(st.sampled_from(SEPARATORS), min_size=8, max_size=8))
texts_ar = st.builds(_text, st.lists(st.sampled_from(AR_PIECES), min_size=1, max_size=8),
                     st.lists(st.sampled_from(SEPARATORS), min_size=8, max_size=8))
pairs = st.lists(st.tuples(texts_ar, texts_en), min_size=1, max_size=4)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _tagged(text: str, version: int) -> str:
    """XML of ``text`` with inline codes wrapped around / inserted between words."""
    words = [_escape(w) for w in text.split(" ")]
    if len(words) < 2:
        return words[0]
    if version == 1:
        return f'<g id="1">{words[0]}</g> <x id="2"/>' + " ".join(words[1:])
    return f'<pc id="1">{words[0]}</pc> <ph id="2"/>' + " ".join(words[1:])


def _po(items: list[tuple[str, str]]) -> str:
    body = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    for n, (source, target) in enumerate(items):
        body += f'\n#: item{n}\nmsgctxt "item{n}"\nmsgid "{source}"\nmsgstr "{target}"\n'  # msgfmt: no duplicate msgid
    return body


def _xliff1(items: list[tuple[str, str]]) -> str:
    units = "".join(
        f'<trans-unit id="t{n}"><source>{_tagged(s, 1)}</source><target>{_tagged(t, 1)}</target></trans-unit>'
        for n, (s, t) in enumerate(items))
    return ('<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
            f'<file original="f" source-language="ar" target-language="en" datatype="plaintext"><body>{units}'
            '</body></file></xliff>')


def _xliff2(items: list[tuple[str, str]]) -> str:
    units = "".join(
        f'<unit id="u{n}"><segment><source>{_tagged(s, 2)}</source><target>{_tagged(t, 2)}</target></segment></unit>'
        for n, (s, t) in enumerate(items))
    return ('<?xml version="1.0" encoding="UTF-8"?><xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
            f'srcLang="ar" trgLang="en"><file id="f">{units}</file></xliff>')


def _reports(termbase: Termbase, items: list[tuple[str, str]]) -> list[Report]:
    document_ar = "\n".join(s for s, _ in items)
    document_en = "\n".join(t for _, t in items)
    return [
        check_document(termbase, document_ar, document_en),
        check_document(termbase, None, document_en),
        check_segments(termbase, items),
        check_segments(termbase, segments_from_pairs(items)),
        check_segments(termbase, align_lines(document_ar, document_en)),
        check_segments(termbase, parse_tsv("\n".join(f"{s}\t{t}" for s, t in items), quoting=False)),
        check_segments(termbase, parse_po(_po(items))),
        check_segments(termbase, parse_xliff(_xliff1(items).encode())),
        check_segments(termbase, parse_xliff(_xliff2(items).encode())),
        check_segments(termbase, [(t, s) for s, t in items], source_lang="en", target_lang="ar"),
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=pairs)
def test_every_span_slices_its_text(qa_termbase: Termbase, items: list[tuple[str, str]]) -> None:
    for report in _reports(qa_termbase, items):
        assert_spans_valid(report)

"""One table per check code, on short realistic texts and the synthetic QA glossary.

Each row: source (None: target only, a list: aligned segments), target, and the expected
findings of that code as (source span text, target span text, suggestion).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from termbase import Termbase
from termbase.qa.checks import SEVERITY, suggested_term
from termbase.qa.issues import IssueCode, Report, Severity

README = Path(__file__).resolve().parents[2] / "README.md"


def documented_severities() -> dict[str, set[Severity]]:
    """The severities the README's table of issue codes gives each code (the public contract):
    ``| `code` | warning (info when …) | …`` allows warning and info."""
    table = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        row = re.match(r"\| `([a-z-]+)` \| ([^|]+) \|", line)
        if row and row[1] in set(IssueCode):
            table[row[1]] = {Severity(word) for word in re.findall(r"[a-z]+", row[2]) if word in set(Severity)}
    return table


DOCUMENTED = documented_severities()

Row = tuple[str | None, str | None, str | None]


def findings(report: Report, code: IssueCode) -> list[Row]:
    return [(i.source.text if i.source else None, i.target.text if i.target else None, i.suggestion)
            for i in report.issues if i.code is code]


def run(termbase: Termbase, source: str | list[str] | None, target: str | list[str]) -> Report:
    if isinstance(source, list) and isinstance(target, list):
        return termbase.check_segments(list(zip(source, target, strict=True)))
    assert not isinstance(source, list) and isinstance(target, str)
    return termbase.check(source, target)


def check_table(termbase: Termbase, code: IssueCode, source: str | list[str] | None,
                target: str | list[str], expected: list[Row]) -> None:
    report = run(termbase, source, target)
    assert findings(report, code) == expected
    for issue in report.issues:
        assert issue.severity in DOCUMENTED[issue.code], (issue.code, issue.severity)


MISSING = [
    # aligned: checked per segment -- the term is in the other segment, so it is still missing here
    (["زار توكاييف كازاخستان", "وتحدث عن الشرق الأوسط"], ["Tokayev visited.", "He spoke of Kazakhstan."],
     [("كازاخستان", None, "Kazakhstan"), ("الشرق الأوسط", None, "Middle East")]),
    # not aligned: one document, so a rendering anywhere counts
    ("زار توكاييف كازاخستان\nوتحدث عن الشرق الأوسط", "Tokayev visited.\nHe spoke of Kazakhstan.",
     [("الشرق الأوسط", None, "Middle East")]),
    ("وتحدث عن الشرق الأوسط واليورانيوم", "He spoke of the Middle East and uranium.", []),
    # a prefixed conjunction (و) is part of the source span
    ("آسيا والشرق الأوسط", "Asia.", [("والشرق الأوسط", None, "Middle East")]),
]


@pytest.mark.parametrize(("source", "target", "expected"), MISSING)
def test_missing_term(qa_termbase: Termbase, source: str | list[str], target: str | list[str],
                      expected: list[Row]) -> None:
    check_table(qa_termbase, IssueCode.MISSING_TERM, source, target, expected)


COUNT = [
    ("اليورانيوم ثم اليورانيوم", "uranium, then more ore", [("اليورانيوم", None, "uranium")]),
    ("اليورانيوم ثم اليورانيوم", "uranium, then uranium", []),
    ("زار توكاييف ثم قاسم جومارت توكاييف", "Tokayev came", [("توكاييف", None, "Kassym-Jomart Tokayev")]),
]


@pytest.mark.parametrize(("source", "target", "expected"), COUNT)
def test_count_mismatch(qa_termbase: Termbase, source: str, target: str, expected: list[Row]) -> None:
    check_table(qa_termbase, IssueCode.COUNT_MISMATCH, source, target, expected)


def test_count_mismatch_off(qa_termbase: Termbase) -> None:
    report = qa_termbase.check("اليورانيوم ثم اليورانيوم", "uranium, then more ore", counts=False)
    assert findings(report, IssueCode.COUNT_MISMATCH) == []


FORBIDDEN = [
    ("المعادن الحيوية", "vital minerals", [(None, "vital minerals", "critical minerals")]),
    ("المعادن الحيوية", "Vital minerals matter.", [(None, "Vital minerals", "Critical minerals")]),
    ("المعادن الحيوية", "a vital mineral", [(None, "vital mineral", "critical mineral")]),
    ("المعادن الحيوية", "critical minerals", []),
]


@pytest.mark.parametrize(("source", "target", "expected"), FORBIDDEN)
def test_forbidden_term(qa_termbase: Termbase, source: str, target: str, expected: list[Row]) -> None:
    check_table(qa_termbase, IssueCode.FORBIDDEN_TERM, source, target, expected)


DEPRECATED = [
    ("قيرغيزستان", "Kirghizia", [(None, "Kirghizia", "Kyrgyzstan")]),
    ("قيرغيزستان", "Kirghizia's mountains", [(None, "Kirghizia", "Kyrgyzstan")]),
    ("توكاييف", "Tokaev's visit", [(None, "Tokaev", "Tokayev")]),
    ("توكاييف", "the two Tokaevs", [(None, "Tokaevs", "Tokayevs")]),
    ("قاسم جومارت توكاييف", "Kassym-Jomart Tokaev", [(None, "Tokaev", "Tokayev")]),
    ("توكاييف", "TOKAEV SPEAKS", [(None, "TOKAEV", "TOKAYEV")]),
    ("توكاييف", "Tokayev", []),
]


@pytest.mark.parametrize(("source", "target", "expected"), DEPRECATED)
def test_deprecated_term(qa_termbase: Termbase, source: str, target: str, expected: list[Row]) -> None:
    check_table(qa_termbase, IssueCode.DEPRECATED_TERM, source, target, expected)


MISSPELLED = [
    ("شوكت ميرضيائيف", "Shavkat Mirzyoyev", [(None, "Mirzyoyev", "Mirziyoyev")]),
    ("ميرضيائيف", "Mirziyoyev", []),
    ("ميرضيائيف", "Mirzyoyev", [(None, "Mirzyoyev", "Mirziyoyev")]),
]


@pytest.mark.parametrize(("source", "target", "expected"), MISSPELLED)
def test_misspelled_term(qa_termbase: Termbase, source: str, target: str, expected: list[Row]) -> None:
    check_table(qa_termbase, IssueCode.MISSPELLED_TERM, source, target, expected)


def test_misspelled_off(qa_termbase: Termbase) -> None:
    report = qa_termbase.check(None, "Shavkat Mirzyoyev", fuzzy=False)
    assert findings(report, IssueCode.MISSPELLED_TERM) == []


INCONSISTENT = [
    # two approved spellings: one concept rendered two ways
    ("إمام علي رحمن ثم إمام علي رحمن", "Emomali Rahmon, then Emomali Rakhmon",
     [(None, "Emomali Rakhmon", "Emomali Rahmon")]),
    # whichever comes first, the rendering that is not preferred is flagged, the preferred suggested
    ("إمام علي رحمن ثم إمام علي رحمن", "Emomali Rakhmon, then Emomali Rahmon",
     [(None, "Emomali Rakhmon", "Emomali Rahmon")]),
    # a short form after the full name is not a finding
    ("قاسم جومارت توكاييف ثم توكاييف", "Kassym-Jomart Tokayev, then Tokayev", []),
    # the same spelling twice is consistent
    ("إمام علي رحمن ثم إمام علي رحمن", "Emomali Rahmon, then Emomali Rahmon", []),
    # without the glossary: one source segment translated two ways
    (["قال المتحدث", "قال المتحدث"], ["the spokesman said", "the speaker said"],
     [("قال المتحدث", "the speaker said", "the spokesman said")]),
    (["قال المتحدث", "قال المتحدث"], ["the spokesman said", "The spokesman said"], []),
]


@pytest.mark.parametrize(("source", "target", "expected"), INCONSISTENT)
def test_inconsistent_term(qa_termbase: Termbase, source: str | list[str], target: str | list[str],
                           expected: list[Row]) -> None:
    check_table(qa_termbase, IssueCode.INCONSISTENT_TERM, source, target, expected)


UNTRANSLATED = [
    ("كانت القمة نقطة انطلاق", "The summit was a نقطة انطلاق.", [(None, "نقطة انطلاق", None)]),
    # a known term left in Arabic gets its rendering as suggestion
    ("تبيع كازاخستان", "كازاخستان sells", [(None, "كازاخستان", "Kazakhstan")]),
    # a glossary term written the same in both languages is not a finding
    ("قمة C5+1", "The C5+1 summit", []),
    ("قمة", "The summit \u200f", []),
]


@pytest.mark.parametrize(("source", "target", "expected"), UNTRANSLATED)
def test_untranslated(qa_termbase: Termbase, source: str, target: str, expected: list[Row]) -> None:
    check_table(qa_termbase, IssueCode.UNTRANSLATED, source, target, expected)


NUMBERS = [
    (["تأسست عام 1991"], ["founded in 1992"], [("1991", "1992", "1991")]),
    (["عام ٢٠٢٢"], ["in 2022"], []),  # Arabic-Indic digits
    (["عام ۲۰۲۲"], ["in 2022"], []),  # Eastern Arabic (Persian) digits
    (["عام ٢٠٢٢"], ["in 2023"], [("٢٠٢٢", "2023", "2022")]),
    (["بلغ ٣٫٥ مليار"], ["reached 3.5 billion"], []),  # Arabic decimal separator
    (["عام 2022 و2023"], ["in 2022"], [("2023", None, "2023")]),
    (["عام 2022"], ["in 2022 and 2024"], [(None, "2024", None)]),
]


@pytest.mark.parametrize(("source", "target", "expected"), NUMBERS)
def test_number_mismatch(qa_termbase: Termbase, source: list[str], target: list[str], expected: list[Row]) -> None:
    check_table(qa_termbase, IssueCode.NUMBER_MISMATCH, source, target, expected)


BOTH_DIRECTIONS = [
    # en -> ar: English source, Arabic target
    ("Kazakhstan and the Middle East", "كازاخستان", IssueCode.MISSING_TERM, [("Middle East", None, "الشرق الأوسط")]),
    ("in 2022", "عام ٢٠٢١", IssueCode.NUMBER_MISMATCH, [("2022", "٢٠٢١", "2022")]),
    ("in 2022", "عام ٢٠٢٢", IssueCode.NUMBER_MISMATCH, []),
    ("the summit", "the summit قمة", IssueCode.UNTRANSLATED, [(None, "the summit", None)]),
]


@pytest.mark.parametrize(("source", "target", "code", "expected"), BOTH_DIRECTIONS)
def test_english_to_arabic(qa_termbase: Termbase, source: str, target: str, code: IssueCode,
                           expected: list[Row]) -> None:
    report = qa_termbase.check_segments([(source, target)], source_lang="en", target_lang="ar")
    assert findings(report, code) == expected


def test_every_code_has_a_table() -> None:
    tested = {IssueCode.MISSING_TERM, IssueCode.COUNT_MISMATCH, IssueCode.FORBIDDEN_TERM,
              IssueCode.DEPRECATED_TERM, IssueCode.MISSPELLED_TERM, IssueCode.INCONSISTENT_TERM,
              IssueCode.UNTRANSLATED, IssueCode.NUMBER_MISMATCH}
    assert tested == set(IssueCode) == set(SEVERITY) == set(DOCUMENTED)


def test_severity_table_is_the_documented_one() -> None:
    """Each code's severity is the first one the README gives it (the other, if any, is a
    documented downgrade: a misspelling the source does not confirm is info)."""
    assert all(DOCUMENTED.values())
    for code, severity in SEVERITY.items():
        assert severity in DOCUMENTED[code], code


SUGGESTION_CASES = [
    # (glossary concept, target language, written variant, expected suggestion)
    ("kyrgyzstan", "ar", "قرغيزيا", "قيرغيزستان"),  # a deprecated spelling → the preferred one
    ("kyrgyzstan", "en", "Kirghizia", "Kyrgyzstan"),
    ("kassym-jomart-tokayev", "en", "Tokaev", "Tokayev"),  # a surname → the approved surname
    ("kassym-jomart-tokayev", "en", "Kassym-Jomart Tokaev", "Kassym-Jomart Tokayev"),
]


@pytest.mark.parametrize(("concept_id", "lang", "written", "expected"), SUGGESTION_CASES)
def test_suggested_term_fits_the_variant(shipped_termbase: Termbase, concept_id: str, lang: str,
                                         written: str, expected: str) -> None:
    concept = shipped_termbase.concept(concept_id)
    like = next(t for t in concept.terms_in(lang) if t.text == written)
    suggestion = suggested_term(concept, lang, like)
    assert suggestion is not None and suggestion.text == expected

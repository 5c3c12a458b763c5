"""Placeholders and markup are code: no ``untranslated`` or ``number-mismatch`` for them, in any
segment format; msgctxt separates otherwise equal sources; Latin words are whole words."""

from __future__ import annotations

from pathlib import Path

import pytest

from termbase import IssueCode, Termbase
from termbase.formats import parse_po, parse_tsv, parse_xliff
from termbase.formats.placeholders import mask_placeholders

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'

CODES = ["%s", "%d", "%1$s", "%2$d", "%.2f", "%(name)s", "%(count)d", "{0}", "{}", "{name}", "{user.id}",
         "{0:>8}", "<b>", "</b>", "<br/>", '<a href="https://example.org/x">', "&amp;", "&#x41;", "%@", "%%"]


@pytest.mark.parametrize("code", CODES)
def test_each_code_is_masked_whole(code: str) -> None:
    text = f"قال {code} إن"
    masked = mask_placeholders(text)
    assert len(masked) == len(text) and masked == f"قال {' ' * len(code)} إن"


@pytest.mark.parametrize("text", ["50% of", "a < b > c", "x & y", "{ not a field", "100 %"])
def test_text_that_only_looks_like_code_is_kept(text: str) -> None:
    assert mask_placeholders(text) == text


@pytest.fixture(scope="module")
def shipped() -> Termbase:
    return Termbase.load()


def _po(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def test_po_placeholders_in_an_arabic_msgstr_are_not_untranslated(shipped: Termbase) -> None:
    po = HEADER + ''.join(
        f'msgctxt "c{n}"\nmsgid "Tokayev said {_po(code)} on Monday"\nmsgstr "قال توكاييف {_po(code)} يوم الاثنين"\n\n'
        for n, code in enumerate(CODES))
    segments = parse_po(po, msgid_lang="en")
    report = shipped.check_segments(segments, source_lang="en", target_lang="ar")
    assert [i for i in report.issues if i.code in (IssueCode.UNTRANSLATED, IssueCode.NUMBER_MISMATCH)] == []
    # the control: an English word left in the msgstr is still found
    left = parse_po(HEADER + 'msgid "Tokayev said hello"\nmsgstr "قال توكاييف hello"\n', msgid_lang="en")
    issues = shipped.check_segments(left, source_lang="en", target_lang="ar").issues
    assert [(str(i.code), i.target.text if i.target else None) for i in issues] == [("untranslated", "hello")]


def test_tsv_and_xliff_placeholders_too(shipped: Termbase) -> None:
    tsv = parse_tsv("Tokayev visited %1$s\tزار توكاييف %1$s\n", source_lang="en", target_lang="ar")
    xliff = parse_xliff(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ar">'
        '<file id="f"><unit id="u"><segment><source>Tokayev visited {city}</source>'
        '<target>زار توكاييف {city}</target></segment></unit></file></xliff>'.encode())
    for segments in (tsv, xliff):
        report = shipped.check_segments(segments, source_lang="en", target_lang="ar")
        assert IssueCode.UNTRANSLATED not in {i.code for i in report.issues}
        assert IssueCode.NUMBER_MISMATCH not in {i.code for i in report.issues}


def test_msgctxt_separates_equal_sources(shipped: Termbase) -> None:
    po = HEADER + ('msgctxt "menu"\nmsgid "الرئيس"\nmsgstr "Chair"\n\n'
                   'msgctxt "news"\nmsgid "الرئيس"\nmsgstr "The president"\n')
    report = shipped.check_segments(parse_po(po))
    assert IssueCode.INCONSISTENT_TERM not in {i.code for i in report.issues}
    # the control: the same two rows without a context are one source translated two ways
    tsv = parse_tsv("الرئيس\tChair\nالرئيس\tThe president\n")
    assert IssueCode.INCONSISTENT_TERM in {i.code for i in shipped.check_segments(tsv).issues}


def test_latin_words_with_accents_are_one_untranslated_span(shipped: Termbase, tmp_path: Path) -> None:
    segments = parse_tsv("Müller and Gülşen visited\tزار Müller و Gülşen\n", source_lang="en", target_lang="ar")
    issues = shipped.check_segments(segments, source_lang="en", target_lang="ar").issues
    left = sorted(i.target.text for i in issues if i.code is IssueCode.UNTRANSLATED and i.target)
    assert left == ["Gülşen", "Müller"]

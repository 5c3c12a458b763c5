"""Glossary loading: every field of the format, and malformed files failing with a located error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from termbase import (
    GlossaryError,
    GlossarySchemaError,
    GlossarySyntaxError,
    PartOfSpeech,
    TermStatus,
    TermType,
    load_glossaries,
    load_glossary,
)
from termbase.glossary import parse_glossary
from termbase.model import Gender, HistoryEvent

WriteGlossary = Callable[..., Path]

# -- happy path ---------------------------------------------------------------------------------


def test_header(synthetic_path: Path) -> None:
    glossary = load_glossary(synthetic_path)
    info = glossary.info
    assert info.id == "synthetic"
    assert info.path == str(synthetic_path)
    assert info.title == "Synthetic test glossary"
    assert info.description == "A few concepts written for the tests, in Arabic and English."
    assert info.license == "CC0-1.0"
    assert info.sources == ("written for the test suite",)
    assert len(info.digest) == 64


def test_concept_fields(synthetic_path: Path) -> None:
    glossary = load_glossary(synthetic_path)
    ids = [c.id for c in glossary.concepts]
    assert ids[:3] == ["kazakhstan", "astana", "kassym-jomart-tokayev"]
    kz = glossary.concepts[0]
    assert kz.subject == "geography"
    assert dict(kz.definitions) == {"en": "Country in Central Asia.", "ar": "دولة في آسيا الوسطى."}
    assert kz.notes == ("Largest country of Central Asia.", "Second note.")
    assert kz.related == ("astana",)
    assert kz.sources == ("https://example.org/kz",)
    assert kz.xrefs == ("https://www.wikidata.org/wiki/Q232",)
    assert kz.graphics == ("https://example.org/kz.png",)
    assert kz.customer == "newsroom"
    assert kz.history == (
        HistoryEvent("origination", "2024-01-02", "tester"),
        HistoryEvent("modification", "2024-02-03", None),
    )
    assert kz.glossary == "synthetic"
    assert kz.languages == ("en", "ar")
    assert glossary.concept_lines["kazakhstan"] == 10


def test_plain_definition_is_english(synthetic_path: Path) -> None:
    astana = load_glossary(synthetic_path).concepts[1]
    assert dict(astana.definitions) == {"en": "Capital of Kazakhstan."}


def test_term_fields(synthetic_path: Path) -> None:
    kz = load_glossary(synthetic_path).concepts[0]
    preferred, deprecated = kz.terms_in("en")
    assert preferred.text == "Kazakhstan"
    assert preferred.lang == "en"
    assert preferred.status is TermStatus.PREFERRED
    assert preferred.type is TermType.FULL_FORM
    assert preferred.pos is PartOfSpeech.PROPER_NOUN
    assert preferred.case_sensitive is False
    assert deprecated.status is TermStatus.DEPRECATED
    assert deprecated.type is TermType.ROMANIZED_FORM
    assert deprecated.notes == ("1990s spelling",)
    assert deprecated.sources == ("LoC 1997",)
    arabic = kz.preferred("ar")
    assert arabic is not None
    assert arabic.text == "كازاخستان"
    assert arabic.gender is Gender.FEMININE


def test_term_usage_and_lines(synthetic_path: Path) -> None:
    glossary = load_glossary(synthetic_path)
    sco = next(c for c in glossary.concepts if c.id == "shanghai-cooperation-organisation")
    us = next(t for t in sco.terms if t.text == "Shanghai Cooperation Organization")
    assert us.usage == "en-US"
    line = glossary.term_lines[("shanghai-cooperation-organisation", "en", "SCO")]
    assert synthetic_path.read_text(encoding="utf-8").splitlines()[line - 1].strip().startswith(
        "- {term: SCO,"
    )


def test_case_sensitive_defaults(synthetic_path: Path) -> None:
    glossary = load_glossary(synthetic_path)
    by_text = {t.text: t for c in glossary.concepts for t in c.terms}
    assert by_text["SCO"].type is TermType.ACRONYM
    assert by_text["SCO"].case_sensitive is True  # default for acronyms
    assert by_text["Shanghai Cooperation Organisation"].case_sensitive is False
    assert by_text["uranium"].case_sensitive is False  # no type: default false
    assert by_text["يورانيوم"].case_sensitive is True  # explicit


def test_case_sensitive_can_be_turned_off_for_an_acronym(write_glossary: WriteGlossary) -> None:
    path = write_glossary(
        """\
        concepts:
        - id: un
          terms:
            en:
            - {term: UN, status: preferred, type: acronym, case_sensitive: false}
        """
    )
    (term,) = load_glossary(path).concepts[0].terms
    assert term.case_sensitive is False


def test_scalars_are_text(write_glossary: WriteGlossary) -> None:
    path = write_glossary(
        """\
        concepts:
        - id: c5-plus-1
          note: no
          terms:
            en:
            - {term: C5+1, status: preferred}
            - {term: 2022, status: admitted}
            - {term: yes, status: admitted}
        """
    )
    concept = load_glossary(path).concepts[0]
    assert concept.notes == ("no",)
    assert [t.text for t in concept.terms] == ["C5+1", "2022", "yes"]


def test_glossary_id_defaults_to_file_stem(write_glossary: WriteGlossary) -> None:
    path = write_glossary(
        """\
        concepts:
        - id: a
          terms: {en: [{term: A, status: preferred}]}
        """,
        "my-glossary.yaml",
    )
    glossary = load_glossary(path)
    assert glossary.info.id == "my-glossary"
    assert glossary.concepts[0].glossary == "my-glossary"


def test_load_glossaries_keeps_order(write_glossary: WriteGlossary, synthetic_path: Path) -> None:
    other = write_glossary(
        """\
        concepts:
        - id: other
          terms: {en: [{term: Other, status: preferred}]}
        """,
        "other.yaml",
    )
    glossaries = load_glossaries([other, synthetic_path])
    assert [g.info.id for g in glossaries] == ["other", "synthetic"]


# -- malformed glossaries -----------------------------------------------------------------------
# (name, yaml text, exception type, line, element, text the message contains)

MALFORMED = [
    (
        "bad-yaml-syntax",
        """\
        concepts:
        - id: a
          terms:
            en: [{term: A, status: preferred}]
          note: a: b
        """,
        GlossarySyntaxError, 5, None, "invalid YAML",
    ),
    (
        "tab-indentation",
        "concepts:\n\t- id: a\n",
        GlossarySyntaxError, 2, None, "invalid YAML",
    ),
    (
        "unknown-status",
        """\
        concepts:
        - id: tokayev
          terms:
            en:
            - {term: Tokayev, status: preferred}
            - {term: Tokaev, status: obsolete}
        """,
        GlossarySchemaError, 6, "concept tokayev, term 'Tokaev'", "unknown status 'obsolete'",
    ),
    (
        "unknown-term-key",
        """\
        concepts:
        - id: tokayev
          terms:
            en:
            - {term: Tokayev, status: preferred, staus: admitted}
        """,
        GlossarySchemaError, 5, "concept tokayev", "unknown key 'staus'",
    ),
    (
        "unknown-concept-key",
        """\
        concepts:
        - id: tokayev
          defintion: President.
          terms:
            en:
            - {term: Tokayev, status: preferred}
        """,
        GlossarySchemaError, 2, "concept tokayev", "unknown key 'defintion'",
    ),
    (
        "unknown-top-level-key",
        """\
        glossary: {id: g}
        concept:
        - id: a
        """,
        GlossarySchemaError, 2, None, "unknown key 'concept'",
    ),
    (
        "duplicate-concept-id",
        """\
        concepts:
        - id: tokayev
          terms: {en: [{term: Tokayev, status: preferred}]}
        - id: putin
          terms: {en: [{term: Putin, status: preferred}]}
        - id: tokayev
          terms: {en: [{term: Tokaev, status: preferred}]}
        """,
        GlossarySchemaError, 6, "concept tokayev", "duplicate concept id 'tokayev'",
    ),
    (
        "two-preferred-terms",
        """\
        concepts:
        - id: tokayev
          terms:
            ar:
            - {term: توكاييف, status: preferred}
            - {term: توكايف, status: preferred}
        """,
        GlossarySchemaError, 6, "concept tokayev", "two preferred ar terms",
    ),
    (
        "non-slug-id",
        """\
        concepts:
        - id: Kassym_Jomart Tokayev
          terms: {en: [{term: Tokayev, status: preferred}]}
        """,
        GlossarySchemaError, 2, "concept Kassym_Jomart Tokayev", "not a lowercase slug",
    ),
    (
        "empty-term",
        """\
        concepts:
        - id: tokayev
          terms:
            en:
            - {term: Tokayev, status: preferred}
            - {term: "  ", status: admitted}
        """,
        GlossarySchemaError, 6, "concept tokayev", "term is empty",
    ),
    (
        "missing-status",
        """\
        concepts:
        - id: tokayev
          terms:
            en:
            - {term: Tokayev, status: preferred}
            - {term: Tokaev}
        """,
        GlossarySchemaError, 6, "concept tokayev", "needs a 'status'",
    ),
    (
        "missing-id",
        """\
        concepts:
        - subject: people
          terms: {en: [{term: Tokayev, status: preferred}]}
        """,
        GlossarySchemaError, 2, "concept at line 2", "needs an 'id'",
    ),
    (
        "missing-terms",
        """\
        concepts:
        - id: tokayev
          subject: people
        """,
        GlossarySchemaError, 2, "concept tokayev", "needs 'terms'",
    ),
    (
        "term-with-outer-space",
        """\
        concepts:
        - id: tokayev
          terms:
            en:
            - {term: "Tokayev ", status: preferred}
        """,
        GlossarySchemaError, 5, "concept tokayev", "leading, trailing",
    ),
    (
        "bad-language-tag",
        """\
        concepts:
        - id: tokayev
          terms:
            english:
            - {term: Tokayev, status: preferred}
        """,
        GlossarySchemaError, 4, "concept tokayev", "not a BCP 47 language tag",
    ),
    (
        "bad-history-date",
        """\
        concepts:
        - id: tokayev
          history:
          - {action: origination, date: 2024-13}
          terms: {en: [{term: Tokayev, status: preferred}]}
        """,
        GlossarySchemaError, 4, "concept tokayev", "not YYYY-MM-DD",
    ),
    (
        "bad-case-sensitive",
        """\
        concepts:
        - id: sco
          terms:
            en:
            - {term: SCO, status: preferred, case_sensitive: maybe}
        """,
        GlossarySchemaError, 5, "concept sco, term 'SCO'", "case_sensitive must be true or false",
    ),
    (
        "related-not-an-id",
        """\
        concepts:
        - id: tokayev
          related: [Kazakhstan]
          terms: {en: [{term: Tokayev, status: preferred}]}
        """,
        GlossarySchemaError, 3, "concept tokayev", "related id 'Kazakhstan'",
    ),
    (
        "terms-not-a-list",
        """\
        concepts:
        - id: tokayev
          terms:
            en: Tokayev
        """,
        GlossarySchemaError, 4, "concept tokayev", "must be a list",
    ),
    (
        "empty-file",
        "",
        GlossarySchemaError, 1, None, "empty",
    ),
]


@pytest.mark.parametrize(
    ("text", "error", "line", "element", "detail"),
    [pytest.param(*case[1:], id=case[0]) for case in MALFORMED],
)
def test_malformed_glossary(
    write_glossary: WriteGlossary,
    text: str,
    error: type[GlossaryError],
    line: int,
    element: str | None,
    detail: str,
) -> None:
    path = write_glossary(text, "broken.yaml")
    with pytest.raises(error) as info:
        load_glossary(path)
    exc = info.value
    assert type(exc) is error
    assert exc.path == str(path)
    assert exc.line == line
    assert exc.element == element
    assert detail in exc.detail
    assert str(exc).startswith(f"{path}, line {line}")


@pytest.mark.parametrize("case", [pytest.param(case, id=case[0]) for case in MALFORMED])
def test_malformed_glossary_fails_in_load_glossaries(
    write_glossary: WriteGlossary, synthetic_path: Path, case: tuple[object, ...]
) -> None:
    """A bad file among good ones fails the whole call: no partial list comes back."""
    path = write_glossary(case[1], "broken.yaml")
    with pytest.raises(GlossaryError) as info:
        load_glossaries([synthetic_path, path])
    assert info.value.path == str(path)


def test_duplicate_concept_id_across_files(write_glossary: WriteGlossary) -> None:
    first = write_glossary(
        """\
        concepts:
        - id: putin
          terms: {en: [{term: Putin, status: preferred}]}
        - id: tokayev
          terms: {en: [{term: Tokayev, status: preferred}]}
        """,
        "first.yaml",
    )
    second = write_glossary(
        """\
        concepts:
        - id: lavrov
          terms: {en: [{term: Lavrov, status: preferred}]}
        - id: tokayev
          terms: {en: [{term: Tokaev, status: preferred}]}
        """,
        "second.yaml",
    )
    with pytest.raises(GlossarySchemaError) as info:
        load_glossaries([first, second])
    exc = info.value
    assert exc.path == str(second)
    assert exc.line == 4
    assert exc.element == "concept tokayev"
    assert str(first) in exc.detail
    assert "line 4" in exc.detail


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert info.value.path == str(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("concepts:\n- id: caf\xe9\n".encode("latin-1"))
    from termbase import TextDecodingError

    with pytest.raises(TextDecodingError) as info:
        load_glossary(path)
    assert info.value.path == str(path)
    assert info.value.line == 2


def test_parse_glossary_names_the_given_path() -> None:
    with pytest.raises(GlossarySchemaError) as info:
        parse_glossary("concepts:\n- id: a\n  terms: {en: [{term: A}]}\n", "inline.yaml")
    assert info.value.path == "inline.yaml"
    assert info.value.line == 3

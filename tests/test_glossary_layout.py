"""The layout reader (:mod:`termbase.glossary_layout`) against the YAML reader as its oracle: what it
accepts reads exactly as PyYAML's composed nodes read, and whatever it declines the YAML reader reads
(or refuses, naming the file and line)."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termbase.errors import GlossaryError
from termbase.glossary import _parse_yaml, parse_glossary, shipped_glossary_paths
from termbase.glossary_layout import read_layout
from termbase.interchange.yaml_glossary import dump_glossary
from termbase.model import Concept, Gender, Glossary, GlossaryInfo, PartOfSpeech, Term, TermStatus, TermType


def _yaml(text: str) -> Glossary | GlossaryError:
    try:
        return _parse_yaml(text, "g.yaml", "digest")
    except GlossaryError as exc:
        return exc


def _agree(text: str) -> Glossary | None:
    """The layout reader's result, after checking it against the YAML reader."""
    fast = read_layout(text, "g.yaml", "digest")
    if fast is not None:
        assert fast == _yaml(text)
    return fast


@pytest.mark.parametrize("path", shipped_glossary_paths(), ids=lambda p: p.name)
def test_shipped_glossaries_as_written_by_the_exporter(path: Path) -> None:
    glossary = parse_glossary(path.read_text(encoding="utf-8"), "g.yaml")
    text = dump_glossary(glossary)
    fast = _agree(text)
    if not any(concept.history or concept.offices for concept in glossary.concepts):
        assert fast is not None  # the exporter's layout is read without YAML nodes


# Texts with what YAML treats specially: quotes, colons, commas, hashes, slashes, Arabic; and, in
# one glossary of four, also brackets, escapes, leading dashes, blanks, tabs, control characters
# and line breaks YAML knows and Python does not (most of which the YAML reader refuses).
_ALPHABET = string.ascii_letters[:8] + " :,#-?[]{}&*!|>'\"%@`\\/\t\n\r\x85\u2028\xa0\ufeff\x07éقاسم"
_PLAIN_TEXT = st.text(alphabet=string.ascii_letters[:8] + " :,'\"#-/قاسم", min_size=1, max_size=12).map(
    str.strip).filter(bool)
_HOSTILE_TEXT = st.text(alphabet=_ALPHABET, max_size=12)


@st.composite
def _terms(draw: st.DrawFn, lang: str, text: st.SearchStrategy[str]) -> list[Term]:
    terms = []
    for status in draw(st.lists(st.sampled_from(TermStatus), min_size=1, max_size=3)):
        if status is TermStatus.PREFERRED and any(t.status is status for t in terms):
            continue
        term_type = draw(st.none() | st.sampled_from(TermType))
        terms.append(Term(
            draw(text), lang, status, term_type, draw(st.none() | st.sampled_from(PartOfSpeech)),
            draw(st.booleans()), draw(st.none() | st.sampled_from(Gender)), draw(st.none() | text),
            draw(st.none() | text), tuple(draw(st.lists(text, max_size=2))), tuple(draw(st.lists(text, max_size=2))),
            draw(st.none() | text), draw(st.none() | st.sampled_from(["2019/2022", "2019-03/2022-10-01"])),
        ))
    return terms


@st.composite
def _glossaries(draw: st.DrawFn) -> Glossary:
    text = _HOSTILE_TEXT if draw(st.integers(0, 3)) == 0 else _PLAIN_TEXT
    concepts = []
    for number in range(draw(st.integers(1, 3))):
        terms = draw(_terms("en", text)) + draw(_terms(draw(st.sampled_from(["ar", "ar-EG"])), text))
        concepts.append(Concept(
            f"c-{number}", tuple(terms), subject=draw(st.none() | text),
            definitions={lang: draw(text) for lang in draw(st.lists(st.sampled_from(["en", "ar"]), max_size=2))},
            notes=tuple(draw(st.lists(text, max_size=2))), related=tuple(draw(st.lists(st.just("c-9"), max_size=1))),
            sources=tuple(draw(st.lists(text, max_size=2))), customer=draw(st.none() | text),
            overrides=draw(st.none() | st.just("other")),
        ))
    info = GlossaryInfo(id=draw(st.sampled_from(["g", "other"])), path="g.yaml", title=draw(st.none() | text),
                        sources=tuple(draw(st.lists(text, max_size=2))))
    return Glossary(info, tuple(concepts), {}, {})


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_glossaries())
def test_written_glossaries_read_as_yaml_reads_them(glossary: Glossary) -> None:
    _agree(dump_glossary(glossary))


_SAMPLE = """\
glossary:
  id: sample
  title: "Names: people, places"
  sources:
    - Agency style book
concepts:
- id: kassym-jomart-tokayev
  subject: people
  definition:
    en: President of Kazakhstan
    ar: 'رئيس كازاخستان'
  note: [one, "two, three"]
  related: [kazakhstan]
  terms:
    en:
    - {term: Kassym-Jomart Tokayev, status: preferred, type: fullForm, pos: properNoun}
    - {term: Tokaev, status: deprecated, note: "old wire spelling", sources: [AFP, "Reuters \\"1999\\""]}
    ar:
    - {term: قاسم جومارت توكاييف, status: preferred}
    - {term: توكايف, status: admitted, case_sensitive: "True", historical: 2019/2022}

# a comment
- id: kazakhstan
  terms:
    en:
      - {term: Kazakhstan, status: preferred, type: acronym}
"""


def test_the_sample_is_in_the_layout() -> None:
    glossary = _agree(_SAMPLE)
    assert glossary is not None and [c.id for c in glossary.concepts] == ["kassym-jomart-tokayev", "kazakhstan"]
    assert glossary.term_lines[("kassym-jomart-tokayev", "en", "Tokaev")] == 17
    assert glossary.concepts[1].terms[0].case_sensitive  # an acronym's default


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_damaged_files_read_as_yaml_reads_them_or_fail_as_it_does(data: st.DataObject) -> None:
    """One to three characters inserted, deleted or replaced anywhere in the sample."""
    text = _SAMPLE
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text) - 1))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        char = data.draw(st.sampled_from(list(" :,#-'\"[]{}\n\\&*!|>x") + ["  ", "\t"]))
        if action == "insert":
            text = text[:at] + char + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + 1:]
        else:
            text = text[:at] + char + text[at + 1:]
    _agree(text)


def test_an_error_in_a_laid_out_file_names_its_line() -> None:
    text = _SAMPLE.replace("status: deprecated", "status: depreciated")
    assert read_layout(text, "g.yaml", "digest") is None
    with pytest.raises(GlossaryError) as info:
        parse_glossary(text, "g.yaml")
    assert info.value.line == 17 and "depreciated" in str(info.value)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_blank_and_comment_lines_anywhere_read_as_yaml_reads_them(data: st.DataObject) -> None:
    """Blank lines and comment lines at any indentation between any two lines of the sample (between
    two terms of one language too, where the reader otherwise takes the next line as it is)."""
    lines = _SAMPLE.splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(1, len(lines)))
        lines.insert(at, data.draw(st.sampled_from(["", "   ", "# note", "    # note", "      #", "  #- {term: x}"])))
    glossary = _agree("\n".join(lines) + "\n")
    assert glossary is not None
    assert [c.id for c in glossary.concepts] == ["kassym-jomart-tokayev", "kazakhstan"]

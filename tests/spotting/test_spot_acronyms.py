"""A misspelt acronym (BRICCS for BRICS) is a fuzzy hit; a shorter one (BRIC), an English word in
capitals, or another glossary acronym is not.

The misspellings are made here from the shipped glossary's own all-capitals case-sensitive terms:
every letter doubled, every inner pair swapped, every letter changed to its neighbour in the
alphabet. The oracle is written here too: a misspelling is reportable when wordfreq does not know
it, no glossary term is written so, and it is one slip (the test module's own optimal string
alignment, ``osa`` of the slips test) from an acronym of five letters or more and no shorter than it.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from wordfreq import top_n_list, zipf_frequency

from termbase import Termbase
from termbase.qa.issues import Applicability, IssueCode
from tests.spotting.test_spot_slips import osa


@cache
def acronyms(termbase: Termbase) -> dict[str, set[str]]:
    """All-capitals case-sensitive English terms of five letters or more, with their concepts."""
    found: dict[str, set[str]] = {}
    for concept in termbase.concepts.values():
        for term in concept.terms:
            text = term.text
            if term.case_sensitive and term.lang.startswith("en") and text.isascii() and text.isalpha() \
                    and text.isupper() and len(text) >= 5:
                found.setdefault(text, set()).add(concept.id)
    return found


@cache
def written(termbase: Termbase) -> frozenset[str]:
    return frozenset(t.text for c in termbase.concepts.values() for t in c.terms)


def misspellings(word: str) -> Iterator[str]:
    for i in range(len(word)):
        yield word[:i + 1] + word[i:]  # a letter doubled
        yield word[:i] + chr((ord(word[i]) - ord("A") + 1) % 26 + ord("A")) + word[i + 1:]  # changed
        if 0 < i < len(word) - 1:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:]  # two neighbours swapped


def test_every_reportable_misspelling_of_an_acronym_is_found(shipped_termbase: Termbase) -> None:
    tb = shipped_termbase
    table = acronyms(tb)
    assert {"BRICS", "ASEAN"} <= set(table)
    tried, missed, wrong = 0, [], []
    for acronym, concepts in table.items():
        for slip in set(misspellings(acronym)):
            if slip == acronym or slip in written(tb) or zipf_frequency(slip, "en") > 0:
                continue
            near = {c for other, ids in table.items() if len(slip) >= len(other) and osa(slip, other) <= 1 for c in ids}
            text = f"Leaders of {slip} met on Monday."
            hits = [h for h in tb.spot(text, lang="en") if h.start == 11 and h.end == 11 + len(slip)]
            tried += 1
            if not hits:
                missed.append(slip)
            elif {hits[0].concept} - {None} | set(hits[0].candidates) != near:
                wrong.append((slip, hits[0].concept, hits[0].candidates, near))
            if concepts <= near and hits:
                assert hits[0].match == "fuzzy" and hits[0].confidence < 1.0
                assert any(e.rule == "slip" for e in hits[0].reasons)
    assert tried > 20
    assert (missed, wrong) == ([], [])


def test_a_dropped_letter_is_no_misspelling(shipped_termbase: Termbase) -> None:
    """BRIC is a real, older acronym: a letter dropped from an acronym is not read as a slip."""
    hits = shipped_termbase.spot("The BRIC countries grew fast; so did ASEA.", lang="en")
    assert [h.text for h in hits] == []


def test_english_words_in_capitals_are_no_acronym(shipped_termbase: Termbase) -> None:
    """A headline in capitals: none of the 20,000 commonest English words of five letters or more is a hit."""
    words = [w.upper() for w in top_n_list("en", 20_000) if len(w) >= 5 and w.isascii() and w.isalpha()]
    assert len(words) > 5_000
    for start in range(0, len(words), 500):
        headline = " ".join(words[start:start + 500])
        fuzzy = [h.text for h in shipped_termbase.spot(headline, lang="en") if h.match == "fuzzy"]
        assert fuzzy == []


def test_check_fixes_a_misspelt_acronym_only_when_the_source_names_it(shipped_termbase: Termbase) -> None:
    with_source = shipped_termbase.check("عقدت قمة مجموعة بريكس في روسيا", "The BRICCS summit was held in Russia")
    (found,) = [i for i in with_source.issues if i.code is IssueCode.MISSPELLED_TERM]
    assert (found.concept, found.target.text if found.target else None, found.suggestion) == ("brics", "BRICCS", "BRICS")
    assert found.fix is Applicability.SAFE
    alone = shipped_termbase.check(None, "The BRICCS summit was held in Russia")
    (found,) = [i for i in alone.issues if i.code is IssueCode.MISSPELLED_TERM]
    assert found.fix is not Applicability.SAFE

"""One slip in an English name: a dropped, added, changed or swapped letter (Damerau's four).

The misspellings are made here from the shipped glossary's own English place and person names,
every inner letter swapped with its neighbour or dropped, and judged by an oracle written here: a
slip is reportable when the frequency list (wordfreq) does not know it, no glossary word is spelt
so, and exactly one glossary name word lies within one edit of it (a plain dynamic-programming
optimal string alignment, not the code under test). A word that English uses is never read as a
slip, however close to a name.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import pytest
from wordfreq import top_n_list, zipf_frequency

from termbase import Termbase
from termbase.matches import Hit
from termbase.model import Concept, PartOfSpeech
from termbase.normalize import fold


def osa(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau 1964, adjacent transpositions), the textbook table."""
    rows = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("chna", "china", 1), ("russai", "russia", 1), ("austrai", "austria", 1), ("austrai", "australia", 2),
    ("ca", "abc", 3),  # OSA, not unrestricted Damerau-Levenshtein (2): no edit inside a swapped pair
    ("unuted", "united", 1), ("", "abc", 3),
])
def test_oracle_distance(a: str, b: str, distance: int) -> None:
    assert osa(a, b) == distance


@cache
def glossary_words(tb: Termbase) -> frozenset[str]:
    """Every folded word of every term, in any language."""
    return frozenset(w for c in tb for t in c.terms for w in fold(t.text).split(" "))


@cache
def name_words(tb: Termbase) -> frozenset[str]:
    """Folded words of five letters or more of the English proper-noun terms (what a slip may spoil)."""
    return frozenset(w for c in tb for t in c.terms_in("en") if t.pos is PartOfSpeech.PROPER_NOUN
                     and not t.case_sensitive for w in fold(t.text).split(" ") if len(w) >= 5)


def reportable(tb: Termbase, slip: str, word: str) -> bool:
    """The oracle: ``slip`` of ``word`` is no English word, no glossary word, and one edit from
    ``word`` alone among the name words sharing its first letter."""
    if zipf_frequency(slip, "en") > 0 or slip in glossary_words(tb):
        return False
    near = {w for w in name_words(tb) if w[:1] == slip[:1] and abs(len(w) - len(slip)) <= 1 and osa(slip, w) <= 1}
    return near == {word}


def slips(word: str) -> Iterator[str]:
    """Every neighbour swap and every drop of an inner letter (the first and last stay)."""
    for i in range(1, len(word) - 2):
        if word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:]
    for i in range(1, len(word) - 1):
        yield word[:i] + word[i + 1:]


def places(tb: Termbase, words: int) -> list[tuple[Concept, str]]:
    """(concept, preferred English name) of the glossary's places whose name has ``words`` words, all letters."""
    found = []
    for concept in tb:
        term = concept.preferred("en")
        if (concept.subject == "geography" and term is not None and term.pos is PartOfSpeech.PROPER_NOUN
                and not term.case_sensitive and len(term.text.split()) == words
                and all(w.isalpha() and w[:1].isupper() and w[1:].islower() for w in term.text.split())):
            found.append((concept, term.text))
    return found


def names(hits: list[Hit], start: int, end: int) -> set[str]:
    """Concepts the hits over ``[start, end)`` name, candidates of ambiguous ones included."""
    return {c for h in hits if h.start < end and start < h.end for c in ((h.concept,) if h.concept else h.candidates)}


def found_in_a_sentence(tb: Termbase, concept_id: str, written: str) -> bool:
    """Whether ``written``, in a plain news sentence, is spotted as ``concept_id``."""
    text = f"Officials in {written} said on Monday that talks would go on."
    return concept_id in names(tb.spot(text, lang="en"), 13, 13 + len(written))


def test_one_slip_in_a_one_word_place_name(shipped_termbase: Termbase) -> None:
    tb = shipped_termbase
    tried, missed = 0, []
    for concept, name in places(tb, 1):
        word = fold(name)
        for slip in slips(word):
            if len(slip) < 4 or not reportable(tb, slip, word):
                continue
            written = slip[:1].upper() + slip[1:]
            tried += 1
            if not found_in_a_sentence(tb, concept.id, written):
                missed.append(written)
    assert tried > 100
    assert missed == []


def test_one_slip_in_one_word_of_a_longer_name(shipped_termbase: Termbase) -> None:
    """Unuted States, Hnog Kong: the other words as the glossary writes them, the odd one a slip."""
    tb = shipped_termbase
    tried, missed = 0, []
    for concept, name in places(tb, 2):
        parts = name.split()
        for k, part in enumerate(parts):
            word = fold(part)
            for slip in slips(word):
                if len(slip) < 4 or zipf_frequency(slip, "en") > 0 or slip in glossary_words(tb):
                    continue
                written = " ".join(p if n != k else slip[:1].upper() + slip[1:] for n, p in enumerate(parts))
                tried += 1
                if not found_in_a_sentence(tb, concept.id, written):
                    missed.append(written)
    assert tried > 50
    assert missed == []


def test_a_slip_needs_the_other_words_as_written(shipped_termbase: Termbase) -> None:
    """One slip and another word changed is no longer one slip from the name."""
    hits = shipped_termbase.spot("Officials in Unuted Stetes said on Monday.", lang="en")
    assert not any("slip" in {e.rule for e in h.reasons} for h in hits)


def test_english_words_are_never_slips(shipped_termbase: Termbase) -> None:
    """The 30,000 commonest English words, capitalised, one edit from a name word: no slip hit
    (Chin is not China, Omar not Oman)."""
    tb = shipped_termbase
    near = [w for w in top_n_list("en", 30000) if w.isalpha() and len(w) >= 4 and w not in glossary_words(tb)
            and any(w[:1] == n[:1] and abs(len(w) - len(n)) <= 1 and osa(w, n) == 1 for n in name_words(tb))]
    assert len(near) > 20
    flagged = []
    for word in near:
        written = word[:1].upper() + word[1:]
        hits = tb.spot(f"He said {written} was there.", lang="en")
        if any(e.rule == "slip" for h in hits for e in h.reasons):
            flagged.append(written)
    assert flagged == []


def test_a_slip_prefers_the_name_one_edit_away(shipped_termbase: Termbase) -> None:
    """Austrai is one swap from Austria and two edits from Australia, whose ratio is higher."""
    hits = shipped_termbase.spot("Officials in Austrai said on Monday.", lang="en")
    assert [h.concept for h in hits] == ["austria"]


def test_a_slip_of_a_name_is_no_derivative_of_a_shorter_one(shipped_termbase: Termbase) -> None:
    """Natons is a slip of Nations (United Nations), not NATO + ns; Armenians stays a derivative."""
    assert "united-nations" in names(shipped_termbase.spot("The United Natons said.", lang="en"), 4, 17)
    assert shipped_termbase.spot("The Armenians said.", lang="en") == []

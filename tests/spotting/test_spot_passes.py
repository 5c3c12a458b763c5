"""The passes after the exact scan read the hits' terms through set operations and memos; each
agrees with asking every hit on its own, the glossary read whole (no memo), on real text.

The texts: the seed article in both languages, the draft translation, and news sentences whose
common-word homographs (ترميز, كابل, مالي) and bare surnames the memos must see for the first time
part-way through a run of texts.
"""

from __future__ import annotations

import pytest

from shared_paths import REPO
from termbase import Termbase
from termbase.matches import Hit, MatchKind
from termbase.spotting.homographs import is_homograph
from termbase.spotting.names import partial_name_terms

_NEWS = (
    ("ar", "أوزبكستان تعيد فتح معبر ترميز مع أفغانستان بالكامل بعد 3 سنوات"),
    ("ar", "انقطاع كابل بحري في البحر الأحمر يوقف الإنترنت جزئيًا في آسيا والشرق الأوسط"),
    ("ar", "قدمت الحكومة غلافا ماليا لدعم الشركات، فيما زار الوزير مالي وبوركينا فاسو"),
    ("ar", "أكد الرئيس الكازاخستاني قاسم جومارت توكايف خلال القمة أن توكايف سيزور طشقند"),
    ("en", "Tokayev met Mirziyoyev in Tashkent; later Tokayev flew to Kabul."),
)


def _texts() -> list[tuple[str, str]]:
    seeds = [("ar", REPO / "seeds" / "c5plus1-summit.ar.txt"), ("en", REPO / "seeds" / "c5plus1-summit.en.txt"),
             ("en", REPO / "examples" / "c5plus1-summit.draft.en.txt")]
    return [*_NEWS, *((lang, path.read_text("utf-8")) for lang, path in seeds)]


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    """The shipped glossaries, with memos that only these tests fill."""
    return Termbase.load()


def test_partial_names_are_those_of_the_whole_glossary(termbase: Termbase) -> None:
    every = partial_name_terms(termbase.concepts.values())  # read whole, no memo
    assert every  # the shipped glossaries list people by surname alone
    seen = 0
    for lang, text in _texts():
        hits = termbase.spotting(text, lang=lang).hits(whole_names=False)
        expected = frozenset(id(hit.term) for hit in hits if id(hit.term) in every)
        assert termbase._partial_names(hits) == expected
        assert termbase._partial_names(hits) == expected  # again, from the memo
        seen += bool(expected)
    assert seen >= 2


def test_homograph_positions_are_those_asked_hit_by_hit(termbase: Termbase) -> None:
    seen = 0
    for lang, text in _texts():
        hits = termbase.spot(text, lang=lang, whole_names=False)
        expected = [position for position, hit in enumerate(hits) if is_homograph(hit.term)]
        assert termbase._homographs(hits) == expected
        assert termbase._homographs(hits) == expected  # again, from the memo
        seen += bool(expected)
    assert seen >= 1


def test_partial_names_of_a_term_no_hit_concept_holds(termbase: Termbase) -> None:
    """A hit whose term is a person's but whose concepts do not hold it is still read (the table of
    every person term), as is one whose concept does; the same identities as the whole glossary's."""
    every = partial_name_terms(termbase.concepts.values())
    fresh = Termbase(list(termbase.concepts.values()))
    person = next(c for c in fresh.concepts.values() if any(id(t) in every for t in c.terms))
    term = next(t for t in person.terms if id(t) in every)
    other = next(c for c in fresh.concepts.values() if c.id != person.id)
    elsewhere = Hit(0, 1, term.text, other.id, term, MatchKind.EXACT, 100.0)
    assert fresh._partial_names([elsewhere]) == frozenset({id(term)})
    unnamed = Hit(0, 1, term.text, None, term, MatchKind.EXACT, 100.0)
    assert Termbase(list(termbase.concepts.values()))._partial_names([unnamed]) == frozenset({id(term)})

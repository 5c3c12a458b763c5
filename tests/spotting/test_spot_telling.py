"""The telling word of a name standing alone (spotting/telling.py, through the fuzzy pass), and a
person's short surname standing alone as written.

Positive cases are spellings the shipped glossary lists, taken out of it in memory and spotted in
real text that writes them: a sentence of the labelled news data, or the page of a row of
``glossaries/sources/attested_spellings.tsv``. What each denotes comes from that label or row, not
from the code. The negative table is worked by hand from the meaning of the words (الأبيض is
"white", الحرير "silk", Bissau the capital of Guinea-Bissau, Gabonese the adjective).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from functools import cache

import pytest

from termbase import Termbase
from termbase.arabic import is_arabic
from termbase.langtags import primary_language
from termbase.matches import MatchKind
from termbase.model import PartOfSpeech
from termbase.normalize import fold
from termbase.spotting.fuzzy import RULE_WEIGHT, _without_article
from termbase.spotting.telling import telling_word


@cache
def _without(termbase: Termbase, concept: str, lang: str, spelling: str) -> Termbase:
    listed = [t.text for t in termbase.concept(concept).terms_in(lang)]
    assert spelling in listed and len(listed) > 1, f"{spelling!r} of {concept}: update the case"
    return Termbase([dataclasses.replace(c, terms=tuple(t for t in c.terms if not (t.lang == lang and t.text == spelling)))
                     if c.id == concept else c for c in termbase])


LEFT_OUT = [  # concept, language, the listed spelling taken out, real text that writes it alone
    # attested_spellings.tsv, tapi-pipeline / ar / تابي / ksa2day.com (NewsID=2612337): خط أنابيب تابي stays
    ("tapi-pipeline", "ar", "تابي",
     'وعلى الرغم من أن مشروع خط الأنابيب -الذي يطلق عليه "تابي"- مدعوم بموارد للغاز'),
    # benchmarks/accuracy/data en-eb58817020, Türkiye labelled turkey: Republic of Türkiye stays
    ("turkey", "en", "Türkiye", "It then passes through the Caspian Sea, Azerbaijan, Georgia, and Türkiye before reaching Europe."),
]
SHORT_SURNAMES = [  # a person's surname of four letters, alone in real text
    # sharqtimes.com (the chancellor's summer press conference): فريدريش ميرز stays
    ("friedrich-merz", "ar", "ميرز", "أشار ميرز إلى أن ألمانيا تسيطر على حدودها مع بولندا"),
]


CASES = [(*case, "name-word") for case in LEFT_OUT] + [(*case, "surname") for case in SHORT_SURNAMES]


@pytest.mark.parametrize(("concept", "lang", "spelling", "text", "rule"), CASES, ids=[case[2] for case in CASES])
def test_a_word_alone_names_its_concept(shipped_termbase: Termbase, concept: str, lang: str, spelling: str,
                                        text: str, rule: str) -> None:
    termbase = shipped_termbase
    hits = [h for h in _without(termbase, concept, lang, spelling).spot(text, lang=lang) if h.text == spelling]
    assert [h.concept for h in hits] == [concept]
    hit = hits[0]
    assert hit.match is MatchKind.FUZZY and any(e.rule == rule for e in hit.reasons)
    assert hit.confidence <= RULE_WEIGHT[rule] < RULE_WEIGHT["full-name"]


@pytest.mark.parametrize("text", [  # labelled ar-c24dead0f3 and ar-57c9151aa8 with silk written alone
    "كانت سمرقند مركزًا تجاريًا وثقافيًا مهمًا لتجارة الحرير.",
    "وتتميز بمدنها التاريخية مثل سمرقند وبخارى وخيوة ومنسوجات الحرير.",
])
def test_a_common_word_of_a_name_is_no_telling_word(shipped_termbase: Termbase, text: str) -> None:
    """الحرير ("silk") of طريق الحرير is a common noun: alone it is no Silk Road, with or without
    the glossary's other spellings of the road."""
    termbase = shipped_termbase
    for glossary in (termbase, _without(termbase, "silk-road", "ar", "طريق الحرير")):
        assert "silk-road" not in {h.concept for h in glossary.spot(text, lang="ar")}


@cache
def _owners(termbase: Termbase) -> tuple[dict[tuple[str, str], set[int]], set[tuple[str, str]], list[str]]:
    owners: dict[tuple[str, str], set[int]] = defaultdict(set)
    single: set[tuple[str, str]] = set()
    ids = [c.id for c in termbase]
    for number, concept in enumerate(termbase):
        for term in concept.terms:
            words = fold(term.text).split(" ")
            lang = primary_language(term.lang)
            single.update([(lang, words[0])] if len(words) == 1 and term.pos is PartOfSpeech.PROPER_NOUN else [])
            for w in words:
                owners[(lang, _without_article(w))].add(number)
    return owners, single, ids


TELLING = [  # concept, term, the telling word (folded, article off) or None: worked by hand
    ("tapi-pipeline", "خط أنابيب تابي", "تابي"),
    ("tapi-pipeline", "TAPI pipeline", "tapi"),
    ("kyzylkum-desert", "Kyzylkum Desert", "kyzylkum"),
    ("bahamas", "جزر البهاما", "بهاما"),  # a construct: the head without the article
    ("kiribati", "Republic of Kiribati", "kiribati"),
    ("white-house", "البيت الأبيض", None),  # الأبيض "white", an adjective after a definite noun
    ("silk-road", "طريق الحرير", None),  # الحرير "silk"
    ("guinea-bissau", "Guinea-Bissau", None),  # Bissau is the capital
    ("guinea-bissau", "غينيا بيساو", None),  # غينيا is a name of its own, no head
    ("gabon", "Gabonese Republic", None),  # Gabonese alone is the adjective
    ("cape-verde", "Cabo Verde", None),  # Verde heads no other name
    ("karaganda-region", "Qaraghandy Region", None),  # an administrative head: the bare name is the city
    ("antigua-and-barbuda", "Antigua and Barbuda", None),  # Barbuda is one island of two
    ("equatorial-guinea", "غينيا الاستوائية", None),  # الاستوائية "equatorial"
]


@pytest.mark.parametrize(("concept", "text", "expected"), TELLING, ids=[case[1] for case in TELLING])
def test_telling_word_table(shipped_termbase: Termbase, concept: str, text: str, expected: str | None) -> None:
    termbase = shipped_termbase
    owners, single, ids = _owners(termbase)
    term = next(t for t in termbase.concept(concept).terms if t.text == text)
    lang = primary_language(term.lang)
    words = tuple(fold(text).split(" "))
    bare = tuple(_without_article(w) for w in words) if is_arabic(text) else words
    position = telling_word(text, words, bare, lang, lambda w: owners[(lang, w)], ids.index(concept),
                            lambda w: (lang, w) in single)
    assert (None if position is None else bare[position]) == expected

"""The seed article, spotted with the shipped glossaries: every occurrence, spans exact.

``EXPECTED`` is the full hit list in text order, one row per occurrence: the concept, then the
text exactly as it stands in the article (clitics included, ⏎ written as \n). It was produced by
the spotter and then checked row by row against the article by reading it. When the glossaries
change, re-run ``termbase spot seeds/c5plus1-summit.ar.txt``, read the difference, and edit the
rows that changed.

Not in the glossaries (so not expected): the split phrase موارد آسيا الوسطى الطبيعية (natural
resources with a genitive inside). The sector words (الطيران والمعادن والزراعة والسكك الحديدية
والسيارات والتكنولوجيا) and the five countries (خمس دول, الدول الخمس) are concepts of their own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from termbase import Termbase
from termbase.matches import MatchKind
from termbase.normalize import fold, fold_text

SEED = Path(__file__).resolve().parents[2] / "seeds" / "c5plus1-summit.ar.txt"

EXPECTED: list[tuple[str | None, str]] = [
    # concept                                   text in the article
    ('president-of-the-united-states'        , 'الرئيس الأمريكي'),
    ('donald-trump'                          , 'دونالد\nترامب'),
    ('summit'                                , 'قمة'),
    ('kazakhstan'                            , 'كازاخستان'),
    ('kyrgyzstan'                            , 'وقرغيزستان'),
    ('tajikistan'                            , 'وطاجيكستان'),
    ('turkmenistan'                          , 'وتركمانستان'),
    ('uzbekistan'                            , 'وأوزبكستان'),
    ('white-house'                           , 'البيت الأبيض'),
    ('strategic-partnership'                 , 'لشراكة استراتيجية'),
    ('central-asia'                          , 'آسيا الوسطى'),
    ('natural-resources'                     , 'بثروات طبيعية'),
    ('europe'                                , 'أوروبا'),
    ('asia'                                  , 'وآسيا'),
    ('middle-east'                           , 'والشرق الأوسط'),
    ('donald-trump'                          , 'ترامب'),
    ('social-media'                          , 'وسائل التواصل الاجتماعي'),
    ('summit'                                , 'القمة'),
    ('united-states'                         , 'الولايات المتحدة'),
    ('five-countries'                        , 'وخمس دول'),
    ('central-asia'                          , 'آسيا الوسطى'),
    ('summit'                                , 'قمة'),
    ('five-countries'                        , 'خمس دول'),
    ('kassym-jomart-tokayev'                 , 'قاسم جومارت توكاييف'),
    ('kazakhstan'                            , 'كازاخستان'),
    ('shavkat-mirziyoyev'                    , 'وشافكات ميرزيوييف'),
    ('uzbekistan'                            , 'أوزبكستان'),
    ('emomali-rahmon'                        , 'وإمام علي رحمون'),
    ('tajikistan'                            , 'طاجيكستان'),
    ('sadyr-japarov'                         , 'وصدير جباروف'),
    ('kyrgyzstan'                            , 'قيرغيزستان'),
    ('serdar-berdimuhamedov'                 , 'وسيردار بيردي محمدوف'),
    ('turkmenistan'                          , 'تركمانستان'),
    ('president-of-the-united-states'        , 'الرئيس الأمريكي'),
    ('central-asian-countries'               , 'دول آسيا الوسطى'),
    ('president-of-the-united-states'        , 'رئيس الولايات المتحدة'),
    ('full-partnership'                      , 'لشراكة كاملة'),
    ('donald-trump'                          , 'ترامب'),
    ('summit'                                , 'القمة'),
    ('c5-plus-1'                             , 'لمنصة «C5+1'),
    ('united-states'                         , 'الولايات المتحدة'),
    ('trade-deal'                            , 'للصفقات التجارية'),
    ('american'                              , 'الأمريكية'),
    ('aviation'                              , 'الطيران'),
    ('minerals'                              , 'والمعادن'),
    ('agriculture'                           , 'والزراعة'),
    ('railway'                               , 'والسكك الحديدية'),
    ('automobiles'                           , 'والسيارات'),
    ('technology'                            , 'والتكنولوجيا'),
    ('central-asia'                          , 'آسيا الوسطى'),
    ('russian-invasion-of-ukraine'           , 'الغزو الروسي لأوكرانيا'),
    ('united-states'                         , 'الولايات المتحدة'),
    ('china'                                 , 'والصين'),
    ('european-union'                        , 'والاتحاد الأوروبي'),
    ('sphere-of-influence'                   , 'دائرة نفوذ'),
    ('moscow'                                , 'موسكو'),
    ('former-soviet-republic'                , 'جمهوريات سوفياتية سابقة'),
    ('five-countries'                        , 'الدول الخمس'),
    ('five-plus-one-format'                  , 'مجموعة «5+1'),
    ('russian'                               , 'الروسي'),
    ('donald-trump'                          , 'ترامب'),
    ('summit'                                , 'القمة'),
    ('comprehensive-partnership'             , 'شراكة شاملة'),
    ('united-states'                         , 'للولايات المتحدة'),
    ('central-asia'                          , 'آسيا الوسطى'),
    ('critical-minerals'                     , 'المعادن الحيوية'),
    ('hydrocarbons'                          , 'والهيدروكربونات'),
    ('washington'                            , 'واشنطن'),
    ('european-union'                        , 'والاتحاد الأوروبي'),
    ('five-countries'                        , 'الدول الخمس'),
    ('soviet-union'                          , 'الاتحاد السوفياتي'),
    ('summit'                                , 'قمة'),
    ('united-states'                         , 'الولايات المتحدة'),
    ('central-asia'                          , 'وآسيا الوسطى'),
    ('donald-trump'                          , 'لترامب'),
    ('investment-project'                    , 'مشاريع استثمارية'),
    ('american'                              , 'الأمريكية'),
    ('economic-growth'                       , 'النمو الاقتصادي'),
    ('united-states'                         , 'الولايات المتحدة'),
    ('central-asian-countries'               , 'دول آسيا الوسطى'),
    ('washington'                            , 'واشنطن'),
    ('multilateral-cooperation'              , 'للتعاون متعدد الأطراف'),
]


@pytest.fixture(scope="module")
def article() -> str:
    return SEED.read_text(encoding="utf-8")


def test_full_hit_list(shipped_termbase: Termbase, article: str) -> None:
    hits = shipped_termbase.spot(article, lang="ar")
    assert all(article[h.start:h.end] == h.text for h in hits)
    assert [(h.concept, h.text) for h in hits] == EXPECTED


def test_no_fuzzy_and_no_ambiguous_hit(shipped_termbase: Termbase, article: str) -> None:
    hits = shipped_termbase.spot(article, lang="ar")
    assert [h.text for h in hits if h.match is MatchKind.FUZZY or h.concept is None] == []


@pytest.mark.parametrize(("concept", "text"), [
    ("kyrgyzstan", "وقرغيزستان"),
    ("kyrgyzstan", "قيرغيزستان"),
    ("hydrocarbons", "والهيدروكربونات"),
    ("c5-plus-1", "لمنصة «C5+1"),
    ("five-plus-one-format", "مجموعة «5+1"),
    ("donald-trump", "دونالد\nترامب"),
    ("soviet-union", "الاتحاد السوفياتي"),
    ("kassym-jomart-tokayev", "قاسم جومارت توكاييف"),
    ("shavkat-mirziyoyev", "وشافكات ميرزيوييف"),
    ("emomali-rahmon", "وإمام علي رحمون"),
    ("sadyr-japarov", "وصدير جباروف"),
    ("serdar-berdimuhamedov", "وسيردار بيردي محمدوف"),
])
def test_the_issue_examples(shipped_termbase: Termbase, concept: str, text: str) -> None:
    """Each example, alone in a sentence of its own, is one hit of its concept spanning exactly it."""
    sentence = f"وقال المسؤول إن {text}» مهم أمس."
    hits = shipped_termbase.spot(sentence, lang="ar")
    start = sentence.index(text)
    assert [(h.concept, h.start, h.end) for h in hits] == [(concept, start, start + len(text))]


# Clitic chains of Arabic grammar, written out here rather than taken from termbase: a
# conjunction (و ف), then a preposition (ب ك ل); before the article ل + ال is written لل.
CONJUNCTIONS, PREPOSITIONS = ("", "و", "ف"), ("", "ب", "ك", "ل")
BEFORE_A_WORD = {c + p for c in CONJUNCTIONS for p in PREPOSITIONS}
BEFORE_THE_ARTICLE = {c + p + "ال" for c in CONJUNCTIONS for p in ("", "ب", "ك")} | {c + "لل" for c in CONJUNCTIONS}
BEFORE_LAM = {c + "ل" for c in CONJUNCTIONS}  # ل + ال + لجنة = للجنة


def _written_forms(term: str) -> set[tuple[str, frozenset[str]]]:
    """How a listed term (folded) is written in running text: after a clitic chain, and, when it
    starts with the article, its stem after a chain that carries the article."""
    forms = {(term, frozenset(BEFORE_A_WORD))}
    if term.startswith("ال") and len(term.split(" ")[0]) > 3:
        stem = term[2:]
        forms.add((stem, frozenset(BEFORE_THE_ARTICLE | (BEFORE_LAM if stem.startswith("ل") else set()))))
    return forms


def test_no_occurrence_is_missed(shipped_termbase: Termbase, article: str) -> None:
    """Brute-force oracle: every listed Arabic spelling of every term that stands as a word in the
    article, after a clitic chain of Arabic grammar, lies inside a hit. The forms are made here
    from the glossary text, not by the spotter's own surface forms."""
    folded = fold_text(article)
    padded = " " + folded.folded + " "
    covered = bytearray(len(article) + 1)
    for hit in shipped_termbase.spot(article, lang="ar"):
        covered[hit.start:hit.end] = b"\x01" * (hit.end - hit.start)
    missed, seen = [], 0
    for concept in shipped_termbase:
        for term in concept.terms_in("ar"):
            for form, chains in _written_forms(fold(term.text)):
                at = padded.find(form + " ")
                while at != -1:
                    word_start = padded.rfind(" ", 0, at) + 1
                    if padded[word_start:at] in chains:
                        seen += 1
                        start, end = folded.original_span(at - 1, at - 1 + len(form))
                        if covered.find(0, start, end) != -1:
                            missed.append((concept.id, article[start:end]))
                    at = padded.find(form + " ", at + 1)
    assert missed == []
    assert seen >= len(EXPECTED) * 3 // 4  # the oracle sees most of the article's terms

"""The nisba adjective in spotting: made on a people's collective name, on a related place's names,
and in a state's official name.

Arabic makes the adjective of a people or a place with the nisba ending ي (أوزبك "the Uzbeks" →
أوزبكي "Uzbek"; كازاخستان → كازاخستاني; تونس → الجمهورية التونسية, "the Tunisian Republic"). A
glossary that lists the collective name of a people, the nisba of one name of a country, or
official names of that shape, is read as listing the nisba made on the others. Each case takes
a listed spelling out of the shipped glossary in memory, keeps the concept's other terms, and spots
a sentence copied from the news page named beside it; the concept expected is what the glossary's
definitions say the sentence denotes.
"""

from __future__ import annotations

import dataclasses
from functools import cache

import pytest

from termbase import Termbase
from termbase.arabic import NISBA_DUAL, NISBA_ENDINGS, nisba_forms, nisba_stem
from termbase.model import Concept
from termbase.spotting.forms import place_nisbas, state_styles, styled_names


@cache
def _without(termbase: Termbase, concept: str, *spellings: str) -> Termbase:
    """The shipped glossary, the Arabic ``spellings`` taken out of ``concept`` (its other terms stay)."""
    listed = [t.text for t in termbase.concept(concept).terms_in("ar")]
    assert set(spellings) <= set(listed), f"{spellings!r} are no longer all terms of {concept}: update the case"

    def kept(c: Concept) -> Concept:
        return dataclasses.replace(c, terms=tuple(t for t in c.terms if not (t.lang == "ar" and t.text in spellings)))

    return Termbase([kept(c) if c.id == concept else c for c in termbase])


def _concepts_over(termbase: Termbase, text: str, mention: str) -> list[str | None]:
    start = text.index(mention)
    return [h.concept for h in termbase.spot(text, lang="ar") if h.start < start + len(mention) and start < h.end]


# -- the tables of the ending ---------------------------------------------------------------------

NISBA_STEMS = [  # a name and the stem its nisba adjective is made on (Wright, Arabic Grammar I §249-250)
    ("روسيا", "روس"),  # روسي
    ("امريكا", "امريك"),  # أمريكي
    ("مكه", "مك"),  # مكي (مكة, ة folded to ه)
    ("كازاخستان", "كازاخستان"),  # كازاخستاني
    ("اوزبك", "اوزبك"),  # أوزبكي
]


@pytest.mark.parametrize(("name", "stem"), NISBA_STEMS)
def test_nisba_stem(name: str, stem: str) -> None:
    assert nisba_stem(name) == stem


def test_nisba_forms_of_a_collective() -> None:
    # masculine, feminine (-iyya), masculine plural nominative and oblique, feminine plural,
    # feminine dual nominative and oblique, masculine dual
    assert nisba_forms("طاجيك") == ("طاجيكي", "طاجيكيه", "طاجيكيون", "طاجيكيين", "طاجيكيات",
                                    "طاجيكيتان", "طاجيكيتين", "طاجيكيان")
    assert NISBA_DUAL not in NISBA_ENDINGS  # باشينيان (Pashinyan) is no derivative of a glossary word


# -- the collective name of a people ----------------------------------------------------------------

COLLECTIVE = [  # concept, the adjective taken out (its collective name stays), sentence, the mention
    ("uzbek", "أوزبكي", "للشعب الأوزبكي حضارة ذات أهمية تاريخية تميزت بالكثير من المعالم والآثار التاريخية.",
     "الأوزبكي"),  # https://q8-press.com/?p=148449
    ("uzbek", "أوزبكي", "كما أجرى معالي السيد الوزير مشاورات سياسية مع نظيره الأوزبكي معالي بختيار سعيدوف.",
     "الأوزبكي"),  # https://alroya.om/post/342655/
    ("uzbek", "أوزبكي", "كان في استقبال سموه والوفد المرافق له لدى وصولهم مطار إسلام كريموف الدولي "
     "معالي أنعام جان مجيدوف وزير التعليم العالي وعدد من المسؤولين الأوزبكيين، كما كان",
     "الأوزبكيين"),  # https://ramsat.net/ (the Omani delegation in Tashkent)
    ("tajik", "طاجيكي", "ذلك ما قالته الهيئة المشرفة على انتخابات الرئاسة الطاجيكية",
     "الطاجيكية"),  # https://www.alittihad.ae/wejhatarticle/75703/
    ("tajik", "طاجيكي", "وإمام علي رحمانوف، سياسي طاجيكي يقود طاجيكستان منذ عام 1992",
     "طاجيكي"),  # https://www.alittihad.ae/wejhatarticle/75703/
]


@pytest.mark.parametrize(("concept", "spelling", "text", "mention"), COLLECTIVE,
                         ids=[f"{case[0]}-{n}" for n, case in enumerate(COLLECTIVE)])
def test_nisba_of_a_collective_name(shipped_termbase: Termbase, concept: str, spelling: str, text: str,
                                    mention: str) -> None:
    reduced = _without(shipped_termbase, concept, spelling)
    assert _concepts_over(reduced, text, mention) == [concept]


def test_a_noun_of_another_concept_makes_no_adjective(shipped_termbase: Termbase) -> None:
    """نفطي is "of oil", not oil: only the collective name of a concept that is an adjective (a
    people's) makes its nisba. https://www.alhurra.com/choice-alhurra/2017/03/22/ (2017-03-22)"""
    text = "ويملك العرب خمسة من أكبر الآبار النفطية على مستوى العالم"
    assert _concepts_over(shipped_termbase, text, "النفطية") == []


# -- the names of a related place -------------------------------------------------------------------

def test_nisba_of_the_names_of_a_related_place(shipped_termbase: Termbase) -> None:
    """kazakhstani lists قازاخستاني, the nisba of the country's name قازاخستان: the nisba of its
    other name كازاخستان is the civic adjective too. https://aljarida.com/articles/1658423063230525700/amp"""
    text = "أكد الرئيس الكازاخستاني قاسم جومارت توكايف، اليوم، خلال افتتاح قمة دول آسيا الوسطى الخماسية"
    reduced = _without(shipped_termbase, "kazakhstani", "كازاخستاني")
    assert _concepts_over(reduced, text, "الكازاخستاني") == ["kazakhstani"]
    without_both = _without(shipped_termbase, "kazakhstani", "كازاخستاني", "قازاخستاني")
    assert _concepts_over(without_both, text, "الكازاخستاني") == []  # nothing shows the concept takes it


def test_the_people_take_no_nisba_of_the_country(shipped_termbase: Termbase) -> None:
    """The ethnic adjective كازاخي is the nisba of the people (الكازاخ), not of the country: the
    kazakh concept, which relates to Kazakhstan too, takes no كازاخستاني; kazakhstani does."""
    concepts = {concept.id: concept for concept in shipped_termbase}
    assert place_nisbas(concepts["kazakh"], concepts) == []
    made = {form for _, forms in place_nisbas(concepts["kazakhstani"], concepts) for form in forms}
    assert {"كازاخستاني", "قازاخستانيه"} <= made


# -- official names in the styles the glossary shows -------------------------------------------------

STYLED = [  # the official name taken out of Tunisia (تونس stays); https://www.whoispopulartoday.com/
    # (Arabic page "رئيس الجمهورية التونسية", 2019-07-13)
    ("رئيس الجمهورية التونسية هو رئيس دولة تونس منذ استحداث الوظيفة في ٢٥ يوليو ١٩٥٧.", "الجمهورية التونسية"),
    ("أول رئيس للجمهورية التونسية هو الحبيب بورقيبة", "للجمهورية التونسية"),
]


@pytest.mark.parametrize(("text", "mention"), STYLED, ids=["bare", "with-clitics"])
def test_official_name_in_a_style_the_glossary_shows(shipped_termbase: Termbase, text: str, mention: str) -> None:
    reduced = _without(shipped_termbase, "tunisia", "الجمهورية التونسية")
    assert _concepts_over(reduced, text, mention) == ["tunisia"]


def test_a_style_is_learned_from_several_concepts(shipped_termbase: Termbase) -> None:
    """الجمهورية + the feminine nisba names several states (France, Italy, Lebanon …); المملكة المغربية
    is the only name of its style, and الأراضي الفلسطينية ("the Palestinian territories") the only
    one of its own, so neither head is a style."""
    styles = state_styles(shipped_termbase)
    assert ("الجمهوريه", "يه") in styles.heads
    assert ("المملكه", "يه") not in styles.heads and ("الاراضي", "يه") not in styles.heads


def test_a_name_of_two_places_takes_no_style(shipped_termbase: Termbase) -> None:
    """عمان is Amman and Oman (the glossary lists it for both): الجمهورية العمانية would tell
    neither apart, and is made for neither."""
    styles = state_styles(shipped_termbase)
    assert "عمان" in styles.shared
    assert not any("جمهوريه العمانيه" in made for concept in ("amman", "oman")
                   for _, made in styled_names(shipped_termbase.concept(concept), styles))

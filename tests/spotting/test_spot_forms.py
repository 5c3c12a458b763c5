"""Surface forms in running text: clitics, the article, definiteness, nesting, folding, English."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from termbase import Termbase

# -- names whose first letter is a clitic letter ------------------------------------------------

CLITIC_INITIAL_NAMES = [
    ("washington", "واشنطن"),
    ("bishkek", "بيشكيك"),
    ("lukashenko", "لوكاشينكو"),
    ("vladimir-putin", "فلاديمير"),
    ("kazakhstan", "كازاخستان"),
    ("france", "فرنسا"),
    ("bulgaria", "بلغاريا"),
    ("canada", "كندا"),
    ("lebanon", "لبنان"),
    ("libya", "ليبيا"),
]
CLITICS = ["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فل"]


@pytest.mark.parametrize(("concept", "name"), CLITIC_INITIAL_NAMES)
@pytest.mark.parametrize("clitic", CLITICS)
def test_clitic_initial_name_is_not_split(spot_tb: Termbase, concept: str, name: str, clitic: str) -> None:
    text = f"قال المسؤول إن {clitic}{name} مهمة."
    hits = spot_tb.spot(text, fuzzy=False)
    assert [(h.concept, h.text, h.prefix) for h in hits] == [(concept, clitic + name, clitic)]


def test_clitic_initial_names_in_one_sentence(spans: Any, spot_tb: Termbase) -> None:
    text = "زار وواشنطن ولبيشكيك ثم فرنسا وكندا ولبنان وليبيا وبلغاريا"
    assert spans(spot_tb, text) == [
        ("washington", "وواشنطن"),
        ("bishkek", "ولبيشكيك"),
        ("france", "فرنسا"),
        ("canada", "وكندا"),
        ("lebanon", "ولبنان"),
        ("libya", "وليبيا"),
        ("bulgaria", "وبلغاريا"),
    ]


@pytest.mark.parametrize("text", [
    "واشنطنية",  # a longer word that starts with the name
    "اشنطن",  # the name without its first letter: و is not a clitic here
    "يشكيك",
    "نسا",  # فرنسا minus ف ر
    "وكالة",  # starts with و + ك
    "الواشنطن",  # a proper name takes no article
    "ووواشنطن",  # three waws is not a clitic chain
])
def test_not_a_name(spot_tb: Termbase, text: str) -> None:
    assert spot_tb.spot(f"قال {text} أمس", fuzzy=False) == []


# -- the article and definiteness --------------------------------------------------------------

DEFINITENESS = [
    ("المعادن الحيوية", "المعادن الحيوية"),
    ("معادن حيوية", "معادن حيوية"),
    ("للمعادن الحيوية", "للمعادن الحيوية"),
    ("والمعادن الحيوية", "والمعادن الحيوية"),
    ("بالمعادن الحيوية", "بالمعادن الحيوية"),
    ("ومعادن حيوية", "ومعادن حيوية"),
    ("فللمعادن الحيوية", "فللمعادن الحيوية"),  # ف + ل + ال
]


@pytest.mark.parametrize(("written", "expected"), DEFINITENESS)
def test_definiteness_agreement(spans: Any, spot_tb: Termbase, written: str, expected: str) -> None:
    assert spans(spot_tb, f"تشمل {written} والطاقة") == [("critical-minerals", expected)]


@pytest.mark.parametrize("text", ["المعادن حيوية", "معادن الحيوية"])
def test_definiteness_must_agree(spans: Any, spot_tb: Termbase, text: str) -> None:
    """Noun and adjective agree in definiteness; a mixed pair is a predicate, not the term."""
    assert spans(spot_tb, f"قال إن {text} جدا") == []


@pytest.mark.parametrize(("written", "expected"), [
    ("الكرملين", "الكرملين"),
    ("والكرملين", "والكرملين"),
    ("للكرملين", "للكرملين"),
    ("بالكرملين", "بالكرملين"),
    ("فللكرملين", "فللكرملين"),  # ف + ل + ال: the longest chain with the article
    ("وللكرملين", "وللكرملين"),
])
def test_name_with_article(spans: Any, spot_tb: Termbase, written: str, expected: str) -> None:
    assert spans(spot_tb, f"أعلن {written} أمس") == [("kremlin", expected)]


@pytest.mark.parametrize("text", ["كرملين", "وكرملين"])
def test_name_with_article_needs_it(spans: Any, spot_tb: Termbase, text: str) -> None:
    assert spans(spot_tb, f"أعلن {text} أمس") == []


# -- detached clitics (news style لـ X) ----------------------------------------------------------

DETACHED = [
    ("زيارة لـ تركمانستان اليوم", "turkmenistan", "لـ تركمانستان"),
    ("مرتبطة بـ (C5+1) منذ", "c5-plus-1", "بـ (C5+1"),
    ("بيان الـ كرملين أمس", "kremlin", "الـ كرملين"),
    ("وفق وبـ واشنطن", "washington", "وبـ واشنطن"),
]


@pytest.mark.parametrize(("text", "concept", "expected"), DETACHED)
def test_detached_clitic(spans: Any, spot_tb: Termbase, text: str, concept: str, expected: str) -> None:
    assert spans(spot_tb, text) == [(concept, expected)]


def test_detached_article_needs_a_definite_term(spot_tb: Termbase) -> None:
    hits = spot_tb.spot("زيارة الـ تركمانستان", fuzzy=False)
    assert [(h.concept, h.text) for h in hits] == [("turkmenistan", "تركمانستان")]


@pytest.mark.parametrize("text", ["بيان لـ كرملين أمس", "بيان وبـ كرملين أمس", "بيان بـ ولايات المتحدة أمس",
                                  "بيان لـ معادن الحيوية أمس"])
def test_detached_clitic_needs_an_indefinite_term(spot_tb: Termbase, text: str) -> None:
    """A clitic written apart stands before an indefinite word; a term that needs its article
    (الكرملين, الولايات المتحدة) is not read from its stem after لـ or بـ."""
    assert spot_tb.spot(text, fuzzy=False) == []


# -- nested terms: the longest wins --------------------------------------------------------------

NESTED = [
    ("في دول آسيا الوسطى", [("central-asian-countries", "دول آسيا الوسطى")]),
    ("في آسيا الوسطى", [("central-asia", "آسيا الوسطى")]),
    ("مع ودول آسيا الوسطى", [("central-asian-countries", "ودول آسيا الوسطى")]),
    ("of Central Asia today", [("central-asia", "Central Asia")]),
    ("of Central Asian countries", [("central-asian-countries", "Central Asian countries")]),
    ("the Central Asian country", [("central-asian-countries", "Central Asian country")]),
    ("a Central Asian summit", []),  # "Central Asian" is not "Central Asia"
]


@pytest.mark.parametrize(("text", "expected"), NESTED)
def test_nested_terms(spans: Any, spot_tb: Termbase, text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(spot_tb, text) == expected


# -- every folding rule, both directions, inside running text ------------------------------------

FOLDING_PAIRS = [  # rule, form A, form B: a term written A is found in text written B and vice versa
    # (كابول, not كابل: كابل is also "cable", which a one-term glossary cannot support as a name)
    ("alef-forms", "أستانا", "استانا"),
    ("alef-forms", "إسلام آباد", "اسلام اباد"),
    ("alef-maqsura", "موسى", "موسي"),
    ("ta-marbuta", "منظمة", "منظمه"),
    ("hamza-seats", "مؤتمر", "موتمر"),
    ("hamza-seats", "رئاسة", "رياسة"),
    ("hamza-seats (ya)", "ميرضيائيف", "ميرضياييف"),
    ("persian keheh", "کابول", "كابول"),
    ("persian yeh", "تبلیسی", "تبليسي"),
    ("arabic-indic digits", "قمة ٢٠٢٣", "قمة 2023"),
    ("persian digits", "قمة ۲۰۲۳", "قمة 2023"),
    ("presentation forms", "ﻛﺎﺑﻮﻝ", "كابول"),
    ("presentation ligature lam-alef", "ﻻﻫﻮﺭ", "لاهور"),
    ("harakat", "كَابُول", "كابول"),
    ("shadda and tanwin", "طشقنّدٌ", "طشقند"),
    ("tatweel", "كـــابول", "كابول"),
    ("ZWNJ", "كا\u200cبول", "كابول"),
    ("ZWJ and RLM", "كا\u200dب\u200fول", "كابول"),
]


def _one_term_termbase(tmp_path: Path, term: str) -> Termbase:
    path = tmp_path / "one.yaml"
    path.write_text(textwrap.dedent(f"""\
        glossary: {{id: one, title: One term, license: CC0-1.0}}
        concepts:
        - id: the-term
          terms:
            ar:
            - {{term: "{term}", status: preferred, pos: properNoun}}
        """), encoding="utf-8")
    return Termbase.load([path])


@pytest.mark.parametrize(("rule", "written", "in_text"), FOLDING_PAIRS + [(r + " (reverse)", b, a) for r, a, b in FOLDING_PAIRS])
def test_folding_rule_in_running_text(spans: Any, tmp_path: Path, rule: str, written: str, in_text: str) -> None:
    tb = _one_term_termbase(tmp_path, written)
    text = f"وقال مسؤول، في {in_text}، إن الاجتماع مهم."
    assert spans(tb, text, "ar") == [("the-term", in_text)], rule
    with_clitic = f"وقال مسؤول و{in_text} مهم."
    assert spans(tb, with_clitic, "ar") == [("the-term", "و" + in_text)], rule


# -- English ---------------------------------------------------------------------------------------

ENGLISH = [
    ("The US said", [("united-states", "US")]),
    ("Tell us more", []),  # acronyms are case-sensitive
    ("the Us and them", []),
    ("THE UNITED STATES said", [("united-states", "UNITED STATES")]),  # names are not
    ("one hydrocarbon", [("hydrocarbons", "hydrocarbon")]),
    ("Hydrocarbons and more", [("hydrocarbons", "Hydrocarbons")]),
    ("Tokayev's visit", [("kassym-jomart-tokayev", "Tokayev")]),
    ("Tokayev’s visit", [("kassym-jomart-tokayev", "Tokayev")]),
    ("Kassym-Jomart Tokayev said", [("kassym-jomart-tokayev", "Kassym-Jomart Tokayev")]),
    ("Kassym Jomart Tokayev said", [("kassym-jomart-tokayev", "Kassym Jomart Tokayev")]),
    ("Kassym–Jomart Tokayev said", [("kassym-jomart-tokayev", "Kassym–Jomart Tokayev")]),
    ("Kassym—Jomart Tokayev's", [("kassym-jomart-tokayev", "Kassym—Jomart Tokayev")]),
    ("“Tokayev” said", [("kassym-jomart-tokayev", "Tokayev")]),
    ("‘Central Asia’", [("central-asia", "Central Asia")]),
    ("critical minerals", [("critical-minerals", "critical minerals")]),
    ("Washingtonian", []),
    ("Canadas", []),  # proper nouns take no plural
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english(spans: Any, spot_tb: Termbase, text: str, expected: list[tuple[str, str]]) -> None:
    assert spans(spot_tb, text, "en") == expected


def test_acronym_inside_sentence(spans: Any, spot_tb: Termbase) -> None:
    text = "Let us ask the US and the us."
    assert spans(spot_tb, text, "en") == [("united-states", "US")]

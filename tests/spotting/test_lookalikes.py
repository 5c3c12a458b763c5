"""Look-alikes of glossary concepts in real news text, and the correct mentions beside them.

Every case is a labelled span of the accuracy sets (benchmarks/accuracy, each sentence with its
page address): what the mention denotes is the label, written before any rule below existed, not
what the code under test says. A look-alike must draw no hit that claims another concept; a
mention of a glossary concept must be found as that concept.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache

import pytest

from shared_paths import REPO
from termbase import Termbase
from termbase.arabic import construct_duals
from termbase.model import Term, TermStatus
from termbase.spotting.bodies import country_nisbas
from termbase.spotting.names import other_lineage

ACCURACY = REPO / "benchmarks" / "accuracy"


@cache
def _sentences(folder: str, lang: str) -> dict[str, dict[str, object]]:
    lines = (ACCURACY / folder / f"spans.{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return {s["id"]: s for s in map(json.loads, filter(str.strip, lines))}


def _spans(folder: str, sentence_id: str, mention: str) -> Iterator[tuple[str, dict[str, object]]]:
    sentence = _sentences(folder, sentence_id.split("-")[0])[sentence_id]
    found = [s for s in sentence["spans"] if s["text"] == mention]  # type: ignore[attr-defined]
    assert found, f"{sentence_id} labels no {mention!r}"
    for span in found:
        yield str(sentence["text"]), span


def check(tb: Termbase, folder: str, sentence_id: str, mention: str) -> None:
    """The labelled span ``mention`` of the sentence: its concept found when the glossary has it,
    else no hit over it claiming a concept."""
    for text, span in _spans(folder, sentence_id, mention):
        hits = [h for h in tb.spot(text) if h.start < span["end"] and span["start"] < h.end]  # type: ignore[operator]
        named = {h.concept for h in hits} | {c for h in hits for c in h.candidates}
        if span["concept"] in tb:
            assert span["concept"] in named, (mention, [(h.text, h.concept) for h in hits])
        else:
            assert not (named - {None}), (mention, [(h.text, h.concept, h.candidates) for h in hits])


# -- a team, a cup, a stadium or a club named after a place or a person ---------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout7", "ar-5aa87ac8e6", "منتخب أوزبكستان"),
    ("heldout7", "ar-5aa87ac8e6", "منتخب تايلاند"),
    ("heldout7", "ar-5aa87ac8e6", "كأس آسيا قطر 2023"),
    ("heldout7", "ar-ad56e9edb4", "المنتخب الأوزبكي"),
    ("heldout7", "ar-ebe05bef4a", "بكأس آسيا 2019"),
    ("heldout7", "ar-12ec5bf3c5", "ستاد محمد بن زايد"),
    ("heldout5", "ar-2d34d92bf4", "منتخب إيران"),
    ("heldout5", "ar-2d34d92bf4", "كأس آسيا"),
    ("heldout5", "ar-b6047541a6", "للمنتخب القطري"),
    # المنتخب before a person is "elect", not a team: the president-elect stays Donald Trump
    ("heldout4", "ar-60166c8546", "دونالد ترامب"),
    ("heldout6", "ar-d29d1768b7", "دونالد ترامب"),
])
def test_a_team_cup_or_stadium_named_after_a_place_or_person(
        shipped_termbase: Termbase, folder: str, sentence_id: str, mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


# -- a name chain of another member of the family --------------------------------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout7", "ar-911c1cdf8f", "منصور بن زايد آل نهيان"),
    ("heldout7", "ar-aeb25f90d6", "عبدالله بن زايد آل نهيان"),
    ("heldout7", "ar-aeb25f90d6", "شخبوط بن نهيان آل نهيان"),
    ("heldout7", "ar-1fdec85dfd", "عبد الله بن زايد آل نهيان"),
    ("heldout7", "ar-c4375ca3a3", "منصور بن زايد آل نهيان"),
    # the person's own chain, in the same sentence and in another, stays the person
    ("heldout7", "ar-c4375ca3a3", "محمد بن زايد آل نهيان"),
    ("heldout7", "ar-5d32f8aa11", "محمد بن زايد آل نهيان"),
])
def test_a_name_chain_of_another_family_member(shipped_termbase: Termbase, folder: str, sentence_id: str,
                                               mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


# -- a body's short form that another country qualifies -------------------------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout7", "en-5f2d5b6c4e", "Russian Security Council"),
    ("heldout7", "en-0c0c20b10a", "Russian Security Council"),
    ("heldout7", "en-e890ecf625", "Russian Security Council"),  # the first words of its sentence
    ("heldout7", "en-b369f4ce82", "Indian National Congress"),
    ("heldout7", "ar-ec373485ab", "مجلس الأمن الروسي"),
    ("heldout7", "ar-aa74ec99b5", "مجلس الأمن الروسي"),
    # the US bodies stay, and so do the names around a longer name
    ("data", "en-12570dff49", "US Congress"),
    ("heldout6", "ar-fa4733b69d", "الكونجرس"),
    ("heldout7", "en-b369f4ce82", "Narendra Modi’s"),
])
def test_a_body_short_form_qualified_by_another_country(shipped_termbase: Termbase, folder: str, sentence_id: str,
                                                        mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


def test_a_possessive_country_keeps_the_country_not_the_body(shipped_termbase: Termbase) -> None:
    # "members of Russia's Security Council": Russia is named, the UN Security Council is not
    text, span = next(_spans("heldout7", "en-9870ffba64", "Russia’s Security Council"))
    hits = [h for h in shipped_termbase.spot(text) if h.start < span["end"] and span["start"] < h.end]  # type: ignore[operator]
    assert [h.concept for h in hits] == ["russia"]


# -- an Arabic common noun as a family name after a given name -------------------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout7", "ar-9f02a78039", "مصطفي النحاس"),
    ("heldout7", "ar-25d27e15e7", "مصطفى النحاس"),
    ("heldout7", "ar-8e022a8d72", "مصطفى النحاس"),
    ("heldout7", "ar-8e022a8d72", "محمد النحاس"),
    # the noun after a preposition, a particle or a title word stays the noun
    ("data", "ar-677b55ba89", "القمة"),
    ("data", "ar-16c1bb1bf0", "القمة"),
    ("data", "ar-029d374a18", "القمة"),
    # and a title noun before a name stays the title
    ("data", "ar-677b55ba89", "والرئيس الأمريكي"),
])
def test_an_arabic_noun_after_a_given_name_is_a_family_name(shipped_termbase: Termbase, folder: str,
                                                            sentence_id: str, mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


# -- a full name followed by a word for the son ----------------------------------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout5", "ar-029e0c0283", "دونالد ترامب الابن"),
    ("heldout6", "ar-09b4ee5775", "دونالد ترمب الابن"),
    ("heldout6", "ar-9a1f8372f9", "دونالد ترامب الابن"),
    # the father named next in the same sentence stays the father
    ("heldout6", "ar-9a1f8372f9", "دونالد ترامب"),
])
def test_a_full_name_with_a_word_for_the_son_is_the_son(shipped_termbase: Termbase, folder: str, sentence_id: str,
                                                       mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


def test_an_ambiguous_country_adjective_qualifies_a_body_too(shipped_termbase: Termbase) -> None:
    # hand-worked: Kazakh is the people's and the state's adjective (two candidates), both Kazakh,
    # neither near the UN; the Security Council of Kazakhstan is no UN body
    hits = shipped_termbase.spot("The Kazakh Security Council met on Monday.", lang="en")
    assert "un-security-council" not in {h.concept for h in hits}


@pytest.mark.parametrize("text", [
    "The Republican-led Congress passed the bill.",  # one capitalised word describes the body
    "A Republican Congress passed the bill.",
])
def test_one_capitalised_word_before_a_body_describes_it(shipped_termbase: Termbase, text: str) -> None:
    # hand-worked: both are the US Congress
    assert "us-congress" in {h.concept for h in shipped_termbase.spot(text, lang="en")}


@pytest.mark.parametrize(("text", "other"), [
    ("President Bashar al Assad said", False),  # the person's own chain, the hyphen of al-Assad aside
    ("President Bashar al-Assad said", False),
    ("His brother Maher al Assad said", True),
    ("وقال منصور بن زايد آل نهيان", True),
    ("وقال محمد بن زايد آل نهيان", False),
])
def test_a_name_chain_is_read_back_against_the_full_name(text: str, other: bool) -> None:
    # hand-worked chains against a full name of one person each
    full = {"en": Term("Bashar al-Assad", "en", TermStatus.PREFERRED),
            "ar": Term("محمد بن زايد آل نهيان", "ar", TermStatus.PREFERRED)}["ar" if "نهيان" in text else "en"]
    surname = "نهيان" if "نهيان" in text else "Assad"
    assert (other_lineage(text, text.rindex(surname), [full]) is not None) is other


# -- a longer name written otherwise differs by a spelling, not by another word -------------------

def test_a_title_is_no_misspelt_ministry(shipped_termbase: Termbase) -> None:
    # "Russian Foreign Minister Sergey Lavrov": Minister is a word of its own, not a slip of the
    # Russian Foreign Ministry; Russian stays the adjective it is labelled
    check(shipped_termbase, "heldout7", "en-9870ffba64", "Russian")
    check(shipped_termbase, "heldout7", "en-9870ffba64", "Sergey Lavrov’s")


# -- a full name after a filial particle is a parent's name in another person's chain -------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout8", "ar-e6e0f2888d", "خالد بن محمد بن زايد آل نهيان"),
    # the father named on his own in the same sentence, and in others, stays the father
    ("heldout8", "ar-e6e0f2888d", "محمد بن زايد آل نهيان"),
    ("heldout7", "ar-5d32f8aa11", "محمد بن زايد آل نهيان"),
])
def test_a_full_name_after_a_filial_particle_is_a_parent_in_another_chain(
        shipped_termbase: Termbase, folder: str, sentence_id: str, mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


# -- a natural feature named after a place ---------------------------------------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout8", "ar-14e78c69db", "بحر الصين الجنوبي"),
    ("heldout8", "ar-87026c0ea8", "بحر الفلبين الغربي"),
    ("heldout8", "ar-87026c0ea8", "بحر الصين الجنوبي"),
    # the countries named in the same sentence stay the countries
    ("heldout8", "ar-87026c0ea8", "الفلبين"),
    ("heldout8", "ar-87026c0ea8", "الصين"),
    ("heldout8", "ar-14e78c69db", "بكين"),
])
def test_a_sea_named_after_a_place_is_no_mention_of_it(shipped_termbase: Termbase, folder: str, sentence_id: str,
                                                      mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


def test_islands_of_a_place_stay_the_place(shipped_termbase: Termbase) -> None:
    # hand-worked: جزر فيجي are Fiji itself (جمهورية جزر فيجي), so islands are no head of another thing
    assert "fiji" in {h.concept for h in shipped_termbase.spot("وصل الوفد إلى جزر فيجي أمس", lang="ar")}


# -- a plural region head after two coordinated names ----------------------------------------------

def test_a_plural_region_head_heads_both_coordinated_names(shipped_termbase: Termbase) -> None:
    check(shipped_termbase, "heldout8", "en-ba27d90207", "Kyzylorda")
    # hand-worked: with no head after them the two names are the cities, and a singular head is one name's
    hits = shipped_termbase.spot("He visited Kyzylorda and Turkestan last week.", lang="en")
    assert "kyzylorda" in {h.concept for h in hits}
    hits = shipped_termbase.spot("He visited Kyzylorda and the Turkestan region last week.", lang="en")
    assert "kyzylorda" in {h.concept for h in hits}


# -- a country named for its national team in a match report --------------------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout8", "en-ef33615b75", "India"),
    ("heldout8", "en-ef33615b75", "Pakistan"),
    ("heldout8", "en-a10e724703", "India"),
    ("heldout8", "en-872c42eeeb", "Australia"),
    ("heldout5", "ar-805c9a1319", "قطر"),
    ("heldout5", "ar-805c9a1319", "العراق"),
    ("heldout5", "ar-2d34d92bf4", "الأردن"),
    ("heldout7", "ar-afbaf687f4", "لأوزبكستان"),
    # a country a match report places something in, or names as one side only, stays the country
    ("heldout7", "ar-ebe05bef4a", "الإمارات"),
    ("heldout7", "en-dcd716aadb", "Kazakhstan"),
    ("heldout7", "en-4493d057e6", "Slovakia’s"),
])
def test_a_country_in_a_match_report_is_its_team(shipped_termbase: Termbase, folder: str, sentence_id: str,
                                                 mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


@pytest.mark.parametrize(("text", "country"), [
    ("Qatar hosted the World Cup final in December.", "qatar"),  # one side: the host state
    ("India's Prime Minister watched the match against Pakistan.", "india"),  # a role follows it
    ("India and Pakistan agreed to resume talks on Kashmir.", "india"),  # no match word
])
def test_a_country_outside_a_match_stays_the_country(shipped_termbase: Termbase, text: str, country: str) -> None:
    # hand-worked sentences: each names the state
    assert country in {h.concept for h in shipped_termbase.spot(text, lang="en")}


# -- a state's forces are a body named after it ----------------------------------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout8", "en-6463361ac6", "U.S. Army"),
    ("heldout8", "en-69eb02ba13", "UAE Armed Forces"),
    # the country's own name beside them in the same sentence stays the country
    ("heldout8", "en-69eb02ba13", "UAE’s"),
])
def test_a_state_force_is_a_body_named_after_it(shipped_termbase: Termbase, folder: str, sentence_id: str,
                                                mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


@pytest.mark.parametrize("text", [
    "Kazakhstan's Armed Forces held exercises.",  # a possessive names the country
    "Troops left the U.S. The Army said so.",  # the point of U.S. ends the sentence
])
def test_a_country_before_its_forces_stays_when_written_apart(shipped_termbase: Termbase, text: str) -> None:
    # hand-worked: each names the country itself
    assert {"kazakhstan", "united-states"} & {h.concept for h in shipped_termbase.spot(text, lang="en")}


# -- an acronym the text spells out as another thing -----------------------------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout9", "en-78b496b8d0", "NPP"),  # the New Patriotic Party (NPP), no nuclear power plant
    ("heldout9", "en-9da8f4f013", "NPP"),
    ("heldout9", "en-ac71e960a4", "NPP"),
    ("heldout9", "en-8a4cae5469", "ICC"),  # the International Cricket Council (ICC), no court
    # the correct mentions beside them stay
    ("heldout9", "en-9da8f4f013", "Ghana’s"),
    ("heldout9", "en-ac71e960a4", "Ghana"),
    ("heldout9", "en-8a4cae5469", "Pakistan"),
    # an acronym spelled out as its own concept stays that concept
    ("data", "en-57101903b6", "CPC"),  # the Caspian Pipeline Consortium (CPC)
    ("data", "en-ecaeb5a9ee", "SCO"),  # Shanghai Cooperation Organization: a spelling of its term
    ("data", "en-ecaeb5a9ee", "EEU"),
    ("data", "en-4f19642db8", "MOU"),
    ("heldout7", "en-a23b34e3ab", "PNB"),
    ("heldout8", "en-46990d2902", "UAE"),
])
def test_an_acronym_spelled_out_as_another_thing_names_that_thing(shipped_termbase: Termbase, folder: str,
                                                                  sentence_id: str, mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


@pytest.mark.parametrize("sentence_id", ["en-d2d40737f3", "en-878c9e578c"])
def test_the_cpc_spelled_out_as_the_communist_party_is_no_pipeline(shipped_termbase: Termbase,
                                                                   sentence_id: str) -> None:
    # heldout9 labels CPC there the Communist Party of China, which the sentence spells out first
    text = str(_sentences("heldout9", "en")[sentence_id]["text"])
    hits = shipped_termbase.spot(text)
    assert "caspian-pipeline-consortium" not in {h.concept for h in hits}
    assert ("Communist Party of China", "chinese-communist-party") in {(h.text, h.concept) for h in hits}
    assert ("Xi Jinping", "xi-jinping") in {(h.text, h.concept) for h in hits}


# -- a town's head before a place that is no settlement --------------------------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout9", "en-3264853ca1", "Balkhash"),  # the appropriately-named town of Balkhash
    ("heldout9", "en-5385dc0fc7", "Balkhash"),  # the Kazakh city of Balkhash
    ("heldout9", "en-bf6c73b888", "Balkhash"),
    ("heldout9", "en-5385dc0fc7", "Kazakh"),  # the state's adjective beside it stays
])
def test_a_town_named_after_a_lake_is_no_mention_of_the_lake(shipped_termbase: Termbase, folder: str,
                                                            sentence_id: str, mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


@pytest.mark.parametrize(("text", "concept"), [
    ("Protests spread in the city of Almaty on Sunday.", "almaty"),  # a city: the head names it
    ("The shores of Balkhash are drying.", "lake-balkhash"),  # no town's head
])
def test_a_town_head_before_a_city_names_the_city(shipped_termbase: Termbase, text: str, concept: str) -> None:
    # hand-worked sentences: each names the glossary's place
    assert concept in {h.concept for h in shipped_termbase.spot(text, lang="en")}


# -- a league named after its country --------------------------------------------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout9", "ar-e5694e4d1a", "للدوري الروسي الممتاز"),
    ("heldout9", "ar-42ceadc7fe", "الدوري الروسي الممتاز"),
    ("heldout9", "ar-cf67516849", "الدوري الروسي الممتاز"),
])
def test_a_league_named_after_its_country_is_no_mention_of_it(shipped_termbase: Termbase, folder: str,
                                                             sentence_id: str, mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


# -- a country named after a body's short form: its nisba in Arabic, "of" in English ---------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout9", "ar-80bdcb3a39", "مجلس الشيوخ الفرنسي"),  # الفرنسي: the nisba of فرنسا
    ("heldout9", "ar-1cb6b588d5", "مجلس الشيوخ الفرنسي"),
    ("heldout9", "ar-6927529ce7", "مجلس الأمن القومي التركي"),  # after a definite adjective of the body
    ("heldout9", "ar-239552e830", "لمجلس الأمن القومي التركي"),
    ("heldout9", "en-4e83051fa7", "Senate of the Philippines"),
    # the correct mentions beside them stay
    ("heldout9", "ar-6927529ce7", "رجب طيب أردوغان"),
    ("heldout9", "ar-ca7d20b316", "أنقرة"),
    # the body's own country after it keeps the body
    ("heldout8", "ar-087cd00353", "مجلس النواب الأمريكي"),
])
def test_a_body_short_form_named_after_another_country(shipped_termbase: Termbase, folder: str, sentence_id: str,
                                                       mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


def test_a_body_of_its_own_country_stays(shipped_termbase: Termbase) -> None:
    # hand-worked: the US Congress, named with "of" after its own country; the nisba of three
    # countries as Arabic writes it (فرنسي, تركي, فلبيني)
    tb = shipped_termbase
    hits = {(h.text, h.concept) for h in tb.spot("The Congress of the United States voted on Tuesday.", lang="en")}
    assert ("Congress", "us-congress") in hits
    nisbas = country_nisbas({c: tb.concept(c) for c in ("france", "turkey", "philippines")})
    assert {nisbas.get("فرنسي"), nisbas.get("تركي"), nisbas.get("فلبيني")} == {"france", "turkey", "philippines"}


# -- a broadcaster named after a place; two states under one dual head ------------------------------

@pytest.mark.parametrize(("folder", "sentence_id", "mention"), [
    ("heldout9", "ar-288ce6ba56", "إذاعة أوروبا الحرة"),  # إذاعة: a broadcaster's head, as صحيفة is a paper's
    ("heldout9", "ar-288ce6ba56", "إذاعة آسيا الحرة"),
    ("heldout9", "ar-7d221a86a7", "وراديو أوروبا الحرة"),
    ("heldout9", "ar-49cab8eeca", "واشنطن"),  # لولايتي واشنطن وأوريغون: the dual region head
    ("heldout9", "ar-d4f65ebff7", "واشنطن"),  # ولايتي واشنطن واوريغون
    # the correct mentions beside them stay
    ("heldout9", "ar-288ce6ba56", "الشرق الأوسط"),
    ("heldout9", "ar-7d221a86a7", "دونالد ترامب"),
    ("heldout9", "ar-b3f9d92f3f", "أميركيون"),
])
def test_a_broadcaster_or_two_states_named_after_places(shipped_termbase: Termbase, folder: str, sentence_id: str,
                                                        mention: str) -> None:
    check(shipped_termbase, folder, sentence_id, mention)


@pytest.mark.parametrize(("noun", "duals"), [
    ("ولايه", ("ولايتا", "ولايتي")),  # a grammar's construct dual of ولاية
    ("محافظه", ("محافظتا", "محافظتي")),
    ("اقليم", ()),  # no ة: إقليمي is the adjective "regional", no dual to read
])
def test_the_construct_dual_of_a_feminine_noun(noun: str, duals: tuple[str, ...]) -> None:
    assert construct_duals(noun) == duals

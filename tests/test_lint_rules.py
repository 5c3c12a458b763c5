"""The rules of the terminology review, each on a small glossary that breaks it and on its repair."""

from __future__ import annotations

import textwrap

import pytest

from termbase.glossary import parse_glossary
from termbase.lint import lint_glossaries

HEADER = "glossary: {id: bad, title: Bad, license: CC0-1.0, sources: [test]}\nconcepts:\n"
SOURCE = '  sources: ["https://example.org/page (2025-11-07)"]\n'


def _codes(concepts: str) -> list[tuple[str, str]]:
    glossary = parse_glossary(HEADER + textwrap.dedent(concepts), "bad.yaml")
    return [(str(f.code), f.concept) for f in lint_glossaries([glossary])]


def _concept(cid: str, en: str, ar: str, *, extra: str = "", sources: bool = True) -> str:
    return (f"- id: {cid}\n{extra}" + (SOURCE if sources else "") + "  terms:\n"
            f"    en:\n{textwrap.indent(en, '    ')}\n    ar:\n{textwrap.indent(ar, '    ')}\n")


JAPAROV = """\
- {term: Akylbek Japarov, status: preferred, type: fullForm}
- {term: Japarov, status: admitted, type: shortForm}"""


@pytest.mark.parametrize("arabic", [
    "- {term: جباروف, status: preferred, type: shortForm}",
    "- {term: جباروف, status: preferred}\n- {term: أكيلبيك جباروف, status: admitted}",
])
def test_a_bare_surname_as_preferred_term(arabic: str) -> None:
    bad = _concept("akylbek-japarov", JAPAROV, arabic, extra="  subject: people\n")
    assert _codes(bad) == [("bare-surname-preferred", "akylbek-japarov")]
    good = _concept("akylbek-japarov", JAPAROV,
                    "- {term: أكيلبيك جباروف, status: preferred, type: fullForm}\n"
                    "- {term: جباروف, status: admitted, type: shortForm}", extra="  subject: people\n")
    assert _codes(good) == []


def test_a_mononym_typed_full_form_is_not_a_surname() -> None:
    timur = _concept("timur", "- {term: Timur, status: preferred, type: fullForm}\n- {term: Amir Timur, status: admitted}",
                     "- {term: تيمورلنك, status: preferred}", extra="  subject: people\n")
    assert _codes(timur) == []


def test_a_country_and_its_adjective_disagree_on_a_spelling() -> None:
    country = _concept("uzbekistan", "- {term: Uzbekistan, status: preferred}",
                       "- {term: أوزبكستان, status: preferred}\n- {term: أوزباكستان, status: deprecated}",
                       extra="  related: [uzbek]\n")
    adjective = _concept("uzbek", "- {term: Uzbek, status: preferred, pos: adjective}",
                         "- {term: أوزبكي, status: preferred, pos: adjective}\n"
                         "- {term: أوزباكستاني, status: admitted, pos: adjective}")
    assert _codes(country + adjective) == [("adjective-status-disagrees", "uzbek")]
    assert _codes(country.replace("status: deprecated", "status: admitted") + adjective) == []


def test_a_root_spelled_two_ways_across_related_concepts() -> None:
    country = _concept("kyrgyzstan", "- {term: Kyrgyzstan, status: preferred}",
                       "- {term: قيرغيزستان, status: preferred}\n- {term: قرغيزستان, status: admitted}",
                       extra="  related: [kyrgyz-language]\n")
    language = _concept("kyrgyz-language", "- {term: Kyrgyz language, status: preferred}",
                        "- {term: اللغة القرغيزية, status: preferred}\n- {term: اللغة القيرغيزية, status: admitted}")
    assert _codes(country + language) == [("inconsistent-root", "kyrgyz-language")]
    fixed = language.replace("القرغيزية, status: preferred", "القرغيزية, status: admitted").replace(
        "القيرغيزية, status: admitted", "القيرغيزية, status: preferred")
    assert _codes(country + fixed) == []
    # unrelated concepts may spell alike words as they like
    assert _codes(country.replace("  related: [kyrgyz-language]\n", "") + language) == []


def test_soviet_spelled_two_ways() -> None:
    union = _concept("soviet-union", "- {term: Soviet Union, status: preferred}",
                     "- {term: الاتحاد السوفياتي, status: preferred}", extra="  related: [tajik-ssr]\n")
    ssr = _concept("tajik-ssr", "- {term: Tajik SSR, status: preferred}",
                   "- {term: جمهورية طاجيكستان الاشتراكية السوفيتية, status: preferred}")
    assert _codes(union + ssr) == [("inconsistent-root", "soviet-union")]


def test_a_one_word_name_that_is_a_common_word() -> None:
    bad = _concept("termez", "- {term: Termez, status: preferred}",
                   "- {term: ترمذ, status: preferred, pos: properNoun}\n- {term: ترميز, status: admitted, pos: properNoun}")
    assert _codes(bad) == [("common-word-form", "termez")]
    noted = bad.replace("ترميز, status: admitted, pos: properNoun}",
                        'ترميز, status: admitted, pos: properNoun, note: "also the noun ترميز, encoding"}')
    assert _codes(noted) == []


def test_a_name_differing_from_another_concepts_name_only_by_dots() -> None:
    khiva = _concept("khiva", "- {term: Khiva, status: preferred}", "- {term: خيوة, status: preferred}\n- {term: خيفا, status: admitted}")
    haifa = _concept("haifa", "- {term: Haifa, status: preferred}", "- {term: حيفا, status: preferred}")
    assert _codes(khiva + haifa) == [("look-alike-form", "khiva")]
    noted = khiva.replace("خيفا, status: admitted}", "خيفا, status: admitted, note: one dot from حيفا (Haifa)}")
    assert _codes(noted + haifa) == []


def test_a_concept_without_any_source() -> None:
    bare = _concept("uranium", "- {term: uranium, status: preferred}", "- {term: اليورانيوم, status: preferred}",
                    sources=False)
    assert _codes(bare) == [("missing-source", "uranium")]
    term_source = bare.replace("اليورانيوم, status: preferred}",
                               'اليورانيوم, status: preferred, sources: ["https://example.org (2025)"]}')
    assert _codes(term_source) == []


def test_an_office_without_dates() -> None:
    person = _concept("olzhas-bektenov", "- {term: Olzhas Bektenov, status: preferred, type: fullForm}",
                      "- {term: أولجاس بيكتينوف, status: preferred, type: fullForm}",
                      extra="  subject: people\n  definition: Prime Minister of Kazakhstan since 2024.\n")
    assert _codes(person) == [("office-without-dates", "olzhas-bektenov")]
    dated = person.replace("  definition:", "  offices:\n  - {office: Prime Minister of Kazakhstan, from: 2024-02-06}\n"
                           "  definition:")
    assert _codes(dated) == []

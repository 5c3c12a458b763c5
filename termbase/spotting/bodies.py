"""A body's short form qualified by another country names that country's body.

The glossary admits short forms of bodies where the context is theirs: Security Council / مجلس
الأمن for the UN Security Council, Congress for the US Congress, House of Representatives for the
US House. Another country's name or adjective written with the short form makes it that
country's body, which the glossary lacks: the Russian Security Council, Russia's Security
Council, مجلس الأمن الروسي, Georgia's House of Representatives. A country qualifies a body's short
form when it stands right before it in English (also as a possessive) or right after it in Arabic
(the nisba adjective follows the noun), and it is another country when it is no concept near the
body in the glossary's ``related`` links (two steps, read both ways: the US Congress relates to the
United States, which the adjective American relates to). English also names the country after the
short form with "of" (the Senate of the Philippines). An Arabic country adjective the glossary
does not list is read by the nisba of the country's names (:func:`country_nisbas`: فرنسا gives
الفرنسي, تركيا التركي), right after the short form or after one or two definite adjectives of the
body's own (مجلس الشيوخ الفرنسي, مجلس الأمن القومي التركي).

An English short form after a run of two capitalised words or more, none of them a role word
(``en.roles`` of ``spotting/data/name_heads.json``: President, Former) or a word of the body's own
terms (US, UN), and not all capitalised by the sentence's style (its first word, a headline in title
case), is the end of a longer proper name the glossary lacks: the Indian National Congress. One
capitalised word describes the body as often as it names another (the Republican-led Congress).

The qualifier written with the short form (Russian, الروسي) is then a word of that longer name, and
no hit either; a possessive (Russia's) names the country itself and stays.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from termbase.arabic import ARTICLE, bare_readings, nisba_forms, nisba_stem
from termbase.langtags import primary_language
from termbase.matches import Hit
from termbase.model import Concept, TermType
from termbase.normalize import fold
from termbase.spotting.casing import BLANKS, TITLE_CASE_MINOR_WORDS, without_possessive
from termbase.spotting.embedded import NAME_SUBJECTS
from termbase.spotting.fuzzy import GEOGRAPHY_SUBJECT
from termbase.spotting.heads import name_heads
from termbase.spotting.teams import is_country
from termbase.spotting.names import capital_by_style, own_words

__all__ = ["country_nisbas", "qualified_bodies"]

_POSSESSIVE_GAP = re.compile(r"\A['’]s?[ \t\u00a0]+\Z")
_CAPITALISED_RUN = re.compile(r"(?:\A|(?<=[ \t\u00a0(\"“‘]))((?:[A-Z][\w'’.-]*[ \t\u00a0]+)+)\Z")
_RUN_WORD = re.compile(r"[^ \t\u00a0]+")
_WINDOW = 40
_OF_GAP = re.compile(r"\A[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?\Z")
_AR_ADJECTIVES_BETWEEN = 2
"""Definite Arabic words read between a body's short form and a country's nisba (مجلس الأمن القومي التركي)."""
_AR_STOPS = "،,.:;()«»\"“”"


def country_nisbas(concepts: Mapping[str, Concept]) -> dict[str, str]:
    """The nisba adjective (masculine and feminine, folded, without the article) made on each
    one-word Arabic name of each country of the glossary, with the country's id: فرنسي and فرنسيه
    of France, فلبيني of الفلبين. A form two countries share is left out."""
    made: dict[str, str] = {}
    shared: set[str] = set()
    for concept in concepts.values():
        if not is_country(concept):
            continue
        for term in concept.terms:
            name = fold(term.text)
            if not term.lang.startswith("ar") or " " in name:
                continue
            bare = name[len(ARTICLE):] if name.startswith(ARTICLE) else name
            for form in nisba_forms(nisba_stem(bare))[:2]:
                if made.setdefault(form, concept.id) != concept.id:
                    shared.add(form)
    return {form: country for form, country in made.items() if form not in shared}


def qualified_bodies(hits: Sequence[Hit], text: str, lang: str, concepts: Callable[[str], Concept | None],
                     near: Callable[[str], frozenset[str]], known: Callable[[str], bool],
                     nisbas: Mapping[str, str] | None = None) -> list[Hit]:
    """``hits`` without the short forms of bodies that another country qualifies, nor the
    qualifier written as part of that body's name (see the module).

    ``concepts`` gives a concept by id, ``near`` the ids two ``related`` steps from a concept,
    ``known`` whether a folded word is a glossary word (for the sentence style of
    :func:`capital_by_style`), ``nisbas`` the countries' Arabic adjectives (:func:`country_nisbas`)."""
    lang = primary_language(lang)
    if lang not in ("en", "ar"):
        return list(hits)
    dropped: set[int] = set()
    starts: set[int] | None = None  # where the hits begin, made when a short form first needs them
    for position, hit in enumerate(hits):
        body = _short_form_body(hit, concepts)
        if body is None:
            continue
        if lang == "en":
            neighbour = position - 1 if position > 0 else None
            gap = text[hits[neighbour].end:hit.start] if neighbour is not None else None
        else:
            neighbour = position + 1 if position + 1 < len(hits) else None
            gap = text[hit.end:hits[neighbour].start] if neighbour is not None else None
        if neighbour is not None and gap is not None:
            possessive = lang == "en" and bool(_POSSESSIVE_GAP.match(gap))
            qualifier = hits[neighbour]
            if (possessive or (gap and not gap.strip(BLANKS))) and _other_country(qualifier, body, concepts, near):
                dropped.add(position)
                if not possessive:
                    dropped.add(neighbour)
                continue
        if lang == "en" and position + 1 < len(hits) and _OF_GAP.match(text[hit.end:hits[position + 1].start]) \
                and _other_country(hits[position + 1], body, concepts, near):
            dropped.update((position, position + 1))  # the Senate of the Philippines
            continue
        end = _nisba_after(hit, text, body, nisbas, near) if lang == "ar" and nisbas else None
        if end is not None:  # the short form and the words up to the nisba are one longer name
            dropped.update(p for p in range(position, len(hits)) if hits[p].start < end)
            continue
        if lang == "en":
            starts = starts if starts is not None else {h.start for h in hits}
            if _longer_name(hit, body, text, known, starts):
                dropped.add(position)
    if not dropped:
        return list(hits)
    return [hit for position, hit in enumerate(hits) if position not in dropped]


def _nisba_after(hit: Hit, text: str, body: Concept, nisbas: Mapping[str, str],
                 near: Callable[[str], frozenset[str]]) -> int | None:
    """The end of the nisba of another country that follows the Arabic short form ``hit``, right
    after it or after up to :data:`_AR_ADJECTIVES_BETWEEN` definite words (مجلس الأمن القومي التركي),
    or None."""
    following = text[hit.end:hit.end + _WINDOW]
    cut = min((i for i in map(following.find, _AR_STOPS) if i >= 0), default=len(following))
    for count, word in enumerate(re.finditer(r"\S+", following[:cut])):
        folded = fold(word.group())
        country = next((nisbas[form] for form in bare_readings(folded) if form in nisbas), None)
        if country is not None:
            return hit.end + word.end() if country != body.id and country not in near(body.id) else None
        if not folded.startswith(ARTICLE) or count == _AR_ADJECTIVES_BETWEEN:
            return None
    return None


def _short_form_body(hit: Hit, concepts: Callable[[str], Concept | None]) -> Concept | None:
    """The body whose short form ``hit`` matched (not a place's or a person's), or None."""
    if hit.concept is None or hit.term is None or hit.term.type is not TermType.SHORT_FORM:
        return None
    concept = concepts(hit.concept)
    return concept if concept is not None and concept.subject not in NAME_SUBJECTS else None


def _other_country(qualifier: Hit, body: Concept, concepts: Callable[[str], Concept | None],
                   near: Callable[[str], frozenset[str]]) -> bool:
    """Whether ``qualifier`` names a country (or its adjective) that is not near ``body``: each of
    its candidates, when it is ambiguous (Kazakh: the people's or the state's adjective)."""
    ids = (qualifier.concept,) if qualifier.concept is not None else qualifier.candidates
    places = [concepts(i) for i in ids]
    return bool(places) and all(place is not None and place.subject == GEOGRAPHY_SUBJECT and place.id != body.id
                                and place.id not in near(body.id) for place in places)


def _longer_name(hit: Hit, body: Concept, text: str, known: Callable[[str], bool], starts: set[int]) -> bool:
    """Whether the English short form ``hit`` ends a longer proper name: two capitalised words or
    more run right before it (an article aside), none of them a hit, a role word or a word of the
    body's own terms, and one at least capitalised by no style (the Indian National Congress; a
    single word, as in the Republican-led Congress, describes the body)."""
    run = _CAPITALISED_RUN.search(text, max(0, hit.start - _WINDOW), hit.start)
    if run is None:
        return False
    words = [word for word in _RUN_WORD.finditer(run.group(1)) if word.group().lower() not in TITLE_CASE_MINOR_WORDS]
    if len(words) < 2:
        return False
    own, roles = own_words(body), name_heads().en_roles
    for word in words:
        folded = without_possessive(word.group())
        if (run.start(1) + word.start() in starts or folded in roles or folded in own
                or folded.replace(".", "") in own):
            return False
    return not all(capital_by_style(text, run.start(1) + word.start(), known) for word in words)

"""A place or person name inside the proper name of something else: Nazarbayev University.

A glossary name that is the first or last part of a longer proper name whose other part is a head
word of an institution, a publication or an administrative region — Nazarbayev University,
Uzbekistan Airways, the Astana International Financial Centre, The Washington Post, the National
Bank of Kazakhstan, Tashkent region, جامعة نزارباييف, لبنك كازاخستان الوطني, الخطوط الجوية
الأوزبكية, واشنطن بوست, ولاية طشقند — names that other thing, not the place or the person. When
the glossary lists the longer name, the longest match wins already, and :mod:`nested` reads the
region forms of names it nests; this module drops the inner hit when the glossary lacks the
longer name. The head words are data (``spotting/data/name_heads.json``), not code.

Where the head stands:

* English: after the name, capitalised, with at most :data:`MAX_BETWEEN` capitalised words
  between ("Astana International Financial Centre"); a region head right after it in any case
  ("East Kazakhstan oblast", "Tashkent region"), or a plural one after a name coordinated with it
  ("Kyzylorda and Turkestan regions"); or before it with "of" ("National Bank of
  Kazakhstan"), or right before it for the few heads written so ("Air Astana"). A town's head
  before "of" (``en.settlement``: "the Kazakh city of Balkhash") makes a place the glossary defines
  as no settlement, state or region (a lake, a desert: no city, town, capital or port in its English
  definition) a namesake town; before a city or a country it names the place. A head followed by
  a rare capitalised word begins the name that follows, which the place name only describes ("the
  Kazakh Bank CenterCredit" is a Kazakh bank). A possessive ends the name ("Kazakhstan's National Bank" is the country's bank),
  and an office title is no head ("Uzbek President", "Kazakh Foreign Minister" stay).
* Arabic: before the name, its clitics and article aside, with at most :data:`MAX_BETWEEN`
  definite words between (بنك التنمية الآسيوي); a transliterated head after it (واشنطن بوست).
  A few heads take a place name only (``place_before``: منتخب أوزبكستان is the national team, كأس
  آسيا the cup, الدوري الروسي the league; before a person المنتخب is "elect", الرئيس المنتخب دونالد ترامب); a stadium or a club
  is named after either (ستاد محمد بن زايد). An
  adjective (الأوزبكية) belongs to the name only when the head is right before it: in الخطوط الجوية
  الأوزبكية it is the airline's name, in وكالة الأنباء الكازاخستانية it describes the agency.

Only names of places and people are read so (glossary subjects :data:`NAME_SUBJECTS`); a region
head does not take a place that is itself a region or territory (its definition begins so: "the
Central Asia region" is Central Asia, إقليم جزر كوكوس the Cocos Islands).

English also shows a longer name without a head word, by its capitals: a capitalised word that runs
on from the name, joined by a space, makes the name part of another proper name — China Daily,
Kazakhstan Temir Zholy, the Kazakhstan Premier League, Astana FC, FC Astana, Dynamo Kyiv, Jordan
Bardella, Hunter Biden, Donald Trump Jr. — unless it is one of the ``roles`` of the data file (a
state's office or body, a person's title, a date: Kazakh President, the Uzbek Foreign Ministry,
President Tokayev, Mr Trump, in Astana Monday; a state's forces are organisation heads instead, the
U.S. Army being a body named after the state), anywhere in the run of capitalised words
after the name (the Kazakh Energy Minister), another glossary hit, or a spelling of the person's own
name (Kassym-Zhomart Tokayev); a role word followed by an ordinary word is no role there (the
Kazakhstan Premier League), one followed by a name is (the Uzbek Foreign Minister Bakhtiyor
Saidov). The first word of a sentence is capitalised whatever it is, so there
only a word the frequency list hardly knows counts (FC Astana, not Neighbouring Kazakhstan); and a
line whose capitals are the style's, a headline in Title Case or in capitals
(:func:`~termbase.spotting.casing.styled_line`), says nothing by them, nor does a line crowded with
names (:data:`CROWDED_SHARE`), where the next capitalised word is as likely the next name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial as bind
from itertools import chain, compress, repeat
from operator import attrgetter, is_
from typing import Literal

from rapidfuzz import fuzz

from termbase.arabic import ARTICLE, bare_readings
from termbase.langtags import primary_language
from termbase.matches import Hit, covered
from termbase.model import Concept, PartOfSpeech
from termbase.normalize import fold
from termbase.spotting.casing import BLANKS, POSSESSIVE, line_at, styled_line, without_possessive
from termbase.spotting.fuzzy import GEOGRAPHY_SUBJECT, geographic_heads
from termbase.spotting.heads import NameHeads, name_heads
from termbase.spotting.homographs import name_cues
from termbase.spotting.names import NAME_CONTEXT_ZIPF, OWN_NAME_CUTOFF, PEOPLE_SUBJECT, common_word, own_words
from termbase.spotting.teams import is_country
from termbase.spotting.wordlist import zipf

__all__ = ["MAX_BETWEEN", "NAME_SUBJECTS", "Embedding", "embedded"]

MAX_BETWEEN = 2
"""Words that may stand between a name and its head: "Astana [International Financial] Centre"."""
NAME_SUBJECTS = frozenset({GEOGRAPHY_SUBJECT, PEOPLE_SUBJECT})
"""Glossary subjects whose names institutions and regions are named after."""
_EN_WORD = re.compile(r"[ \t\u00a0]+([A-Za-z][\w'’-]*)")
_EN_SHARED_HEAD = re.compile(r"[ \t\u00a0]+(?:and|&)[ \t\u00a0]+(?:[A-Z][\w'’-]*[ \t\u00a0]+){1,2}([a-z]+)\b")
"""A name coordinated with one or two capitalised words before a lower-case word (group 1), which a
plural region head makes the head of both names."""
_EN_HEAD_OF = re.compile(r"([A-Z][\w'’-]*)[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?\Z")
_REGION_DEFINITION = re.compile(r"\A[^,;(.]*\b(?:region|territory|province|state)\b", re.IGNORECASE)
_SETTLEMENT_DEFINITION = re.compile(r"\b(?:city|cities|town|capital|village|settlement|municipality|port|resort)\b",
                                    re.IGNORECASE)
_EN_SETTLEMENT_OF = re.compile(r"\b([a-z]+)[ \t\u00a0]+of[ \t\u00a0]+\Z")
_EN_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’-]*)\.?[ \t\u00a0]+\Z")
_BLANKS_AND_LINES = BLANKS + "\n"
_SENTENCE_START = re.compile(r"(?:\A|[.!?:;\n])[\s\"'“‘(\[—–-]*\Z")
_CROWDED_WORDS = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
CROWDED_SHARE = 0.75
"""A line whose words of four letters or more (four of them at least) are capitalised this often
is crowded with names, a list of them or a row of titles and names ("President of Kazakhstan
Kassym-Jomart Tokayev, President of Kyrgyzstan Sadyr Japarov, …"): a capitalised word after a name
there is as likely the next name as more of this one."""
MAX_RUN = 4
"""Capitalised words read after an English name for a role word (the Kazakh Deputy Foreign Minister)."""
_AR_QUOTES = "«»\"'“”()،,"
_AR_WORDS_BEFORE = 3 + MAX_BETWEEN
"""Arabic words read before a name: a head of up to two words and the definite words between."""
_WINDOW = 80
_concept_of = attrgetter("concept")


def _is_region(concept: Concept) -> bool:
    """Whether the glossary defines ``concept`` as a region or territory in the first clause of a
    definition ("The region formed by the five …", "Territory in Oceania", "Xinjiang Uyghur
    Autonomous Region of China"): a region head then names the place itself (إقليم جزر كوكوس)."""
    return concept.subject != PEOPLE_SUBJECT and any(_REGION_DEFINITION.match(text) for text in concept.definitions.values())


def _is_feature(concept: Concept) -> bool:
    """Whether the glossary defines the place ``concept`` as no settlement, state or region: its
    English definition names no city, town, capital or port and begins with no "Country" ("Large
    lake in south-eastern Kazakhstan"), so that a town's head before its name ("the city of
    Balkhash") names a namesake town. A country or a territory is left out: "the city of Kuwait" is
    its capital, which news names by the state's name."""
    definition = concept.definitions.get("en", "")
    return (concept.subject == GEOGRAPHY_SUBJECT and not _SETTLEMENT_DEFINITION.search(definition)
            and not is_country(concept) and not _is_region(concept))


@dataclass(frozen=True, slots=True)
class Embedding:
    """What :func:`embedded` reads from the glossary, built once: the concepts of places and
    people, and those among them that are regions or territories."""

    names: frozenset[str]
    regions: frozenset[str]
    unsettled: frozenset[str]
    """Places the glossary defines as no settlement, state or region (a lake, a desert), which a
    town's head before them makes a namesake town."""
    heads: NameHeads
    concepts: Mapping[str, Concept]
    """The glossary's concepts by id: a concept's own name words are read from them when needed."""
    own_names: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    """A concept's own name words by its id (the words of its terms, hyphenated ones apart), each
    concept's made when first needed."""

    @classmethod
    def build(cls, concepts: Mapping[str, Concept], heads: NameHeads | None = None, *,
              people: frozenset[str] | None = None, places: frozenset[str] | None = None) -> Embedding:
        """Read ``concepts`` (and the shipped head words unless ``heads`` is given); ``people`` and
        ``places``: the ids of their concepts of people and of places, when the caller has them
        already (a pass over the glossary saved). Only a place may be a region or a feature."""
        if people is None or places is None:
            named = [c for c in concepts.values() if c.subject in NAME_SUBJECTS]
            people = frozenset(c.id for c in named if c.subject == PEOPLE_SUBJECT)
            places = frozenset(c.id for c in named if c.subject == GEOGRAPHY_SUBJECT)
        regions = frozenset(i for i in places if _is_region(concepts[i]))
        unsettled = frozenset(i for i in places if _is_feature(concepts[i]))
        return cls(people | places, regions, unsettled, heads or name_heads(), concepts)

    def own_name(self, word: str, ids: Sequence[str]) -> bool:
        """Whether ``word`` spells a word of the terms of one of the concepts ``ids`` (Kassym-Zhomart
        for Kassym-Jomart, Joseph for Joe), or a head word that a natural feature's name may leave
        out (Lake Issyk-Kul): a neighbour that is the concept's own name is no other name."""
        parts = [part for part in re.split(r"[-\s]+", without_possessive(word)) if part]
        concepts = [self.concepts[i] for i in ids if i in self.concepts]
        if any(c.subject == GEOGRAPHY_SUBJECT for c in concepts) and any(p in geographic_heads()["en"] for p in parts):
            return True
        return any(fuzz.ratio(part, own) >= OWN_NAME_CUTOFF["en"] or _begins(part, own)
                   for concept in concepts for own in self._own_names(concept) for part in parts)

    def _own_names(self, concept: Concept) -> frozenset[str]:
        """The words of ``concept``'s terms, hyphenated words apart, made once (:attr:`own_names`)."""
        words = self.own_names.get(concept.id)
        if words is None:
            words = self.own_names[concept.id] = frozenset(
                own for term in own_words(concept) for own in re.split(r"[-\s]+", term) if own)
        return words


def _english_head(hit: Hit, text: str, heads: NameHeads, region_too: bool,
                  before: re.Match[str] | None, town: bool = False) -> str | Literal[False] | None:
    """The English head word that makes ``hit`` part of a longer name; False when the head right
    after it begins the name that follows ("the Kazakh Bank CenterCredit" is a Kazakh bank), so that
    the words after the hit are read no further; None when there is no head (``before``: the word
    before the hit, :func:`_word_before`; ``town``: the hit names no settlement, which a town's head
    before "of" makes a namesake town)."""
    if POSSESSIVE.search(hit.text):
        return None
    if region_too:
        shared = _EN_SHARED_HEAD.match(text, hit.end, hit.end + _WINDOW)
        if shared is not None and shared.group(1).lower() in heads.en_region and shared.group(1).endswith("s"):
            return shared.group(1)  # "Kyzylorda and Turkestan regions": the plural head is both names'
    # the last point of an abbreviation (U.S.) may end a sentence too: only a head right after it counts
    point = text.startswith(".", hit.end) and "." in hit.text
    position = hit.end + point
    for between in range(1 if point else MAX_BETWEEN + 1):
        word = _EN_WORD.match(text, position, position + _WINDOW)
        if word is None:
            break
        written = word.group(1)
        possessive = POSSESSIVE.search(written)
        folded = (written[:possessive.start()] if possessive else written).lower()
        if between == 0 and region_too and folded in heads.en_region:
            return written
        if not written[:1].isupper():
            break
        if folded in heads.en_organisation:
            own = _EN_WORD.match(text, word.end(), word.end() + _WINDOW)
            if not possessive and own is not None and own.group(1)[:1].isupper() and _rare(own.group(1)):
                # the head begins the name that follows: right after the name, it leaves the name out
                # ("the Kazakh Bank CenterCredit"); after words between, those may still run on from it
                return None if between else False
            return written  # "Nazarbayev University's campus" too
        if possessive:
            break
        position = word.end()
    if before is not None and before.group(1)[:1].isupper() and before.group(1).lower() in heads.en_before:
        return before.group(1)  # Air Astana
    if text.endswith(("of ", "the "), max(0, hit.start - 4), hit.start):
        of = _EN_HEAD_OF.search(text, max(0, hit.start - _WINDOW), hit.start)
        if of is not None and of.group(1).lower() in heads.en_organisation:
            return of.group(1)
        town_of = _EN_SETTLEMENT_OF.search(text, max(0, hit.start - _WINDOW), hit.start) if town else None
        if town_of is not None and town_of.group(1) in heads.en_settlement:
            return town_of.group(1)  # the Kazakh city of Balkhash, not the lake
    return None


def _word_before(text: str, end: int) -> re.Match[str] | None:
    """The English word just before offset ``end`` (group 1), or None: :data:`_EN_WORD_BEFORE` searched
    from the white space before the last word of the window on (the same match: no white space
    is inside one), not tried at each letter of the window."""
    start = max(0, end - _WINDOW)
    window = text[start:end]
    body = window.rstrip(BLANKS)
    if len(body) == len(window):
        return None  # the pattern ends in blanks
    cut = max(body.rfind(blank) for blank in _BLANKS_AND_LINES) + 1
    return _EN_WORD_BEFORE.search(text, start + cut, end)


def _begins(one: str, other: str) -> bool:
    """Whether the shorter of two name words begins the longer (Joe / Joseph)."""
    short, long = sorted((one, other), key=len)
    return len(short) >= 2 and long.startswith(short)


def _crowded(line: str) -> bool:
    """Whether ``line`` is crowded with names (:data:`CROWDED_SHARE`)."""
    words = _CROWDED_WORDS.findall(line)
    return len(words) >= 4 and sum(word[:1].isupper() for word in words) >= CROWDED_SHARE * len(words)


def _role(word: str, heads: NameHeads) -> bool:
    """Whether a capitalised word is a role word, or a hyphenated one with a role part (President-elect)."""
    folded = without_possessive(word)
    return folded in heads.en_roles or any(part in heads.en_roles for part in re.split(r"[-\s]+", folded))


def _english_run(hit: Hit, text: str, spans: bytearray, embedding: Embedding,
                 ids: Sequence[str], before: re.Match[str] | None, partial: frozenset[int], read_after: bool) -> str | None:
    """The capitalised word that runs on from the English name ``hit`` into another proper name, or None.

    The word before counts when it is capitalised (the last part of a hyphenated word: ex-Dynamo
    Kyiv) and, at the start of a sentence, rare; with ``read_after`` (unless :func:`_english_head`
    found the words after the hit to begin another name), the words after count as a run of up to
    :data:`MAX_RUN` capitalised words, which a role word in it keeps the name's own."""
    heads = embedding.heads
    person = any(i in embedding.concepts and embedding.concepts[i].subject == PEOPLE_SUBJECT for i in ids)
    # A given name before a person's full name, or before the one name the glossary gives the
    # person, may be an unlisted spelling of the person's own: only a partial name is read so.
    if before is not None and (not person or id(hit.term) in partial):
        word = before.group(1).rsplit("-", 1)[-1] if before.group(1)[:1].islower() else before.group(1)
        foreign = (word[:1].isupper() and len(word) > 1 and not POSSESSIVE.search(word)
                   and not spans[before.start(1)] and not _role(word, heads)
                   and not embedding.own_name(word, ids) and "." not in text[before.end(1):before.end(1) + 1])
        if foreign and _SENTENCE_START.search(text, max(0, before.start(1) - _WINDOW), before.start(1)):
            foreign = _rare(word)  # every first word of a sentence is capitalised
        if foreign:
            return word
    if not read_after:
        return None  # the words after begin another name: the Kazakh Bank CenterCredit
    if POSSESSIVE.search(hit.text):
        return None  # "Kazakhstan's National Bank" is the country's bank
    run: list[str] = []
    position = hit.end
    while len(run) < MAX_RUN:
        after = _EN_WORD.match(text, position, position + _WINDOW)
        if after is None or not after.group(1)[:1].isupper() or spans[after.start(1)]:
            break
        run.append(after.group(1))
        if POSSESSIVE.search(after.group(1)):
            break
        position = after.end()
    if not run or embedding.own_name(run[0], ids) or any(
            _role(word, heads) and (following is None or _role(following, heads) or _rare(following))
            for word, following in zip(run, [*run[1:], None])):
        return None
    return run[0]


def _rare(word: str) -> bool:
    """Whether the frequency list hardly knows ``word`` (a name, not an ordinary word)."""
    return zipf(POSSESSIVE.sub("", word).lower(), "en") < NAME_CONTEXT_ZIPF["en"]


@lru_cache(maxsize=1 << 14)
def _bare_forms(word: str) -> frozenset[str]:
    """A folded Arabic word with each clitic/article chain it may carry set aside (لبنك: بنك, …)."""
    return frozenset(bare_readings(word))


def _arabic_head(hit: Hit, text: str, heads: NameHeads, adjective: bool, region_too: bool, place: bool) -> str | None:
    """The Arabic head word that makes ``hit`` part of a longer name, or None (``place``: the hit
    names places only, which the heads of :attr:`NameHeads.ar_place_before` take too)."""
    following = text[hit.end:hit.end + _WINDOW].split(maxsplit=1)
    if following and fold(following[0].strip(_AR_QUOTES)) in heads.ar_after:
        return following[0]
    window = text[max(0, hit.start - _WINDOW):hit.start]
    for mark in _AR_QUOTES:
        window = window.replace(mark, " ")
    written = window.split()[-_AR_WORDS_BEFORE:]
    before = [fold(word) for word in written]
    bare = [_bare_forms(word) for word in before]
    groups = (heads.ar_before_by_last, *((heads.ar_region_by_last,) if region_too else ()),
              *((heads.ar_place_before_by_last,) if place else ()))
    for skipped in range((0 if adjective else MAX_BETWEEN) + 1):
        if skipped and (skipped >= len(before) or not (before[-skipped].startswith(ARTICLE) or (
                skipped == 1 and _construct(hit, before[-1], written[-1])))):
            break  # definite words stand between a head and the name (بنك التنمية الآسيوي), or one noun
            # of a construct (جامعة يانكي أوزبكستان, بنك تنمية كازاخستان)
        last = len(before) - skipped - 1  # the word a head would end with
        if last < 0:
            break
        for head in (head for form in bare[last] for by_last in groups for head in by_last.get(form, ())):
            at = last + 1 - len(head)
            if at >= 0 and all(part in bare[at + k] for k, part in enumerate(head)):
                return " ".join(written[at:last + 1])
    return None


def _construct(hit: Hit, folded: str, written: str) -> bool:
    """Whether an indefinite Arabic word between a head and the name ``hit`` reads as a noun of
    the construct that the head begins (جامعة يانكي أوزبكستان, بنك تنمية كازاخستان): a word of
    letters that is no preposition or word for a place's parts (في, عاصمة: بنك في كازاخستان is a
    bank in the country), before a name that carries no preposition itself (بنك الدوحة مملوك لقطر:
    the second term of a construct takes none)."""
    apart, glued = name_cues()
    return (written.isalpha() and len(folded) > 2 and not any(form in apart for form in _bare_forms(folded))
            and not any(mark in hit.prefix for mark in glued))


def embedded(hits: Sequence[Hit], text: str, lang: str, embedding: Embedding, partial: frozenset[int],
             known: Callable[[str], bool]) -> list[Hit]:
    """``hits`` without the names of places and people that a head word makes part of a longer name
    (``partial``: identities of the hits' terms that are a person's partial name; ``known``: whether
    a folded word is a glossary word that names no person, :func:`~termbase.spotting.names.common_word`).

    Only the hits of names (their concept a place or person, or, unresolved, every candidate) are
    read one by one; they are found in one pass of built-ins, as most hits of a long text are not.
    """
    lang = primary_language(lang)
    if lang not in ("en", "ar"):
        return list(hits)
    names, heads = embedding.names, embedding.heads
    concepts = list(map(_concept_of, hits))
    looked = sorted(chain(
        compress(range(len(hits)), map(names.__contains__, concepts)) if not names.isdisjoint(concepts) else (),
        compress(range(len(hits)), map(is_, concepts, repeat(None))) if None in concepts else ()))
    if not looked:
        return list(hits)
    silent: dict[int, bool] = {}  # start of a line -> whether its capitals tell nothing
    common = bind(common_word, known=known)
    spans = covered(hits, len(text)) if lang == "en" else bytearray()  # read by English runs only
    kept = bytearray(b"\x01") * len(hits)
    for position in looked:
        hit = hits[position]
        ids = (hit.concept,) if hit.concept is not None else hit.candidates
        if not ids or not names.issuperset(ids):
            continue
        region_too = embedding.regions.isdisjoint(ids)
        if lang == "en":
            before = _word_before(text, hit.start)
            head = _english_head(hit, text, heads, region_too, before, embedding.unsettled.issuperset(ids))
            if not head:
                start = text.rfind("\n", 0, hit.start) + 1
                if start not in silent:
                    line = line_at(text, hit.start)
                    silent[start] = _crowded(line) or styled_line(line, common)
                if not silent[start]:
                    head = _english_run(hit, text, spans, embedding, ids, before, partial, head is None)
        else:
            adjective = hit.term is not None and hit.term.pos is PartOfSpeech.ADJECTIVE
            place = all(embedding.concepts[i].subject == GEOGRAPHY_SUBJECT for i in ids)
            head = _arabic_head(hit, text, heads, adjective, region_too, place)
        if head:
            kept[position] = 0
    return list(compress(hits, kept))

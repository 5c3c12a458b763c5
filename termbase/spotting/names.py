"""Person-name structure: whether a partial name in running text is the glossary's person.

A surname (or any term shorter than the person's full name) names the person only when the words
around it do not make it part of another name: "President Rakhmon Nabiyev" is Rakhmon Nabiyev (the
glossary's Rakhmon is followed by another surname, so it is a given name here), "Sharif
Rahmonov" and "Dariga Nazarbayeva" are other people (another given name before the surname).
A word counts as a name there when it is capitalised, is no glossary word other than a name
(Kazakh, Republic), and is not an ordinary word of the language (wordfreq,
:data:`NAME_CONTEXT_ZIPF`): titles such as President or Minister are ordinary words, titles such
as Arkadag or Elbasy are glossary terms. A capital tells a name only where the sentence would
write a common word in lower case: the first word of a sentence and every word of a Title Case
line ("Turkmenistan Leaders Congratulate Donald Trump") are capitalised whatever they are, so there
a word is a name only when Wikidata person labels use it as one (:func:`english_name_words`:
"Heydar Aliyev, the third President") or when the frequency list does not know it at all
("Aysultan Nazarbayev"). Arabic has no capitals: there only the word before the surname counts, and
only when the frequency list hardly knows it (اوزودا رحمنوف, غولنارا كريموف) or Wikidata person
labels use it as a name more often than running text uses it as a word (ميلانيا ترامب, مجتبى خامنئي).

A surname shared by father and son is told apart by the hit right before it — a given name or a
title that the glossary gives to one of them ("Arkadag Berdimuhamedov") — or by the office title
written before it that the glossary's ``offices`` give to one of them only ("President Japarov"
is Sadyr Japarov, President of Kyrgyzstan, not Akylbek Japarov, Chairman of the Cabinet).

An Arabic name spelled out as a chain (منصور بن زايد آل نهيان, Mansour bin Zayed Al Nahyan) names the
glossary's person only when the chain before the surname is the person's own: the words joined by
بن, بنت, آل (bin, ibn, Al) are read back from the surname against the person's full name, and a
given name or father's name that differs (منصور for محمد) or a link the full name does not have
(شخبوط بن نهيان آل نهيان) makes it another member of the family.

An Arabic common noun of the glossary that takes the article after a given name is a family name:
مصطفى النحاس is a man, not copper ("النحاس"). A given name there is a word that Wikidata person
labels use as a name more often than running text uses it as a word (:func:`arabic_name_zipf`:
مصطفى, محمد), not a preposition (على folds to the name علي). A name after the noun tells nothing:
الرئيس الأمريكي دونالد ترامب is a title before a name.

A surname that names a family rather than a person ("the Mirziyoev clan", "father and son
Berdymukhamedov", عائلة نزارباييف, بيت خامنئي) is no mention of any one member, and one followed by a
word for the son (خامنئي الابن, "Khamenei Jr.") names the son, not the listed bearer; so does a full
name followed by one (دونالد ترامب الابن), and a full name that a filial particle (بن, بنت, bin, ibn)
links to a name before it: in خالد بن محمد بن زايد آل نهيان ("Khaled bin Mohamed bin Zayed") the
listed محمد بن زايد آل نهيان is the father's name in the son's chain, and the chain names the son.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import cache, partial
from importlib import resources

from rapidfuzz import fuzz

from termbase.langtags import primary_language
from termbase.model import Concept, PartOfSpeech, Term
from termbase.normalize import fold
from termbase.arabic import ARTICLE, CHAINS_LONGEST_FIRST, bare_readings, is_arabic
from termbase.matches import Evidence, Hit, MatchKind
from termbase.spotting.casing import BLANKS, line_at, styled_line
from termbase.spotting.homographs import name_cues
from termbase.spotting.wordlist import is_ordinary, zipf

__all__ = [
    "FAMILY_AFTER",
    "FAMILY_BEFORE",
    "SON_AFTER",
    "without_sons",
    "ARABIC_NAME_WORD_ZIPF",
    "NAME_CONTEXT_ZIPF",
    "TITLE_CONFIDENCE",
    "arabic_name_words",
    "arabic_name_zipf",
    "capital_by_style",
    "common_word",
    "english_name_words",
    "PEOPLE_SUBJECT",
    "foreign_name_context",
    "family_name_nouns",
    "NAME_PARTICLES",
    "FILIAL_PARTICLES",
    "other_lineage",
    "is_partial_name",
    "partial_name_terms",
    "lists_bare_name",
    "own_words",
    "person_filter",
    "resolve_by_neighbour",
    "resolve_by_title",
]

PEOPLE_SUBJECT = "people"
"""The glossary subject of concepts that are persons."""
NAME_CONTEXT_ZIPF = {"en": 4.0, "ar": 1.0}
"""A neighbour rarer than this (Zipf) and not a glossary word is a name (capitalised, in English).
In Arabic, where a rare verb is as rare as a name and nothing is capitalised, a word the frequency
list hardly knows is taken for a foreign given name (اوزودا, داريغا 0.0; ترقت 1.95 is not), and so
is a name word of :func:`arabic_name_words` that names use more than running text does
(:func:`arabic_name_zipf`), below :data:`ARABIC_NAME_WORD_ZIPF`."""
ARABIC_NAME_WORD_ZIPF = 5.0
"""An Arabic word that Wikidata person labels use as a name (:func:`arabic_name_words`) counts as a
given name only when it is rarer than this: حيدر (4.4), رستم, سعيدة, not علي or محمد (above 6), which
are also everyday words and the commonest of names."""
NAME_COUNT_CONFIDENCE_Z = 1.645
"""The one-sided 95 % normal quantile of the lower confidence bound on a name token's count
(:func:`arabic_name_zipf`): a token seen twice counts as seen 0.35 times, one seen 400 times as 368."""
OWN_NAME_CUTOFF = {"en": 80.0, "ar": 60.0}
"""A neighbour this close (rapidfuzz ratio) to one of the person's own name words is that name
(Arabic spellings of one name differ more in their long vowels: شافكات / شوكت 60)."""
NEIGHBOUR_CONFIDENCE = 0.95
"""Confidence of a shared surname resolved by the given name or title right before it."""

TITLE_CONFIDENCE = 0.9
"""Confidence of a shared surname resolved by the office title written before it."""
SON_AFTER = ("jr", "junior", "الابن", "الإبن", "جونيور")
"""Words after a name that make it the son's (خامنئي الابن, دونالد ترامب الابن, "Trump Jr.")."""
FAMILY_AFTER = ("family", "families", "clan", "clans", "dynasty", "household", "brothers", "sisters", "siblings",
                *SON_AFTER)
"""Words after a surname that make it the name of a family ("the Mirziyoev clan") or of the son."""
FAMILY_BEFORE = ("father and son", "son and father", "father and daughter", "mother and son",
                 "mother and daughter", "brothers", "sisters", "family", "عائلة", "أسرة", "آل", "أبناء", "بيت")
"""Words before a surname that make it the name of a family (father and son Berdymukhamedov, عائلة …,
بيت خامنئي "the Khamenei household")."""

FILIAL_PARTICLES = frozenset(fold(word) for word in ("بن", "ابن", "بنت", "bin", "ibn", "bint"))
"""Folded words that say "son of", "daughter of" in an Arabic name: a name after one is a parent's."""
NAME_PARTICLES = FILIAL_PARTICLES | {fold("آل"), "al"}
"""Folded words that link the parts of an Arabic name: the filial particles and "family of" (محمد بن
زايد آل نهيان, Mohamed bin Zayed Al Nahyan)."""

_FAMILY_AFTER = re.compile(r"\A['’]?s?[ \t\u00a0]+(?:" + "|".join(FAMILY_AFTER) + r")\b", re.IGNORECASE)
_SON_AFTER = re.compile(r"\A['’]?s?[ \t\u00a0]+(?:" + "|".join(SON_AFTER) + r")\b", re.IGNORECASE)
_FAMILY_BEFORE = re.compile(r"(?:^|[^\w])(?:" + "|".join(FAMILY_BEFORE) + r")[ \t\u00a0]+\Z", re.IGNORECASE)
_TITLE_BEFORE = re.compile(r"((?:[A-Z][\w-]*[ \t\u00a0]+){1,4})\Z")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[ \t\u00a0]+\Z")
_WORD_AFTER = re.compile(r"\A[ \t\u00a0]+([^\W\d_]+)")
_PARTICLE_BEFORE = re.compile(r"[^\W\d_]+[ \t\u00a0]+([^\W\d_]+)[ \t\u00a0]+\Z")
_OPENING = " \t\u00a0\"'‘“«([—–-"
_CLOSING = "\"'’”»)]"
_ABBREVIATION = re.compile(r"(?:\A|[^\w.])(?:[A-Z][a-z]{0,2}|(?:[A-Z]\.)+[A-Z])\.\Z")
"""A period after a short capitalised abbreviation (Mr., Dr., Gen., U.S.) ends no sentence."""
_WINDOW = 40
_ARTICLE_CHAINS = tuple(chain for chain in CHAINS_LONGEST_FIRST if chain.endswith(ARTICLE))
"""The clitic chains that end in the article (ال, وال, بال …; not لل, where ل + ال merge)."""


OwnWords = Collection[str] | Callable[[], Collection[str]]
"""The folded words of a person's terms, or a function that makes them when first needed."""


@cache
def _arabic_name_counts() -> tuple[Mapping[str, int], int]:
    """The name-token counts of ``spotting/data/arabic_name_words.json`` and the count of all tokens."""
    raw = json.loads(resources.files("termbase.spotting").joinpath("data", "arabic_name_words.json").read_text("utf-8"))
    return dict(raw["words"]), int(raw["tokens"])


@cache
def arabic_name_words() -> frozenset[str]:
    """Folded Arabic words that person names use (``spotting/data/arabic_name_words.json``, made by
    ``glossaries/sources/make_name_words.py`` from Wikidata person labels)."""
    return frozenset(_arabic_name_counts()[0])


def arabic_name_zipf(folded: str) -> float:
    """How often Wikidata person labels write ``folded`` as a name token, on wordfreq's Zipf scale
    (log10 of uses per billion tokens), taken at the lower 95 % confidence bound of its count
    (Byar's approximation to the Poisson bound); 0.0 for a word no label uses. A word whose name
    Zipf passes its Zipf in running text is likelier a name than a word where a name may stand:
    ميلانيا (2 uses: 3.1 against 2.2), مجتبى, إيفانكا, but not وعد or فوز, names seldom and words often."""
    counts, tokens = _arabic_name_counts()
    count = counts.get(folded, 0)
    if count <= 0:
        return 0.0
    root = 1.0 - 1.0 / (9.0 * count) - NAME_COUNT_CONFIDENCE_Z / (3.0 * math.sqrt(count))
    return max(0.0, math.log10(count * root ** 3 / tokens) + 9.0)


@cache
def english_name_words() -> frozenset[str]:
    """Folded English words that person names use, given names and surnames alike
    (``spotting/data/english_name_words.json``, made by ``glossaries/sources/make_name_words.py``
    from Wikidata person labels)."""
    raw = json.loads(resources.files("termbase.spotting").joinpath("data", "english_name_words.json").read_text("utf-8"))
    return frozenset(raw["words"])


def capital_by_style(text: str, start: int, known: Callable[[str], bool]) -> bool:
    """Whether the word at ``text[start]`` would be capitalised whatever it is: it begins its line or
    a sentence, or its line's capitals are the style's
    (:func:`~termbase.spotting.casing.styled_line`: a headline in Title Case or in capitals)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].rstrip(_OPENING).rstrip(_CLOSING)
    if not before or before.endswith(("!", "?", "…")) or (before.endswith(".") and not _ABBREVIATION.search(before)):
        return True
    return styled_line(line_at(text, start), partial(common_word, known=known))


def common_word(word: str, known: Callable[[str], bool]) -> bool:
    """Whether the capitalised English ``word`` is a common word, one no name needs to be: a word
    that no name can be (:data:`NAME_CONTEXT_ZIPF`: On, Election, Win), or an ordinary word of the
    language (wordfreq) that neither the glossary (``known``) nor person names use (Congratulate,
    Hails). Two of them in a line in Title Case tell its style from a line of names
    (:func:`~termbase.spotting.casing.styled_line`)."""
    lower, folded = word.lower(), fold(word)
    return zipf(lower, "en") >= NAME_CONTEXT_ZIPF["en"] or (
        is_ordinary(lower, "en") and not known(folded) and folded not in english_name_words())


def _name_like(word: str, known: Callable[[str], bool], own: OwnWords, lang: str,
               styled: Callable[[], bool] = lambda: False) -> bool:
    """A word that reads as a name: neither a glossary word other than a name (``known``), nor an
    ordinary word of the language (wordfreq), nor a spelling of one of the person's own names
    (``own``: folded words of the person's terms). English names are capitalised; where the capital
    may be the style's (``styled``: :func:`capital_by_style`) the word must be a name of
    :func:`english_name_words` or unknown to the frequency list. An Arabic word is also read without
    the clitics and article glued to it (والرئيس)."""
    if lang != "ar" and (not word[:1].isupper() or len(word) < 2):
        return False
    folded = fold(word)
    forms = [folded] if lang != "ar" else list(bare_readings(folded))
    if len(min(forms, key=len)) < 3 or any(known(form) for form in forms):
        return False
    frequency = max(zipf(word.lower(), lang), *(zipf(form, lang) for form in forms))
    if frequency >= NAME_CONTEXT_ZIPF[lang] and not (
            lang == "ar" and frequency < ARABIC_NAME_WORD_ZIPF and not _has_article(folded)
            and not any(form in name_cues()[0] for form in forms)
            and max(arabic_name_zipf(form) for form in forms) > frequency):
        return False
    if lang != "ar" and frequency > 0.0 and folded not in english_name_words() and styled():
        return False
    names = own() if callable(own) else own
    return not any(fuzz.ratio(form, name) >= OWN_NAME_CUTOFF[lang] or (lang == "ar" and _shortened(name, form))
                   for form in forms for name in names)


def _has_article(folded: str) -> bool:
    """Whether a folded Arabic word carries the article (الأكبر, والرئيس): a given name does not."""
    return folded.startswith(_ARTICLE_CHAINS)


def _shortened(name: str, word: str) -> bool:
    """Whether one of two name words is a short form that begins the other (جو / جوزيف, Joe / Joseph)."""
    short, long = sorted((name, word), key=len)
    return len(short) >= 2 and long.startswith(short)


def foreign_name_context(text: str, start: int, end: int, known: Callable[[str], bool],
                         own: OwnWords = (), lang: str = "en") -> Evidence | None:
    """Why the name at ``text[start:end]`` belongs to another person's name, or None.

    ``known`` tells whether a folded word is a glossary word that names no person; ``own`` are
    the folded words of the person's terms (a variant spelling of the person's given name is no
    other person). In Arabic only the word before counts (اوزودا رحمنوف): names follow the
    given name there, and without capitals a word after the name is mostly the sentence's next word.
    """
    before = _WORD_BEFORE.search(text, max(0, start - _WINDOW), start)
    if before is not None and _name_like(before.group(1), known, own, lang,
                                         lambda: capital_by_style(text, before.start(1), known)):
        return Evidence("given-name", f"preceded by the given name {before.group(1)!r} of another person")
    after = _WORD_AFTER.search(text[end:end + _WINDOW]) if lang != "ar" else None
    if after is not None and _name_like(after.group(1), known, own, lang,
                                        lambda: styled_line(line_at(text, start), partial(common_word, known=known))):
        return Evidence("given-name", f"followed by the surname {after.group(1)!r}: a given name of another person")
    return None


_CHAIN_WORD = re.compile(r"[^\W\d_]+")


def other_lineage(text: str, start: int, names: Iterable[Term]) -> Evidence | None:
    """Why the surname at ``text[start]`` ends the name chain of another person, or None.

    When a name particle (:data:`NAME_PARTICLES`) stands right before the surname, the words before
    it are read back, word for word, against each full name of ``names`` (a person's terms of more
    than one word): a particle against a particle, a name against a spelling of the same name
    (:data:`OWN_NAME_CUTOFF`, an Arabic word also without the clitics glued to it). When no full
    name agrees as far as both go, the chain is another person's (منصور بن زايد آل نهيان)."""
    found = list(_CHAIN_WORD.finditer(text, max(0, start - 2 * _WINDOW), start))
    if not found or fold(found[-1].group()) not in NAME_PARTICLES or text[found[-1].end():start].strip(BLANKS):
        return None  # (al-Sharaa: a particle joined to the name by a hyphen is part of it)
    words = [match.group() for match in found]
    written = [fold(word) for word in reversed(words)]
    chains = [_CHAIN_WORD.findall(fold(term.text))[-2::-1] for term in names]  # al-Thani as al Thani, as written
    chains = [chain for chain in chains if chain]
    if not chains or any(_same_chain(written, chain) for chain in chains):
        return None
    return Evidence("lineage", f"the name chain {' '.join(words[-len(max(chains, key=len)):])!r} before it is "
                               "no full name of the person")


def _same_chain(written: Sequence[str], own: Sequence[str]) -> bool:
    """Whether the text's chain ``written`` and a person's ``own`` (both read back from the surname)
    agree word for word as far as both go."""
    for word, name in zip(written, own):
        if (word in NAME_PARTICLES or name in NAME_PARTICLES) and word != name:
            return False
        lang = "ar" if is_arabic(word) else "en"
        forms = bare_readings(word) if lang == "ar" else (word,)
        if word != name and not any(fuzz.ratio(form, name) >= OWN_NAME_CUTOFF[lang] for form in forms):
            return False
    return True


def family_name_nouns(hits: Sequence[Hit], text: str) -> list[Hit]:
    """``hits`` without the Arabic common nouns that a given name right before makes a family name
    (مصطفى النحاس; see the module)."""
    return [hit for hit in hits if not (hit.term is not None and hit.term.pos is PartOfSpeech.NOUN
                                        and _has_article(fold(hit.text)) and is_arabic(hit.text)
                                        and _after_given_name(text, hit.start))]


def _after_given_name(text: str, start: int) -> bool:
    """Whether the Arabic word right before ``text[start]`` is written as a given name: no article,
    no preposition or place cue (:func:`name_cues`), and a word that person labels use more often
    than running text does (:func:`arabic_name_zipf`)."""
    before = _WORD_BEFORE.search(text, max(0, start - _WINDOW), start)
    if before is None:
        return False
    folded = fold(before.group(1))
    return not (_has_article(folded) or folded in name_cues()[0]) and zipf(folded, "ar") < arabic_name_zipf(folded)


def is_partial_name(concept: Concept, term: Term) -> bool:
    """Whether ``term`` is a person's name with fewer words than another name of the person."""
    if concept.subject != PEOPLE_SUBJECT:
        return False
    words = _word_count(term)
    return any(_word_count(other) > words for other in concept.terms if other.lang == term.lang)


def _word_count(term: Term) -> int:
    return len(fold(term.text).split(" "))


def _partial_terms(concept: Concept) -> frozenset[int]:
    """Identities of the terms of a person ``concept`` with fewer words than another of its
    terms in the same language (each term folded once)."""
    counts = [(term, _word_count(term)) for term in concept.terms]
    most: dict[str, int] = {}
    for term, count in counts:
        most[term.lang] = max(count, most.get(term.lang, 0))
    return frozenset(id(term) for term, count in counts if count < most[term.lang])


def partial_name_terms(concepts: Iterable[Concept]) -> frozenset[int]:
    """Identities of the terms of ``concepts`` that are a person's partial name
    (:func:`is_partial_name`), found concept by concept."""
    return frozenset().union(*(_partial_terms(c) for c in concepts if c.subject == PEOPLE_SUBJECT))


def lists_bare_name(concept: Concept, lang: str) -> bool:
    """Whether the glossary gives the person ``concept`` a one-word name in ``lang`` (a bare
    surname such as رحمون). A relative who shares the surname is listed by full name only
    (أوزودا رحمنوف), so an unlisted spelling of the bare surname is the listed bearer's."""
    return concept.subject == PEOPLE_SUBJECT and any(
        primary_language(term.lang) == lang and " " not in fold(term.text).strip() for term in concept.terms)


def own_words(concept: Concept) -> frozenset[str]:
    """Folded words of all terms of a concept."""
    return frozenset(w for term in concept.terms for w in fold(term.text).split(" "))


def names_family(text: str, start: int, end: int) -> bool:
    """Whether the surname at ``text[start:end]`` names a family: a family noun after it or a
    kinship phrase before it."""
    return bool(_FAMILY_AFTER.match(text[end:end + _WINDOW])
                or _FAMILY_BEFORE.search(text[max(0, start - _WINDOW):start]))


def without_sons(hits: Sequence[Hit], text: str, concepts: Mapping[str, Concept]) -> list[Hit]:
    """``hits`` without the full names of people that a word for the son follows (دونالد ترامب الابن
    is the son; a partial name so followed is left to :func:`person_filter`, which reads it as well),
    or that a filial particle after another name precedes (خالد بن محمد بن زايد آل نهيان is the son)."""
    return [hit for hit in hits if not (
        hit.concept is not None and " " in hit.text.strip() and hit.concept in concepts
        and concepts[hit.concept].subject == PEOPLE_SUBJECT
        and (_SON_AFTER.match(text[hit.end:hit.end + _WINDOW]) or _parent_in_chain(text, hit.start)))]


def _parent_in_chain(text: str, start: int) -> bool:
    """Whether a filial particle (:data:`FILIAL_PARTICLES`) stands right before ``text[start]``, itself
    after a word: the name at ``start`` is then a parent's, inside another person's chain."""
    before = _PARTICLE_BEFORE.search(text, max(0, start - _WINDOW), start)
    return before is not None and fold(before.group(1)) in FILIAL_PARTICLES


def person_filter(hits: Sequence[Hit], text: str, concepts: Mapping[str, Concept],
                  known: Callable[[str], bool], partial: Collection[int]) -> list[Hit]:
    """``hits`` without the partial person names that name a family, that end another person's name
    chain (:func:`other_lineage`: منصور بن زايد آل نهيان), or that the word before
    them (in English also after them) gives to another person: a given name of the language's
    frequency list's rare words, not the person's own (Sharif Rahmonov, اوزودا رحمنوف). A bare
    surname after such a mention of another person, with no mention of a listed bearer and no
    title right before it, names that other person too (حيدر علييف … "علييف" is Heydar, not Ilham
    Aliyev; جيل بايدن … الرئيس بايدن is the president).

    ``partial`` holds the identities of the terms that are a person's partial name
    (:func:`is_partial_name`); a fuzzy match of a surname alone is one too."""
    kept: list[Hit] = []
    other: dict[str, bool] = {}  # folded surname -> whether its last mention so far named another person
    for hit in hits:
        by_surname = id(hit.term) in partial or (
            hit.match is MatchKind.FUZZY and any(e.rule == "surname" for e in hit.reasons))
        if not by_surname:
            if hit.concept is not None and hit.concept in concepts and concepts[hit.concept].subject == PEOPLE_SUBJECT:
                other.update(dict.fromkeys(fold(hit.text).split(" "), False))
            kept.append(hit)
            continue
        if id(hit.term) in partial and names_family(text, hit.start, hit.end):
            continue
        key = fold(hit.text)
        concept = concepts.get(hit.concept) if hit.concept is not None else None
        if concept is not None and concept.subject == PEOPLE_SUBJECT and hit.text[:1].isalpha():
            lang = "ar" if is_arabic(hit.text) else "en"
            def own(concept: Concept = concept, candidates: tuple[str, ...] = hit.candidates) -> frozenset[str]:
                return own_words(concept).union(*(own_words(concepts[c]) for c in candidates if c in concepts))

            full = [hit.term] if id(hit.term) not in partial and hit.term is not None else [
                term for term in concept.terms if primary_language(term.lang) == lang and " " in fold(term.text).strip()]
            if other_lineage(text, hit.start, full) is not None or foreign_name_context(
                    text, hit.start, hit.end, known, own, lang) is not None:
                other[key] = True
                continue
        if other.get(key) and not _titled(text, hit.start):
            continue  # حيدر علييف … "علييف": the bare surname goes on naming the last one named so
        other[key] = False
        kept.append(hit)
    return kept


def _titled(text: str, start: int) -> bool:
    """Whether a title stands right before the name at ``start``: a capitalised English word
    (President Biden) or a definite Arabic one (الرئيس بايدن). A title introduces its bearer anew,
    so a surname after it does not go on naming the person last named."""
    before = _WORD_BEFORE.search(text, max(0, start - _WINDOW), start)
    if before is None:
        return False
    word = before.group(1)
    return _has_article(fold(word)) if is_arabic(word) else word[:1].isupper()


def resolve_by_neighbour(hits: Sequence[Hit], text: str) -> list[Hit]:
    """Shared surnames named by the hit right before them: a given name or title that is a
    term of one of their candidates (father and son by first name or title)."""
    resolved = list(hits)
    for i in range(1, len(resolved)):
        hit, before = resolved[i], resolved[i - 1]
        if len(hit.candidates) < 2 or before.concept not in hit.candidates or before.end > hit.start:
            continue
        if text[before.end:hit.start].strip(" \t\u00a0-"):
            continue
        note = f"right after {before.text!r} ({before.concept})"
        resolved[i] = hit._replace(concept=before.concept, resolution=None,
                                   confidence=round(NEIGHBOUR_CONFIDENCE * before.confidence, 3),
                                   reasons=hit.reasons + (Evidence("given-name", note),))
    return resolved


def _holds_title(concept: Concept, title: str) -> bool:
    """Whether one of the concept's offices begins with ``title`` (whole words, any case)."""
    wanted = title.casefold().split()
    return any(office.title.casefold().split()[:len(wanted)] == wanted for office in concept.offices)


def resolve_by_title(hits: Sequence[Hit], text: str, concepts: Mapping[str, Concept]) -> list[Hit]:
    """Ambiguous surnames after an office title that the glossary's ``offices`` give to one of
    their candidates only ("President Japarov"): the longest title written before the surname
    that some candidate holds decides, over a resolution by the nearest full mention."""
    resolved = list(hits)
    for i, hit in enumerate(hits):
        if len(hit.candidates) < 2 or (hit.concept is not None and hit.resolution is None):
            continue  # a title is nearer evidence than the nearest full mention, not than the name itself
        before = _TITLE_BEFORE.search(text, max(0, hit.start - _WINDOW), hit.start)
        if before is None:
            continue
        words = before.group(1).split()
        for first in range(len(words)):
            title = " ".join(words[first:])
            holders = [c for c in hit.candidates if c in concepts and _holds_title(concepts[c], title)]
            if holders:
                break
        if len(holders) != 1:
            continue
        note = Evidence("title", f"after the title {title!r}, an office of {holders[0]} only")
        resolved[i] = hit._replace(concept=holders[0], resolution=None,
                                   confidence=round(TITLE_CONFIDENCE * len(hit.candidates) * hit.confidence, 3),
                                   reasons=hit.reasons + (note,))
    return resolved

"""Quality checks of loaded glossaries: findings are values, one code per kind of problem."""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from termbase.arabic import ARTICLE, is_arabic, rasm
from termbase.glossary import Glossary
from termbase.model import Concept, PartOfSpeech, Term, TermStatus, TermType
from termbase.normalize import fold
from termbase.spotting.homographs import is_common_arabic_word

__all__ = ["LintCode", "LintFinding", "lint_glossaries"]

CORE_LANGUAGES = ("ar", "en")


class LintCode(enum.StrEnum):
    """Kinds of glossary problems."""

    MISSING_PREFERRED = "missing-preferred"
    MISSING_LANGUAGE = "missing-language"
    DUPLICATE_TERM = "duplicate-term"
    CONFLICTING_STATUS = "conflicting-status"
    SHARED_FORM = "shared-form"
    UNKNOWN_RELATED = "unknown-related"
    SELF_RELATED = "self-related"
    EMPTY_KEY = "empty-key"
    BARE_SURNAME = "bare-surname-preferred"
    ADJECTIVE_STATUS = "adjective-status-disagrees"
    INCONSISTENT_ROOT = "inconsistent-root"
    COMMON_WORD = "common-word-form"
    LOOK_ALIKE = "look-alike-form"
    MISSING_SOURCE = "missing-source"
    OFFICE_WITHOUT_DATES = "office-without-dates"


@dataclass(frozen=True, slots=True)
class LintFinding:
    """One problem found in a glossary, located by file, line and concept."""

    code: LintCode
    path: str
    line: int | None
    concept: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.code} [{self.concept}] {self.message}"


def lint_glossaries(glossaries: Sequence[Glossary], *, known_ids: set[str] | None = None) -> list[LintFinding]:
    """Check glossaries together; ``known_ids`` adds concept ids defined elsewhere."""
    findings: list[LintFinding] = []
    ids = {c.id for g in glossaries for c in g.concepts} | (known_ids or set())
    related: dict[str, set[str]] = defaultdict(set)
    for glossary in glossaries:
        for concept in glossary.concepts:
            for other in concept.related:
                related[concept.id].add(other)
                related[other].add(concept.id)
    owners: dict[tuple[str, str], dict[str, tuple[Glossary, str]]] = defaultdict(dict)
    for glossary in glossaries:
        path = glossary.info.path
        for concept in glossary.concepts:
            line = glossary.concept_lines.get(concept.id)

            def report(code: LintCode, message: str, at: int | None = line, cid: str = concept.id) -> None:
                findings.append(LintFinding(code, path, at, cid, message))

            languages = concept.languages
            for lang in languages:
                if concept.preferred(lang) is None:
                    report(LintCode.MISSING_PREFERRED, f"no preferred {lang} term")
            for lang in CORE_LANGUAGES:
                if lang not in languages:
                    report(LintCode.MISSING_LANGUAGE, f"no {lang} term")
            for other in concept.related:
                if other == concept.id:
                    report(LintCode.SELF_RELATED, "the concept names itself in related")
                elif other not in ids:
                    report(LintCode.UNKNOWN_RELATED, f"related concept {other!r} does not exist")
            seen_text: set[tuple[str, str]] = set()
            by_key: dict[tuple[str, str], list[tuple[str, TermStatus, bool]]] = defaultdict(list)
            for term in concept.terms:
                at = glossary.term_lines.get((concept.id, term.lang, term.text), line)
                if (term.lang, term.text) in seen_text:
                    report(LintCode.DUPLICATE_TERM, f"{term.lang} term {term.text!r} is listed twice", at)
                seen_text.add((term.lang, term.text))
                key = fold(term.text)
                if not key:
                    report(LintCode.EMPTY_KEY, f"{term.lang} term {term.text!r} folds to nothing", at)
                    continue
                by_key[(term.lang, key)].append((term.text, term.status, term.case_sensitive))
                owners[(term.lang, key)].setdefault(concept.id, (glossary, term.text))
            for (lang, key), variants in by_key.items():
                statuses = {status for _, status, case in variants if not case}
                if len(statuses) > 1:
                    listed = ", ".join(f"{text!r} ({status})" for text, status, _ in variants)
                    report(LintCode.CONFLICTING_STATUS,
                           f"{lang} variants that fold to the same key have different statuses: {listed}")
    findings.extend(_review(glossaries, related))
    for (lang, key), by_concept in owners.items():
        concept_ids = sorted(by_concept)
        for i, first in enumerate(concept_ids):
            for second in concept_ids[i + 1:]:
                if second in related[first]:
                    continue
                glossary, text = by_concept[second]
                other_text = by_concept[first][1]
                findings.append(LintFinding(
                    LintCode.SHARED_FORM, glossary.info.path, glossary.term_lines.get((second, lang, text)),
                    second,
                    f"{lang} term {text!r} folds like {other_text!r} of unrelated concept {first!r} "
                    "(relate the concepts if the ambiguity is real)",
                ))
    return findings


# -- rules of the terminology review: names, statuses, roots, homographs, sources, offices -----------

_OFFICE = re.compile(
    r"\b(?:President|Prime Minister|Premier|Chairman|Chair|Chancellor|Minister|Secretary|Speaker|Mayor|"
    r"Emir|King|Crown Prince|Supreme Leader|Director|Managing Director|Vice President|"
    r"High Representative|Press secretary|Head)\b(?: of|,)",
    re.IGNORECASE,
)
_ARABIC_SUFFIXES = ("ستانيه", "ستاني", "ستان", "يه", "ي", "ه")
_NOUN_POS = (PartOfSpeech.PROPER_NOUN, None)


def _review(glossaries: Sequence[Glossary], related: dict[str, set[str]]) -> Iterator[LintFinding]:
    concepts = {c.id: (g, c) for g in glossaries for c in g.concepts}

    def finding(code: LintCode, glossary: Glossary, concept: Concept, message: str,
                term: Term | None = None) -> LintFinding:
        line = glossary.concept_lines.get(concept.id)
        if term is not None:
            line = glossary.term_lines.get((concept.id, term.lang, term.text), line)
        return LintFinding(code, glossary.info.path, line, concept.id, message)

    look_alikes: dict[str, dict[str, tuple[Glossary, Concept, Term]]] = defaultdict(dict)
    for glossary, concept in concepts.values():
        if not concept.sources and not any(t.sources for t in concept.terms):
            yield finding(LintCode.MISSING_SOURCE, glossary, concept,
                          "no source: give a URL or a citation with its date in 'sources'")
        english = concept.definitions.get("en", "")
        if concept.subject == "people" and not concept.offices and _OFFICE.search(english):
            yield finding(LintCode.OFFICE_WITHOUT_DATES, glossary, concept,
                          "the definition names an office but 'offices' gives no dates")
        if concept.subject == "people":
            for lang in concept.languages:
                preferred = concept.preferred(lang)
                if preferred is not None and _is_bare_surname(preferred, concept.terms_in(lang)):
                    yield finding(LintCode.BARE_SURNAME, glossary, concept,
                                  f"preferred {lang} term {preferred.text!r} is a bare surname; prefer the full name",
                                  preferred)
        for term in concept.terms:
            if term.lang != "ar" or " " in term.text.strip() or term.notes:
                continue
            key = fold(term.text)
            if term.pos in _NOUN_POS and not key.startswith(ARTICLE) and is_common_arabic_word(key):
                yield finding(LintCode.COMMON_WORD, glossary, concept,
                              f"ar term {term.text!r} is also a common word ({ARTICLE}{key} is frequent); "
                              "say so in a note on the term, or list only longer forms", term)
            if len(key) >= 4:
                look_alikes[rasm(key)].setdefault(concept.id, (glossary, concept, term))
    for by_concept in look_alikes.values():
        ids = sorted(by_concept)
        for i, first in enumerate(ids):
            for second in ids[i + 1:]:
                one, other = by_concept[first][2], by_concept[second][2]
                if second in related[first] or fold(one.text) == fold(other.text):
                    continue
                glossary, concept, term = by_concept[second]
                yield finding(LintCode.LOOK_ALIKE, glossary, concept,
                              f"ar term {term.text!r} differs from {one.text!r} of {first!r} only by dots; "
                              "note the look-alike on the term", term)
    for concept_id, others in sorted(related.items()):
        if concept_id not in concepts:
            continue
        glossary, concept = concepts[concept_id]
        for other_id in sorted(others):
            if other_id not in concepts:
                continue
            partner = concepts[other_id][1]
            if _is_adjective(concept) and not _is_adjective(partner):
                yield from _adjective_statuses(concept, partner, lambda t, m: finding(
                    LintCode.ADJECTIVE_STATUS, glossary, concept, m, t))
            if concept_id < other_id:
                mismatch = _root_mismatch(concept.preferred("ar"), partner.preferred("ar"))
                if mismatch is not None:
                    yield finding(LintCode.INCONSISTENT_ROOT, glossary, concept,
                                  f"preferred ar terms spell one root two ways: {mismatch[0]!r} here, "
                                  f"{mismatch[1]!r} in related {other_id!r}; choose one spelling",
                                  concept.preferred("ar"))


def _is_bare_surname(preferred: Term, terms: Sequence[Term]) -> bool:
    """A preferred short form, or an untyped one-word preferred term that ends a longer term of the
    concept (a preferred ``fullForm`` such as the mononym Timur is taken at its word)."""
    if preferred.type is TermType.SHORT_FORM:
        return True
    if preferred.type is not None:
        return False
    words = fold(preferred.text).split()
    if len(words) != 1:
        return False
    return any(len(fold(t.text).split()) > 1 and fold(t.text).split()[-1] == words[0] for t in terms)


def _is_adjective(concept: Concept) -> bool:
    return bool(concept.terms) and all(t.pos is PartOfSpeech.ADJECTIVE for t in concept.terms)


def _adjective_statuses(adjective: Concept, noun: Concept,
                        report: Callable[[Term, str], LintFinding]) -> Iterator[LintFinding]:
    """Each adjective whose form is a form of the noun plus the nisba (ي, -i) shares its status class."""
    for term in adjective.terms:
        key = fold(term.text)
        suffix = "ي" if is_arabic(term.text) else "i"
        for base in noun.terms_in(term.lang):
            if key == fold(base.text) + suffix and term.status.approved != base.status.approved:
                yield report(term, f"{term.lang} adjective {term.text!r} is {term.status} but "
                                   f"{base.text!r} of {noun.id!r} is {base.status}; give both one status")


def _stem(word: str) -> str:
    """An Arabic word without the article, the -stan / nisba endings and final long vowels."""
    if word.startswith(ARTICLE) and len(word) > 4:
        word = word[len(ARTICLE):]
    for suffix in _ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("اوي") or word


def _root_mismatch(first: Term | None, second: Term | None) -> tuple[str, str] | None:
    """Two words of the preferred terms whose stems differ only in long vowels (قيرغيز / قرغيز)."""
    if first is None or second is None:
        return None
    for one in fold(first.text).split():
        for other in fold(second.text).split():
            a, b = _stem(one), _stem(other)
            if a != b and min(len(a), len(b)) >= 4 and (_vowel_variant(a, b) or _vowel_variant(b, a)):
                return one, other
    return None


def _vowel_variant(short: str, long: str) -> bool:
    """True when ``long`` is ``short`` with long-vowel letters (ا و ي) inserted: قرغيز / قيرغيز."""
    if len(short) >= len(long):
        return False
    matched = 0
    for letter in long:
        if matched < len(short) and letter == short[matched]:
            matched += 1
        elif letter not in "اوي":
            return False
    return matched == len(short)

"""The concept model: concepts hold terms per language, each term with a status (like TBX-Basic)."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from termbase.langtags import same_language

__all__ = [
    "CONCEPT_ID",
    "DATE",
    "MEMBERS_BY_VALUE",
    "Concept",
    "Glossary",
    "GlossaryInfo",
    "HistoryEvent",
    "Office",
    "PartOfSpeech",
    "Term",
    "TermStatus",
    "TermType",
]

CONCEPT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
"""A concept id: lower-case letters and digits in words joined by single hyphens (``c5-plus-1``)."""
DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?\Z")
"""A date of office or of a historical name: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""


class TermStatus(enum.StrEnum):
    """How a term may be used (TBX administrativeStatus, plus ``forbidden``)."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    FORBIDDEN = "forbidden"

    @property
    def approved(self) -> bool:
        """True for statuses a translator may use (preferred, admitted)."""
        return self in (TermStatus.PREFERRED, TermStatus.ADMITTED)

    @property
    def rank(self) -> int:
        """Sort order: preferred first, forbidden last."""
        return _STATUS_RANK[self]


_STATUS_RANK = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.FORBIDDEN: 3,
}


class TermType(enum.StrEnum):
    """Kind of term (TBX termType picklist)."""

    FULL_FORM = "fullForm"
    SHORT_FORM = "shortForm"
    ACRONYM = "acronym"
    ABBREVIATION = "abbreviation"
    INITIALISM = "initialism"
    VARIANT = "variant"
    TRANSLITERATED_FORM = "transliteratedForm"
    TRANSCRIBED_FORM = "transcribedForm"
    ROMANIZED_FORM = "romanizedForm"
    SYMBOL = "symbol"
    PHRASE = "phrase"
    COMMON_NAME = "commonName"
    CLIPPED_TERM = "clippedTerm"
    INTERNATIONALISM = "internationalism"

    @property
    def case_sensitive_by_default(self) -> bool:
        """Acronyms, initialisms and symbols match case-sensitively unless told otherwise."""
        return self in (TermType.ACRONYM, TermType.INITIALISM, TermType.SYMBOL)


class PartOfSpeech(enum.StrEnum):
    """Part of speech (TBX-Basic partOfSpeech picklist)."""

    NOUN = "noun"
    PROPER_NOUN = "properNoun"
    ADJECTIVE = "adjective"
    VERB = "verb"
    ADVERB = "adverb"
    OTHER = "other"


class Gender(enum.StrEnum):
    """Grammatical gender (TBX grammaticalGender picklist)."""

    MASCULINE = "masculine"
    FEMININE = "feminine"
    NEUTER = "neuter"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Term:
    """One designation of a concept in one language."""

    text: str
    lang: str
    status: TermStatus
    type: TermType | None = None
    pos: PartOfSpeech | None = None
    case_sensitive: bool = False
    gender: Gender | None = None
    usage: str | None = None
    context: str | None = None
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    customer: str | None = None
    historical: str | None = None
    """For a former name: the period ``FROM/TO`` in which it was right (``2019-03-20/2022-09-17``)."""


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    """One transaction on a concept (TBX transacGrp): origination or modification."""

    action: str
    date: str | None = None
    by: str | None = None


@dataclass(frozen=True, slots=True)
class Office:
    """An office a person holds or held, with its dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).

    ``end`` is ``None`` while the person is in office.
    """

    title: str
    start: str
    end: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        """True while the office is held (no end date)."""
        return self.end is None


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept with its terms in every language and its descriptive data."""

    id: str
    terms: tuple[Term, ...]
    subject: str | None = None
    definitions: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), hash=False)
    notes: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    xrefs: tuple[str, ...] = ()
    graphics: tuple[str, ...] = ()
    customer: str | None = None
    history: tuple[HistoryEvent, ...] = ()
    glossary: str = ""
    overrides: str | None = None
    """The id of a concept of an earlier glossary that this one replaces (a project layer's
    own version of a shipped concept)."""
    offices: tuple[Office, ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """Languages that have at least one term, in first-seen order."""
        return tuple(dict.fromkeys(term.lang for term in self.terms))

    def terms_in(self, lang: str) -> tuple[Term, ...]:
        """Terms of one language, preferred first, in file order within a status."""
        found = [term for term in self.terms if same_language(term.lang, lang)]
        return tuple(sorted(found, key=lambda term: term.status.rank))

    def preferred(self, lang: str) -> Term | None:
        """The preferred term in ``lang``, or ``None`` when the concept has none."""
        for term in self.terms:
            if term.status is TermStatus.PREFERRED and same_language(term.lang, lang):
                return term
        return None

    def label(self, lang: str = "en") -> str:
        """A display name: the preferred term in ``lang``, else any preferred term, else the id."""
        term = self.preferred(lang) or next(
            (t for t in self.terms if t.status is TermStatus.PREFERRED), None
        )
        return term.text if term is not None else self.id

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)


@dataclass(frozen=True, slots=True)
class GlossaryInfo:
    """The header of one glossary file."""

    id: str
    path: str
    title: str | None = None
    description: str | None = None
    license: str | None = None
    sources: tuple[str, ...] = ()
    digest: str = ""


@dataclass(frozen=True, slots=True)
class Glossary:
    """One loaded glossary file: its header, its concepts and the line of each entry."""

    info: GlossaryInfo
    concepts: tuple[Concept, ...]
    concept_lines: Mapping[str, int]
    term_lines: Mapping[tuple[str, str, str], int]


MEMBERS_BY_VALUE: Mapping[type[enum.Enum], Mapping[object, Any]] = MappingProxyType({
    enum_type: MappingProxyType({member.value: member for member in enum_type})
    for enum_type in (TermStatus, TermType, PartOfSpeech, Gender)
})
"""The members of the glossary vocabularies by their written value (a dict look-up, not a call)."""

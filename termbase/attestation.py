"""Attested spellings: which forms news outlets really print for a concept, and whether a termbase lists them.

The data is a TSV file (``glossaries/sources/attested_spellings.tsv``) with the header
``concept  lang  spelling  outlet  url  date`` and one row per spelling per outlet page: the concept id,
the BCP 47 language, the spelling as printed, the outlet (its domain, or ``aggregator/outlet`` when an
aggregator republishes another paper), the page address and the date printed on the page
(``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; empty when the page prints none).

Spellings are grouped by their folded form (see :func:`termbase.normalize.fold`) with the Arabic
article taken off each word, so ``أستانا`` and ``استانا`` count as one spelling, and the printed
``المعادن الأرضية النادرة`` is the listed lemma ``معادن أرضية نادرة`` (termbase adds the article when it
spots terms).  A spelling is *covered* when the concept lists a term of that language with the same
key, whatever its status.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from termbase.arabic import ARTICLE
from termbase.errors import FormatError
from termbase.model import Concept, Term, TermStatus
from termbase.normalize import fold

__all__ = [
    "ATTESTATION_COLUMNS",
    "Attestation",
    "AttestedSpelling",
    "Coverage",
    "attested_spellings",
    "coverage",
    "read_attestations",
    "shipped_attestations_path",
    "spelling_key",
]

ATTESTATION_COLUMNS = ("concept", "lang", "spelling", "outlet", "url", "date")
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?\Z")
_CONCEPT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


@dataclass(frozen=True, slots=True)
class Attestation:
    """One spelling printed by one outlet on one page."""

    concept: str
    lang: str
    spelling: str
    outlet: str
    url: str
    date: str | None
    line: int


@dataclass(frozen=True, slots=True)
class AttestedSpelling:
    """One folded spelling of a concept with every page that prints it, and the glossary term it maps to."""

    concept: str
    lang: str
    key: str
    spellings: tuple[str, ...]
    attestations: tuple[Attestation, ...]
    term: Term | None
    """The concept's term with this key (``None`` when the concept does not list the spelling)."""

    @property
    def status(self) -> TermStatus | None:
        """The status of the listed term."""
        return None if self.term is None else self.term.status

    @property
    def outlets(self) -> tuple[str, ...]:
        """The distinct outlets that print the spelling, sorted."""
        return tuple(sorted({a.outlet for a in self.attestations}))

    @property
    def covered(self) -> bool:
        """True when the concept lists a term with this key."""
        return self.term is not None


def spelling_key(text: str) -> str:
    """The folded form without the Arabic article on any word: the key spellings are compared by."""
    return " ".join(word[len(ARTICLE):] if word.startswith(ARTICLE) and len(word) > len(ARTICLE) + 1 else word
                    for word in fold(text).split())


def shipped_attestations_path() -> Path | None:
    """``glossaries/sources/attested_spellings.tsv`` of a source checkout or of the installed package."""
    package = Path(__file__).resolve().parent
    for folder in (package.parent / "glossaries" / "sources", package / "glossaries" / "sources"):
        path = folder / "attested_spellings.tsv"
        if path.is_file():
            return path
    return None


def read_attestations(path: str | Path) -> list[Attestation]:
    """Read an attestation TSV; a malformed row raises :class:`FormatError` naming the file and line."""
    rows: list[Attestation] = []
    with Path(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(header) != ATTESTATION_COLUMNS:
            raise FormatError(f"the header must be {' '.join(ATTESTATION_COLUMNS)!r} (tab-separated)",
                              path=path, line=1)
        seen: set[tuple[str, str, str, str]] = set()
        for number, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) != len(ATTESTATION_COLUMNS):
                raise FormatError(f"expected {len(ATTESTATION_COLUMNS)} columns, found {len(row)}",
                                  path=path, line=number)
            concept, lang, spelling, outlet, url, date = (cell.strip() for cell in row)
            if not _CONCEPT.match(concept):
                raise FormatError(f"concept {concept!r} is not a concept id", path=path, line=number)
            if not (spelling and outlet and lang):
                raise FormatError("lang, spelling and outlet must not be empty", path=path, line=number)
            if not url.startswith(("http://", "https://")):
                raise FormatError(f"url {url!r} is not an http(s) address", path=path, line=number)
            if date and not _DATE.match(date):
                raise FormatError(f"date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD", path=path, line=number)
            key = (concept, lang, spelling, url)
            if key in seen:
                raise FormatError(f"{spelling!r} of {concept} from {url} is listed twice", path=path, line=number)
            seen.add(key)
            rows.append(Attestation(concept, lang, spelling, outlet, url, date or None, number))
    return rows


def attested_spellings(
    attestations: Iterable[Attestation], concepts: Mapping[str, Concept]
) -> list[AttestedSpelling]:
    """Group attestations by concept, language and folded spelling, and find the term each one maps to."""
    groups: dict[tuple[str, str, str], list[Attestation]] = defaultdict(list)
    for attestation in attestations:
        groups[(attestation.concept, attestation.lang, spelling_key(attestation.spelling))].append(attestation)
    result: list[AttestedSpelling] = []
    for (concept_id, lang, key), found in sorted(groups.items()):
        concept = concepts.get(concept_id)
        term = None
        if concept is not None:
            term = next((t for t in concept.terms_in(lang) if spelling_key(t.text) == key), None)
        spellings = tuple(sorted({a.spelling for a in found}))
        result.append(AttestedSpelling(concept_id, lang, key, spellings, tuple(found), term))
    return result


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many spellings seen in at least ``min_outlets`` outlets the glossary lists."""

    min_outlets: int
    spellings: tuple[AttestedSpelling, ...]

    @property
    def covered(self) -> tuple[AttestedSpelling, ...]:
        return tuple(s for s in self.spellings if s.covered)

    @property
    def missing(self) -> tuple[AttestedSpelling, ...]:
        return tuple(s for s in self.spellings if not s.covered)

    @property
    def share(self) -> float:
        """Covered share, 1.0 when nothing qualifies."""
        return len(self.covered) / len(self.spellings) if self.spellings else 1.0


def coverage(spellings: Sequence[AttestedSpelling], *, min_outlets: int = 2) -> Coverage:
    """The spellings printed by at least ``min_outlets`` distinct outlets, and which of them are covered."""
    return Coverage(min_outlets, tuple(s for s in spellings if len(s.outlets) >= min_outlets))

"""What every interchange format shares: the format base class and the checks on what it read.

A format turns glossaries into bytes (:meth:`InterchangeFormat.write`) and bytes back into one
:class:`~termbase.model.Glossary` (:meth:`InterchangeFormat.read`). Whatever a reader builds is
checked like a YAML glossary (concept ids, language tags, one preferred term per language,
unique ids), so a file from another tool fails with its path, line and entry, never half-read.
"""

from __future__ import annotations

import abc
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar

from termbase.errors import FormatError
from termbase.langtags import LanguageTagError, parse_tag
from termbase.model import CONCEPT_ID, DATE, Concept, Glossary, GlossaryInfo, Office, Term, TermStatus

__all__ = ["GlossaryBuilder", "InterchangeFormat", "office_from_text", "office_text", "select_languages", "slug"]





def office_text(office: Office) -> str:
    """An office as one line of text for formats without a field for it: a JSON list
    ``["title", "from", "to or null", ["source", ...]]``."""
    return json.dumps([office.title, office.start, office.end, list(office.sources)], ensure_ascii=False)


def office_from_text(text: str) -> Office | None:
    """The office of :func:`office_text`, or ``None`` when ``text`` is not one."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    if not (isinstance(value, list) and len(value) == 4 and isinstance(value[0], str) and isinstance(value[1], str)
            and DATE.match(value[1]) and (value[2] is None or (isinstance(value[2], str) and DATE.match(value[2])))
            and isinstance(value[3], list) and all(isinstance(s, str) for s in value[3])):
        return None
    return Office(value[0], value[1], value[2], tuple(value[3]))


class InterchangeFormat(abc.ABC):
    """One file format termbase reads and writes glossaries in."""

    #: the name used by ``--to`` and ``--from``
    name: ClassVar[str]
    #: file name endings that select this format
    extensions: ClassVar[tuple[str, ...]]
    #: what a glossary loses in this format (stated in the README, asserted by the tests)
    cannot_hold: ClassVar[tuple[str, ...]] = ()

    @abc.abstractmethod
    def read(self, data: bytes, path: str) -> Glossary:
        """The glossary held in ``data``; ``path`` names the file in errors."""

    @abc.abstractmethod
    def write(self, glossaries: Sequence[Glossary], *, langs: Sequence[str] | None = None) -> bytes:
        """The glossaries as one file (only the terms of ``langs`` when given, in that order)."""


def slug(raw: str) -> str:
    """A concept id made from another tool's id or a term (lowercase ASCII words joined by ``-``)."""
    return "-".join(re.findall(r"[a-z0-9]+", raw.lower()))


def select_languages(glossaries: Sequence[Glossary], langs: Sequence[str] | None) -> list[Glossary]:
    """The glossaries with only the terms and definitions of ``langs`` (concepts left empty go)."""
    if not langs:
        return list(glossaries)
    wanted = [lang.lower() for lang in langs]

    def keep(tag: str) -> bool:
        tag = tag.lower()
        return any(tag == lang or tag.startswith(lang + "-") for lang in wanted)

    chosen = []
    for glossary in glossaries:
        concepts = []
        for concept in glossary.concepts:
            terms = tuple(t for t in concept.terms if keep(t.lang))
            if terms:
                definitions = {lang: text for lang, text in concept.definitions.items() if keep(lang)}
                concepts.append(replace(concept, terms=terms, definitions=MappingProxyType(definitions)))
        chosen.append(replace(glossary, concepts=tuple(concepts)))
    return chosen


class GlossaryBuilder:
    """Collects the concepts a reader finds, with their lines, and checks them like YAML ones."""

    def __init__(self, path: str, data: bytes) -> None:
        self.path = path
        self.digest = hashlib.sha256(data).hexdigest()
        self.concepts: list[Concept] = []
        self.concept_lines: dict[str, int] = {}
        self.term_lines: dict[tuple[str, str, str], int] = {}

    def fail(self, detail: str, line: int | None, element: str | None = None) -> FormatError:
        return FormatError(detail, path=self.path, line=line, element=element)

    def concept_id(self, raw: str, line: int | None) -> str:
        """``raw`` when it is a concept id; otherwise a slug of it (an error when nothing is left)."""
        if CONCEPT_ID.match(raw):
            return raw
        made = slug(raw)
        if not made:
            raise self.fail(f"entry id {raw!r} has no letters or digits to make a concept id of", line)
        return made

    def add(self, concept: Concept, line: int | None, term_lines: Iterable[int | None] = ()) -> None:
        element = f"concept {concept.id}"
        if concept.id in self.concept_lines:
            raise self.fail(f"duplicate concept id {concept.id!r} (first at line "
                            f"{self.concept_lines[concept.id]})", line, element)
        if not concept.terms:
            raise self.fail("an entry needs at least one term", line, element)
        preferred: dict[str, Term] = {}
        lines = list(term_lines)
        for index, term in enumerate(concept.terms):
            at = lines[index] if index < len(lines) and lines[index] is not None else line
            try:
                parse_tag(term.lang)
            except LanguageTagError as exc:
                raise self.fail(str(exc), at, element) from None
            if not term.text.strip():
                raise self.fail(f"an empty {term.lang} term", at, element)
            if term.text != term.text.strip() or "\n" in term.text:
                raise self.fail(f"term {term.text!r} has leading, trailing or line-break space", at, element)
            if term.status is TermStatus.PREFERRED:
                other = preferred.get(term.lang)
                if other is not None:
                    raise self.fail(f"two preferred {term.lang} terms: {other.text!r} and {term.text!r}",
                                    at, element)
                preferred[term.lang] = term
            self.term_lines.setdefault((concept.id, term.lang, term.text), at or 0)
        for other_id in concept.related:
            if not CONCEPT_ID.match(other_id):
                raise self.fail(f"related id {other_id!r} is not a concept id", line, element)
        self.concepts.append(concept)
        self.concept_lines[concept.id] = line or 0

    def build(self, info: GlossaryInfo | None = None) -> Glossary:
        """The glossary (``info`` without path and digest gets this file's)."""
        default = GlossaryInfo(id=Path(self.path).stem if self.path not in ("-", "<stdin>") else "stdin",
                               path=self.path)
        info = replace(info or default, path=self.path, digest=self.digest)
        concepts = tuple(c if c.glossary else replace(c, glossary=info.id) for c in self.concepts)
        return Glossary(info, concepts, MappingProxyType(self.concept_lines), MappingProxyType(self.term_lines))

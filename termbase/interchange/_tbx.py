"""What TBX v3 (``tbx``) and TBX v2 (``martif``) share: data categories, their checks, and the
mapping of an entry to a :class:`~termbase.model.Concept` and back.

The two versions name their containers differently (``conceptEntry``/``termEntry``,
``langSec``/``langSet``, ``termSec``/``tig``/``ntig``) but carry the same data categories, so one
:class:`Shape` per version names the containers and everything else is written once here.

TBX-Basic has no ``forbidden`` status, no ``properNoun`` part of speech (v3) and six term types;
termbase writes the nearest TBX-Basic value and keeps its own in a ``note`` grouped with it
(``<termNoteGrp><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
<note>termbase:forbidden</note></termNoteGrp>``), which every TBX-Basic reader accepts and
termbase reads back exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, TypeVar

from lxml import etree

from termbase.errors import FormatError
from termbase.formats.xmlsafe import iterparse_xml
from termbase.interchange.base import GlossaryBuilder, office_from_text, office_text
from termbase.model import (
    MEMBERS_BY_VALUE,
    Concept,
    Gender,
    Glossary,
    GlossaryInfo,
    HistoryEvent,
    Office,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
)

__all__ = [
    "CATEGORIES",
    "EntryReader",
    "Shape",
    "TbxStream",
    "Version",
    "iter_concepts",
    "read_glossary",
    "read_header_paragraphs",
    "tbx_id",
    "write_document",
    "write_entry",
    "write_header_paragraphs",
]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
MODULE_NAMESPACES = ("http://www.tbxinfo.net/ns/min", "http://www.tbxinfo.net/ns/basic")
REFINEMENT = "termbase:"
OFFICE = REFINEMENT + "office="
"""A concept note holding one office with its dates (TBX-Basic has no field for it); a term's
historical period is the note ``termbase:historical=FROM/TO``."""
_SPACE = re.compile(r"\s*\n\s*")
_URL = re.compile(r"https?://.+")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")

ENTRY, LANG, TERM = "entry", "lang", "term"
_E = TypeVar("_E", PartOfSpeech, TermType, Gender)


@dataclass(frozen=True, slots=True)
class Category:
    """One TBX data category: the element that carries it, where it may stand, its picklist."""

    element: str
    levels: frozenset[str]
    picklist: frozenset[str] | None = None


def _cat(element: str, levels: str, picklist: str | None = None) -> Category:
    return Category(element, frozenset(levels.split()), frozenset(picklist.split()) if picklist else None)


ADMIN_STATUSES = ("preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                  "supersededTerm-admn-sts")
CATEGORIES: Mapping[str, Category] = MappingProxyType({
    "subjectField": _cat("descrip", ENTRY),
    "definition": _cat("descrip", f"{ENTRY} {LANG}"),
    "context": _cat("descrip", TERM),
    "source": _cat("admin", f"{ENTRY} {LANG} {TERM}"),
    "customerSubset": _cat("admin", f"{ENTRY} {TERM}"),
    "projectSubset": _cat("admin", f"{ENTRY} {TERM}"),
    "administrativeStatus": _cat("termNote", TERM, " ".join(ADMIN_STATUSES)),
    # Real files carry these instead (LTAC's own test files, MultiTerm and TermWeb exports).
    "usageStatus": _cat("termNote", TERM, "preferred admitted deprecated notRecommended obsolete forbidden"),
    "normativeAuthorization": _cat("termNote", TERM, "standardizedTerm preferredTerm admittedTerm "
                                   "deprecatedTerm supersededTerm legalTerm regulatedTerm rejectedTerm"),
    "partOfSpeech": _cat("termNote", TERM, "adjective noun other verb adverb"),
    "termType": _cat("termNote", TERM, "fullForm acronym abbreviation shortForm variant phrase"),
    "grammaticalGender": _cat("termNote", TERM, "masculine feminine neuter other"),
    "geographicalUsage": _cat("termNote", TERM),
    "termLocation": _cat("termNote", TERM),
    "crossReference": _cat("ref", f"{ENTRY} {TERM}"),
    "relatedConcept": _cat("ref", f"{ENTRY} {TERM}"),
    "relatedTerm": _cat("ref", f"{ENTRY} {TERM}"),
    "externalCrossReference": _cat("xref", f"{ENTRY} {LANG} {TERM}"),
    "xGraphic": _cat("xref", f"{ENTRY} {LANG}"),
    "transactionType": _cat("transac", f"{ENTRY} {LANG} {TERM}", "origination modification creation input "
                            "check approval withdrawal standardization exportation importation transmission retrieval"),
    "responsibility": _cat("transacNote", f"{ENTRY} {LANG} {TERM}"),
})
"""The TBX-Basic data categories termbase reads, with the levels and values TBX-Basic allows."""

MIN_CATEGORIES = frozenset({"administrativeStatus", "usageStatus", "partOfSpeech", "customerSubset",
                            "subjectField", "externalCrossReference"})
"""What TBX-Min allows (a file that says ``type="TBX-Min"`` is held to it)."""

_STATUS_OF = {
    "preferredTerm-admn-sts": TermStatus.PREFERRED, "admittedTerm-admn-sts": TermStatus.ADMITTED,
    "deprecatedTerm-admn-sts": TermStatus.DEPRECATED, "supersededTerm-admn-sts": TermStatus.DEPRECATED,
    "preferred": TermStatus.PREFERRED, "admitted": TermStatus.ADMITTED, "deprecated": TermStatus.DEPRECATED,
    "notRecommended": TermStatus.DEPRECATED, "obsolete": TermStatus.DEPRECATED,
    "forbidden": TermStatus.FORBIDDEN,
    "standardizedTerm": TermStatus.PREFERRED, "preferredTerm": TermStatus.PREFERRED,
    "legalTerm": TermStatus.PREFERRED, "regulatedTerm": TermStatus.PREFERRED,
    "admittedTerm": TermStatus.ADMITTED, "deprecatedTerm": TermStatus.DEPRECATED,
    "supersededTerm": TermStatus.DEPRECATED, "rejectedTerm": TermStatus.FORBIDDEN,
}
"""Every status value real files carry, mapped to one termbase status (superseded is deprecated)."""

_WRITTEN_STATUS = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts", TermStatus.ADMITTED: "admittedTerm-admn-sts",
    TermStatus.DEPRECATED: "deprecatedTerm-admn-sts", TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts",
}
_BASIC_TYPE = {
    TermType.INITIALISM: "acronym", TermType.TRANSLITERATED_FORM: "variant",
    TermType.TRANSCRIBED_FORM: "variant", TermType.ROMANIZED_FORM: "variant", TermType.SYMBOL: "abbreviation",
    TermType.COMMON_NAME: "fullForm", TermType.CLIPPED_TERM: "shortForm", TermType.INTERNATIONALISM: "variant",
}


@dataclass(frozen=True, slots=True)
class Shape:
    """The container names of one TBX version."""

    namespace: str
    entry: str
    lang: str
    term_groups: tuple[str, ...]
    #: part-of-speech values the version allows beyond TBX-Basic v3's (v2 has ``properNoun``)
    pos_values: frozenset[str] = field(default_factory=frozenset)
    #: whether a refined value is grouped with its term note (v3 ``termNoteGrp``) or noted after it
    grouped_refinements: bool = True
    #: whether external references must be http(s) URLs (v3 TBX-Basic) or may be anything (v2)
    url_targets: bool = True
    #: whether header paragraphs are typed (v3 ``<p type="title">``) or prefixed (v2 allows no type)
    typed_paragraphs: bool = True

    def q(self, local: str) -> str:
        return f"{{{self.namespace}}}{local}" if self.namespace else local


def _local(element: etree._Element) -> tuple[str, str]:
    tag = element.tag
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _text(element: etree._Element) -> str:
    """The element's text with inline markup flattened and line-broken runs of space made one space."""
    return _SPACE.sub(" ", "".join(element.itertext())).strip()


def element_name(element: etree._Element) -> str:
    """How an error names an element: ``<termNote type="partOfSpeech">``."""
    _, local = _local(element)
    kind = element.get("type")
    return f'<{local} type="{kind}">' if kind is not None else f"<{local}>"


@dataclass(slots=True)
class _Collected:
    """Everything found in an entry, before it becomes a concept."""

    subject: list[str] = field(default_factory=list)
    definitions: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)
    graphics: list[str] = field(default_factory=list)
    customer: list[str] = field(default_factory=list)
    glossary: str = ""
    history: list[HistoryEvent] = field(default_factory=list)
    offices: list[Office] = field(default_factory=list)


@dataclass(slots=True)
class _TermFields:
    status: TermStatus | None = None
    type: TermType | None = None
    pos: PartOfSpeech | None = None
    gender: Gender | None = None
    usage: str | None = None
    context: str | None = None
    case_sensitive: bool | None = None
    notes: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    customer: list[str] = field(default_factory=list)
    historical: str | None = None


class EntryReader:
    """Reads entries of one TBX file into concepts, checking structure and TBX-Basic rules."""

    def __init__(self, builder: GlossaryBuilder, shape: Shape, *, dialect: str, default_lang: str,
                 glossary_ids: Iterable[str] = ()) -> None:
        self.builder = builder
        self.shape = shape
        self.dialect = dialect
        self.default_lang = default_lang
        self.glossary_ids = set(glossary_ids)
        self.ids: set[str] = set()
        self.targets: list[tuple[str, etree._Element]] = []
        self.term_owner: dict[str, str] = {}
        self.pending_related: list[tuple[int, str]] = []

    # -- errors -------------------------------------------------------------------------------

    def fail(self, element: etree._Element, detail: str, rule: str) -> FormatError:
        return self.builder.fail(f"{detail} (rule: {rule})", element.sourceline, element_name(element))

    # -- categories ---------------------------------------------------------------------------

    def category(self, element: etree._Element, level: str) -> tuple[str, str] | None:
        """``(category, value)`` of a data-category element (DCA or DCT), after checking it."""
        namespace, local = _local(element)
        if namespace == self.shape.namespace:
            if local not in ("descrip", "admin", "termNote", "ref", "xref", "transac", "transacNote"):
                return None
            kind = element.get("type")
            if not kind:
                raise self.fail(element, f"<{local}> needs a type attribute naming its data category",
                                "TBX core: data category must be declared")
            name = kind
            if name not in CATEGORIES:
                if self.dialect in ("TBX-Basic", "TBX-Min"):
                    raise self.fail(element, f"{local} type {kind!r} is not a {self.dialect} data category",
                                    f"{self.dialect}: permitted {local} types")
                return None
            if CATEGORIES[name].element != local:
                raise self.fail(element, f"{name} is carried by <{CATEGORIES[name].element}>, not <{local}>",
                                f"{self.dialect}: permitted {local} types")
        elif namespace in MODULE_NAMESPACES:
            name = local
            if name not in CATEGORIES:
                raise self.fail(element, f"{name} is not a data category of the TBX-Basic modules",
                                "TBX-Basic DCT: module elements")
        else:
            return None
        category = CATEGORIES[name]
        if self.dialect == "TBX-Min" and name not in MIN_CATEGORIES:
            raise self.fail(element, f"{name} is not allowed in TBX-Min", "TBX-Min: permitted data categories")
        if level not in category.levels:
            where = ", ".join(sorted(category.levels))
            raise self.fail(element, f"{name} may only appear at level(s): {where}, not {level}",
                            f"TBX-Basic: {name} levels")
        value = _text(element)
        if category.picklist is not None and value not in category.picklist \
                and not (name == "partOfSpeech" and self.shape.pos_values and value in self.shape.pos_values):
            extra = self.shape.pos_values if name == "partOfSpeech" else frozenset()
            allowed = ", ".join(sorted(category.picklist | extra))
            raise self.fail(element, f"{name} value {value!r} is not in the picklist ({allowed})",
                            f"TBX-Basic: {name} picklist")
        target = element.get("target")
        if category.element == "xref" and self.shape.url_targets:
            if not target or not _URL.match(target):
                raise self.fail(element, f"{name} target {target!r} is not an http(s) URL",
                                "TBX-Basic: external references are URLs")
        elif category.element != "xref" and target is not None and not _URL.match(target):
            self.targets.append((target, element))
        return name, value

    # -- structure ----------------------------------------------------------------------------

    def note_id(self, element: etree._Element) -> None:
        identifier = element.get("id")
        if identifier:
            self.ids.add(identifier)

    def entry(self, element: etree._Element) -> Concept:
        """Read one entry (``conceptEntry`` / ``termEntry``) into the builder; the concept it made."""
        raw_id = element.get("id")
        line = element.sourceline
        if not raw_id:
            if self.shape.entry == "conceptEntry":
                raise self.fail(element, "<conceptEntry> needs an id", "TBX core: conceptEntry/@id is required")
            raw_id = f"entry-{line}"
        self.ids.add(raw_id)
        concept_id = self.builder.concept_id(raw_id[1:] if raw_id.startswith("_") else raw_id, line)
        found = _Collected()
        terms: list[Term] = []
        explicit: list[bool] = []
        term_lines: list[int | None] = []
        for inner in element.iter("*"):
            self.note_id(inner)
        seen_lang = False
        for child in element:
            namespace, local = _local(child)
            if not local:
                continue
            if namespace == self.shape.namespace and local == self.shape.lang:
                seen_lang = True
                self.lang_section(child, found, terms, explicit, term_lines, concept_id)
            elif seen_lang and namespace == self.shape.namespace and self.shape.entry == "conceptEntry":
                raise self.fail(child, f"<{local}> after a <langSec>", "TBX core: auxInfo precedes langSec")
            else:
                self.aux(child, ENTRY, found, None, lang=None)
        if not seen_lang:
            raise self.fail(element, f"<{self.shape.entry}> has no <{self.shape.lang}>",
                            f"TBX core: {self.shape.entry} holds one or more {self.shape.lang}")
        self._default_statuses(terms, explicit)
        concept = Concept(
            id=concept_id, terms=tuple(terms), subject="; ".join(found.subject) or None,
            definitions=MappingProxyType(found.definitions), notes=tuple(found.notes),
            related=tuple(dict.fromkeys(self.builder.concept_id(r, line) for r in found.related)), sources=tuple(found.sources),
            xrefs=tuple(found.xrefs), graphics=tuple(found.graphics),
            customer=", ".join(found.customer) or None, history=tuple(found.history), glossary=found.glossary,
            offices=tuple(found.offices),
        )
        self.builder.add(concept, line, term_lines)
        return concept

    @staticmethod
    def _default_statuses(terms: list[Term], explicit: list[bool]) -> None:
        """A language whose terms carry no status at all: the first is preferred, the rest admitted
        (terms without a status beside terms with one are admitted)."""
        from dataclasses import replace

        by_lang: dict[str, list[int]] = {}
        for index, term in enumerate(terms):
            by_lang.setdefault(term.lang, []).append(index)
        for indexes in by_lang.values():
            if not any(explicit[i] for i in indexes):
                terms[indexes[0]] = replace(terms[indexes[0]], status=TermStatus.PREFERRED)

    def lang_section(self, element: etree._Element, found: _Collected, terms: list[Term], explicit: list[bool],
                     term_lines: list[int | None], concept_id: str) -> None:
        lang = element.get(XML_LANG)
        if not lang:
            raise self.fail(element, f"<{self.shape.lang}> needs xml:lang", f"TBX core: {self.shape.lang}/@xml:lang")
        seen_term = False
        for child in element:
            namespace, local = _local(child)
            if not local:
                continue
            if namespace == self.shape.namespace and local in self.shape.term_groups:
                seen_term = True
                term, has_status = self.term_section(child, lang, found, concept_id)
                terms.append(term)
                explicit.append(has_status)
                term_lines.append(child.sourceline)
            elif seen_term and namespace == self.shape.namespace and self.shape.entry == "conceptEntry":
                raise self.fail(child, f"<{local}> after a <termSec>", "TBX core: auxInfo precedes termSec")
            else:
                self.aux(child, LANG, found, None, lang=lang)
        if not seen_term:
            raise self.fail(element, f"<{self.shape.lang}> has no term", f"TBX core: {self.shape.lang} holds terms")

    def term_section(self, element: etree._Element, lang: str, found: _Collected, concept_id: str
                     ) -> tuple[Term, bool]:
        """The term of a term section, and whether the file gave its status."""
        if element.get("id"):
            self.term_owner[self.builder.concept_id(element.get("id") or "", element.sourceline)] = concept_id
        fields = _TermFields()
        text: str | None = None
        notes_started = False
        children = list(element)
        if _local(element)[1] == "ntig":  # v2: <ntig><termGrp><term/><termNote/>…</termGrp>…</ntig>
            group = next((c for c in children if _local(c)[1] == "termGrp"), None)
            if group is None:
                raise self.fail(element, "<ntig> needs a <termGrp>", "TBX v2: ntig holds termGrp")
            children = list(group) + [c for c in children if c is not group]
        for child in children:
            namespace, local = _local(child)
            if not local:
                continue
            if namespace == self.shape.namespace and local == "term":
                if text is not None:
                    raise self.fail(child, "a second <term> in one term section",
                                    "TBX core: exactly one term per termSec")
                text = _text(child)
                continue
            if text is None:
                raise self.fail(child, f"<{local}> before <term>", "TBX core: term comes first in termSec")
            module_category = CATEGORIES.get(local) if namespace in MODULE_NAMESPACES else None
            is_term_note = (namespace == self.shape.namespace and local in ("termNote", "termNoteGrp")) or (
                module_category is not None and module_category.element == "termNote")
            if is_term_note and notes_started and self.shape.entry == "conceptEntry":
                raise self.fail(child, "a term note after descriptive data", "TBX core: termNote precedes auxInfo")
            if not is_term_note:
                notes_started = True
            if namespace == self.shape.namespace and local == "termNoteGrp":
                self.term_note_group(child, fields)
            else:
                self.aux(child, TERM, found, fields, lang=lang)
        if text is None:
            raise self.fail(element, "a term section without <term>", "TBX core: exactly one term per termSec")
        case_sensitive = fields.case_sensitive
        if case_sensitive is None:
            case_sensitive = fields.type is not None and fields.type.case_sensitive_by_default
        return Term(
            text=text, lang=lang, status=fields.status or TermStatus.ADMITTED, type=fields.type, pos=fields.pos,
            case_sensitive=case_sensitive, gender=fields.gender, usage=fields.usage, context=fields.context,
            notes=tuple(fields.notes), sources=tuple(fields.sources), customer=", ".join(fields.customer) or None,
            historical=fields.historical,
        ), fields.status is not None

    def term_note_group(self, element: etree._Element, fields: _TermFields) -> None:
        children = [c for c in element if _local(c)[1]]
        if not children:
            raise self.fail(element, "an empty <termNoteGrp>", "TBX core: termNoteGrp holds a termNote")
        first, rest = children[0], children[1:]
        found = self.category(first, TERM)
        refinement: str | None = None
        plain_notes = []
        for child in rest:
            if _local(child)[1] == "note":
                value = _text(child)
                if value.startswith(REFINEMENT) and "=" in value:
                    refinement = value.partition("=")[2]
                else:
                    plain_notes.append(value)
        if found is not None:
            self.term_category(first, found[0], refinement or found[1], fields, refined=refinement is not None)
        fields.notes.extend(plain_notes)

    def term_category(self, element: etree._Element, name: str, value: str, fields: _TermFields, *,
                      refined: bool = False) -> None:
        if name in ("administrativeStatus", "usageStatus", "normativeAuthorization"):
            status = MEMBERS_BY_VALUE[TermStatus].get(value) if refined else _STATUS_OF.get(value)
            if status is None:
                raise self.fail(element, f"unknown status {value!r}", "termbase: status refinement")
            fields.status = status
        elif name == "partOfSpeech":
            fields.pos = self._member(element, PartOfSpeech, value)
        elif name == "termType":
            fields.type = self._member(element, TermType, value)
        elif name == "grammaticalGender":
            fields.gender = self._member(element, Gender, value)
        elif name == "geographicalUsage":
            fields.usage = value
        elif name == "termLocation":
            fields.notes.append(f"termLocation: {value}")
        elif name == "historical" and refined:
            fields.historical = value

    def _member(self, element: etree._Element, enum_type: type[_E], value: str) -> _E:
        member: _E | None = MEMBERS_BY_VALUE[enum_type].get(value)
        if member is None:
            raise self.fail(element, f"unknown {enum_type.__name__} {value!r}", "termbase: value refinement")
        return member

    def aux(self, element: etree._Element, level: str, found: _Collected, fields: _TermFields | None, *,
            lang: str | None) -> None:
        """One piece of descriptive or administrative data at ``level``."""
        namespace, local = _local(element)
        if namespace == self.shape.namespace and local == "note":
            value = _text(element)
            if fields is not None:
                if value.startswith(REFINEMENT + "case-"):
                    fields.case_sensitive = value == REFINEMENT + "case-sensitive"
                elif value.startswith(REFINEMENT) and "=" in value:
                    kind, _, own = value[len(REFINEMENT):].partition("=")
                    self.term_category(element, kind, own, fields, refined=True)
                else:
                    fields.notes.append(value)
            else:
                office = office_from_text(value[len(OFFICE):]) if value.startswith(OFFICE) else None
                if office is not None:
                    found.offices.append(office)
                else:
                    found.notes.append(value)
            return
        if namespace == self.shape.namespace and local in ("descripGrp", "adminGrp"):
            inner = [c for c in element if _local(c)[1]]
            if not inner:
                raise self.fail(element, f"an empty <{local}>", f"TBX core: {local} holds one {local[:-3]}")
            if len([c for c in inner if _local(c)[1] == local[:-3]]) > 1:
                raise self.fail(inner[1], f"a second <{local[:-3]}> in one <{local}>",
                                f"TBX core: one {local[:-3]} per {local}")
            for child in inner:
                self.aux(child, level, found, fields, lang=lang)
            return
        if namespace == self.shape.namespace and local == "transacGrp":
            self.transaction(element, level, found)
            return
        if namespace == self.shape.namespace and local == "termNote" and level != TERM:
            raise self.fail(element, "a termNote outside a term section", "TBX-Basic: termNote only at termSec")
        found_category = self.category(element, level)
        if found_category is None:
            if namespace == self.shape.namespace and local not in ("descripNote", "adminNote", "transacNote", "date"):
                raise self.fail(element, f"<{local}> is not allowed in <{self.shape.entry}>",
                                "TBX core: element not allowed here")
            return
        name, value = found_category
        if fields is not None and CATEGORIES[name].element == "termNote":
            self.term_category(element, name, value, fields)
            return
        if name == "subjectField":
            found.subject.append(value)
        elif name == "definition":
            found.definitions[lang or element.get(XML_LANG) or self.default_lang] = value
        elif name == "context" and fields is not None:
            if fields.context is None:
                fields.context = value
            else:
                fields.notes.append(f"context: {value}")
        elif name == "source":
            (fields.sources if fields is not None else found.sources).append(value)
        elif name == "customerSubset":
            (fields.customer if fields is not None else found.customer).append(value)
        elif name == "projectSubset":
            if fields is None and value in self.glossary_ids and not found.glossary:
                found.glossary = value
            else:
                (fields.notes if fields is not None else found.notes).append(f"projectSubset: {value}")
        elif name in ("crossReference", "relatedConcept", "relatedTerm"):
            target = element.get("target")
            raw = target if target else value
            found.related.append(raw[1:] if raw.startswith("_") else raw)
        elif name == "externalCrossReference":
            found.xrefs.append(element.get("target") or value)
        elif name == "xGraphic":
            found.graphics.append(element.get("target") or value)

    def transaction(self, element: etree._Element, level: str, found: _Collected) -> None:
        action: str | None = None
        date: str | None = None
        by: str | None = None
        for child in element:
            namespace, local = _local(child)
            if not local:
                continue
            if namespace == self.shape.namespace and local == "date":
                match = _DATE.match(_text(child))
                date = match.group(1) if match else None
                continue
            category = self.category(child, level)
            if category is None:
                raise self.fail(child, f"<{local}> is not allowed in <transacGrp>", "TBX core: transacGrp content")
            if category[0] == "transactionType":
                action = "origination" if category[1] in ("origination", "creation", "input") else "modification"
            elif category[0] == "responsibility":
                by = category[1] or None
        if action is None:
            raise self.fail(element, "a <transacGrp> without a transactionType", "TBX core: transacGrp holds transac")
        found.history.append(HistoryEvent(action, date, by))

    def finish(self) -> None:
        """Check internal references once every id of the file is known; a reference to a term
        (``relatedTerm``) becomes one to the term's concept."""
        from dataclasses import replace

        for target, element in self.targets:
            if target not in self.ids:
                raise self.fail(element, f"target {target!r} names no element of this file",
                                "TBX-Basic: internal targets are IDREFs")
        if self.term_owner:
            concepts = self.builder.concepts
            for index, concept in enumerate(concepts):
                if any(r in self.term_owner for r in concept.related):
                    related = tuple(dict.fromkeys(self.term_owner.get(r, r) for r in concept.related))
                    concepts[index] = replace(concept, related=related)




_HEADER_PARTS = ("tbxHeader", "martifHeader", "fileDesc", "titleStmt", "publicationStmt", "sourceDesc", "encodingDesc",
                 "revisionDesc")


@dataclass(frozen=True, slots=True)
class Version:
    """What tells one TBX version from the other: its root, header and shapes by namespace."""

    label: str
    root: str
    header: str
    shapes: Mapping[str, Shape]


class TbxStream:
    """One pass over a TBX file: header, entries, the back matter and the final checks."""

    def __init__(self, builder: GlossaryBuilder, source: str | Path | bytes | BinaryIO, version: Version) -> None:
        self.builder = builder
        self.source = source
        self.version = version
        self.reader: EntryReader | None = None
        self.infos: list[GlossaryInfo] = []

    def _start(self, element: etree._Element) -> EntryReader:
        root = element.getroottree().getroot()
        namespace, local = _local(root)
        version = self.version
        if local != version.root or namespace not in version.shapes:
            expected = " or ".join(repr(ns) for ns in version.shapes)
            raise self.builder.fail(
                f"the root element is {element_name(root)} in namespace {namespace or 'none'!r}; "
                f"{version.label} has <{version.root}> in {expected}", root.sourceline, element_name(root))
        required = ("type", "style", XML_LANG) if version.root == "tbx" else ("type",)
        for attribute in required:
            if not root.get(attribute):
                raise self.builder.fail(
                    f"<{version.root}> needs the {attribute.split('}')[-1]} attribute (rule: TBX core: "
                    f"{version.root}/@type, @style and @xml:lang)", root.sourceline, f"<{version.root}>")
        return EntryReader(self.builder, version.shapes[namespace], dialect=root.get("type") or "",
                           default_lang=root.get(XML_LANG) or "en")

    def concepts(self) -> Iterator[Concept]:
        """The concepts of the file, each as soon as its entry is read and checked."""
        version = self.version
        entry_name = next(iter(version.shapes.values())).entry
        tags = {(f"{{{ns}}}{local}" if ns else local) for ns in version.shapes
                for local in (version.header, entry_name, "back", "text")}
        for element in iterparse_xml(self.source, tags, path=self.builder.path):
            if self.reader is None:
                self.reader = self._start(element)
            local = _local(element)[1]
            if local == version.header:
                self._header(element)
            elif local == entry_name:
                yield self.reader.entry(element)
            elif local == "back":
                for inner in element.iter("*"):
                    self.reader.note_id(inner)
            else:
                for child in element:
                    child_local = str(child.tag).rpartition("}")[2] if isinstance(child.tag, str) else ""
                    if child_local and child_local not in ("body", "back"):
                        raise self.reader.fail(child, f"<{child_local}> may not be a child of <text>",
                                               "TBX core: text holds body and back")
        if self.reader is None:
            raise self.builder.fail(f"not a {version.label} document: no <{version.root}> with a header and text", 1)
        self.reader.finish()

    def _header(self, header: etree._Element) -> None:
        assert self.reader is not None  # noqa: S101 - set before any element is handled
        for element in header.iter("*"):
            local = _local(element)[1]
            if local in _HEADER_PARTS and (element.text or "").strip():
                raise self.reader.fail(element, f"text directly in <{local}>; header text goes in <p>",
                                       "TBX core: header text in p")
        self.infos = read_header_paragraphs(e for e in header.iter("*") if _local(e)[1] == "p")
        self.reader.glossary_ids = {info.id for info in self.infos}



class _StreamingBuilder(GlossaryBuilder):
    """A builder that forgets each concept once it is handed on (ids stay known, for duplicates)."""

    def __init__(self, path: str) -> None:
        super().__init__(path, b"")

    def add(self, concept: Concept, line: int | None, term_lines: Iterable[int | None] = ()) -> None:
        self.concepts.clear()
        self.term_lines.clear()
        super().add(concept, line, term_lines)


def iter_concepts(source: str | Path | bytes | BinaryIO, version: Version, path: str | None = None
                  ) -> Iterator[Concept]:
    """Stream the concepts of a TBX file one by one, checked as they come (``relatedTerm`` links
    to a term stay as the term's id, since its concept may come later)."""
    shown = path or (str(source) if isinstance(source, (str, Path)) else "<input>")
    yield from TbxStream(_StreamingBuilder(shown), source, version).concepts()


def read_glossary(data: bytes, path: str, version: Version) -> Glossary:
    """A whole TBX file as a glossary (the header's glossary when it names exactly one)."""
    builder = GlossaryBuilder(path, data)
    stream = TbxStream(builder, data, version)
    for _ in stream.concepts():
        pass
    return builder.build(stream.infos[0] if len(stream.infos) == 1 else None)


def write_document(root: etree._Element, header: etree._Element, body: etree._Element, shape: Shape,
                   glossaries: Sequence[Glossary], *, doctype: str | None = None) -> bytes:
    """Fill ``header`` and ``body`` with the glossaries and serialize the document as UTF-8."""
    write_header_paragraphs(etree.SubElement(header, shape.q("fileDesc")), shape, [g.info for g in glossaries])
    known = {c.id for g in glossaries for c in g.concepts}
    for glossary in glossaries:
        for concept in glossary.concepts:
            write_entry(body, shape, concept, known=known)
    etree.indent(root, space="  ")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", doctype=doctype)
    return data + b"\n"

# -- writing ------------------------------------------------------------------------------------

def tbx_id(concept_id: str) -> str:
    """A concept id as an XML ID (which cannot start with a digit): ``5-plus-1`` → ``_5-plus-1``."""
    return f"_{concept_id}" if concept_id[:1].isdigit() else concept_id


def _sub(parent: etree._Element, shape: Shape, local: str, text: str | None = None, **attributes: str
         ) -> etree._Element:
    element = etree.SubElement(parent, shape.q(local), {k.replace("_", ""): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _refined(parent: etree._Element, shape: Shape, kind: str, written: str, own: str, later: list[str]) -> None:
    """A term note, with termbase's own value beside it when TBX-Basic has no exact one: grouped
    with it (v3) or in a note after the term notes (``later``, v2)."""
    if written == own:
        _sub(parent, shape, "termNote", written, type=kind)
        return
    refinement = f"{REFINEMENT}{kind}={own}"
    if not shape.grouped_refinements:
        _sub(parent, shape, "termNote", written, type=kind)
        later.append(refinement)
        return
    group = _sub(parent, shape, "termNoteGrp")
    _sub(group, shape, "termNote", written, type=kind)
    _sub(group, shape, "note", refinement)


def write_header_paragraphs(file_desc: etree._Element, shape: Shape, infos: Sequence[GlossaryInfo]) -> None:
    """A ``sourceDesc`` naming each glossary: id, title, description, license and sources, as
    ``<p type="title">`` (v3) or ``<p>termbase:title=…</p>`` (v2, whose ``p`` has no free type)."""
    if not infos:
        _sub(_sub(file_desc, shape, "sourceDesc"), shape, "p", "termbase glossary export")
    source_desc: etree._Element | None = None
    for info in infos:
        if source_desc is None or not shape.typed_paragraphs:
            source_desc = _sub(file_desc, shape, "sourceDesc")
        fields = [("glossary", info.id), ("title", info.title), ("description", info.description),
                  ("license", info.license)] + [("source", source) for source in info.sources]
        for kind, value in fields:
            if value is None:
                continue
            if shape.typed_paragraphs:
                _sub(source_desc, shape, "p", value, type=kind)
            else:
                _sub(source_desc, shape, "p", f"{REFINEMENT}{kind}={value}")


def read_header_paragraphs(paragraphs: Iterable[etree._Element]) -> list[GlossaryInfo]:
    """The glossaries :func:`write_header_paragraphs` named (none for another tool's header)."""
    infos: list[dict[str, object]] = []
    for paragraph in paragraphs:
        kind, value = paragraph.get("type"), _text(paragraph)
        if kind is None and value.startswith(REFINEMENT) and "=" in value:
            kind, _, value = value[len(REFINEMENT):].partition("=")
        if kind == "glossary":
            infos.append({"id": value, "sources": []})
        elif infos and kind in ("title", "description", "license"):
            infos[-1][kind] = value
        elif infos and kind == "source":
            sources = infos[-1]["sources"]
            assert isinstance(sources, list)  # noqa: S101 - built above, not input
            sources.append(value)
    return [GlossaryInfo(id=str(i["id"]), path="", title=_opt(i.get("title")), description=_opt(i.get("description")),
                         license=_opt(i.get("license")), sources=tuple(i["sources"]))  # type: ignore[arg-type]
            for i in infos]


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def write_entry(parent: etree._Element, shape: Shape, concept: Concept, *, known: set[str]) -> None:
    """One concept as an entry under ``parent`` (DCA style), every field in its TBX-Basic place."""
    entry = _sub(parent, shape, shape.entry, id=tbx_id(concept.id))
    if concept.subject is not None:
        _sub(entry, shape, "descrip", concept.subject, type="subjectField")
    languages = concept.languages
    for lang, text in concept.definitions.items():
        if lang not in languages:
            element = _sub(entry, shape, "descrip", text, type="definition")
            element.set(XML_LANG, lang)
    for note in concept.notes:
        _sub(entry, shape, "note", note)
    for source in concept.sources:
        _sub(entry, shape, "admin", source, type="source")
    if concept.customer is not None:
        _sub(entry, shape, "admin", concept.customer, type="customerSubset")
    if concept.glossary:
        _sub(entry, shape, "admin", concept.glossary, type="projectSubset")
    for office in concept.offices:
        _sub(entry, shape, "note", OFFICE + office_text(office))
    for event in concept.history:
        group = _sub(entry, shape, "transacGrp")
        _sub(group, shape, "transac", event.action, type="transactionType")
        if event.date is not None:
            _sub(group, shape, "date", event.date)
        if event.by is not None:
            _sub(group, shape, "transacNote", event.by, type="responsibility")
    for other in concept.related:
        if other in known:
            _sub(entry, shape, "ref", other, type="crossReference", target=tbx_id(other))
        else:
            _sub(entry, shape, "ref", other, type="crossReference")
    for url in concept.xrefs:
        _sub(entry, shape, "xref", url, type="externalCrossReference", target=url)
    for url in concept.graphics:
        _sub(entry, shape, "xref", url, type="xGraphic", target=url)
    for lang in languages:
        section = _sub(entry, shape, shape.lang)
        section.set(XML_LANG, lang)
        if lang in concept.definitions:
            _sub(section, shape, "descrip", concept.definitions[lang], type="definition")
        for term in concept.terms:
            if term.lang == lang:
                _write_term(section, shape, term)


def _write_term(section: etree._Element, shape: Shape, term: Term) -> None:
    holder = _sub(section, shape, shape.term_groups[0])
    _sub(holder, shape, "term", term.text)
    later: list[str] = []
    _refined(holder, shape, "administrativeStatus", _WRITTEN_STATUS[term.status], term.status.value, later)
    if term.pos is not None:
        written = term.pos.value
        if written not in CATEGORIES["partOfSpeech"].picklist and written not in shape.pos_values:  # type: ignore[operator]
            written = "noun"
        _refined(holder, shape, "partOfSpeech", written, term.pos.value, later)
    if term.type is not None:
        _refined(holder, shape, "termType", _BASIC_TYPE.get(term.type, term.type.value), term.type.value, later)
    if term.gender is not None:
        _sub(holder, shape, "termNote", term.gender.value, type="grammaticalGender")
    if term.usage is not None:
        _sub(holder, shape, "termNote", term.usage, type="geographicalUsage")
    if term.context is not None:
        _sub(holder, shape, "descrip", term.context, type="context")
    for source in term.sources:
        _sub(holder, shape, "admin", source, type="source")
    if term.customer is not None:
        _sub(holder, shape, "admin", term.customer, type="customerSubset")
    for note in term.notes:
        _sub(holder, shape, "note", note)
    for refinement in later:
        _sub(holder, shape, "note", refinement)
    if term.historical is not None:
        _sub(holder, shape, "note", f"{REFINEMENT}historical={term.historical}")
    default_case = term.type is not None and term.type.case_sensitive_by_default
    if term.case_sensitive != default_case:
        _sub(holder, shape, "note", REFINEMENT + ("case-sensitive" if term.case_sensitive else "case-insensitive"))

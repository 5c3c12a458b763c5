"""The table layout CSV, TSV and XLSX share: one concept per row group, one column per field.

The first columns are language codes holding terms, as in Google's "equivalent term sets" and
DeepL's multilingual glossaries; each further column is named ``<lang> <field>`` for a term's
field (``en status``, ``ar pos``, ``en note`` …) or by a concept field (``id``, ``subject``,
``note`` …). A concept with several terms in a language takes one row per term, its ``id`` on
each row; concept fields stand on its first row. A cell holding a list has one item per line.

A file with only language columns (Google's layout) is read too: each row is a concept whose id
is made from its first term, and in each language the first term is preferred.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType

from termbase.errors import FormatError
from termbase.interchange.base import GlossaryBuilder, office_from_text, office_text, slug
from termbase.model import (
    MEMBERS_BY_VALUE,
    Concept,
    Gender,
    Glossary,
    HistoryEvent,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
)

__all__ = ["LANGUAGE_ORDER", "TERM_FIELDS", "Row", "header_for", "read_rows", "table_rows"]

TERM_FIELDS = ("status", "type", "pos", "gender", "usage", "context", "note", "sources", "customer",
               "case_sensitive", "historical")
"""Term fields, each a ``<lang> <field>`` column."""
CONCEPT_FIELDS = ("id", "glossary", "subject", "note", "related", "sources", "xref", "graphic", "customer",
                  "history", "offices")
"""Concept fields, each a column of its own (definitions are ``<lang> definition``)."""
LANGUAGE_ORDER = "the order of languages within a concept (every row has the language columns in one order)"
"""What a table cannot hold, stated by each table format."""
_HEADER_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\Z")
_HISTORY = re.compile(r"(origination|modification)(?: (\d{4}-\d{2}-\d{2}))?(?: by (.+))?\Z")


@dataclass(frozen=True, slots=True)
class Row:
    """One row of cells and the line (or sheet row) it starts on."""

    cells: tuple[str, ...]
    line: int


def _languages(glossaries: Sequence[Glossary], langs: Sequence[str] | None) -> list[str]:
    if langs:
        return list(langs)
    found = dict.fromkeys(t.lang for g in glossaries for c in g.concepts for t in c.terms)
    found.update(dict.fromkeys(lang for g in glossaries for c in g.concepts for lang in c.definitions))
    core = [lang for lang in ("ar", "en") if lang in found]
    return core + [lang for lang in found if lang not in core]


def header_for(glossaries: Sequence[Glossary], langs: Sequence[str] | None = None) -> list[str]:
    """The column names for these glossaries (languages first)."""
    languages = _languages(glossaries, langs)
    header = list(languages) + ["id", "glossary", "subject"]
    header += [f"{lang} definition" for lang in languages]
    header += [f"{lang} {name}" for lang in languages for name in TERM_FIELDS]
    return header + [name for name in CONCEPT_FIELDS if name not in ("id", "glossary", "subject")]


def _lines(values: Iterable[str]) -> str:
    return "\n".join(values)


def _history(event: HistoryEvent) -> str:
    text = event.action
    if event.date is not None:
        text += f" {event.date}"
    if event.by is not None:
        text += f" by {event.by}"
    return text


def _term_cells(term: Term) -> dict[str, str]:
    default_case = term.type is not None and term.type.case_sensitive_by_default
    return {
        "status": term.status.value, "type": term.type.value if term.type else "",
        "pos": term.pos.value if term.pos else "", "gender": term.gender.value if term.gender else "",
        "usage": term.usage or "", "context": term.context or "", "note": _lines(term.notes),
        "sources": _lines(term.sources), "customer": term.customer or "",
        "case_sensitive": "" if term.case_sensitive == default_case else str(term.case_sensitive).lower(),
        "historical": term.historical or "",
    }


def table_rows(glossaries: Sequence[Glossary], header: Sequence[str]) -> Iterator[list[str]]:
    """The rows (without the header) of the glossaries in the columns of ``header``."""
    position = {name: index for index, name in enumerate(header)}
    languages = [name for name in header if " " not in name and name not in CONCEPT_FIELDS]
    for glossary in glossaries:
        for concept in glossary.concepts:
            by_lang = {lang: [t for t in concept.terms if t.lang == lang] for lang in languages}
            depth = max((len(terms) for terms in by_lang.values()), default=0) or 1
            for index in range(depth):
                cells = [""] * len(header)
                cells[position["id"]] = concept.id
                for lang, terms in by_lang.items():
                    if index < len(terms):
                        cells[position[lang]] = terms[index].text
                        for name, value in _term_cells(terms[index]).items():
                            cells[position[f"{lang} {name}"]] = value
                if index == 0:
                    concept_cells = {
                        "glossary": concept.glossary, "subject": concept.subject or "",
                        "note": _lines(concept.notes), "related": _lines(concept.related),
                        "sources": _lines(concept.sources), "xref": _lines(concept.xrefs),
                        "graphic": _lines(concept.graphics), "customer": concept.customer or "",
                        "history": _lines(_history(e) for e in concept.history),
                        "offices": _lines(office_text(o) for o in concept.offices),
                    }
                    concept_cells.update({f"{lang} definition": text for lang, text in concept.definitions.items()})
                    for name, value in concept_cells.items():
                        if name in position:
                            cells[position[name]] = value
                yield cells


def _known(name: str) -> bool:
    lang, _, field = name.partition(" ")
    return name in CONCEPT_FIELDS or bool(_HEADER_LANGUAGE.match(lang) and field in ("", "definition", *TERM_FIELDS))


def is_header(cells: Sequence[str]) -> bool:
    """True when the row names columns: every cell a column of this layout (at least one a
    language code), or at least one a field column (``en status``, ``id`` …) — then an unknown
    column is an error rather than a term."""
    names = [c.strip() for c in cells if c.strip()]
    if not names or not any(_HEADER_LANGUAGE.match(n) for n in names):
        return False
    fields = [n for n in names if _known(n) and not _HEADER_LANGUAGE.match(n)]
    return bool(fields) or all(_known(n) for n in names)


class _TableReader:
    def __init__(self, builder: GlossaryBuilder, header: Row) -> None:
        self.builder = builder
        self.names = [c.strip() for c in header.cells]
        for column, name in enumerate(self.names):
            if self.names.index(name) != column and name:
                raise builder.fail(f"column {name!r} appears twice", header.line, f"column {column + 1}")
        self.languages = [n for n in self.names if n and " " not in n and n not in CONCEPT_FIELDS]
        self.has_ids = "id" in self.names

    def value(self, row: Row, name: str) -> str:
        if name not in self.names:
            return ""
        index = self.names.index(name)
        return row.cells[index].strip() if index < len(row.cells) else ""

    def items(self, row: Row, name: str) -> tuple[str, ...]:
        return tuple(item.strip() for item in self.value(row, name).splitlines() if item.strip())

    def choice(self, row: Row, name: str, enum_type: type[TermStatus] | type[TermType] | type[PartOfSpeech] | type[Gender]
               ) -> object:
        value = self.value(row, name)
        if not value:
            return None
        member = MEMBERS_BY_VALUE[enum_type].get(value)
        if member is None:
            allowed = ", ".join(str(m.value) for m in enum_type)
            raise self.builder.fail(f"unknown {name.split(' ')[-1]} {value!r} (expected one of: {allowed})",
                                    row.line, f"column {name!r}")
        return member

    def concepts(self, rows: Iterable[Row]) -> None:
        group: list[Row] = []
        used: set[str] = set()
        for row in rows:
            if not any(cell.strip() for cell in row.cells):
                continue
            if group and (not self.has_ids or self.value(row, "id") not in ("", self.value(group[0], "id"))):
                self.concept(group, used)
                group = []
            group.append(row)
        if group:
            self.concept(group, used)

    def concept(self, rows: list[Row], used: set[str]) -> None:
        first = rows[0]
        terms: list[Term] = []
        lines: list[int | None] = []
        explicit: list[bool] = []
        for row in rows:
            for lang in self.languages:
                text = self.value(row, lang)
                if not text:
                    continue
                status = self.choice(row, f"{lang} status", TermStatus)
                term_type = self.choice(row, f"{lang} type", TermType)
                flag = self.value(row, f"{lang} case_sensitive").lower()
                if flag not in ("", "true", "false"):
                    raise self.builder.fail(f"case_sensitive must be true or false, not {flag!r}", row.line,
                                            f"column '{lang} case_sensitive'")
                case = (flag == "true") if flag else isinstance(term_type, TermType) and term_type.case_sensitive_by_default
                terms.append(Term(
                    text=text, lang=lang, status=status if isinstance(status, TermStatus) else TermStatus.ADMITTED,
                    type=term_type if isinstance(term_type, TermType) else None,
                    pos=p if isinstance(p := self.choice(row, f"{lang} pos", PartOfSpeech), PartOfSpeech) else None,
                    case_sensitive=case,
                    gender=g if isinstance(g := self.choice(row, f"{lang} gender", Gender), Gender) else None,
                    usage=self.value(row, f"{lang} usage") or None, context=self.value(row, f"{lang} context") or None,
                    notes=self.items(row, f"{lang} note"), sources=self.items(row, f"{lang} sources"),
                    customer=self.value(row, f"{lang} customer") or None,
                    historical=self.value(row, f"{lang} historical") or None,
                ))
                lines.append(row.line)
                explicit.append(status is not None)
        if not terms:
            raise self.builder.fail("a row without any term", first.line)
        order = sorted(range(len(terms)), key=lambda i: self.languages.index(terms[i].lang))
        terms, lines, explicit = [terms[i] for i in order], [lines[i] for i in order], [explicit[i] for i in order]
        for lang in dict.fromkeys(t.lang for t in terms):
            indexes = [i for i, t in enumerate(terms) if t.lang == lang]
            if not any(explicit[i] for i in indexes):
                terms[indexes[0]] = replace(terms[indexes[0]], status=TermStatus.PREFERRED)
        raw_id = self.value(first, "id")
        if raw_id:
            concept_id = self.builder.concept_id(raw_id, first.line)
        else:
            concept_id = base = slug(terms[0].text) or f"row-{first.line}"
            number = 2
            while concept_id in used:
                concept_id, number = f"{base}-{number}", number + 1
        used.add(concept_id)
        history = []
        for item in self.items(first, "history"):
            match = _HISTORY.match(item)
            if match is None:
                raise self.builder.fail(f"history item {item!r} is not 'origination|modification [YYYY-MM-DD] "
                                        "[by NAME]'", first.line, "column 'history'")
            history.append(HistoryEvent(match.group(1), match.group(2), match.group(3)))
        offices = []
        for item in self.items(first, "offices"):
            office = office_from_text(item)
            if office is None:
                raise self.builder.fail(f"office {item!r} is not '[\"title\", \"from\", \"to or null\", [sources]]'",
                                        first.line, "column 'offices'")
            offices.append(office)
        definitions = {n.split(" ")[0]: self.value(first, n) for n in self.names
                       if n.endswith(" definition") and self.value(first, n)}
        self.builder.add(Concept(
            id=concept_id, terms=tuple(terms), subject=self.value(first, "subject") or None,
            definitions=MappingProxyType(definitions), notes=self.items(first, "note"),
            related=self.items(first, "related"), sources=self.items(first, "sources"),
            xrefs=self.items(first, "xref"), graphics=self.items(first, "graphic"),
            customer=self.value(first, "customer") or None, history=tuple(history),
            glossary=self.value(first, "glossary"), offices=tuple(offices),
        ), first.line, lines)


def read_rows(builder: GlossaryBuilder, header: Row, rows: Iterable[Row]) -> None:
    """Read the rows under ``header`` into ``builder`` (an unknown column is an error)."""
    for column, name in enumerate(header.cells):
        name = name.strip()
        if name and not _known(name):
            raise FormatError(f"unknown column {name!r} (expected language codes, '<lang> <field>' with a field "
                              f"of {', '.join(TERM_FIELDS)} or definition, or {', '.join(CONCEPT_FIELDS)})",
                              path=builder.path, line=header.line, element=f"column {column + 1}")
    _TableReader(builder, header).concepts(rows)

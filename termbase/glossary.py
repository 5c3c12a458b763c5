"""Reading glossary files (YAML, one concept per entry; see ``glossaries/README.md``).

Every scalar is read as text: the YAML is composed into nodes and checked against the format
here, so each error names the file, the line and the entry, and nothing half-built is returned.

A file in termbase's own layout (what :mod:`termbase.interchange.yaml_glossary` writes) is read
line by line by :mod:`termbase.glossary_layout` instead, without YAML nodes; anything else, and any
file with an error, goes through the YAML reader here.

A file that parsed cleanly is kept in the user's cache (see :mod:`termbase.glossary_cache`), so
loading it again unchanged skips the parse.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Iterable, Sequence
from importlib import resources
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import yaml

from termbase.errors import GlossarySchemaError, GlossarySyntaxError
from termbase.collector import collector_paused
from termbase.glossary_cache import read_cache, write_cache
from termbase.glossary_layout import read_layout
from termbase.glossary_schema import BOOLEANS, CONCEPT_KEYS, HEADER_KEYS, OFFICE_KEYS, TERM_KEYS, earlier, is_period
from termbase.langtags import LanguageTagError, parse_tag
from termbase.progress import track
from termbase.model import (
    CONCEPT_ID,
    DATE,
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
    "Glossary",
    "YAML_SUFFIXES",
    "load_glossaries",
    "load_glossary",
    "parse_glossary",
    "resolve_overrides",
    "shipped_glossary_paths",
]

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The safe loader without implicit tag resolution: every scalar is read as text, so the
    regular expressions that tell ``true`` or ``2024-01-02`` from text would be wasted work."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        if kind is yaml.ScalarNode:
            return "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


YAML_SUFFIXES = (".yaml", ".yml")
"""Endings of termbase's own glossary files; any other ending is read by its interchange format."""
_E = TypeVar("_E", bound=enum.Enum)


def shipped_glossary_paths() -> list[Path]:
    """The glossaries shipped with termbase (``termbase/glossaries/*.yaml``), sorted by name.

    Found through :mod:`importlib.resources` only: never a folder beside the package, which in an
    installation is any other package's ``site-packages/glossaries``.
    """
    folder = resources.files("termbase") / "glossaries"
    if not folder.is_dir():
        return []
    return sorted(Path(str(item)) for item in folder.iterdir() if item.name.endswith(".yaml") and item.is_file())


class _Reader:
    """Turns composed YAML nodes into model values, raising located errors."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.concept_lines: dict[str, int] = {}
        self.term_lines: dict[tuple[str, str, str], int] = {}

    def fail(self, node: yaml.Node, detail: str, element: str | None = None) -> GlossarySchemaError:
        return GlossarySchemaError(
            detail, path=self.path, line=node.start_mark.line + 1, element=element
        )

    def mapping(self, node: yaml.Node, what: str, allowed: frozenset[str] | None, element: str | None
                ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping", element)
        result: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = self.scalar(key_node, f"a key of {what}", element)
            if key in result:
                raise self.fail(key_node, f"duplicate key {key!r} in {what}", element)
            if allowed is not None and key not in allowed:
                raise self.fail(
                    key_node, f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed))})",
                    element,
                )
            result[key] = value_node
        return result

    def sequence(self, node: yaml.Node, what: str, element: str | None) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list", element)
        return list(node.value)

    def scalar(self, node: yaml.Node, what: str, element: str | None) -> str:
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what} must be text, not a {_kind(node)}", element)
        value = str(node.value)
        if not value.strip():
            raise self.fail(node, f"{what} is empty", element)
        return value

    def texts(self, node: yaml.Node, what: str, element: str | None) -> tuple[str, ...]:
        """A text or a list of texts."""
        if isinstance(node, yaml.SequenceNode):
            return tuple(self.scalar(item, what, element) for item in node.value)
        return (self.scalar(node, what, element),)

    def choice(self, node: yaml.Node, what: str, enum_type: type[_E], element: str) -> _E:
        value = self.scalar(node, what, element)
        member: _E | None = MEMBERS_BY_VALUE[enum_type].get(value)
        if member is None:
            allowed = ", ".join(str(member.value) for member in enum_type)
            raise self.fail(node, f"unknown {what} {value!r} (expected one of: {allowed})", element)
        return member

    def header(self, node: yaml.Node | None, digest: str) -> GlossaryInfo:
        default_id = Path(self.path).stem
        if node is None:
            return GlossaryInfo(id=default_id, path=self.path, digest=digest)
        fields = self.mapping(node, "the glossary header", HEADER_KEYS, "glossary")

        def text(key: str) -> str | None:
            return self.scalar(fields[key], key, "glossary") if key in fields else None

        sources = self.texts(fields["sources"], "sources", "glossary") if "sources" in fields else ()
        return GlossaryInfo(
            id=text("id") or default_id, path=self.path, title=text("title"),
            description=text("description"), license=text("license"), sources=sources, digest=digest,
        )

    def concept(self, node: yaml.Node, glossary_id: str) -> Concept:
        line = node.start_mark.line + 1
        raw = self.mapping(node, "a concept", None, f"concept at line {line}")
        if "id" not in raw:
            raise self.fail(node, "a concept needs an 'id'", f"concept at line {line}")
        concept_id = self.scalar(raw["id"], "id", None)
        element = f"concept {concept_id}"
        if not CONCEPT_ID.match(concept_id):
            raise self.fail(raw["id"], f"id {concept_id!r} is not a lowercase slug like 'kassym-jomart-tokayev'", element)
        unknown = sorted(set(raw) - CONCEPT_KEYS)
        if unknown:
            raise self.fail(node, f"unknown key {unknown[0]!r} in a concept (allowed: {', '.join(sorted(CONCEPT_KEYS))})", element)
        if "terms" not in raw:
            raise self.fail(node, "a concept needs 'terms'", element)
        terms = self.terms(raw["terms"], concept_id, element)

        def texts(key: str) -> tuple[str, ...]:
            return self.texts(raw[key], key, element) if key in raw else ()

        definitions: dict[str, str] = {}
        if "definition" in raw:
            definition = raw["definition"]
            if isinstance(definition, yaml.ScalarNode):
                definitions["en"] = self.scalar(definition, "definition", element)
            else:
                for lang, value in self.mapping(definition, "definition", None, element).items():
                    self.language(raw["definition"], lang, element)
                    definitions[lang] = self.scalar(value, f"definition ({lang})", element)
        related = texts("related")
        for other in related:
            if not CONCEPT_ID.match(other):
                raise self.fail(raw["related"], f"related id {other!r} is not a concept id", element)
        overrides = self.scalar(raw["overrides"], "overrides", element) if "overrides" in raw else None
        if overrides is not None and not CONCEPT_ID.match(overrides):
            raise self.fail(raw["overrides"], f"overrides {overrides!r} is not a concept id", element)
        history = tuple(self.event(item, element) for item in
                        (self.sequence(raw["history"], "history", element) if "history" in raw else ()))
        offices = tuple(self.office(item, element) for item in
                        (self.sequence(raw["offices"], "offices", element) if "offices" in raw else ()))
        self.concept_lines[concept_id] = line
        return Concept(
            id=concept_id, terms=terms,
            subject=self.scalar(raw["subject"], "subject", element) if "subject" in raw else None,
            definitions=MappingProxyType(definitions), notes=texts("note"), related=related,
            sources=texts("sources"), xrefs=texts("xref"), graphics=texts("graphic"),
            customer=self.scalar(raw["customer"], "customer", element) if "customer" in raw else None,
            history=history, glossary=glossary_id, overrides=overrides, offices=offices,
        )

    def office(self, node: yaml.Node, element: str) -> Office:
        raw = self.mapping(node, "an office", OFFICE_KEYS, element)
        for key in ("office", "from"):
            if key not in raw:
                raise self.fail(node, f"an office needs {key!r}", element)
        start = self.date(raw["from"], "from", element)
        end = self.date(raw["to"], "to", element) if "to" in raw else None
        if end is not None and earlier(end, start):
            raise self.fail(raw["to"], f"office ends ({end}) before it starts ({start})", element)
        sources = self.texts(raw["sources"], "sources", element) if "sources" in raw else ()
        return Office(self.scalar(raw["office"], "office", element), start, end, sources)

    def date(self, node: yaml.Node, what: str, element: str) -> str:
        value = self.scalar(node, what, element)
        if not DATE.match(value):
            raise self.fail(node, f"{what} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", element)
        return value

    def period(self, node: yaml.Node, element: str) -> str:
        """``FROM/TO``: the years or dates in which a historical name was right."""
        value = self.scalar(node, "historical", element)
        if not is_period(value):
            raise self.fail(node, f"historical {value!r} is not a period FROM/TO (e.g. 2019-03-20/2022-09-17)",
                            element)
        return value

    def event(self, node: yaml.Node, element: str) -> HistoryEvent:
        raw = self.mapping(node, "a history event", frozenset({"action", "date", "by"}), element)
        if "action" not in raw:
            raise self.fail(node, "a history event needs an 'action'", element)
        action = self.scalar(raw["action"], "action", element)
        if action not in ("origination", "modification"):
            raise self.fail(raw["action"], f"unknown action {action!r} (origination or modification)", element)
        date = self.scalar(raw["date"], "date", element) if "date" in raw else None
        if date is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise self.fail(raw["date"], f"date {date!r} is not YYYY-MM-DD", element)
        by = self.scalar(raw["by"], "by", element) if "by" in raw else None
        return HistoryEvent(action, date, by)

    def language(self, node: yaml.Node, lang: str, element: str) -> None:
        try:
            parse_tag(lang)
        except LanguageTagError as exc:
            raise self.fail(node, str(exc), element) from None

    def terms(self, node: yaml.Node, concept_id: str, element: str) -> tuple[Term, ...]:
        by_language = self.mapping(node, "terms", None, element)
        if not by_language:
            raise self.fail(node, "a concept needs terms in at least one language", element)
        terms: list[Term] = []
        for lang, list_node in by_language.items():
            self.language(node, lang, element)
            items = self.sequence(list_node, f"terms ({lang})", element)
            if not items:
                raise self.fail(list_node, f"no terms listed for {lang!r}", element)
            preferred: Term | None = None
            for item in items:
                term = self.term(item, lang, element)
                if term.status is TermStatus.PREFERRED:
                    if preferred is not None:
                        raise self.fail(
                            item, f"two preferred {lang} terms: {preferred.text!r} and {term.text!r}", element
                        )
                    preferred = term
                self.term_lines.setdefault((concept_id, lang, term.text), item.start_mark.line + 1)
                terms.append(term)
        return tuple(terms)

    def term(self, node: yaml.Node, lang: str, element: str) -> Term:
        raw = self.mapping(node, "a term", TERM_KEYS, element)
        for key in ("term", "status"):
            if key not in raw:
                raise self.fail(node, f"a term needs a {key!r}", element)
        text = self.scalar(raw["term"], "term", element)
        if text != text.strip() or "\n" in text:
            raise self.fail(raw["term"], f"term {text!r} has leading, trailing or line-break space", element)
        term_element = f"{element}, term {text!r}"
        status = self.choice(raw["status"], "status", TermStatus, term_element)
        term_type = self.choice(raw["type"], "type", TermType, term_element) if "type" in raw else None
        pos = self.choice(raw["pos"], "pos", PartOfSpeech, term_element) if "pos" in raw else None
        gender = self.choice(raw["gender"], "gender", Gender, term_element) if "gender" in raw else None
        if "case_sensitive" in raw:
            flag = self.scalar(raw["case_sensitive"], "case_sensitive", term_element).lower()
            if flag not in BOOLEANS:
                raise self.fail(raw["case_sensitive"], f"case_sensitive must be true or false, not {flag!r}", term_element)
            case_sensitive = BOOLEANS[flag]
        else:
            case_sensitive = term_type is not None and term_type.case_sensitive_by_default

        def optional(key: str) -> str | None:
            return self.scalar(raw[key], key, term_element) if key in raw else None

        return Term(
            text=text, lang=lang, status=status,
            type=term_type, pos=pos, case_sensitive=case_sensitive, gender=gender,
            usage=optional("usage"), context=optional("context"),
            notes=self.texts(raw["note"], "note", term_element) if "note" in raw else (),
            sources=self.texts(raw["sources"], "sources", term_element) if "sources" in raw else (),
            customer=optional("customer"),
            historical=self.period(raw["historical"], term_element) if "historical" in raw else None,
        )


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    return "list" if isinstance(node, yaml.SequenceNode) else "value"


def parse_glossary(text: str, path: str = "<string>", *, digest: str | None = None) -> Glossary:
    """Parse glossary YAML ``text``; ``path`` is used in error messages."""
    with collector_paused():  # millions of objects that all stay: no collection walks them meanwhile
        return _parse(text, path, digest)


def _parse(text: str, path: str, digest: str | None) -> Glossary:
    if digest is None:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    laid_out = read_layout(text, path, digest)  # termbase's own layout, read without YAML nodes
    return laid_out if laid_out is not None else _parse_yaml(text, path, digest)


def _parse_yaml(text: str, path: str, digest: str) -> Glossary:
    """The glossary in ``text`` read through composed YAML nodes: any YAML, every error located."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        raise GlossarySyntaxError(f"invalid YAML: {exc.problem or exc}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise GlossarySyntaxError(f"invalid YAML: {exc}", path=path) from None
    if root is not None and "*" in text:  # no alias without an asterisk: most files skip the walk
        _refuse_aliases(root, path)
    reader = _Reader(path)
    if root is None:
        raise GlossarySchemaError("the file is empty", path=path, line=1)
    top = reader.mapping(root, "the file", frozenset({"glossary", "concepts"}), None)
    if "concepts" not in top:
        raise reader.fail(root, "a glossary needs a 'concepts' list")
    info = reader.header(top.get("glossary"), digest)
    concepts: list[Concept] = []
    seen: set[str] = set()
    nodes = reader.sequence(top["concepts"], "concepts", None)
    for node in track(nodes, f"reading {Path(path).name}", unit="concept"):
        concept = reader.concept(node, info.id)
        if concept.id in seen:
            raise reader.fail(node, f"duplicate concept id {concept.id!r}", f"concept {concept.id}")
        seen.add(concept.id)
        concepts.append(concept)
    return Glossary(info, tuple(concepts), MappingProxyType(reader.concept_lines),
                    MappingProxyType(reader.term_lines))


def _refuse_aliases(root: yaml.Node, path: str) -> None:
    """Refuse YAML aliases (``*name``): a glossary spells out every entry, and an alias repeated
    in a small file can stand for millions of terms (a 76 KB file once exhausted memory). The
    composed nodes are shared, not copied, so one walk over them, in bounded memory, finds any
    node reached twice."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise GlossarySyntaxError(
                f"YAML aliases are not allowed: the {_kind(node)} written at line {node.start_mark.line + 1} "
                "is used again through an alias (*name); write each entry out", path=path,
                line=node.start_mark.line + 1,
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def load_glossary(path: str | Path) -> Glossary:
    """Load one glossary file (from the cache when its content was loaded before).

    A file in another format (TBX, CSV, TSV, XLSX, PO: see :mod:`termbase.interchange`) is read
    by that format's reader, from its name's ending.
    """
    from termbase.textio import read_text_bytes

    if Path(path).suffix.lower() not in YAML_SUFFIXES:
        from termbase.interchange import read_glossary_file

        return read_glossary_file(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise GlossarySchemaError(f"cannot read: {exc.strerror}", path=path) from None
    digest = hashlib.sha256(data).hexdigest()
    cached = read_cache(str(path), digest)  # each of the three pauses the collector for its own work
    if cached is not None:
        return cached
    glossary = parse_glossary(read_text_bytes(data, path), str(path), digest=digest)
    write_cache(glossary)
    return glossary


def _header_id_line(path: str) -> int | None:
    """The line of ``id:`` in a glossary's header (None when the id comes from the file name)."""
    try:
        root: Any = yaml.compose(Path(path).read_text("utf-8-sig"), Loader=_Loader)
        header = next(v for k, v in root.value if k.value == "glossary")
        node = next(v for k, v in header.value if k.value == "id")
    except (OSError, ValueError, yaml.YAMLError, StopIteration, AttributeError, TypeError):
        return None
    return int(node.start_mark.line) + 1


def load_glossaries(paths: Iterable[str | Path] | None = None, *, add: Iterable[str | Path] = ()) -> list[Glossary]:
    """Load several glossaries (the shipped ones when ``paths`` is None), then the layers ``add``
    names on top of them. Ids must be unique, except that a concept with ``overrides: <id>``
    replaces the concept ``<id>`` of an earlier glossary (which is then left out)."""
    chosen: list[str | Path] = list(shipped_glossary_paths() if paths is None else paths) + list(add)
    return resolve_overrides([load_glossary(path) for path in chosen])


def resolve_overrides(glossaries: Sequence[Glossary]) -> list[Glossary]:
    """The glossaries with every overridden concept left out; two glossaries with one id, a
    duplicate concept id that overrides nothing, or an override of a concept no earlier glossary
    defines, is an error."""
    by_id: dict[str, Glossary] = {}
    for glossary in glossaries:
        first = by_id.setdefault(glossary.info.id, glossary)
        if first is not glossary:
            raise GlossarySchemaError(
                f"glossary id {glossary.info.id!r} is also the id of {first.info.path}: each glossary needs "
                "its own (concepts and reports name their glossary by it)",
                path=glossary.info.path, line=_header_id_line(glossary.info.path), element="glossary",
            )
    owners: dict[str, int] = {}
    dropped: dict[int, set[str]] = {}
    for index, glossary in enumerate(glossaries):
        for concept in glossary.concepts:
            line = glossary.concept_lines.get(concept.id)
            if concept.overrides is not None:
                owner = owners.pop(concept.overrides, None)
                if owner is None or owner == index:
                    raise GlossarySchemaError(
                        f"overrides {concept.overrides!r}, which no earlier glossary defines",
                        path=glossary.info.path, line=line, element=f"concept {concept.id}",
                    )
                dropped.setdefault(owner, set()).add(concept.overrides)
            other = owners.get(concept.id)
            if other is not None:
                earlier = glossaries[other]
                raise GlossarySchemaError(
                    f"concept id {concept.id!r} is also defined in {earlier.info.path} "
                    f"(line {earlier.concept_lines[concept.id]}); add 'overrides: {concept.id}' to replace it",
                    path=glossary.info.path, line=line, element=f"concept {concept.id}",
                )
            owners[concept.id] = index
    return [
        replace(glossary, concepts=tuple(c for c in glossary.concepts if c.id not in dropped[index]))
        if index in dropped else glossary
        for index, glossary in enumerate(glossaries)
    ]

"""Glossaries written as termbase YAML (the format of ``glossaries/*.yaml``), read by the loader.

The writer follows the house style of the shipped files: block mappings for concepts, one term per
line as a flow mapping, plain scalars wherever YAML allows them and double-quoted ones elsewhere,
so what it writes reads back to the same concepts (a test checks every shipped glossary).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from termbase.interchange.base import InterchangeFormat, select_languages
from termbase.model import Concept, Glossary, GlossaryInfo, HistoryEvent, Office, Term

__all__ = ["YamlFormat", "dump_concept", "dump_glossary", "yaml_scalar"]

# A plain scalar is safe when it cannot be read as anything but this text in block or flow context.
# A reader of YAML 1.1 (PyYAML) also ends a plain scalar at "?" inside a flow collection.
_PLAIN = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`](?:[^:#,?\[\]{}\n]|:(?=\S)(?![,\[\]{}])|(?<=\S)#)*\Z")
# What a YAML reader refuses or reads otherwise inside a double-quoted scalar (JSON leaves these raw):
# characters outside YAML's printable set, and the line breaks YAML 1.1 knows (NEL, U+2028, U+2029),
# which a quoted scalar would fold into spaces.
_YAML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# Never in a plain scalar: any control character (tab and carriage return included) or YAML line break.
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when unambiguous, else double-quoted (JSON escapes)."""
    if _PLAIN.match(text) and text == text.strip() and not text.endswith(":") and not _NOT_PLAIN.search(text):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                            else f"\\u{ord(m.group()):04x}", quoted)


def _texts(values: Sequence[str]) -> str:
    return "[" + ", ".join(yaml_scalar(v) for v in values) + "]"


def _term(term: Term) -> str:
    parts = [f"term: {yaml_scalar(term.text)}", f"status: {term.status.value}"]
    if term.type is not None:
        parts.append(f"type: {term.type.value}")
    if term.pos is not None:
        parts.append(f"pos: {term.pos.value}")
    default_case = term.type is not None and term.type.case_sensitive_by_default
    if term.case_sensitive != default_case:
        parts.append(f"case_sensitive: {'true' if term.case_sensitive else 'false'}")
    if term.gender is not None:
        parts.append(f"gender: {term.gender.value}")
    for key, value in (("usage", term.usage), ("context", term.context)):
        if value is not None:
            parts.append(f"{key}: {yaml_scalar(value)}")
    if term.notes:
        parts.append("note: " + (yaml_scalar(term.notes[0]) if len(term.notes) == 1 else _texts(term.notes)))
    if term.sources:
        parts.append(f"sources: {_texts(term.sources)}")
    if term.customer is not None:
        parts.append(f"customer: {yaml_scalar(term.customer)}")
    if term.historical is not None:
        parts.append(f"historical: {yaml_scalar(term.historical)}")
    return "{" + ", ".join(parts) + "}"


def _event(event: HistoryEvent) -> str:
    parts = [f"action: {event.action}"]
    if event.date is not None:
        parts.append(f"date: {event.date}")
    if event.by is not None:
        parts.append(f"by: {yaml_scalar(event.by)}")
    return "{" + ", ".join(parts) + "}"


def _office(office: Office) -> str:
    parts = [f"office: {yaml_scalar(office.title)}", f"from: {yaml_scalar(office.start)}"]
    if office.end is not None:
        parts.append(f"to: {yaml_scalar(office.end)}")
    if office.sources:
        parts.append(f"sources: {_texts(office.sources)}")
    return "{" + ", ".join(parts) + "}"


def dump_concept(concept: Concept) -> str:
    """One concept as a YAML list item (ending in a line break)."""
    lines = [f"- id: {concept.id}"]
    if concept.overrides is not None:
        lines.append(f"  overrides: {concept.overrides}")
    if concept.subject is not None:
        lines.append(f"  subject: {yaml_scalar(concept.subject)}")
    if concept.definitions:
        lines.append("  definition:")
        lines += [f"    {lang}: {yaml_scalar(text)}" for lang, text in concept.definitions.items()]
    if concept.notes:
        lines.append("  note:")
        lines += [f"    - {yaml_scalar(note)}" for note in concept.notes]
    for key, values in (("related", concept.related), ("xref", concept.xrefs), ("graphic", concept.graphics),
                        ("sources", concept.sources)):
        if values:
            lines.append(f"  {key}: {_texts(values)}")
    if concept.customer is not None:
        lines.append(f"  customer: {yaml_scalar(concept.customer)}")
    if concept.history:
        lines.append("  history:")
        lines += [f"    - {_event(event)}" for event in concept.history]
    if concept.offices:
        lines.append("  offices:")
        lines += [f"    - {_office(office)}" for office in concept.offices]
    lines.append("  terms:")
    for lang in concept.languages:
        lines.append(f"    {lang}:")
        lines += [f"    - {_term(term)}" for term in concept.terms if term.lang == lang]
    return "\n".join(lines) + "\n"


def _header(info: GlossaryInfo) -> str:
    lines = ["glossary:", f"  id: {yaml_scalar(info.id)}"]
    for key, value in (("title", info.title), ("description", info.description), ("license", info.license)):
        if value is not None:
            lines.append(f"  {key}: {yaml_scalar(value)}")
    if info.sources:
        lines.append("  sources:")
        lines += [f"    - {yaml_scalar(source)}" for source in info.sources]
    return "\n".join(lines) + "\n"


def dump_glossary(glossary: Glossary) -> str:
    """A whole glossary file: the header, then ``concepts:`` with one entry per concept."""
    body = "\n".join(dump_concept(concept) for concept in glossary.concepts)
    return _header(glossary.info) + "\n" + ("concepts:\n" + body if body else "concepts: []\n")


class YamlFormat(InterchangeFormat):
    """termbase's own glossary YAML."""

    name = "yaml"
    extensions = (".yaml", ".yml")

    def read(self, data: bytes, path: str) -> Glossary:
        from termbase.glossary import parse_glossary
        from termbase.textio import read_text_bytes

        import hashlib

        return parse_glossary(read_text_bytes(data, path), path, digest=hashlib.sha256(data).hexdigest())

    def write(self, glossaries: Sequence[Glossary], *, langs: Sequence[str] | None = None) -> bytes:
        chosen = select_languages(glossaries, langs)
        if len(chosen) == 1:
            return dump_glossary(chosen[0]).encode("utf-8")
        if not chosen:
            return dump_glossary(Glossary(GlossaryInfo(id="empty", path=""), (), {}, {})).encode("utf-8")
        first = chosen[0].info
        merged = Glossary(
            GlossaryInfo(id=first.id, path="", title=first.title, description=first.description,
                         license=first.license, sources=first.sources),
            tuple(c for g in chosen for c in g.concepts), {}, {},
        )
        return dump_glossary(merged).encode("utf-8")

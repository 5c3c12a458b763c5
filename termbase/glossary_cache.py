"""Cache of parsed glossaries: one entry per glossary content in the user's cache (:mod:`termbase.cache`).

A glossary that parsed cleanly is stored as JSON (data only, never pickle), keyed by the file's
sha256 digest, the PyYAML version and the digest of termbase's code; loading the same content
again rebuilds the same :class:`~termbase.model.Glossary` from it. A missing, damaged or forged
entry, or a cache that cannot be written, only means that the file is parsed.

The payload's lists follow the field order of :func:`_encode`. What depends on the file's name
and not on its bytes (path, default glossary id, each concept's glossary id) is not stored but
filled in at load.
"""

from __future__ import annotations

import enum
import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from termbase import cache
from termbase.collector import collector_paused
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

__all__ = ["KIND", "read_cache", "write_cache"]

KIND = "glossary"
"""The cache kind of parsed glossaries."""
_PAYLOAD = "glossary.json"

_FORMAT = "rows-2"
"""The payload's shape (part of the entry key: an entry of another shape is never read)."""


def _key(digest: str) -> str:
    return cache.entry_key(digest, f"pyyaml-{yaml.__version__}", _FORMAT)


def _encode(glossary: Glossary) -> dict[str, Any]:
    """Each concept as ``[id, line, terms]`` and each term as ``[text, lang, status, type, pos,
    case_sensitive, line]``, each followed by a mapping of its other fields when it has any: most
    terms have none, and a short row is what makes reading a large glossary back fast."""
    info = glossary.info
    term_lines = glossary.term_lines
    concepts = []
    for concept in glossary.concepts:
        terms = []
        for t in concept.terms:
            row: list[Any] = [t.text, t.lang, t.status.value, _value(t.type), _value(t.pos), t.case_sensitive,
                              term_lines[(concept.id, t.lang, t.text)]]
            extras = {name: value for name, value in (
                ("gender", _value(t.gender)), ("usage", t.usage), ("context", t.context), ("notes", list(t.notes)),
                ("sources", list(t.sources)), ("customer", t.customer), ("historical", t.historical),
            ) if value}
            terms.append(row + [extras] if extras else row)
        extras = {name: value for name, value in (
            ("subject", concept.subject), ("definitions", dict(concept.definitions)), ("notes", list(concept.notes)),
            ("related", list(concept.related)), ("sources", list(concept.sources)), ("xrefs", list(concept.xrefs)),
            ("graphics", list(concept.graphics)), ("customer", concept.customer),
            ("history", [[e.action, e.date, e.by] for e in concept.history]), ("overrides", concept.overrides),
            ("offices", [[o.title, o.start, o.end, list(o.sources)] for o in concept.offices]),
        ) if value}
        row = [concept.id, glossary.concept_lines[concept.id], terms]
        concepts.append(row + [extras] if extras else row)
    default_id = Path(info.path).stem
    header = {
        "id": None if info.id == default_id else info.id, "title": info.title,
        "description": info.description, "license": info.license, "sources": list(info.sources),
    }
    return {"header": header, "concepts": concepts}


def _value(member: enum.Enum | None) -> object:
    return None if member is None else member.value


def _decode(payload: dict[str, Any], path: str, digest: str) -> Glossary:
    """The glossary of a cache payload; a malformed payload raises (KeyError, TypeError, ...).

    The entry has been verified, so the payload is what :func:`_encode` wrote for a glossary
    that parsed cleanly: only its shape is checked here, by the unpacking itself.
    """
    header = payload["header"]
    info = GlossaryInfo(
        id=header["id"] or Path(path).stem, path=path, title=header["title"], description=header["description"],
        license=header["license"], sources=tuple(header["sources"]), digest=digest,
    )
    statuses, types, parts, genders = (MEMBERS_BY_VALUE[e] for e in (TermStatus, TermType, PartOfSpeech, Gender))
    glossary_id = info.id
    concept_lines: dict[str, int] = {}
    term_lines: dict[tuple[str, str, str], int] = {}
    concepts: list[Concept] = []
    for concept_row in payload["concepts"]:
        concept_id, line, raw_terms = concept_row[:3] if len(concept_row) == 4 else concept_row
        terms = []
        for row in raw_terms:
            text, lang, status, term_type, pos, case_sensitive, term_line = row[:7] if len(row) == 8 else row
            if len(row) == 7:
                terms.append(Term(text, lang, statuses[status], None if term_type is None else types[term_type],
                                  None if pos is None else parts[pos], case_sensitive))
            else:
                extras = row[7]
                gender = extras.get("gender")
                terms.append(Term(
                    text, lang, statuses[status], None if term_type is None else types[term_type],
                    None if pos is None else parts[pos], case_sensitive, None if gender is None else genders[gender],
                    extras.get("usage"), extras.get("context"), tuple(extras.get("notes", ())),
                    tuple(extras.get("sources", ())), extras.get("customer"), extras.get("historical"),
                ))
            term_lines.setdefault((concept_id, lang, text), term_line)
        concept_lines[concept_id] = line
        extras = concept_row[3] if len(concept_row) == 4 else {}
        concepts.append(Concept(
            concept_id, tuple(terms), extras.get("subject"), MappingProxyType(dict(extras.get("definitions", {}))),
            tuple(extras.get("notes", ())), tuple(extras.get("related", ())), tuple(extras.get("sources", ())),
            tuple(extras.get("xrefs", ())), tuple(extras.get("graphics", ())), extras.get("customer"),
            tuple(HistoryEvent(action, date, by) for action, date, by in extras.get("history", ())), glossary_id,
            extras.get("overrides"),
            tuple(Office(title, start, end, tuple(office_sources))
                  for title, start, end, office_sources in extras.get("offices", ())),
        ))
    return Glossary(info, tuple(concepts), MappingProxyType(concept_lines), MappingProxyType(term_lines))


def read_cache(path: str, digest: str) -> Glossary | None:
    """The cached glossary of content ``digest`` (loaded from ``path``), or ``None`` when there is
    none or it is unusable."""
    entry = cache.open_entry(KIND, _key(digest))
    if entry is None:
        return None
    try:
        with collector_paused():
            payload = json.loads(entry.read_bytes(_PAYLOAD))
            return _decode(payload, path, digest)
    except Exception:  # noqa: BLE001 - whatever a verified but unusable payload raises is a miss
        return None


def write_cache(glossary: Glossary) -> None:
    """Store a parsed glossary; a cache that cannot be written is noted once and left alone."""
    with collector_paused():  # the rows made for the payload hold no cycle: no collection walks them
        body = json.dumps(_encode(glossary), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    slot = str(Path(glossary.info.path).resolve())
    cache.store_entry(KIND, _key(glossary.info.digest or ""), lambda writer: writer.write_bytes(_PAYLOAD, body),
                      slot=slot)

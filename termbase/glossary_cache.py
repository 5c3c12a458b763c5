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


def _key(digest: str) -> str:
    return cache.entry_key(digest, f"pyyaml-{yaml.__version__}")


def _encode(glossary: Glossary) -> dict[str, Any]:
    info = glossary.info
    term_lines = glossary.term_lines
    concepts = []
    for concept in glossary.concepts:
        terms = [
            [t.text, t.lang, t.status.value, _value(t.type), _value(t.pos), t.case_sensitive, _value(t.gender),
             t.usage, t.context, list(t.notes), list(t.sources), t.customer,
             term_lines[(concept.id, t.lang, t.text)], t.historical]
            for t in concept.terms
        ]
        concepts.append([
            concept.id, glossary.concept_lines[concept.id], terms, concept.subject, dict(concept.definitions),
            list(concept.notes), list(concept.related), list(concept.sources), list(concept.xrefs),
            list(concept.graphics), concept.customer, [[e.action, e.date, e.by] for e in concept.history],
            concept.overrides,
            [[o.title, o.start, o.end, list(o.sources)] for o in concept.offices],
        ])
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
    for (concept_id, line, raw_terms, subject, definitions, notes, related, sources, xrefs, graphics,
         customer, history, overrides, offices) in payload["concepts"]:
        terms = []
        for (text, lang, status, term_type, pos, case_sensitive, gender, usage, context, term_notes,
             term_sources, term_customer, term_line, historical) in raw_terms:
            terms.append(Term(
                text, lang, statuses[status], None if term_type is None else types[term_type],
                None if pos is None else parts[pos], case_sensitive, None if gender is None else genders[gender],
                usage, context, tuple(term_notes) if term_notes else (),
                tuple(term_sources) if term_sources else (), term_customer, historical,
            ))
            term_lines.setdefault((concept_id, lang, text), term_line)
        concept_lines[concept_id] = line
        concepts.append(Concept(
            concept_id, tuple(terms), subject, MappingProxyType(dict(definitions)),
            tuple(notes) if notes else (), tuple(related) if related else (), tuple(sources) if sources else (),
            tuple(xrefs) if xrefs else (), tuple(graphics) if graphics else (), customer,
            tuple(HistoryEvent(action, date, by) for action, date, by in history) if history else (), glossary_id,
            overrides,
            tuple(Office(title, start, end, tuple(office_sources)) for title, start, end, office_sources in offices),
        ))
    return Glossary(info, tuple(concepts), MappingProxyType(concept_lines), MappingProxyType(term_lines))


def read_cache(path: str, digest: str) -> Glossary | None:
    """The cached glossary of content ``digest`` (loaded from ``path``), or ``None`` when there is
    none or it is unusable."""
    entry = cache.open_entry(KIND, _key(digest))
    if entry is None:
        return None
    try:
        payload = json.loads(entry.read_bytes(_PAYLOAD))
        return _decode(payload, path, digest)
    except Exception:  # noqa: BLE001 - whatever a verified but unusable payload raises is a miss
        return None


def write_cache(glossary: Glossary) -> None:
    """Store a parsed glossary; a cache that cannot be written is noted once and left alone."""
    body = json.dumps(_encode(glossary), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    slot = str(Path(glossary.info.path).resolve())
    cache.store_entry(KIND, _key(glossary.info.digest or ""), lambda writer: writer.write_bytes(_PAYLOAD, body),
                      slot=slot)

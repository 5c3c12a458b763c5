"""Cache of parsed glossaries: JSON files in ``.termbase-cache/`` beside each glossary file.

A glossary that parsed cleanly is stored as JSON (data only, never pickle), keyed by the file's
sha256 digest, the cache format and the versions of termbase and PyYAML; loading the same file
again rebuilds the same :class:`~termbase.model.Glossary` from it. A missing, stale, corrupt or
unwritable cache only means that the file is parsed.

One JSON file per glossary file and content: a first line with what the cache is valid for and
the sha256 of the rest, then the payload, whose lists follow the field order of :func:`_encode`
(the format number changes whenever they do). What depends on the file's name and not on its
bytes (path, default glossary id, each concept's glossary id) is not stored but filled in at load.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import json
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from termbase._version import __version__
from termbase._gc import gc_paused
from termbase.model import (
    MEMBERS_BY_VALUE,
    Concept,
    Gender,
    Glossary,
    GlossaryInfo,
    HistoryEvent,
    PartOfSpeech,
    Term,
    TermStatus,
    TermType,
)

__all__ = ["CACHE_FOLDER", "CACHE_FORMAT", "cache_path", "read_cache", "write_cache"]

CACHE_FOLDER = ".termbase-cache"
"""Folder beside a glossary that holds its parsed form (and the spotting index of a termbase)."""
CACHE_FORMAT = 1


def _cache_key() -> dict[str, object]:
    return {"format": CACHE_FORMAT, "termbase": __version__, "yaml": yaml.__version__}


def cache_path(path: str | Path, digest: str) -> Path:
    """``.termbase-cache/glossary-<name hash>-<digest>.json`` beside the glossary file.

    The name is the one given (a symbolic link's, not its target's): the default glossary id
    comes from it, and each name keeps one cache file, replaced when the content changes.
    """
    given = Path(path)
    name = hashlib.sha256(given.name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    return given.resolve().parent / CACHE_FOLDER / f"glossary-{name}-{digest}.json"


def _encode(glossary: Glossary) -> dict[str, Any]:
    info = glossary.info
    term_lines = glossary.term_lines
    concepts = []
    for concept in glossary.concepts:
        terms = [
            [t.text, t.lang, t.status.value, _value(t.type), _value(t.pos), t.case_sensitive, _value(t.gender),
             t.usage, t.context, list(t.notes), list(t.sources), t.customer,
             term_lines[(concept.id, t.lang, t.text)]]
            for t in concept.terms
        ]
        concepts.append([
            concept.id, glossary.concept_lines[concept.id], terms, concept.subject, dict(concept.definitions),
            list(concept.notes), list(concept.related), list(concept.sources), list(concept.xrefs),
            list(concept.graphics), concept.customer, [[e.action, e.date, e.by] for e in concept.history],
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

    The payload's checksum has been verified, so it is what :func:`_encode` wrote for a
    glossary that parsed cleanly: only its shape is checked here, by the unpacking itself.
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
         customer, history) in payload["concepts"]:
        terms = []
        for (text, lang, status, term_type, pos, case_sensitive, gender, usage, context, term_notes,
             term_sources, term_customer, term_line) in raw_terms:
            terms.append(Term(
                text, lang, statuses[status], None if term_type is None else types[term_type],
                None if pos is None else parts[pos], case_sensitive, None if gender is None else genders[gender],
                usage, context, tuple(term_notes) if term_notes else (),
                tuple(term_sources) if term_sources else (), term_customer,
            ))
            term_lines.setdefault((concept_id, lang, text), term_line)
        concept_lines[concept_id] = line
        concepts.append(Concept(
            concept_id, tuple(terms), subject, MappingProxyType(dict(definitions)),
            tuple(notes) if notes else (), tuple(related) if related else (), tuple(sources) if sources else (),
            tuple(xrefs) if xrefs else (), tuple(graphics) if graphics else (), customer,
            tuple(HistoryEvent(action, date, by) for action, date, by in history) if history else (), glossary_id,
        ))
    return Glossary(info, tuple(concepts), MappingProxyType(concept_lines), MappingProxyType(term_lines))


def read_cache(cache: Path, path: str, digest: str) -> Glossary | None:
    """The cached glossary for ``digest``, or ``None`` when there is none or it is unusable."""
    try:
        data = cache.read_bytes()
    except OSError:
        return None
    first, _, body = data.partition(b"\n")
    try:
        head = json.loads(first)
        if (head.get("key") != _cache_key() or head.get("digest") != digest
                or head.get("payload") != hashlib.sha256(body).hexdigest()):
            return None
        with gc_paused():
            return _decode(json.loads(body), path, digest)
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None


def write_cache(cache: Path, glossary: Glossary) -> None:
    """Store a parsed glossary (atomically); a cache that cannot be written is left alone."""
    from termbase.textio import atomic_write_bytes

    with gc_paused():
        body = json.dumps(_encode(glossary), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    head = {"key": _cache_key(), "digest": glossary.info.digest, "payload": hashlib.sha256(body).hexdigest()}
    with contextlib.suppress(OSError):  # a read-only checkout still loads; it parses again next time
        cache.parent.mkdir(exist_ok=True)
        atomic_write_bytes(cache, json.dumps(head).encode("utf-8") + b"\n" + body)
        stale = cache.name.rsplit("-", 1)[0] + "-"  # other contents of the same file
        for other in cache.parent.iterdir():
            if other.name.startswith(stale) and other.name != cache.name and other.suffix == ".json":
                other.unlink(missing_ok=True)

"""Merging an imported glossary into a YAML glossary file, conflicts first.

:func:`plan_import` compares the incoming concepts with the target file and the glossaries beside
it (the shipped ones by default) and lists every conflict: the same id with other content
(``id-clash``), two preferred terms in one language for one id (``two-preferred``), a form
already held by a different, unrelated concept (``shared-form``). :func:`apply_import` writes the
merged file only when there are no conflicts or the caller chose a side (``theirs``: the
incoming concept wins, as ``overrides:`` when the concept lives in another file; ``ours``: the
clashing incoming concept is skipped). The target file is edited in place: new concepts are
appended and replaced ones rewritten where they stand, every other byte (comments, order, BOM,
line ends) kept.
"""

from __future__ import annotations

import codecs
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from termbase.errors import FormatError
from termbase.glossary import parse_glossary
from termbase.interchange.yaml_glossary import dump_concept, dump_glossary
from termbase.model import Concept, Glossary, GlossaryInfo
from termbase.normalize import fold

__all__ = ["Conflict", "ConflictKind", "ImportPlan", "apply_import", "plan_import"]


class ConflictKind(enum.StrEnum):
    """Kinds of import conflicts."""

    ID_CLASH = "id-clash"
    TWO_PREFERRED = "two-preferred"
    SHARED_FORM = "shared-form"


@dataclass(frozen=True, slots=True)
class Conflict:
    """One reason an incoming concept cannot simply be added."""

    kind: ConflictKind
    concept: str
    other: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind} [{self.concept}] {self.message} ({self.where})"


@dataclass(slots=True)
class ImportPlan:
    """What importing would do: new concepts, replacements, skips, and the conflicts."""

    incoming: Glossary
    target: Glossary | None
    added: list[Concept] = field(default_factory=list)
    same: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    clashing: dict[str, Concept] = field(default_factory=dict)

    @property
    def conflicting_ids(self) -> set[str]:
        return {c.concept for c in self.conflicts}


def _same_content(a: Concept, b: Concept) -> bool:
    return replace(a, glossary="", overrides=None) == replace(b, glossary="", overrides=None)


def _differences(ours: Concept, theirs: Concept) -> list[str]:
    names = ("terms", "subject", "definitions", "notes", "related", "sources", "xrefs", "graphics",
             "customer", "history")
    return [name for name in names if getattr(ours, name) != getattr(theirs, name)]


def plan_import(incoming: Glossary, target: Glossary | None, others: Sequence[Glossary]) -> ImportPlan:
    """Compare ``incoming`` with the ``target`` file and the ``others`` loaded beside it."""
    plan = ImportPlan(incoming, target)
    existing: dict[str, tuple[Concept, Glossary]] = {}
    for glossary in ([target] if target else []) + [g for g in others if not target or g.info.path != target.info.path]:
        for concept in glossary.concepts:
            existing.setdefault(concept.id, (concept, glossary))
    related: dict[str, set[str]] = {}
    for concept, _ in existing.values():
        for other in concept.related:
            related.setdefault(concept.id, set()).add(other)
            related.setdefault(other, set()).add(concept.id)
    forms: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for concept, _ in existing.values():
        for term in concept.terms:
            forms.setdefault((term.lang, fold(term.text)), []).append((concept.id, term.text))
    for concept in incoming.concepts:
        where = f"{incoming.info.path}, line {incoming.concept_lines.get(concept.id, '?')}"
        found = existing.get(concept.id)
        if found is not None:
            ours, owner = found
            if _same_content(ours, concept):
                plan.same.append(concept.id)
                continue
            plan.clashing[concept.id] = concept
            for lang in dict.fromkeys(t.lang for t in concept.terms):
                mine, theirs = ours.preferred(lang), concept.preferred(lang)
                if mine is not None and theirs is not None and mine.text != theirs.text:
                    plan.conflicts.append(Conflict(
                        ConflictKind.TWO_PREFERRED, concept.id, concept.id, where,
                        f"preferred {lang} term {theirs.text!r} here, {mine.text!r} in {owner.info.path}"))
            plan.conflicts.append(Conflict(
                ConflictKind.ID_CLASH, concept.id, concept.id, where,
                f"id also defined in {owner.info.path} (line {owner.concept_lines.get(concept.id, '?')}) "
                f"with other {', '.join(_differences(ours, concept))}"))
            continue
        clashes = False
        for term in concept.terms:
            for other_id, other_text in forms.get((term.lang, fold(term.text)), ()):
                if other_id == concept.id or other_id in related.get(concept.id, ()) \
                        or concept.id in related.get(other_id, ()) or other_id in concept.related:
                    continue
                clashes = True
                plan.conflicts.append(Conflict(
                    ConflictKind.SHARED_FORM, concept.id, other_id, where,
                    f"{term.lang} term {term.text!r} is also {other_text!r} of concept {other_id!r} "
                    f"({existing[other_id][1].info.path})"))
        if clashes:
            plan.clashing[concept.id] = concept
        else:
            plan.added.append(concept)
    return plan


def apply_import(plan: ImportPlan, target_path: str | Path, *, accept: str | None) -> tuple[bytes, list[str]]:
    """The new bytes of the target file and a line per change; raises when conflicts remain
    unresolved (``accept`` is ``None``)."""
    if plan.conflicts and accept is None:
        raise FormatError(f"{len(plan.conflicts)} conflict(s); nothing was changed "
                          "(resolve them, or give --accept theirs|ours)", path=str(target_path))
    path = Path(target_path)
    changes: list[str] = []
    appended = list(plan.added)
    replaced: dict[str, Concept] = {}
    target_ids = {c.id for c in plan.target.concepts} if plan.target else set()
    if accept == "theirs":
        for concept_id, concept in plan.clashing.items():
            if concept_id in target_ids:
                replaced[concept_id] = replace(concept, overrides=None)
            elif any(c.concept == concept_id and c.kind is not ConflictKind.SHARED_FORM for c in plan.conflicts):
                appended.append(replace(concept, overrides=concept_id))
            else:
                appended.append(concept)
    elif accept == "ours":
        changes += [f"kept ours: {concept_id}" for concept_id in plan.clashing]
    changes += [f"added: {c.id}" + (f" (overrides {c.overrides})" if c.overrides else "") for c in appended]
    changes += [f"replaced: {concept_id}" for concept_id in replaced]
    if plan.target is None:
        info = plan.incoming.info
        glossary = Glossary(GlossaryInfo(id=path.stem, path=str(path), title=info.title, description=info.description,
                                         license=info.license, sources=info.sources), tuple(appended), {}, {})
        text = dump_glossary(glossary)
        data = text.encode("utf-8")
    else:
        original = path.read_bytes()
        data = _edit(original, plan.target, appended, replaced)
    check = data[len(codecs.BOM_UTF8):] if data.startswith(codecs.BOM_UTF8) else data
    parse_glossary(check.decode("utf-8"), str(path))  # what is written must load
    return data, changes


def _edit(original: bytes, target: Glossary, appended: Sequence[Concept], replaced: dict[str, Concept]) -> bytes:
    bom = codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""
    text = original[len(bom):].decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    text = text.replace("\r\n", "\n")
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    sequence = None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "concepts":
                sequence = value
    if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style:
        glossary = replace(target, concepts=tuple(replaced.get(c.id, c) for c in target.concepts) + tuple(appended))
        return bom + dump_glossary(glossary).replace("\n", newline).encode("utf-8")
    starts = [text.rfind("\n", 0, item.start_mark.index) + 1 for item in sequence.value]
    indent = sequence.value[0].start_mark.column - 2 if sequence.value else 0
    ends = starts[1:] + [sequence.end_mark.index]
    pieces: list[str] = []
    cursor = 0
    ids = [c.id for c in target.concepts]
    for concept_id, start, end in zip(ids, starts, ends, strict=True):
        if concept_id in replaced:
            pieces.append(text[cursor:start])
            pieces.append(_indented(dump_concept(replaced[concept_id]), indent))
            tail = text[start:end]
            if tail.endswith("\n\n"):
                pieces.append("\n")
            cursor = end
    pieces.append(text[cursor:sequence.end_mark.index])
    rest = text[sequence.end_mark.index:]
    if appended:
        if pieces and not pieces[-1].endswith("\n"):
            pieces.append("\n")
        pieces.append("".join("\n" + _indented(dump_concept(c), indent) for c in appended))
    return bom + ("".join(pieces) + rest).replace("\n", newline).encode("utf-8")


def _indented(block: str, indent: int) -> str:
    if indent <= 0:
        return block
    pad = " " * indent
    return "".join(pad + line if line.strip() else line for line in block.splitlines(keepends=True))

"""Project glossaries layered over the shipped ones: what a layer makes ambiguous.

A layer (``--add-glossary PATH``, ``Termbase.load(add=[...])``) adds concepts on top of the base
glossaries and may replace base concepts with ``overrides: <id>``. A layer term that folds like a
term of a different base concept, when neither concept names the other in ``related``, makes
that form ambiguous for lookup and spotting: it is reported when the termbase is loaded.
"""

from __future__ import annotations

from collections.abc import Sequence

from termbase.langtags import primary_language
from termbase.lint import LintCode, LintFinding
from termbase.model import Glossary
from termbase.normalize import fold

__all__ = ["layer_ambiguities"]


def layer_ambiguities(base: Sequence[Glossary], layers: Sequence[Glossary]) -> list[LintFinding]:
    """Every layer term whose folded form a different, unrelated base concept also has."""
    forms: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    related: dict[str, set[str]] = {}
    for glossary in (*base, *layers):
        for concept in glossary.concepts:
            for other in concept.related:
                related.setdefault(concept.id, set()).add(other)
                related.setdefault(other, set()).add(concept.id)
    for glossary in base:
        for concept in glossary.concepts:
            for term in concept.terms:
                key = fold(term.text)
                if key:
                    forms.setdefault((primary_language(term.lang), key), []).append(
                        (concept.id, term.text, glossary.info.path))
    findings: list[LintFinding] = []
    for layer in layers:
        for concept in layer.concepts:
            replaced = concept.overrides or concept.id
            for term in concept.terms:
                for other_id, other_text, other_path in forms.get((primary_language(term.lang), fold(term.text)), ()):
                    if other_id in (concept.id, replaced) or other_id in related.get(concept.id, ()):
                        continue
                    findings.append(LintFinding(
                        LintCode.SHARED_FORM, layer.info.path, layer.term_lines.get((concept.id, term.lang, term.text)),
                        concept.id,
                        f"{term.lang} term {term.text!r} folds like {other_text!r} of concept {other_id!r} "
                        f"({other_path}): the layer makes the form ambiguous (relate the concepts if it is real)",
                    ))
    return findings

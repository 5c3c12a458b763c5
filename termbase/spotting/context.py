"""Ambiguity resolved by the rest of the text: the concepts it names that the glossary relates to one
candidate only.

عمان without its shadda is both Amman and Oman; a text that names Jordan (الأردن), which the glossary
relates to Amman and not to Oman, means the city. A candidate is supported when one of its related
concepts is named unambiguously elsewhere in the text; exactly one supported candidate resolves the
hit, with a confidence below that of a full mention, and the hit keeps its candidates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from termbase.matches import Evidence, Hit
from termbase.model import Concept

__all__ = ["RELATED_CONFIDENCE", "resolve_by_related"]

RELATED_CONFIDENCE = 0.8
"""Confidence of an ambiguous hit resolved by a related concept named elsewhere in the text."""


def resolve_by_related(hits: Sequence[Hit], concepts: Mapping[str, Concept]) -> list[Hit]:
    """``hits`` with each ambiguous hit resolved to the one candidate whose related concepts the
    text names (other than the candidates themselves); unchanged when none or several are."""
    named: dict[str, Hit] = {}
    for hit in hits:
        if hit.concept is not None and not hit.candidates:
            named.setdefault(hit.concept, hit)
    if not named:
        return list(hits)
    resolved = list(hits)
    for i, hit in enumerate(hits):
        if hit.concept is not None or len(hit.candidates) < 2:
            continue
        support: dict[str, Hit] = {}
        for candidate in hit.candidates:
            concept = concepts.get(candidate)
            if concept is None:
                continue
            for related in concept.related:
                if related in named and related not in hit.candidates:
                    support.setdefault(candidate, named[related])
        if len(support) != 1:
            continue
        (candidate, mention), = support.items()
        note = Evidence("related", f"the text names {mention.text!r} ({mention.concept}), "
                                   f"which the glossary relates to {candidate} only")
        resolved[i] = hit._replace(concept=candidate, resolution=None, confidence=RELATED_CONFIDENCE,
                                   reasons=hit.reasons + (note,))
    return resolved

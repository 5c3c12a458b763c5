"""The folded text of every term of a glossary, folded once for all the index builds that read it
(the lookup index's folded table, the spotting index's keys, the fuzzy spotter's words)."""

from __future__ import annotations

from collections.abc import Sequence

from termbase.model import Concept
from termbase.normalize import fold

__all__ = ["term_keys"]


def term_keys(concepts: Sequence[Concept]) -> list[str]:
    """:func:`~termbase.normalize.fold` of each term's text, concept by concept, in term order."""
    return [fold(term.text) for concept in concepts for term in concept.terms]

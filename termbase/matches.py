"""How a query or a text span matched a glossary term (MatchKind), and the value a spotting pass
returns for each term occurrence (Hit); a lookup's Match carries the same kind."""

from __future__ import annotations

import enum
from typing import NamedTuple

from termbase.model import Term, TermStatus

__all__ = ["Hit", "MatchKind"]


class MatchKind(enum.StrEnum):
    """How a query or a text span matched a glossary term."""

    EXACT = "exact"
    NORMALIZED = "normalized"
    CLITIC = "clitic"
    FUZZY = "fuzzy"

    @property
    def rank(self) -> int:
        """Sort order: exact before normalized before clitic before fuzzy."""
        return _KIND_RANK[self]


_KIND_RANK = {MatchKind.EXACT: 0, MatchKind.NORMALIZED: 1, MatchKind.CLITIC: 2, MatchKind.FUZZY: 3}


class Hit(NamedTuple):
    """One occurrence of a glossary term in a text.

    ``text == original[start:end]``, clitics and article included (والهيدروكربونات). ``concept``
    is ``None`` only for an ambiguous mention that nothing in the text resolves; ``candidates``
    then lists every concept it may name (and stays filled when a fuller mention resolved it,
    as told by ``resolution``).

    A named tuple rather than a frozen dataclass: spotting makes one per term occurrence, and a
    tuple is made about eight times faster (0.3 µs against 2.4 µs) — the dataclass alone would
    cost three times what the whole exact pass now spends per hit.
    """

    start: int
    end: int
    text: str
    concept: str | None
    term: Term
    match: MatchKind
    score: float
    candidates: tuple[str, ...] = ()
    resolution: str | None = None
    prefix: str = ""

    @property
    def status(self) -> TermStatus:
        """Status of the matched glossary term."""
        return self.term.status

    @property
    def ambiguous(self) -> bool:
        """True when the mention fits several concepts."""
        return len(self.candidates) > 1

"""Lookup of a variant in the termbase: exact, normalized (folded) and fuzzy matches, ranked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from termbase.matches import MatchKind
from termbase.model import Concept, Term, TermStatus

__all__ = ["Match", "rank_matches"]


@dataclass(frozen=True, slots=True)
class Match:
    """One concept found for a query, through its best-matching term."""

    concept: Concept
    term: Term
    score: float
    match: MatchKind
    ambiguous: bool = False

    @property
    def lang(self) -> str:
        """Language of the matched term."""
        return self.term.lang

    @property
    def status(self) -> TermStatus:
        """Status of the matched term."""
        return self.term.status

    def sort_key(self) -> tuple[float, int, int, str, str]:
        """Best first: score, then kind of match, status, concept id and term."""
        return (-self.score, self.match.rank, self.term.status.rank, self.concept.id, self.term.text)


def rank_matches(found: Iterable[Match], *, limit: int | None) -> list[Match]:
    """Keep the best match per concept, sort best first, flag ties at the top as ambiguous.

    Concepts tied with the best match (same score and kind of match) are all returned and all
    flagged ``ambiguous``: a surname shared by two people is never resolved silently.
    """
    best: dict[str, Match] = {}
    for match in found:
        current = best.get(match.concept.id)
        if current is None or match.sort_key() < current.sort_key():
            best[match.concept.id] = match
    ranked = sorted(best.values(), key=Match.sort_key)
    if len(ranked) > 1:
        top = ranked[0]
        tied = [m for m in ranked if m.score == top.score and m.match.rank == top.match.rank]
        if len(tied) > 1:
            flagged = {m.concept.id for m in tied}
            ranked = [
                Match(m.concept, m.term, m.score, m.match, True) if m.concept.id in flagged else m
                for m in ranked
            ]
            if limit is not None:
                limit = max(limit, len(tied))
    return ranked if limit is None else ranked[:limit]

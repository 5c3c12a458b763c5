"""Lookup of a variant in the termbase: exact, normalized (folded) and fuzzy matches, ranked."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from termbase.matches import MatchKind
from termbase.model import Concept, Term, TermStatus

__all__ = ["Match", "Matches", "rank_matches"]


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


class Matches(list[Match]):
    """Ranked matches, best first; ``more_tied`` counts the concepts tied at the top (flagged
    ``ambiguous``) that the limit left out, so a tie shared by thousands of keys stays one
    bounded group that still says how big it is."""

    def __init__(self, matches: Iterable[Match] = (), *, more_tied: int = 0) -> None:
        super().__init__(matches)
        self.more_tied = more_tied


def rank_matches(found: Iterable[Match], *, limit: int | None) -> Matches:
    """Keep the best match per concept, sort best first, flag ties at the top as ambiguous.

    Concepts tied with the best match (same score and kind of match) are all flagged
    ``ambiguous``: a surname shared by two people is never resolved silently. At most ``limit``
    matches are returned; :attr:`Matches.more_tied` counts the tied concepts left out.
    """
    best: dict[str, Match] = {}
    for match in found:
        current = best.get(match.concept.id)
        if current is None or match.sort_key() < current.sort_key():
            best[match.concept.id] = match
    ranked = sorted(best.values(), key=Match.sort_key)
    tied = 0
    if len(ranked) > 1:
        top = ranked[0]
        tied = sum(1 for m in ranked if m.score == top.score and m.match.rank == top.match.rank)
    shown = ranked if limit is None else ranked[:max(limit, 0)]
    if tied > 1:
        shown = [Match(m.concept, m.term, m.score, m.match, True) if i < tied else m for i, m in enumerate(shown)]
        return Matches(shown, more_tied=tied - min(tied, len(shown)))
    return Matches(shown)

"""What one match of the spotting index stands for: a key found with a clitic chain, read as concept and term.

A key may be shared by several terms (a surname of two presidents, a term and its variant) and each
of its entries accepts its own clitic chains. Which entries accept the chain, which concept and
term to report, and whether the hit is a clitic or a normalized one depend only on the key and the
chain, so they are worked out once per pair and memoized on the index; only the comparison with the
written text is left for each occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from termbase.arabic import ARTICLE
from termbase.matches import MatchKind
from termbase.model import Term
from termbase.spotting.forms import Definiteness, KeyEntry

__all__ = ["Plain", "Reading", "Rendering", "read_attached", "read_detached"]


class Rendering(NamedTuple):
    """The glossary term a hit reports, and how a written form that is not the term matched.

    A named tuple so that the spotter's loop unpacks it in one step.
    """

    term: Term
    text: str
    """``term.text``: an exact hit is written exactly so, prefix included."""
    kind: MatchKind
    """CLITIC when the prefix is shown apart (و, بال); NORMALIZED otherwise."""
    shows_prefix: bool
    """Whether the hit carries its prefix apart: not for an article that the term itself has."""


Plain = tuple[str | None, Term, str, MatchKind, bool, tuple[str, ...]]
"""A reading whose hit does not depend on the written text, flattened for the spotter: concept
(None when shared), term, term text, kind when not written exactly as the term, whether the
prefix shows, the candidate concepts of a shared key."""


@dataclass(frozen=True, slots=True)
class Reading:
    """The entries of a key that accept a prefix, and what to report for them.

    ``chosen`` is None when the text must be looked at entry by entry (no entry accepts the
    prefix, or an entry is case-sensitive); then ``concept``, ``candidates`` and ``by_text`` are
    empty. The spotter reads plain readings through :attr:`flat`, the others through :meth:`pick`.
    """

    plain: bool
    """One concept and one term to report whatever the written text: nothing to check per hit."""
    concept: str | None
    """None for a key shared by several concepts: the hit is ambiguous."""
    candidates: tuple[str, ...]
    chosen: Rendering | None
    by_text: dict[str, Rendering] | None
    """Terms of the reported concept chosen instead of ``chosen`` when the stem is written exactly
    as they are; None when the concept has one entry under this key."""
    prefix: str
    entries: tuple[KeyEntry, ...]

    @property
    def flat(self) -> Plain | None:
        """The reading as a :data:`Plain` tuple, when its hit does not depend on the written text:
        a plain one, or a key shared by several concepts with one term each under it."""
        if self.chosen is None or self.by_text is not None or (self.concept is None and not self.candidates):
            return None
        return (self.concept, *self.chosen, self.candidates)

    def pick(self, stem_text: str) -> tuple[str | None, tuple[str, ...], Rendering] | None:
        """Concept, candidates and term to report when the key is written ``stem_text``; None
        when no entry fits (none accepts the prefix, or a case-sensitive term in another case)."""
        if self.chosen is not None:
            chosen = self.by_text.get(stem_text, self.chosen) if self.by_text is not None else self.chosen
            return self.concept, self.candidates, chosen
        picked = choose(list(self.entries), stem_text)
        if picked is None:
            return None
        entry, ids = picked
        concept, candidates = (ids[0], ()) if len(ids) == 1 else (None, tuple(ids))
        return concept, candidates, rendering(entry, self.prefix)


def read_attached(entries: tuple[KeyEntry, ...], prefix: str) -> Reading:
    """The reading of a key found with ``prefix`` glued to it (``""`` for none)."""
    return _reading(prefix, tuple(e for e in entries if e.form.accepts(prefix)))


def read_detached(entries: tuple[KeyEntry, ...], word: str) -> Reading:
    """The reading of a key found after ``word`` written apart (لـ تركمانستان, الـ كرملين)."""
    return _reading(word, tuple(e for e in entries if e.form.accepts_detached(word)))


def rendering(entry: KeyEntry, prefix: str) -> Rendering:
    """How a hit of ``entry`` found with ``prefix`` is reported."""
    own_article = prefix == ARTICLE and entry.form.definiteness is not Definiteness.INDEFINITE
    shows_prefix = bool(prefix) and not own_article
    kind = MatchKind.CLITIC if shows_prefix else MatchKind.NORMALIZED
    return Rendering(entry.term, entry.term.text, kind, shows_prefix)


def _rank(entry: KeyEntry) -> tuple[bool, int]:
    """Among a concept's entries: the term as written before its inflections, then by status."""
    return entry.form.variant, entry.term.status.rank


def _reading(prefix: str, entries: tuple[KeyEntry, ...]) -> Reading:
    if not entries or any(e.term.case_sensitive for e in entries):
        return Reading(False, None, (), None, None, prefix, entries)
    best: dict[str, KeyEntry] = {}
    for entry in entries:
        current = best.get(entry.concept.id)
        if current is None or _rank(entry) < _rank(current):
            best[entry.concept.id] = entry
    ids = sorted(best)
    concept, candidates = (ids[0], ()) if len(ids) == 1 else (None, tuple(ids))
    own = [e for e in entries if e.concept.id == ids[0]]
    by_text: dict[str, Rendering] | None = None
    if len(own) > 1:
        by_text = {}
        for entry in sorted(own, key=_rank):  # stable: the first of equal rank wins
            by_text.setdefault(entry.term.text, rendering(entry, prefix))
    plain = concept is not None and by_text is None
    return Reading(plain, concept, candidates, rendering(best[ids[0]], prefix), by_text, prefix, entries)


def choose(entries: list[KeyEntry], stem_text: str) -> tuple[KeyEntry, list[str]] | None:
    """The entry to report for ``stem_text`` among ``entries`` (case-sensitive ones checked
    against the text), and the concepts it may name; None when none fits."""
    best: dict[str, tuple[tuple[bool, bool, int], KeyEntry]] = {}
    for entry in entries:
        if entry.term.case_sensitive and not case_matches(entry.term, stem_text):
            continue
        rank = (entry.term.text != stem_text, *_rank(entry))
        current = best.get(entry.concept.id)
        if current is None or rank < current[0]:
            best[entry.concept.id] = (rank, entry)
    if not best:
        return None
    ids = sorted(best)
    return best[ids[0]][1], ids


def case_matches(term: Term, written: str) -> bool:
    """Whether ``written`` has the letters and digits of ``term`` in the same case."""
    wanted = [c for c in term.text if c.isalnum()]
    return [c for c in written if c.isalnum()] == wanted

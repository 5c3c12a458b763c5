"""Which target words render a source word or phrase: n-gram association over segment pairs.

For a set of *hit* segments (those whose source holds the word) the rendering is the target
n-gram (1–3 word tokens) whose share of hit targets most exceeds its share of the other targets
of the memory (a background sample of at most :data:`BACKGROUND` segments): «the» is in every
target and is never chosen, «Central Asia» is in the hits only. Of two n-grams equally associated,
the one with more letters in words of four letters or more wins («minerals» over «on the»). With
few hits this is weak evidence (two content words of one sentence tie), so the concordance takes
the glossary's rendering where the word is a glossary term. An n-gram must be in at least two
hits (or the only one) and contain a token of three letters or more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from termbase.tm.tokens import Token, tokenize

__all__ = ["BACKGROUND", "MAX_NGRAM", "Rendering", "best_rendering", "find_ngram", "ngrams"]

BACKGROUND = 2000
MAX_NGRAM = 3


@dataclass(frozen=True, slots=True)
class Rendering:
    """A target n-gram (folded tokens joined by spaces), the hits holding it, and its association."""

    key: str
    hits: int
    share: float
    association: float


def ngrams(tokens: Sequence[str], longest: int = MAX_NGRAM) -> set[str]:
    """The distinct n-grams (``1 … longest`` tokens, joined by spaces) of a token list."""
    found: set[str] = set()
    for size in range(1, longest + 1):
        for start in range(len(tokens) - size + 1):
            found.add(" ".join(tokens[start:start + size]))
    return found


def _eligible(key: str) -> bool:
    return any(len(token) >= 3 for token in key.split())


def _content(key: str) -> int:
    """Letters in the n-gram's words of four letters or more (function words weigh nothing)."""
    return sum(len(token) for token in key.split() if len(token) >= 4)


def _rank(rendering: Rendering) -> tuple[float, int, str]:
    return round(rendering.association, 2), _content(rendering.key), rendering.key


def best_rendering(hit_targets: Sequence[Sequence[str]], background: Iterable[Sequence[str]]) -> Rendering | None:
    """The n-gram of ``hit_targets`` (token lists) most associated with them against ``background``."""
    if not hit_targets:
        return None
    in_hits: Counter[str] = Counter()
    for tokens in hit_targets:
        in_hits.update(key for key in ngrams(tokens) if _eligible(key))
    needed = 2 if len(hit_targets) > 1 else 1
    keys = {key for key, count in in_hits.items() if count >= needed}
    if not keys:
        return None
    in_background: Counter[str] = Counter()
    total = 0
    for tokens in background:
        total += 1
        in_background.update(key for key in ngrams(tokens) if key in keys)
    best: Rendering | None = None
    for key in keys:
        share = in_hits[key] / len(hit_targets)
        association = share - (in_background[key] / total if total else 0.0)
        candidate = Rendering(key, in_hits[key], share, association)
        if best is None or _rank(candidate) > _rank(best):
            best = candidate
    return best


def find_ngram(text: str, lang: str | None, key: str) -> tuple[int, int] | None:
    """The span in ``text`` of the first occurrence of the n-gram ``key``, or None."""
    wanted = key.split()
    found: list[Token] = tokenize(text, lang)
    words = [token.text for token in found]
    for start in range(len(words) - len(wanted) + 1):
        if words[start:start + len(wanted)] == wanted:
            return found[start].start, found[start + len(wanted) - 1].end
    return None

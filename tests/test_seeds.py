"""The seed pair: the Arabic article and its reference translation, in wire style: preferred terms,
and after a person's first full mention the admitted surname (US President Donald Trump, then Trump)."""

from __future__ import annotations

from pathlib import Path

import pytest
from shared_paths import shared

from termbase import TermStatus, TermType, Termbase
from termbase.matches import MatchKind

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLE = SEEDS / "c5plus1-summit.ar.txt"
REFERENCE = SEEDS / "c5plus1-summit.en.txt"


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return Termbase.load()


def test_reference_uses_preferred_terms_in_wire_style(termbase: Termbase) -> None:
    """Every hit is a preferred term, except an admitted short form (the surname) of a concept whose
    preferred full form appeared earlier in the text."""
    text = REFERENCE.read_text("utf-8")
    hits = termbase.spot(text, lang="en")
    assert len(hits) > 40  # the translation names many glossary concepts
    introduced: set[str] = set()
    offenders, later_mentions = [], []
    for hit in sorted(hits, key=lambda h: h.start):
        if hit.match is MatchKind.FUZZY or hit.concept is None:
            offenders.append((hit.text, hit.concept, str(hit.match)))
        elif hit.status is TermStatus.PREFERRED:
            introduced.add(hit.concept)
        elif (hit.status is TermStatus.ADMITTED and hit.term.type is TermType.SHORT_FORM
              and hit.concept in introduced):
            later_mentions.append(hit.text)
        else:
            offenders.append((hit.text, hit.concept, str(hit.status)))
    assert offenders == []
    # the reference names Trump in full once, then by surname (wire style)
    assert text.count("Donald Trump") == 1
    assert later_mentions == ["Trump"] * 4


def test_reference_renders_every_concept_of_the_article_as_often(termbase: Termbase) -> None:
    source = termbase.spot(ARTICLE.read_text("utf-8"), lang="ar", fuzzy=False)
    target = termbase.spot(REFERENCE.read_text("utf-8"), lang="en", fuzzy=False)
    source_counts: dict[str, int] = {}
    for hit in source:
        assert hit.concept is not None
        source_counts[hit.concept] = source_counts.get(hit.concept, 0) + 1
    target_concepts = [hit.concept for hit in target]
    short = {c: n for c, n in source_counts.items() if target_concepts.count(c) < n}
    assert short == {}


def test_article_is_the_seed_byte_for_byte() -> None:
    seed = shared("seeds", "000_11438e8ab3928758.txt")
    assert ARTICLE.read_bytes() == seed.read_bytes()

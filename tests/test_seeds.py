"""The seed pair: the Arabic article and its reference translation, which uses preferred terms only."""

from __future__ import annotations

from pathlib import Path

import pytest

from termbase import TermStatus, Termbase
from termbase.matches import MatchKind

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLE = SEEDS / "c5plus1-summit.ar.txt"
REFERENCE = SEEDS / "c5plus1-summit.en.txt"


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return Termbase.load()


def test_reference_uses_only_preferred_terms(termbase: Termbase) -> None:
    text = REFERENCE.read_text("utf-8")
    hits = termbase.spot(text, lang="en")
    assert len(hits) > 40  # the translation names many glossary concepts
    offenders = [
        (hit.text, hit.concept, hit.term.text, str(hit.status), str(hit.match))
        for hit in hits
        if hit.status is not TermStatus.PREFERRED or hit.match is MatchKind.FUZZY or hit.concept is None
    ]
    assert offenders == []


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
    shared = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_11438e8ab3928758.txt"
    if not shared.exists():
        pytest.skip("the shared seed folder is not beside this checkout")
    assert ARTICLE.read_bytes() == shared.read_bytes()

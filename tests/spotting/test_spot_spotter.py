"""Overlap selection and ambiguity resolution of the exact pass."""

from __future__ import annotations

import pytest

from termbase import Termbase

GURBANGULY = "gurbanguly-berdimuhamedov"
SERDAR = "serdar-berdimuhamedov"
BOTH = (GURBANGULY, SERDAR)


@pytest.mark.parametrize(("text", "lang"), [
    ("قال بيردي محمدوف إن البلاد مستعدة", "ar"),
    ("Berdimuhamedov said the country was ready", "en"),
])
def test_bare_shared_surname_is_ambiguous(spot_tb: Termbase, text: str, lang: str) -> None:
    (hit,) = spot_tb.spot(text, lang=lang, fuzzy=False)
    assert hit.concept is None
    assert hit.candidates == BOTH
    assert hit.ambiguous
    assert hit.resolution is None


RESOLVED = [
    ("استقبل سردار بيردي محمدوف الوفد، وقال بيردي محمدوف إن", "ar", SERDAR, "بيردي محمدوف"),
    ("قربان قولي بيردي محمدوف زار أستانا. وقال لبيردي محمدوف", "ar", GURBANGULY, "لبيردي محمدوف"),
    ("Serdar Berdimuhamedov met them. Berdimuhamedov said", "en", SERDAR, "Berdimuhamedov"),
    ("Gurbanguly Berdimuhamedov met them; Berdimuhamedov's aide said", "en", GURBANGULY, "Berdimuhamedov"),
]


@pytest.mark.parametrize(("text", "lang", "concept", "mention"), RESOLVED)
def test_surname_after_full_name_is_resolved(
    spot_tb: Termbase, text: str, lang: str, concept: str, mention: str
) -> None:
    first, second = spot_tb.spot(text, lang=lang, fuzzy=False)
    assert (first.concept, first.candidates) == (concept, ())
    assert (second.concept, second.text, second.candidates) == (concept, mention, BOTH)
    assert second.resolution is not None
    assert "earlier" in second.resolution and first.text in second.resolution


def test_nearest_full_name_wins(spot_tb: Termbase) -> None:
    text = ("Gurbanguly Berdimuhamedov ruled until 2022. Serdar Berdimuhamedov succeeded him. "
            "Berdimuhamedov said")
    hits = spot_tb.spot(text, lang="en", fuzzy=False)
    assert [h.concept for h in hits] == [GURBANGULY, SERDAR, SERDAR]


def test_at_equal_distance_the_earlier_full_name_wins(spot_tb: Termbase) -> None:
    """A surname refers back: between an earlier and a later mention as near, the earlier wins."""
    text = "Serdar Berdimuhamedov, Berdimuhamedov, Gurbanguly Berdimuhamedov"
    hits = spot_tb.spot(text, lang="en", fuzzy=False)
    assert [h.concept for h in hits] == [SERDAR, SERDAR, GURBANGULY]


def test_only_a_later_full_name_resolves_forward(spot_tb: Termbase) -> None:
    text = "Berdimuhamedov spoke first; later Gurbanguly Berdimuhamedov left."
    first, second = spot_tb.spot(text, lang="en", fuzzy=False)
    assert (first.concept, second.concept) == (GURBANGULY, GURBANGULY)
    assert first.resolution is not None and "later" in first.resolution


def test_longest_match_wins_and_hits_do_not_overlap(spot_tb: Termbase) -> None:
    text = "في دول آسيا الوسطى وآسيا الوسطى والولايات المتحدة"
    hits = spot_tb.spot(text, fuzzy=False)
    assert [(h.concept, h.text) for h in hits] == [
        ("central-asian-countries", "دول آسيا الوسطى"),
        ("central-asia", "وآسيا الوسطى"),
        ("united-states", "والولايات المتحدة"),
    ]
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:]))


def test_empty_and_blank_texts(spot_tb: Termbase) -> None:
    assert spot_tb.spot("") == []
    assert spot_tb.spot(" \n\u200f ") == []

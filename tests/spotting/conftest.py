"""Fixtures of the spotting tests: a small synthetic glossary written for the mechanism tests."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from termbase import Termbase

SPOT_GLOSSARY = textwrap.dedent(
    """\
    glossary:
      id: spotting
      title: Spotting test glossary
      description: Names and terms that exercise clitics, articles, folding, plurals and ambiguity.
      license: CC0-1.0

    concepts:
    - id: washington
      terms:
        en: [{term: Washington, status: preferred, pos: properNoun}]
        ar: [{term: واشنطن, status: preferred, pos: properNoun}]
    - id: bishkek
      terms:
        en: [{term: Bishkek, status: preferred, pos: properNoun}]
        ar: [{term: بيشكيك, status: preferred, pos: properNoun}]
    - id: lukashenko
      terms:
        en: [{term: Lukashenko, status: preferred, pos: properNoun}]
        ar: [{term: لوكاشينكو, status: preferred, pos: properNoun}]
    - id: vladimir-putin
      terms:
        en: [{term: Vladimir Putin, status: preferred, pos: properNoun}]
        ar:
        - {term: فلاديمير بوتين, status: preferred, pos: properNoun}
        - {term: فلاديمير, status: admitted, type: shortForm, pos: properNoun}
    - id: kazakhstan
      terms:
        en: [{term: Kazakhstan, status: preferred, pos: properNoun}]
        ar: [{term: كازاخستان, status: preferred, pos: properNoun}]
    - id: france
      terms:
        en: [{term: France, status: preferred, pos: properNoun}]
        ar: [{term: فرنسا, status: preferred, pos: properNoun}]
    - id: bulgaria
      terms:
        en: [{term: Bulgaria, status: preferred, pos: properNoun}]
        ar: [{term: بلغاريا, status: preferred, pos: properNoun}]
    - id: canada
      terms:
        en: [{term: Canada, status: preferred, pos: properNoun}]
        ar: [{term: كندا, status: preferred, pos: properNoun}]
    - id: lebanon
      terms:
        en: [{term: Lebanon, status: preferred, pos: properNoun}]
        ar: [{term: لبنان, status: preferred, pos: properNoun}]
    - id: libya
      terms:
        en: [{term: Libya, status: preferred, pos: properNoun}]
        ar: [{term: ليبيا, status: preferred, pos: properNoun}]
    - id: turkmenistan
      terms:
        en: [{term: Turkmenistan, status: preferred, pos: properNoun}]
        ar: [{term: تركمانستان, status: preferred, pos: properNoun}]
    - id: kremlin
      terms:
        en: [{term: Kremlin, status: preferred, pos: properNoun}]
        ar: [{term: الكرملين, status: preferred, pos: properNoun}]
    - id: c5-plus-1
      terms:
        en: [{term: C5+1, status: preferred, type: abbreviation, pos: properNoun}]
        ar: [{term: C5+1, status: preferred, type: abbreviation, pos: properNoun}]
    - id: central-asia
      terms:
        en: [{term: Central Asia, status: preferred, pos: properNoun}]
        ar: [{term: آسيا الوسطى, status: preferred, pos: properNoun}]
    - id: central-asian-countries
      terms:
        en: [{term: Central Asian country, status: preferred, pos: noun}]
        ar: [{term: دول آسيا الوسطى, status: preferred, pos: noun}]
    - id: critical-minerals
      terms:
        en: [{term: critical minerals, status: preferred, pos: noun}]
        ar: [{term: المعادن الحيوية, status: preferred, pos: noun}]
    - id: hydrocarbons
      terms:
        en: [{term: hydrocarbon, status: preferred, pos: noun}]
        ar: [{term: هيدروكربونات, status: preferred, pos: noun}]
    - id: kassym-jomart-tokayev
      terms:
        en:
        - {term: Kassym-Jomart Tokayev, status: preferred, pos: properNoun}
        - {term: Tokayev, status: admitted, type: shortForm, pos: properNoun}
        ar:
        - {term: قاسم جومارت توكاييف, status: preferred, pos: properNoun}
        - {term: توكاييف, status: admitted, type: shortForm, pos: properNoun}
    - id: united-states
      terms:
        en:
        - {term: United States, status: preferred, pos: properNoun}
        - {term: US, status: admitted, type: acronym}
        ar: [{term: الولايات المتحدة, status: preferred, pos: properNoun}]
    - id: gurbanguly-berdimuhamedov
      related: [serdar-berdimuhamedov]
      terms:
        en:
        - {term: Gurbanguly Berdimuhamedov, status: preferred, pos: properNoun}
        - {term: Berdimuhamedov, status: admitted, type: shortForm, pos: properNoun}
        ar:
        - {term: قربان قولي بيردي محمدوف, status: preferred, pos: properNoun}
        - {term: بيردي محمدوف, status: admitted, type: shortForm, pos: properNoun}
    - id: serdar-berdimuhamedov
      related: [gurbanguly-berdimuhamedov]
      terms:
        en:
        - {term: Serdar Berdimuhamedov, status: preferred, pos: properNoun}
        - {term: Berdimuhamedov, status: admitted, type: shortForm, pos: properNoun}
        ar:
        - {term: سردار بيردي محمدوف, status: preferred, pos: properNoun}
        - {term: بيردي محمدوف, status: admitted, type: shortForm, pos: properNoun}
    - id: sadyr-japarov
      terms:
        en: [{term: Sadyr Japarov, status: preferred, pos: properNoun}]
        ar: [{term: صدير جاباروف, status: preferred, pos: properNoun}]
    """
)
"""Mechanism glossary: names that start with clitic letters, a nested pair, a common noun with the
article, an acronym, a shared surname."""


@pytest.fixture(scope="session")
def spot_glossary_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The spotting glossary written to a temporary folder."""
    path = tmp_path_factory.mktemp("spotting") / "spotting.yaml"
    path.write_text(SPOT_GLOSSARY, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def spot_tb(spot_glossary_path: Path) -> Termbase:
    """A termbase of the spotting glossary, loaded once per session."""
    return Termbase.load([spot_glossary_path])


Spans = Callable[..., list[tuple[str | None, str]]]


def _spans(tb: Termbase, text: str, lang: str | None = None, *, fuzzy: bool = False) -> list[tuple[str | None, str]]:
    hits = tb.spot(text, lang=lang, fuzzy=fuzzy)
    for hit in hits:
        if text[hit.start:hit.end] != hit.text:
            raise AssertionError(f"{hit} does not slice {text!r}")
    return [(hit.concept, hit.text) for hit in hits]


@pytest.fixture(scope="session")
def spans() -> Spans:
    """``spans(tb, text, lang=None, fuzzy=False)``: ``(concept, text)`` of each hit, after checking
    that every span slices the original text."""
    return _spans

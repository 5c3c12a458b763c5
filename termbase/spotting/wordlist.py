"""Ordinary words of a language, from the wordfreq frequency lists (not a hand-made list).

A word the language uses often — *Community*, *Persian*, *Armenian*, *gases* — is not a
misspelling of a glossary name however close it comes to one. Frequencies are Zipf values
(log10 of occurrences per billion words: 3 is once per million); the threshold per language is
chosen on the labelled development set in ``benchmarks/accuracy/`` (see its README).
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["ORDINARY_ZIPF", "is_ordinary", "zipf"]

ORDINARY_ZIPF = {"en": 3.0, "ar": 4.5}
"""Zipf frequency from which a word counts as an ordinary word of the language."""


@lru_cache(maxsize=1 << 16)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` in ``lang`` (0.0 for a word the list does not know)."""
    from wordfreq import zipf_frequency  # imported on first use: it loads its lists lazily

    return float(zipf_frequency(word, lang))


def is_ordinary(word: str, lang: str) -> bool:
    """Whether ``word`` is an ordinary word of ``lang`` (always False for a language without a threshold)."""
    threshold = ORDINARY_ZIPF.get(lang)
    return threshold is not None and zipf(word, lang) >= threshold

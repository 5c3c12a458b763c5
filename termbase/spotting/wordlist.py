"""Ordinary words of a language, from the wordfreq frequency lists (not a hand-made list).

A word the language uses often — *Community*, *Persian*, *Armenian*, *gases* — is not a
misspelling of a glossary name however close it comes to one. Frequencies are Zipf values
(log10 of occurrences per billion words: 3 is once per million); the threshold per language is
chosen on the labelled development set in ``benchmarks/accuracy/`` (see its README).

wordfreq reads a language's whole list into a dictionary on its first look-up (0.4 s for Arabic,
0.15 s for English). termbase keeps each list it uses in the cache instead (:mod:`termbase.cache`,
keyed on wordfreq's version): the tokens' 64-bit hashes sorted, with each token's frequency bucket
and its text to confirm a match, read as arrays. :func:`zipf` gives what wordfreq's
``zipf_frequency`` gives: the word is tokenized by wordfreq and the frequencies of its tokens are
combined by wordfreq's formula.
"""

from __future__ import annotations

import hashlib
import math
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from termbase import cache

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["ORDINARY_ZIPF", "is_ordinary", "zipf"]

ORDINARY_ZIPF = {"en": 3.0, "ar": 4.5}
"""Zipf frequency from which a word counts as an ordinary word of the language."""
_KIND = "wordfreq"
_WORDLIST = "best"
_FLOOR = 1e-9
"""The frequency of Zipf 0, below which wordfreq reports 0 (its ``zipf_frequency`` minimum)."""


def _hash(token: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(token, digest_size=8).digest(), "little")


class _Frequencies:
    """One language's wordfreq list as arrays: token hashes sorted, and by the same order each
    token's centibel bucket (its frequency is 10 ** (-bucket / 100), as wordfreq computes it) and
    its UTF-8 text (``tokens[offsets[i]:offsets[i + 1]]``)."""

    def __init__(self, hashes: NDArray[np.uint64], buckets: NDArray[np.uint16],
                 offsets: NDArray[np.uint32], tokens: bytes) -> None:
        self.hashes, self.buckets, self.offsets, self.tokens = hashes, buckets, offsets, tokens

    @classmethod
    def build(cls, lang: str) -> _Frequencies:
        """Read wordfreq's list for ``lang`` (its tokens grouped by bucket)."""
        from wordfreq import get_frequency_list

        rows = [(_hash(encoded), bucket, encoded)
                for bucket, tokens in enumerate(get_frequency_list(lang, _WORDLIST))
                for encoded in (token.encode("utf-8") for token in tokens)]
        rows.sort()
        offsets = np.zeros(len(rows) + 1, dtype=np.uint32)
        np.cumsum([len(row[2]) for row in rows], out=offsets[1:])
        return cls(np.array([row[0] for row in rows], dtype=np.uint64),
                   np.array([row[1] for row in rows], dtype=np.uint16), offsets, b"".join(row[2] for row in rows))

    def save(self, writer: cache.EntryWriter) -> None:
        """Write the arrays as the files of a cache entry."""
        writer.write_array("hashes.npy", self.hashes)
        writer.write_array("buckets.npy", self.buckets)
        writer.write_array("offsets.npy", self.offsets)
        writer.write_bytes("tokens", self.tokens)

    @classmethod
    def load(cls, entry: cache.Entry) -> _Frequencies | None:
        """The arrays of a verified entry, or None when they do not fit together."""
        try:
            hashes = entry.array("hashes.npy", np.uint64, 1)
            buckets = entry.array("buckets.npy", np.uint16, 1)
            offsets = entry.array("offsets.npy", np.uint32, 1)
            tokens = entry.read_bytes("tokens")
        except (cache.CacheEntryError, ValueError):
            return None
        if not (len(hashes) == len(buckets) == len(offsets) - 1 and int(offsets[-1]) == len(tokens)
                and bool(np.all(offsets[1:] >= offsets[:-1]))):
            return None
        return cls(hashes, buckets, offsets, tokens)

    def frequency(self, token: str) -> float | None:
        """The frequency of ``token`` (None when the list does not have it)."""
        encoded = token.encode("utf-8")
        wanted = _hash(encoded)
        hashes = self.hashes
        i = int(np.searchsorted(hashes, np.uint64(wanted)))
        while i < len(hashes) and int(hashes[i]) == wanted:
            if self.tokens[int(self.offsets[i]):int(self.offsets[i + 1])] == encoded:
                return float(10.0 ** (-int(self.buckets[i]) / 100))
            i += 1
        return None


@lru_cache(maxsize=None)
def _frequencies(lang: str) -> _Frequencies:
    """The list of ``lang``, from the cache, or read from wordfreq and stored there."""
    from importlib.metadata import version

    key = cache.entry_key("wordfreq", version("wordfreq"), lang, _WORDLIST)
    entry = cache.open_entry(_KIND, key)
    if entry is not None:
        stored = _Frequencies.load(entry)
        if stored is not None:
            return stored
    built = _Frequencies.build(lang)
    cache.store_entry(_KIND, key, built.save, slot=lang)
    return built


@lru_cache(maxsize=1 << 16)
def zipf(word: str, lang: str) -> float:
    """Zipf frequency of ``word`` in ``lang`` (0.0 for a word the list does not know), as
    wordfreq's ``zipf_frequency`` gives it."""
    from wordfreq import zipf_frequency
    from wordfreq.language_info import get_language_info
    from wordfreq.numbers import digit_freq, smash_numbers
    from wordfreq.tokens import lossy_tokenize

    if get_language_info(lang)["tokenizer"] != "regex":  # word breaks inferred (Chinese): wordfreq's own rule
        return float(zipf_frequency(word, lang))
    tokens = lossy_tokenize(word, lang)
    if not tokens:
        return 0.0
    frequencies = _frequencies(lang)
    one_over = 0.0
    for token in tokens:  # 1 / f = 1 / f1 + 1 / f2 + …, digits smashed to 0 and weighed (wordfreq's formula)
        smashed = smash_numbers(token)
        found = frequencies.frequency(smashed)
        if found is None:
            return 0.0
        if smashed != token:
            found *= digit_freq(token)
        one_over += 1.0 / found
    frequency = max(1.0 / one_over, _FLOOR)
    frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)  # 3 significant digits
    return round(math.log(frequency, 10) + 9, 2)


def is_ordinary(word: str, lang: str) -> bool:
    """Whether ``word`` is an ordinary word of ``lang`` (always False for a language without a threshold)."""
    threshold = ORDINARY_ZIPF.get(lang)
    return threshold is not None and zipf(word, lang) >= threshold

"""Ordinary words of a language, from the wordfreq frequency lists (not a hand-made list).

A word the language uses often — *Community*, *Persian*, *Armenian*, *gases* — is not a
misspelling of a glossary name however close it comes to one. Frequencies are Zipf values
(log10 of occurrences per billion words: 3 is once per million); the threshold per language is
chosen on the labelled development set in ``benchmarks/accuracy/`` (see its README).

wordfreq reads a language's whole list into a dictionary on its first look-up (0.4 s for Arabic,
0.15 s for English). termbase keeps each list it uses in the cache instead (:mod:`termbase.cache`,
keyed on wordfreq's version): each token's frequency bucket and text, and the tokens by their 64-bit
hashes (:class:`termbase.hashed_keys.HashedKeys`), read as arrays. :func:`zipf` gives what wordfreq's
``zipf_frequency`` gives: the word is tokenized by wordfreq and the frequencies of its tokens are
combined by wordfreq's formula. A plain lower-case English word of ASCII letters is the one token
wordfreq's tokenizer would make of it, and is looked up without the tokenizer.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from termbase import cache
from termbase.collector import collector_paused
from termbase.hashed_keys import HashedKeys

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__ = ["ORDINARY_ZIPF", "is_ordinary", "zipf"]

ORDINARY_ZIPF = {"en": 3.0, "ar": 4.5}
"""Zipf frequency from which a word counts as an ordinary word of the language."""
_KIND = "wordfreq"
_WORDLIST = "best"
_FLOOR = 1e-9
"""The frequency of Zipf 0, below which wordfreq reports 0 (its ``zipf_frequency`` minimum)."""
_PLAIN_ENGLISH = re.compile(r"[a-z]+")
"""An English word that wordfreq's tokenizer leaves as it is, one token (nothing to normalise,
lower-case, no digit, apostrophe or break inside)."""


class _Frequencies:
    """One language's wordfreq list as arrays, tokens numbered in the list's order: each token's
    centibel bucket (its frequency is 10 ** (-bucket / 100), as wordfreq computes it), its UTF-8 text
    (``tokens[offsets[i]:offsets[i + 1]]``) and the tokens by hash (:class:`HashedKeys`)."""

    def __init__(self, keys: HashedKeys, buckets: NDArray[np.uint16], offsets: NDArray[np.uint32],
                 tokens: bytes) -> None:
        self.keys, self.buckets, self.offsets, self.tokens = keys, buckets, offsets, tokens

    @classmethod
    def build(cls, lang: str) -> _Frequencies:
        """Read wordfreq's list for ``lang`` (its tokens grouped by bucket)."""
        from wordfreq import get_frequency_list

        grouped = get_frequency_list(lang, _WORDLIST)
        listed = [token for tokens in grouped for token in tokens]
        buckets = np.repeat(np.arange(len(grouped), dtype=np.uint16), [len(tokens) for tokens in grouped])
        encoded = [token.encode("utf-8") for token in listed]
        offsets = np.zeros(len(listed) + 1, dtype=np.uint32)
        np.cumsum([len(token) for token in encoded], out=offsets[1:])
        return cls(HashedKeys.of(listed), buckets, offsets, b"".join(encoded))

    def save(self, writer: cache.EntryWriter) -> None:
        """Write the arrays as the files of a cache entry."""
        writer.write_array("hashes.npy", self.keys.hashes)
        writer.write_array("entries.npy", self.keys.entries)
        writer.write_array("buckets.npy", self.buckets)
        writer.write_array("offsets.npy", self.offsets)
        writer.write_bytes("tokens", self.tokens)

    @classmethod
    def load(cls, entry: cache.Entry) -> _Frequencies | None:
        """The arrays of a verified entry, or None when they do not fit together."""
        try:
            keys = HashedKeys(entry.array("hashes.npy", np.uint64, 1), entry.array("entries.npy", np.int32, 1))
            buckets = entry.array("buckets.npy", np.uint16, 1)
            offsets = entry.array("offsets.npy", np.uint32, 1)
            tokens = entry.read_bytes("tokens")
            keys.check(len(buckets))
        except (cache.CacheEntryError, ValueError):
            return None
        if not (len(offsets) == len(buckets) + 1 and int(offsets[-1]) == len(tokens)
                and bool(np.all(offsets[1:] >= offsets[:-1]))):
            return None
        return cls(keys, buckets, offsets, tokens)

    def frequency(self, token: str) -> float | None:
        """The frequency of ``token`` (None when the list does not have it)."""
        encoded = token.encode("utf-8")
        for i in self.keys.get(token):
            if self.tokens[int(self.offsets[i]):int(self.offsets[i + 1])] == encoded:
                return float(10.0 ** (-int(self.buckets[i]) / 100))
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
    with collector_paused():  # a million tokens, beside a large glossary's objects
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
    tokens = [word] if lang == "en" and _PLAIN_ENGLISH.fullmatch(word) else lossy_tokenize(word, lang)
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

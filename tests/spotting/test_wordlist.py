"""The ordinary-word frequencies: the cached arrays give what wordfreq's own ``zipf_frequency``
gives (wordfreq is the oracle), for every kind of word the spotter asks about, and a damaged cache
is read again from wordfreq."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st
from wordfreq import get_frequency_list, zipf_frequency
from wordfreq.tokens import lossy_tokenize

from cache_forgery import forge
from termbase import Termbase
from termbase.spotting import wordlist


@pytest.fixture
def fresh(cache_folder: Path) -> Iterator[Path]:
    """An empty cache and no list read yet in this process."""
    wordlist.zipf.cache_clear()
    wordlist._frequencies.cache_clear()
    yield cache_folder
    wordlist.zipf.cache_clear()
    wordlist._frequencies.cache_clear()


def _sample(lang: str, size: int) -> list[str]:
    tokens = [token for bucket in get_frequency_list(lang) for token in bucket]
    pick = random.Random(f"wordlist-{lang}")
    words = pick.sample(tokens, size)
    return [
        *words,
        *(word.upper() for word in words[:200]),  # case folded by wordfreq's tokenizer
        *(f"{a}-{b}" for a, b in zip(words[200:400], words[400:600])),  # two tokens, frequencies combined
        *(f"{a} {b}" for a, b in zip(words[600:700], words[700:800])),
    ]


ODD = ["", " ", "C5+1", "2025", "1,200", "٢٠٢٢", "3.5%", "U.S.", "don't", "Kassym-Jomart", "Tokayev's",
       "Trumph", "xqzt", "الكازاخي", "والنفط", "الـ", "ـــ", "قَرْغِيزِسْتَان", "ﻻ", "Türkiye", "naïve"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_zipf_is_wordfreqs_zipf_frequency(fresh: Path, lang: str) -> None:
    words = _sample(lang, 3000) + ODD
    assert [wordlist.zipf(word, lang) for word in words] == [zipf_frequency(word, lang) for word in words]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("abcdeiklmnorstuyzAKT'-. 0123456789كازختسانيالوبف"), max_size=12))
def test_any_text_gets_wordfreqs_value(text: str) -> None:
    for lang in ("en", "ar"):
        assert wordlist.zipf(text, lang) == zipf_frequency(text, lang)


@settings(max_examples=500, deadline=None)
@given(st.from_regex(r"[a-z]{1,24}", fullmatch=True))
def test_a_plain_english_word_is_one_token_and_gets_wordfreqs_value(word: str) -> None:
    assert lossy_tokenize(word, "en") == [word]
    assert wordlist.zipf(word, "en") == zipf_frequency(word, "en")


def test_every_word_of_the_shipped_glossaries_gets_wordfreqs_value(shipped_termbase: Termbase) -> None:
    words = {word for concept in shipped_termbase.concepts.values() for term in concept.terms
             for word in re.split(r"[\s-]+", term.text) if word}
    asked = sorted({*words, *(w.lower() for w in words), *(w.lower() + "es" for w in words),
                    *(w.lower()[:-2] + "es" for w in words if w.lower().endswith("is"))})
    assert sum(1 for word in asked if wordlist._PLAIN_ENGLISH.fullmatch(word)) > 1000  # the fast path is taken
    for lang in ("en", "ar"):
        assert [wordlist.zipf(word, lang) for word in asked] == [zipf_frequency(word, lang) for word in asked]


def _damaged(entry: Path, name: str, how: str) -> None:
    path = entry / name
    data = bytearray(path.read_bytes())
    if how in ("flipped", "forged"):
        data[len(data) // 2] ^= 0x20
    elif how == "truncated":
        del data[len(data) // 2:]
    path.write_bytes(bytes(data))
    if how == "forged":  # the manifest rewritten with the damaged file's true digest: its MAC fails
        forge(entry, name)


@pytest.mark.parametrize(("name", "how"), [
    ("hashes.npy", "flipped"), ("buckets.npy", "truncated"), ("offsets.npy", "flipped"), ("tokens", "flipped"),
    ("manifest.json", "flipped"), ("tokens", "forged"),
])
def test_the_list_is_kept_in_the_cache_and_a_damaged_entry_is_read_again(fresh: Path, name: str, how: str) -> None:
    expected = [zipf_frequency(word, "en") for word in ODD]
    assert [wordlist.zipf(word, "en") for word in ODD] == expected
    (entry,) = (fresh / "wordfreq").iterdir()
    assert {p.name for p in entry.iterdir()} == {"hashes.npy", "entries.npy", "buckets.npy", "offsets.npy", "tokens", "manifest.json"}
    pristine = {p.name: p.read_bytes() for p in entry.iterdir() if p.name != "manifest.json"}

    wordlist.zipf.cache_clear()
    wordlist._frequencies.cache_clear()
    _damaged(entry, name, how)
    assert [wordlist.zipf(word, "en") for word in ODD] == expected  # no hit: read from wordfreq again
    (again,) = (fresh / "wordfreq").iterdir()
    assert {p.name: p.read_bytes() for p in again.iterdir() if p.name != "manifest.json"} == pristine  # stored whole

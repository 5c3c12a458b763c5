"""The hashed word-run table and the index scan built on it, against brute-force scans of the text."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from termbase.model import Concept, PartOfSpeech, Term, TermStatus
from termbase.normalize import fold
from termbase.spotting import index as spot_index, ngrams
from termbase.spotting.index import DETACHED_WORDS, PREFIX_BITS, PREFIX_MASK, PREFIXES, SpotIndex
from termbase.spotting.ngrams import KeyTable, tail_hashes, text_words

SETTINGS = settings(max_examples=150, deadline=None)

word = st.text(alphabet="abوبلا", min_size=1, max_size=4)
key = st.lists(word, min_size=1, max_size=3).map(" ".join)


def _runs(keys: list[str], text: str, skip: int) -> set[tuple[int, int, str]]:
    """What the table finds: runs beginning at each word's start or up to ``skip`` letters into it,
    each compared with its key."""
    table = KeyTable("\n".join(keys))
    words = text_words(text)
    numbers = [(w, s) for w, (a, b) in enumerate(zip(words.starts.tolist(), words.stops.tolist()))
               for s in range(min(skip + 1, b - a))]
    word_numbers = np.array([w for w, _ in numbers], dtype=np.int64)
    skips = np.array([s for _, s in numbers], dtype=np.int64)
    runs = table.find(words, word_numbers, tail_hashes(words, word_numbers, skips))
    starts = words.starts[word_numbers[runs.queries]] + skips[runs.queries]
    spelled = table.spelled(words.codes, starts, runs.stops, runs.keys)
    return {(start, stop, keys[number]) for start, stop, number, ok
            in zip(starts.tolist(), runs.stops.tolist(), runs.keys.tolist(), spelled.tolist()) if ok}


def _brute_force(keys: list[str], text: str, skip: int) -> set[tuple[int, int, str]]:
    found = set()
    for k in set(keys):
        if "" in k.split(" "):
            continue  # a key with an empty word is never a run of words
        at = text.find(k)
        while at != -1:
            word_start = text.rfind(" ", 0, at) + 1
            stop = at + len(k)
            if at - word_start <= skip and (stop == len(text) or text[stop] == " "):
                found.add((at, stop, k))
            at = text.find(k, at + 1)
    return found


FEW_AND_MANY = pytest.mark.parametrize("few", [-1, 10**9], ids=["array passes", "one run at a time"])
"""``KeyTable.find`` probes the table in a Python loop for a few queries, with array passes for
more: each way is checked on its own."""


@FEW_AND_MANY
@SETTINGS
@given(keys=st.lists(key, max_size=12, unique=True), text=st.lists(word, max_size=30).map(" ".join),
       skip=st.integers(0, 2))
def test_runs_found_are_the_brute_force_ones(keys: list[str], text: str, skip: int, few: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ngrams, "_FEW", few)
        assert _runs(keys, text, skip) == _brute_force(keys, text, skip)


long_word = st.text(alphabet="ab\U0001F600", min_size=1, max_size=11)
"""Words past eight letters that agree at both ends share a hash; a code point past U+FFFF is hashed
by its low 16 bits (and its text's codes are 32 bits wide)."""
WIDTHS = st.sampled_from(["", " \u0627", " \U0001F600"])
"""A last word that makes the text's codes bytes, 16 bits or 32 bits wide."""


@SETTINGS
@given(keys=st.lists(st.lists(long_word, min_size=1, max_size=2).map(" ".join), max_size=12, unique=True),
       text=st.lists(long_word, min_size=1, max_size=30).map(" ".join), width=WIDTHS)
def test_long_words_and_wide_codes(keys: list[str], text: str, width: str) -> None:
    assert _runs(keys, text + width, 2) == _brute_force(keys, text + width, 2)


@SETTINGS
@given(text=st.lists(st.one_of(long_word, word), min_size=1, max_size=20).map(" ".join), width=WIDTHS)
def test_python_hashes_are_the_array_hashes(text: str, width: str) -> None:
    """``word_hash`` and ``word_tail_hashes`` (the word-by-word scan) hash as the array passes do."""
    text += width
    words = text_words(text)
    spans = list(zip(words.starts.tolist(), words.stops.tolist()))
    assert words.hashes.tolist() == [ngrams.word_hash(text[a:b]) for a, b in spans]
    numbers = np.array([w for w, (a, b) in enumerate(spans) for _ in range(b - a)], dtype=np.int64)
    skips = np.array([s for a, b in spans for s in range(b - a)], dtype=np.int64)
    assert tail_hashes(words, numbers, skips).tolist() == [h for a, b in spans
                                                           for h in ngrams.word_tail_hashes(text[a:b])]


@FEW_AND_MANY
@SETTINGS
@given(keys=st.lists(key, max_size=12, unique=True), text=st.lists(word, max_size=30).map(" ".join))
def test_colliding_hashes_are_told_apart_by_the_letters(keys: list[str], text: str, few: int) -> None:
    with pytest.MonkeyPatch.context() as patch:  # four hashes in all
        patch.setattr(ngrams, "_FEW", few)
        patch.setattr(ngrams, "_stored", lambda hashes: (hashes & np.uint64(3)) + np.uint64(1))
        assert _runs(keys, text, 1) == _brute_force(keys, text, 1)


HEADS = ("", "و", "ال", "وال")


@FEW_AND_MANY
@pytest.mark.parametrize("collide", [False, True], ids=["hashes as they are", "four hashes in all"])
@SETTINGS
@given(keys=st.lists(key, min_size=1, max_size=8, unique=True), data=st.data())
def test_keys_after_glued_heads_are_the_brute_force_ones(keys: list[str], data: st.DataObject, few: int,
                                                         collide: bool) -> None:
    """A table that holds each key after the heads it is given finds, among whole words, each key
    written after one of its heads (or alone, when it has the empty head), and nothing else."""
    glued = data.draw(st.lists(st.integers(0, 2 ** len(HEADS) - 1), min_size=len(keys), max_size=len(keys)))
    text = " ".join(data.draw(st.lists(st.one_of(
        word, st.tuples(st.sampled_from(HEADS), st.sampled_from(keys)).map("".join)), max_size=25)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ngrams, "_FEW", few)
        if collide:
            patch.setattr(ngrams, "_stored", lambda hashes: (hashes & np.uint64(3)) + np.uint64(1))
        table = KeyTable("\n".join(keys), HEADS, np.array(glued, dtype=np.int64))
        words = text_words(text)
        runs = table.find(words, np.arange(len(words.starts), dtype=np.int64), words.hashes)
    starts = words.starts[runs.queries]
    spelled = table.spelled(words.codes, starts, runs.stops, runs.keys, runs.heads)
    found = {(start, stop, HEADS[head] + "|" + keys[number]) for start, stop, number, head, ok in zip(
        starts.tolist(), runs.stops.tolist(), runs.keys.tolist(), runs.heads.tolist(), spelled.tolist()) if ok}
    expected = {(start, stop, HEADS[head] + "|" + k) for k, mask in zip(keys, glued)
                for head in range(len(HEADS)) if mask >> head & 1
                for start, stop, _ in _brute_force([HEADS[head] + k], text, 0)}
    assert found == expected


def test_keys_with_an_empty_word_are_left_out() -> None:
    keys = [" a", "a  b", "b ", "a b", ""]
    assert _runs(keys, "a b a b b", 0) == {(0, 3, "a b"), (4, 7, "a b")}


# -- the index scan -------------------------------------------------------------------------

ARABIC = "ابتلوفكسن"
arabic_word = st.text(alphabet=ARABIC, min_size=1, max_size=5)
arabic_term = st.lists(arabic_word, min_size=1, max_size=2).map(" ".join)


def _scan_oracle(index: SpotIndex, folded: str) -> tuple[set[tuple[int, int, int, str, str]], set[tuple[int, int, str]]]:
    """Every key standing as words, after nothing or a clitic chain one of its entries accepts
    (the longer key when one word reads two ways), and every clitic or article written apart that
    no match spells; found with str.find."""
    by_span: dict[tuple[int, int], tuple[int, int, int, str, str]] = {}
    for entries in index.entries["ar"]:
        k = entries[0].form.key
        at = folded.find(k)
        while at != -1:
            stop = at + len(k)
            word_start = folded.rfind(" ", 0, at) + 1
            chain = folded[word_start:at]
            if (stop == len(folded) or folded[stop] == " ") and (
                    chain == "" or (chain in PREFIXES and any(e.form.accepts(chain) for e in entries))):
                found = (word_start, at, stop, k, chain)
                kept = by_span.get((word_start, stop))
                if kept is None or len(chain) < len(kept[4]):
                    by_span[(word_start, stop)] = found
            at = folded.find(k, at + 1)
    apart = set()
    position = 0
    for w in folded.split(" "):
        if w in DETACHED_WORDS and (position, position + len(w)) not in by_span:
            apart.add((position, position + len(w), w))
        position += len(w) + 1
    return set(by_span.values()), apart


SHORT_AND_LONG = pytest.mark.parametrize("few_letters", [-1, 10**9], ids=["array passes", "word by word"])
"""``SpotIndex.scan`` reads a short text word by word in Python, a longer one with array passes:
each way is checked on its own."""
GLUED_OR_NOT = pytest.mark.parametrize(("glued_entries", "collide"), [(-1, False), (10**9, False), (10**9, True)],
                                       ids=["chains read", "chains in the table", "chains in the table, four hashes"])
"""An Arabic table holds the keys alone (a large glossary: the scan reads the chains a word
begins with) or each key after each chain it accepts (a small one): each way is checked on its own,
the second also with every hash forced to collide (the chain's letters are compared too)."""


@GLUED_OR_NOT
@SHORT_AND_LONG
@SETTINGS
@given(terms=st.lists(st.tuples(arabic_term, st.booleans()), min_size=1, max_size=8), data=st.data())
def test_scan_agrees_with_brute_force(terms: list[tuple[str, bool]], data: st.DataObject, few_letters: int,
                                      glued_entries: int, collide: bool) -> None:
    glued = data.draw(st.lists(st.tuples(st.sampled_from(PREFIXES[1:]), st.sampled_from(terms)), max_size=3))
    terms = terms + [(chain + t, proper) for chain, (t, proper) in glued]  # وباث beside باث
    written = sorted({t for t, _ in terms} | {w for t, _ in terms for w in t.split(" ")})
    text = " ".join(data.draw(st.lists(st.one_of(
        arabic_word, st.sampled_from(sorted(DETACHED_WORDS)), st.sampled_from(written),
        st.tuples(st.sampled_from(PREFIXES), st.sampled_from(written)).map("".join)), max_size=25)))
    concepts = [Concept(id=f"c{i}", terms=(Term(text=t, lang="ar", status=TermStatus.PREFERRED,
                                                  pos=PartOfSpeech.PROPER_NOUN if proper else None),))
                for i, (t, proper) in enumerate(terms)]
    index = SpotIndex.build(concepts)
    if "ar" not in index.entries:
        return
    folded = fold(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spot_index, "_FEW_LETTERS", few_letters)
        patch.setattr(spot_index, "_GLUED_ENTRIES", glued_entries)
        if collide:
            patch.setattr(ngrams, "_stored", lambda hashes: (hashes & np.uint64(3)) + np.uint64(1))
            patch.setattr(spot_index, "_DETACHED_TABLE", KeyTable("\n".join(sorted(DETACHED_WORDS))))
        matches = index.scan("ar", folded)
        assert index.tables["ar"].glued == (glued_entries > 0)
    keys = [index.entries["ar"][v >> PREFIX_BITS][0].form.key for v in matches.values.tolist()]
    found = {(start, stem, stop, k, PREFIXES[v & PREFIX_MASK]) for start, stem, stop, k, v
             in zip(matches.starts.tolist(), matches.stems.tolist(), matches.stops.tolist(), keys,
                    matches.values.tolist())}
    assert (found, set(matches.detached)) == _scan_oracle(index, folded)
    assert matches.starts.tolist() == sorted(matches.starts.tolist())


english_word = st.text(alphabet="abc", min_size=1, max_size=3)
english_term = st.lists(english_word, min_size=1, max_size=3).map(" ".join)


@SHORT_AND_LONG
@SETTINGS
@given(terms=st.lists(english_term, min_size=1, max_size=8, unique=True), data=st.data())
def test_english_scan_finds_every_key_standing_as_words(terms: list[str], data: st.DataObject,
                                                         few_letters: int) -> None:
    text = " ".join(data.draw(st.lists(st.one_of(english_word, st.sampled_from(terms)), max_size=25)))
    index = SpotIndex.build([Concept(id=f"c{i}", terms=(Term(text=t, lang="en", status=TermStatus.PREFERRED),))
                             for i, t in enumerate(terms)])
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(spot_index, "_FEW_LETTERS", few_letters)
        matches = index.scan("en", text)
    keys = [index.entries["en"][v >> PREFIX_BITS][0].form.key for v in matches.values.tolist()]
    found = list(zip(matches.starts.tolist(), matches.stops.tolist(), keys))
    every_key = [entries[0].form.key for entries in index.entries["en"]]
    expected = sorted(_brute_force(every_key, text, 0))
    assert found == expected
    assert matches.stems.tolist() == matches.starts.tolist() and matches.detached == []


@SETTINGS
@given(terms=st.lists(st.tuples(arabic_term, st.booleans()), min_size=1, max_size=8), data=st.data())
def test_every_way_of_scanning_gives_the_same_matches_in_the_same_order(terms: list[tuple[str, bool]],
                                                                         data: st.DataObject) -> None:
    """Short text or long, chains read or in the table: the same matches, in the same order."""
    written = sorted({t for t, _ in terms} | {w for t, _ in terms for w in t.split(" ")})
    text = " ".join(data.draw(st.lists(st.one_of(
        arabic_word, st.sampled_from(sorted(DETACHED_WORDS)),
        st.tuples(st.sampled_from(PREFIXES), st.sampled_from(written)).map("".join)), max_size=25)))
    concepts = [Concept(id=f"c{i}", terms=(Term(text=t, lang="ar", status=TermStatus.PREFERRED,
                                               pos=PartOfSpeech.PROPER_NOUN if proper else None),))
                for i, (t, proper) in enumerate(terms)]
    scans = []
    for glued_entries in (-1, 10**9):
        index = SpotIndex.build(concepts)  # its table is made at the first scan
        if "ar" not in index.entries:
            return
        for few_letters in (-1, 10**9):
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(spot_index, "_FEW_LETTERS", few_letters)
                patch.setattr(spot_index, "_GLUED_ENTRIES", glued_entries)
                matches = index.scan("ar", fold(text))
            scans.append(([a.tolist() for a in matches[:4]], matches.detached))
    assert scans[1:] == scans[:1] * 3

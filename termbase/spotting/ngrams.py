"""Hashed word runs: which runs of whole words of a folded text are keys, found with array operations.

A folded text's words are its runs of characters between single spaces, and a key (a folded
term) is one or more such words. Every word gets a 64-bit hash of its length and of its first and
its last four letters (16-bit codes),

    h(w) = (first(w) * F + last(w)) * L + len(w)   (mod 2**64),

each four letters read from the text's codes at once as one 64-bit number (the letters of a
shorter word masked), so hashing a text costs a few array passes over its words, not over its
letters, and the hash of a tail of a word (the word read without the clitic chain glued to it) is
read the same way from where the tail begins. Words of up to eight letters hash one-to-one before
the mixing; longer ones that agree at both ends share a hash, like any collision. The hash of a
run of words is ``H = H * M + h(next word)``. The keys' hashes, and the hashes of their word
prefixes (``a b`` for the key ``a b c``), are stored in an open-addressing table (linear probing,
as numpy arrays); a text is searched one word further per round, each round keeping only the runs
that begin some key, so a glossary of any size costs the same few array passes. A hash names a
key only up to a collision, so every run is compared with its key, letter by letter, before it
counts (:meth:`KeyTable.spelled`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

__all__ = ["KeyTable", "Runs", "TextWords", "tail_hashes", "text_words", "word_hash", "word_tail_hashes"]

Positions = npt.NDArray[np.int64]
Hashes = npt.NDArray[np.uint64]
Codes = npt.NDArray[np.uint8] | npt.NDArray[np.uint16] | npt.NDArray[np.uint32]

_FIRST = np.uint64(0xC2B2AE3D27D4EB4F)
"""F of the word hash: odd, with its bits spread."""
_LAST = np.uint64(0x165667B19E3779F9)
"""L of the word hash: odd, with its bits spread."""
_WORD_STEP = np.uint64(0x9E3779B97F4A7C15)
"""M of ``H = H * M + h(word)``: odd, with its bits spread."""
_SLOT_MIX = np.uint64(0xFF51AFD7ED558CCD)
"""Odd multiplier that spreads a hash's bits before its top bits pick its home slot."""
_SPACE = ord(" ")
_LINE = ord("\n")
_EMPTY = np.uint64(0)
"""A free slot (no stored hash is 0: see :func:`_stored`)."""
_KEY, _BEGUN = np.uint8(1), np.uint8(2)
_MASK = (1 << 64) - 1
_FEW = 64
"""Up to this many queries, :meth:`KeyTable.find` probes the table in a Python loop: a short
text (a sentence, a segment) costs fewer steps than the array passes' fixed cost."""
_SIEVE_BITS = 3
_SIEVE_MASK = (1 << _SIEVE_BITS) - 1
"""A table's sieve has ``2**_SIEVE_BITS`` bits per slot (:attr:`KeyTable.sieve`)."""
_READ = 4
"""Letters read at each end of a word (16 bits each: one 64-bit number)."""
_UNIT = 16
_LOW = np.array([(1 << (_UNIT * n)) - 1 for n in range(_READ)] + [_MASK], dtype=np.uint64)
"""``_LOW[n]``: the bits of the first ``n`` letters of four read at once (the lowest)."""
_HIGH = np.array([_MASK ^ int(low) for low in _LOW[::-1]], dtype=np.uint64)
"""``_HIGH[n]``: the bits of the last ``n`` letters of four read at once (the highest)."""


def _stored(hashes: Hashes) -> Hashes:
    """The form a hash takes in the table: multiplied by an odd number (one-to-one), so that its
    top bits, its home slot, depend on all of its bits; 1 for 0, the free-slot marker."""
    mixed: Hashes = np.maximum(hashes * _SLOT_MIX, np.uint64(1))
    return mixed


class TextWords(NamedTuple):
    """The words of a folded text and their hashes."""

    codes: Codes
    """The code point of each character of the text (bytes when it is ASCII, 16 bits when no
    code point is past U+FFFF)."""
    starts: Positions
    """Where each word begins."""
    stops: Positions
    """Where it ends (exclusive)."""
    fours: Hashes
    """``fours[i]``: the 16-bit codes of characters ``i - 4`` to ``i - 1`` as one little-endian
    number (code points past U+FFFF cut to their low 16 bits; before the text, 0)."""
    hashes: Hashes
    """The hash of each whole word."""


def text_words(text: str, *, lines: bool = False) -> TextWords:
    """The words of ``text`` (separated by a space, or with ``lines`` a line break too) and their
    hashes."""
    codes: Codes
    if text.isascii():
        codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    else:
        wide = text.encode("utf-16-le", "surrogatepass")
        codes = (np.frombuffer(wide, dtype=np.uint16) if len(wide) == 2 * len(text)  # each a code point
                 else np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32))
    units = np.zeros(codes.size + 2 * _READ, dtype=np.uint16)
    units[_READ:-_READ] = codes  # past U+FFFF: the low 16 bits
    fours: Hashes = np.ndarray((codes.size + _READ + 1,), dtype="<u8", buffer=units, strides=(2,))
    letters = codes != _SPACE
    if lines:
        letters &= codes != _LINE
    edges = np.zeros(codes.size + 2, dtype=np.int8)
    edges[1:-1] = letters
    bounds = np.flatnonzero(edges[1:] != edges[:-1])
    starts, stops = bounds[0::2], bounds[1::2]
    return TextWords(codes, starts, stops, fours, _span_hashes(fours, starts, stops))


def _span_hashes(fours: Hashes, starts: Positions, stops: Positions) -> Hashes:
    """The hash of the letters from each of ``starts`` to its stop (both in one word)."""
    lengths = stops - starts
    read = np.minimum(lengths, _READ)
    first = fours[starts + _READ] & _LOW[read]
    last = fours[stops] & _HIGH[read]
    hashes: Hashes = (first * _FIRST + last) * _LAST + lengths.astype(np.uint64)
    return hashes


def word_hash(word: str) -> int:
    """The hash of ``word``, as :func:`text_words` computes it, with Python integers."""
    codes = [ord(char) & 0xFFFF for char in word]
    read = min(len(codes), _READ)
    first = sum(code << (_UNIT * at) for at, code in enumerate(codes[:read]))
    last = sum(code << (_UNIT * (_READ - read + at)) for at, code in enumerate(codes[len(codes) - read:]))
    return ((first * int(_FIRST) + last) * int(_LAST) + len(codes)) & _MASK


def word_tail_hashes(word: str) -> list[int]:
    """The hash of ``word`` read from each of its letters on (``[0]``: the whole word), as
    :func:`text_words` and :func:`tail_hashes` compute them, with Python integers."""
    return [word_hash(word[at:]) for at in range(len(word))]


def tail_hashes(words: TextWords, word_numbers: Positions, skips: Positions) -> Hashes:
    """The hash of each word of ``word_numbers`` read from its letter ``skips`` on."""
    return _span_hashes(words.fours, words.starts[word_numbers] + skips, words.stops[word_numbers])


class Runs(NamedTuple):
    """Runs of words that hash like a key: which query, which key, where the run ends."""

    queries: Positions
    """The position of each run's query in the arrays given to :meth:`KeyTable.find`."""
    keys: Positions
    """The key number whose hash it has."""
    heads: Positions
    """The number of the head glued before the key's first word in the run (0: none)."""
    stops: Positions
    """Where its last word ends."""


class KeyTable:
    """The keys of a language, as hashes of their word runs in an open-addressing table."""

    def __init__(self, keys: str, heads: Sequence[str] = ("",), glued: Positions | None = None) -> None:
        """Hash the keys of ``keys``, one per line (folded; numbered from 0 in line order). A key
        with an empty word (two spaces in a row, or one at an end) is never a run of a folded
        text's words: it is left out.

        With ``glued``, key ``k`` is also stored with each head ``heads[h]`` whose bit ``1 << h``
        is set in ``glued[k]`` written before its first word, in the same word (``heads[0]`` is
        the empty head: bit 0 stores the key as it is). A run whose first word is a head and a key's
        first word is then found like any other, and :attr:`Runs.heads` says which head it has.
        """
        if heads[:1] != ("",):
            raise ValueError(f"the first head must be the empty one, not {heads[:1]!r}")
        words = text_words(keys, lines=True)
        self.keys = keys
        """The keys, one per line (for :meth:`key`)."""
        self.codes: Codes = words.codes
        """The keys' letters (for :meth:`spelled`)."""
        breaks = np.flatnonzero(words.codes == _LINE)
        self.key_starts: Positions = np.concatenate(([0], breaks + 1)) if keys else np.zeros(0, dtype=np.int64)
        """Where each key begins in :attr:`codes`."""
        self.key_lengths: Positions = (np.append(breaks, words.codes.size) - self.key_starts if keys
                                       else np.zeros(0, dtype=np.int64))
        """How many letters and separators each key has."""
        count = len(self.key_starts)
        first_words = np.searchsorted(words.starts, self.key_starts)
        per_key = np.diff(np.append(first_words, len(words.starts)))
        spaces = words.codes == _SPACE
        separators = spaces | (words.codes == _LINE)
        lone = np.ones((2, words.codes.size), dtype=np.bool_)  # a space next to a separator or an end
        lone[0, 1:], lone[1, :-1] = separators[:-1], separators[1:]
        usable = per_key > 0
        usable[np.searchsorted(breaks, np.flatnonzero(spaces & (lone[0] | lone[1])))] = False
        numbers = np.flatnonzero(usable)
        entry_heads = np.zeros(len(numbers), dtype=np.int64)
        running_words = first_words[numbers]
        running = words.hashes[running_words]
        if glued is not None:  # one entry per key and head: the head and the key's first word, one word
            firsts = [keys[start:stop] for start, stop in zip(words.starts[running_words].tolist(),
                                                              words.stops[running_words].tolist())]
            pairs = [(np.flatnonzero((glued[numbers] >> head) & 1), head) for head in range(len(heads))]
            entry_heads = np.concatenate([np.full(len(at), head, dtype=np.int64) for at, head in pairs])
            at = np.concatenate([at for at, _ in pairs])
            running = text_words("\n".join([heads[head] + firsts[position] for head, position
                                             in zip(entry_heads.tolist(), at.tolist())]), lines=True).hashes.copy()
            numbers = numbers[at]
        counts, first_words = per_key[numbers], first_words[numbers]
        begun: list[Hashes] = []  # the hashes of the keys' proper word prefixes
        for depth in range(1, int(counts.max(initial=0))):
            begun.append(_stored(running[counts > depth]))
            longer = counts > depth
            running[longer] = running[longer] * _WORD_STEP + words.hashes[first_words[longer] + depth]
        full = _stored(running)
        order = np.argsort(full)
        full = full[order]
        self.numbers: Positions = numbers[order]
        """Key numbers in the order of their hashes: a slot's keys are a slice of it."""
        self.glued = glued is not None
        """Whether keys are stored with heads glued before them."""
        self.heads: Positions = entry_heads[order]
        """The head of each of :attr:`numbers` (0: none)."""
        self.head_codes: Codes = np.zeros((len(heads), max(map(len, heads))), dtype=np.uint32)
        """The letters of each head, padded with 0 (for :meth:`spelled`)."""
        self.head_lengths: Positions = np.array([len(head) for head in heads], dtype=np.int64)
        """How many letters each head has."""
        for number, head in enumerate(heads):
            self.head_codes[number, :len(head)] = [ord(char) for char in head]
        distinct, first_of, per_hash = _distinct(full)
        prefixes = _distinct(np.sort(np.concatenate(begun)) if begun else np.zeros(0, dtype=np.uint64))[0]
        entries = _distinct(np.sort(np.concatenate((distinct, prefixes))))[0]
        bits = max(4, (2 * len(entries)).bit_length())  # the table is at most half full
        self._shift = np.uint64(64 - bits)
        self._sieve_shift = np.uint64(64 - bits - _SIEVE_BITS)
        marked = np.zeros(1 << (bits + _SIEVE_BITS), dtype=np.bool_)
        marked[(entries >> self._sieve_shift).view(np.int64)] = True
        self.sieve: npt.NDArray[np.uint8] = np.packbits(marked, bitorder="little")
        """A bit per eighth of a home slot, set where an entry's stored hash falls (its top
        ``bits + 3`` bits): a hash whose bit is clear is no entry's."""
        placed = self._insert(entries, 1 << bits)
        at, is_key = _members(distinct, entries)
        self.first: npt.NDArray[np.int32] = np.zeros(len(self.slots), dtype=np.int32)
        """Per slot, where its keys begin in :attr:`numbers`."""
        self.count: npt.NDArray[np.int32] = np.zeros(len(self.slots), dtype=np.int32)
        """Per slot, how many keys have its hash."""
        self.first[placed[is_key]] = first_of[at[is_key]]
        self.count[placed[is_key]] = per_hash[at[is_key]]
        self.kinds: npt.NDArray[np.uint8] = np.zeros(len(self.slots), dtype=np.uint8)
        """Per slot: :data:`_KEY` when keys have its hash, :data:`_BEGUN` when a longer key has
        more words after a run with it; 0 for a free slot, the last one among them."""
        self.kinds[placed[is_key]] = _KEY
        self.kinds[placed[_members(prefixes, entries)[1]]] |= _BEGUN

    def _home(self, stored: Hashes) -> Positions:
        """The home slot of each stored hash: its top bits, so sorted hashes have sorted homes."""
        home: Positions = (stored >> self._shift).view(np.int64)  # below 2**60: the same bits
        return home

    def _insert(self, entries: Hashes, homes: int) -> Positions:
        """Make :attr:`slots` hold the distinct stored hashes ``entries``, with ``homes`` home
        slots; returns the slot of each.

        Linear probing without wrapping around, entries placed in the order of their home slots
        (``entries`` are sorted, so are their homes): each takes its home or, when that is taken,
        the slot after the one placed before it, i.e. ``slot[i] = max(home[i], slot[i - 1] + 1)``,
        which one running maximum computes for all. Every slot between an entry's home and its
        own is taken, and past the last one comes a free slot, so a search that walks from the
        home to a free slot finds every entry.
        """
        rank = np.arange(len(entries), dtype=np.int64)
        placed = np.maximum.accumulate(self._home(entries) - rank) + rank if len(entries) else rank
        self.slots: Hashes = np.zeros(max(homes, int(placed[-1]) + 1 if placed.size else 0) + 1, dtype=np.uint64)
        self.slots[placed] = entries
        return placed

    def _lookup(self, stored: Hashes) -> tuple[Positions, Positions]:
        """Which of the stored hashes are in the table (their positions in ``stored``), and the
        slot of each. Most hashes of a text are no entry's: those whose bit of :attr:`sieve` is
        clear are dropped first, before any probing (at most one in sixteen of the others gets
        through: the table is at most half full)."""
        marks = (stored >> self._sieve_shift).view(np.int64)
        occupied = np.flatnonzero((self.sieve[marks >> _SIEVE_BITS] >> (marks & _SIEVE_MASK).astype(np.uint8)) & 1)
        slot, stored = marks[occupied] >> _SIEVE_BITS, stored[occupied]
        same = self.slots[slot] == stored
        pending = np.flatnonzero(~same)
        while pending.size:  # linear probing from the home slot to the hash or a free slot
            slot[pending] += 1
            held = self.slots[slot[pending]]
            match = held == stored[pending]
            same[pending[match]] = True
            pending = pending[~match & (held != _EMPTY)]
        found = np.flatnonzero(same)
        return occupied[found], slot[found]

    def holding(self, hashes: Hashes) -> Positions:
        """Which of the hashes of single words ``hashes`` are a key's or a key's first word's
        (their positions, in order)."""
        return self._lookup(_stored(hashes))[0]

    def find(self, words: TextWords, word_numbers: Positions, hashes: Hashes) -> Runs:
        """Every run of whole words whose hash is a key's, beginning in the words ``word_numbers``,
        whose first word hashes to ``hashes`` (the whole word, or its tail after a clitic chain)."""
        if len(word_numbers) <= _FEW:
            queries, slots, stops = (np.array(found, dtype=np.int64) for found in self._find_few(
                words.hashes.tolist(), words.stops.tolist(), word_numbers.tolist(), hashes.tolist()))
        else:
            queries, slots, stops = self._find_many(words, word_numbers, hashes)
        counts = self.count[slots]
        if counts.size and counts.max() == 1:  # no two keys share a hash: the usual case
            at = self.first[slots]
        else:
            within = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
            at = np.repeat(self.first[slots], counts) + within
            queries, stops = np.repeat(queries, counts), np.repeat(stops, counts)
        return Runs(queries, self.numbers[at], self.heads[at], stops)

    def _find_many(self, words: TextWords, word_numbers: Positions,
                   hashes: Hashes) -> tuple[Positions, Positions, Positions]:
        """The query, slot and stop of each run found (:meth:`find`), one array pass per word of
        the longest run."""
        at, slot = self._lookup(_stored(hashes))
        queries, last, hashes = at, word_numbers[at], hashes[at]  # the first round: every query
        found_queries, found_slots, found_stops = [], [], []
        while True:
            kind = self.kinds[slot]
            keys = np.flatnonzero(kind & _KEY)
            found_queries.append(queries[keys])
            found_slots.append(slot[keys])
            found_stops.append(words.stops[last[keys]])
            more = np.flatnonzero(kind & _BEGUN)
            more = more[last[more] + 1 < len(words.starts)]
            if not more.size:
                break
            queries, last = queries[more], last[more] + 1
            hashes = hashes[more] * _WORD_STEP + words.hashes[last]
            at, slot = self._lookup(_stored(hashes))
            queries, last, hashes = queries[at], last[at], hashes[at]
        return np.concatenate(found_queries), np.concatenate(found_slots), np.concatenate(found_stops)

    def _find_few(self, word_hashes: list[int], word_stops: list[int], word_numbers: list[int],
                  hashes: list[int]) -> tuple[list[int], list[int], list[int]]:
        """What :meth:`_find_many` returns, in the same order, the table probed one run at a time
        with Python integers: for a few queries, the arrays' fixed cost per pass is the most of it."""
        slots, kinds, shift = self.slots, self.kinds, int(self._shift)
        free, key, begun = int(_EMPTY), int(_KEY), int(_BEGUN)
        count, step = len(word_hashes), int(_WORD_STEP)
        queries, last = list(range(len(word_numbers))), word_numbers
        found_queries: list[int] = []
        found_slots: list[int] = []
        found_stops: list[int] = []
        while queries:
            next_queries, next_last, next_hashes = [], [], []
            stored = _stored(np.array(hashes, dtype=np.uint64)).tolist()
            for query, at, value, hashed in zip(queries, last, stored, hashes):
                slot = value >> shift
                held = slots.item(slot)
                while held != value and held != free:  # linear probing, as in :meth:`_lookup`
                    slot += 1
                    held = slots.item(slot)
                if held == free:
                    continue
                kind = kinds.item(slot)
                if kind & key:
                    found_queries.append(query)
                    found_slots.append(slot)
                    found_stops.append(word_stops[at])
                if kind & begun and at + 1 < count:
                    next_queries.append(query)
                    next_last.append(at + 1)
                    next_hashes.append((hashed * step + word_hashes[at + 1]) & _MASK)
            queries, last, hashes = next_queries, next_last, next_hashes
        return found_queries, found_slots, found_stops

    def find_few(self, word_hashes: list[int], word_stops: list[int], word_numbers: list[int],
                 hashes: list[int]) -> list[tuple[int, int, int, int]]:
        """:meth:`find` for a few queries given as Python integers (the words' hashes and stops,
        each query's word and first hash): ``(query, key number, head, stop)`` of each run, in the
        order of :meth:`find`."""
        runs: list[tuple[int, int, int, int]] = []
        count, first, numbers, heads = self.count, self.first, self.numbers, self.heads
        for query, slot, stop in zip(*self._find_few(word_hashes, word_stops, word_numbers, hashes)):
            at = first.item(slot)
            runs.extend((query, numbers.item(at + within), heads.item(at + within), stop)
                        for within in range(count.item(slot)))
        return runs

    def key(self, number: int) -> str:
        """The text of key ``number``."""
        start = self.key_starts.item(number)
        return self.keys[start:start + self.key_lengths.item(number)]

    def spelled(self, codes: Codes, starts: Positions, stops: Positions, numbers: Positions,
                heads: Positions | None = None) -> npt.NDArray[np.bool_]:
        """Whether the text of ``codes`` spells key ``numbers[i]`` between ``starts[i]`` and
        ``stops[i]``, letter by letter; with ``heads``, ``starts[i]`` is where head ``heads[i]``
        begins, and the text spells the head, then the key."""
        if heads is not None:
            lengths = self.head_lengths[heads]
            headed = self.spelled(codes, starts + lengths, stops, numbers)
            for at in range(self.head_codes.shape[1]):  # a letter of the heads at a time
                within = np.flatnonzero(headed & (lengths > at))
                headed[within[codes[starts[within] + at] != self.head_codes[heads[within], at]]] = False
            return headed
        lengths = stops - starts
        same: npt.NDArray[np.bool_] = lengths == self.key_lengths[numbers]
        check = np.flatnonzero(same)
        lengths = lengths[check]
        if not lengths.size:
            return same
        begins = np.cumsum(lengths) - lengths
        into = np.arange(int(lengths.sum()), dtype=np.int64) - np.repeat(begins, lengths)
        written = codes[np.repeat(starts[check], lengths) + into]
        key = self.codes[np.repeat(self.key_starts[numbers[check]], lengths) + into]
        differs = np.add.reduceat(written != key, begins, dtype=np.int64) > 0
        same[check[differs]] = False
        return same


def _distinct(ordered: Hashes) -> tuple[Hashes, Positions, Positions]:
    """The distinct values of a sorted array, where each first occurs, and how often."""
    first = np.ones(ordered.size, dtype=np.bool_)
    first[1:] = ordered[1:] != ordered[:-1]
    where = np.flatnonzero(first)
    return ordered[where], where, np.diff(np.append(where, ordered.size))


def _members(ordered: Hashes, values: Hashes) -> tuple[Positions, npt.NDArray[np.bool_]]:
    """Where each of ``values`` would be in the sorted distinct ``ordered``, and whether it is."""
    if not ordered.size:
        return np.zeros(values.size, dtype=np.int64), np.zeros(values.size, dtype=np.bool_)
    at = np.minimum(np.searchsorted(ordered, values), ordered.size - 1)
    return at, ordered[at] == values

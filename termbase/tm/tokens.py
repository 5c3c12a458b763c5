"""Match tokens of translation-memory segments: folded words, clitic-aware in Arabic.

Arabic text is folded with :mod:`termbase.normalize` (diacritics, letter variants, digits) and split
at separators; a clitic chain glued to the article (وال بال فال كال لل وبال …) is split off as its own
token, so «والنفط» and «النفط» differ by one token and not by a whole word. Clitics glued to a bare
word are left alone (واشنطن and وزير start with و and are not و + …): without a lexicon that cut
cannot be made safely. Other languages are tokenized by the Moses tokenizer (sacremoses), each token
folded and its inner separators dropped (``U.S.`` → ``us``). Punctuation gives no token.

Every token keeps the span of the original text it covers, so differing tokens can be marked.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from termbase.arabic import ARTICLE, DEFINITE_PREFIXES, clitics_before_article
from termbase.langtags import same_language
from termbase.normalize import fold, fold_text

__all__ = ["TOKENIZATION_SCHEME", "Token", "is_arabic_tag", "split_clitic", "tokenize", "tokens"]

TOKENIZATION_SCHEME = "tm-words-1"
"""Name and version of the word tokenization; stored in every memory, which re-tokenizes on change."""

_WORD = re.compile(r"[^ ]+")
_CHAINS = sorted(DEFINITE_PREFIXES - {ARTICLE}, key=len, reverse=True)
_MIN_STEM = 2
_LOCAL = threading.local()


@dataclass(frozen=True, slots=True)
class Token:
    """A match token: its folded ``text`` and the ``[start, end)`` span of the original it covers."""

    text: str
    start: int
    end: int


def is_arabic_tag(lang: str | None) -> bool:
    """Whether a language tag names Arabic (``ar``, ``ar-EG`` …)."""
    return lang is not None and same_language(lang, "ar")


_CLITIC_LETTERS = frozenset(chain[0] for chain in _CHAINS)


@lru_cache(maxsize=1 << 17)
def split_clitic(word: str) -> tuple[str, str]:
    """``(clitics, rest)`` of a folded Arabic word: «والنفط» → («و», «النفط»), «للدول» → («ل», «الدول»).

    Only a chain glued to the article is split (``("", word)`` otherwise), and only when at least
    two letters follow the article.
    """
    if word[:1] not in _CLITIC_LETTERS:
        return "", word
    for chain in _CHAINS:
        if word.startswith(chain) and len(word) - len(chain) >= _MIN_STEM:
            return clitics_before_article(chain), ARTICLE + word[len(chain):]
    return "", word


def _moses() -> Any:
    moses = getattr(_LOCAL, "moses", None)
    if moses is None:
        from sacremoses import MosesTokenizer  # imported on first use: it takes ~0.3 s

        moses = _LOCAL.moses = MosesTokenizer(lang="en")
    return moses


def _arabic(text: str) -> list[Token]:
    folded = fold_text(text)
    found: list[Token] = []
    for match in _WORD.finditer(folded.folded):
        word, start = match.group(), match.start()
        clitics, rest = split_clitic(word)
        if clitics:
            a, b = folded.original_span(start, start + len(clitics))
            found.append(Token(clitics, a, b))
            start += len(word) - len(rest) if word.endswith(rest) else len(clitics)
            word = rest
        a, b = folded.original_span(start, match.end())
        found.append(Token(word, a, b))
    return found


@lru_cache(maxsize=1 << 17)
def _latin_key(piece: str) -> str:
    """The match token of a Moses piece: folded, inner separators dropped (memoized: words recur)."""
    return fold(piece).replace(" ", "")


def _latin(text: str) -> list[Token]:
    found: list[Token] = []
    position = 0
    for piece in _moses().tokenize(text, escape=False, aggressive_dash_splits=False):
        start = text.find(piece, position)
        if start < 0:
            continue
        position = start + len(piece)
        key = _latin_key(piece)
        if key:
            found.append(Token(key, start, position))
    return found


def tokenize(text: str, lang: str | None) -> list[Token]:
    """The match tokens of ``text`` in language ``lang`` (a BCP 47 tag), with original spans."""
    return _arabic(text) if is_arabic_tag(lang) else _latin(text)


def tokens(text: str, lang: str | None) -> list[str]:
    """The folded token texts of ``text`` (what matching compares); faster than :func:`tokenize` for Arabic."""
    if not is_arabic_tag(lang):
        return [token.text for token in _latin(text)]
    found: list[str] = []
    for word in fold(text).split():
        clitics, rest = split_clitic(word)
        if clitics:
            found.append(clitics)
        found.append(rest)
    return found

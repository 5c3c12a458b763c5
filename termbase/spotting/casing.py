"""Capital letters as evidence: an English proper name written in lower case is an ordinary word.

English capitalises names; a glossary name matched in a word written wholly in lower case, in a
text that capitalises other words, is the common word it spells: "the price of turkey" is the bird,
not Turkey; "china" on a dinner table is porcelain. Folding ignores case so that the index serves
every writing; this pass gives the case back its say. A text with no capital at all (typed in lower
case) tells nothing, and terms the glossary itself writes in lower case (oil, summit) are not names.

The other way round, a capital tells a name only where the style would not have capitalised the word
anyway: :func:`styled_line` says whether a line's capitals are its style's (a headline in Title Case
or in capitals), the one test of the name rules that read capitals (:mod:`names`, :mod:`embedded`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import islice

from termbase.langtags import primary_language
from termbase.matches import Hit
from termbase.model import PartOfSpeech
from termbase.normalize import fold

__all__ = ["BLANKS", "NAME_POS", "POSSESSIVE", "SENTENCE_END", "TITLE_CASE_MINOR_WORDS", "WORD", "line_at",
           "lower_case_names", "sentence_at", "styled_line", "without_possessive"]

NAME_POS = frozenset({PartOfSpeech.PROPER_NOUN, PartOfSpeech.ADJECTIVE})
"""Parts of speech whose capitalised glossary terms English writes capitalised (Turkey, Kazakh)."""
BLANKS = " \t\u00a0"
"""The blanks between the words of a line: space, tab and no-break space."""
POSSESSIVE = re.compile(r"['’]s?\Z")
"""An English possessive ending: 's, ’s, or the bare apostrophe of a plural."""


def without_possessive(word: str) -> str:
    """``word`` folded with its possessive ending dropped: Russia's gives russia."""
    return fold(POSSESSIVE.sub("", word))


TITLE_CASE_MINOR_WORDS = frozenset((
    "a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on",
    "per", "to", "up", "via", "vs", "with", "from", "into", "onto", "over", "upon", "than"))
"""Words that Title Case leaves in lower case: articles, coordinating conjunctions and short
prepositions (Chicago Manual of Style 8.159; AP capitalises the prepositions of four letters or more,
which is Title Case too). Any other word written in lower case makes a line sentence case."""
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
"""A word: letters, with an apostrophe or hyphen inside (Biden's, al-Sisi)."""
SENTENCE_END = re.compile(r"[.!?؟\n]+(?=\s|\Z)|\n")
"""The end of a sentence: its closing marks before a blank or the end of the text (not the point of
U.S. Army or of 3.5), or a line break."""


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` that holds ``text[start:end]`` (:data:`SENTENCE_END`)."""
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    after = SENTENCE_END.search(text, end)
    return text[left:after.start() if after else len(text)]


def lower_case_names(hits: Sequence[Hit], text: str, lang: str) -> list[Hit]:
    """``hits`` without English names written wholly in lower case in a text that uses capitals."""
    if primary_language(lang) != "en" or text.islower():
        return list(hits)
    return [hit for hit in hits if not _lower_case_name(hit)]


def _lower_case_name(hit: Hit) -> bool:
    term = hit.term
    return (term is not None and term.pos in NAME_POS and any(c.isupper() for c in term.text)
            and not any(c.isupper() for c in hit.text))


def styled_line(line: str, common: Callable[[str], bool]) -> bool:
    """Whether the capitals of ``line`` are its style's, not its words': the line is written in
    capitals throughout (a headline in capitals shows no more than one in Title Case), or in Title
    Case: every word after the first is capitalised but the minor words
    (:data:`TITLE_CASE_MINOR_WORDS`), and at least two of them are ``common`` words (words no name
    needs to be), so that a line of names alone ("Kazakh President Tokayev") is not taken for one."""
    if line.isupper():
        return True
    count = 0
    for word in islice(WORD.findall(line), 1, None):
        if not word[:1].isupper():
            if word.lower() not in TITLE_CASE_MINOR_WORDS:
                return False
            continue
        if common(word):
            count += 1
    return count >= 2


def line_at(text: str, at: int) -> str:
    """The line of ``text`` that holds the offset ``at``."""
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1:end if end >= 0 else len(text)]

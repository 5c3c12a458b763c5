"""Capital letters as evidence: an English proper name written in lower case is an ordinary word.

English capitalises names; a glossary name matched in a word written wholly in lower case, in a
text that capitalises other words, is the common word it spells: "the price of turkey" is the bird,
not Turkey; "china" on a dinner table is porcelain. Folding ignores case so that the index serves
every writing; this pass gives the case back its say. A text with no capital at all (typed in lower
case) tells nothing, and terms the glossary itself writes in lower case (oil, summit) are not names.
"""

from __future__ import annotations

from collections.abc import Sequence

from termbase.langtags import primary_language
from termbase.matches import Hit
from termbase.model import PartOfSpeech

__all__ = ["NAME_POS", "lower_case_names"]

NAME_POS = frozenset({PartOfSpeech.PROPER_NOUN, PartOfSpeech.ADJECTIVE})
"""Parts of speech whose capitalised glossary terms English writes capitalised (Turkey, Kazakh)."""


def lower_case_names(hits: Sequence[Hit], text: str, lang: str) -> list[Hit]:
    """``hits`` without English names written wholly in lower case in a text that uses capitals."""
    if primary_language(lang) != "en" or text.islower():
        return list(hits)
    return [hit for hit in hits if not _lower_case_name(hit)]


def _lower_case_name(hit: Hit) -> bool:
    term = hit.term
    return (term is not None and term.pos in NAME_POS and any(c.isupper() for c in term.text)
            and not any(c.isupper() for c in hit.text))

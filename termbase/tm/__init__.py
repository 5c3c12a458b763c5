"""Translation memory: segment pairs in SQLite, CAT-style fuzzy matches, concordance, term usage, TMX.

One module per concern: :mod:`~termbase.tm.store` (the SQLite file), :mod:`~termbase.tm.tokens`
(match tokens), :mod:`~termbase.tm.subword` (sentencepiece pieces), :mod:`~termbase.tm.scoring` (the
match % formula), :mod:`~termbase.tm.candidates` (the inverted index and count filter),
:mod:`~termbase.tm.memory` (retrieval), :mod:`~termbase.tm.alignment`,
:mod:`~termbase.tm.concordance`, :mod:`~termbase.tm.usage` and :mod:`~termbase.tm.interchange`
(TMX, TSV and PO files).
"""

from termbase.tm.memory import DEFAULT_MIN_SCORE, TmMatch, TranslationMemory
from termbase.tm.store import ImportResult, StoredSegment, Unit

__all__ = ["DEFAULT_MIN_SCORE", "ImportResult", "StoredSegment", "TmMatch", "TranslationMemory", "Unit"]

"""Text folding for Arabic and English: match keys and offset-preserving folded text."""

from termbase.normalize.folding import FOLDING_SCHEME, FoldedText, fold, fold_char, fold_text

__all__ = ["FOLDING_SCHEME", "FoldedText", "fold", "fold_char", "fold_text"]

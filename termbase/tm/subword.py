"""Subword tokenization for fuzzy matching: a sentencepiece model over folded text.

A model is either loaded from a user's ``.model`` file (an MT system's, for instance) or trained on
the memory's own sources. Small memories cannot fill a large vocabulary, so the requested size is
a ceiling (``hard_vocab_limit=False``) and shrinks with the text: :func:`vocabulary_size`. Text is
folded (:func:`termbase.normalize.fold`) before it is split into pieces, so pieces inherit the
folding of word mode; a loaded model sees folded text too.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from termbase.errors import InputError
from termbase.normalize import fold

__all__ = ["SubwordModel", "vocabulary_size"]

MAX_VOCABULARY = 8000
_WORD_BOUNDARY = "\u2581"


def vocabulary_size(sentences: int, characters: int) -> int:
    """Vocabulary ceiling for a training text: about one piece per 40 characters, 64 … 8000."""
    return max(64, min(MAX_VOCABULARY, characters // 40))


class SubwordModel:
    """A sentencepiece processor used to split folded text into match pieces."""

    def __init__(self, processor: Any, model: bytes) -> None:
        self._processor = processor
        self.model = model
        """The serialized model (what :meth:`save` writes)."""

    @classmethod
    def load(cls, path: str | Path) -> SubwordModel:
        """Load a sentencepiece ``.model`` file; :class:`InputError` when it is not one."""
        import sentencepiece as spm

        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read the subword model: {exc.strerror or exc}", path=path) from None
        processor = spm.SentencePieceProcessor()
        try:
            processor.LoadFromSerializedProto(data)
        except (RuntimeError, OSError) as exc:
            raise InputError(f"not a sentencepiece model: {exc}", path=path) from None
        return cls(processor, data)

    @classmethod
    def train(cls, sources: Iterable[str]) -> SubwordModel:
        """Train a unigram model on folded ``sources`` (deterministic: one thread, fixed seed order)."""
        import sentencepiece as spm

        sentences = [line for line in (fold(text).strip() for text in sources) if line]
        if not sentences:
            sentences = ["-"]
        size = vocabulary_size(len(sentences), sum(map(len, sentences)))
        buffer = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(sentences), model_writer=buffer, vocab_size=size,
            model_type="unigram", hard_vocab_limit=False, character_coverage=1.0,
            num_threads=1, minloglevel=2, shuffle_input_sentence=False, bos_id=-1, eos_id=-1,
        )
        processor = spm.SentencePieceProcessor()
        processor.LoadFromSerializedProto(buffer.getvalue())
        return cls(processor, buffer.getvalue())

    @property
    def vocabulary(self) -> int:
        """The number of pieces of the model."""
        return int(self._processor.GetPieceSize())

    def save(self, path: str | Path) -> None:
        """Write the model to ``path`` (a ``.model`` file sentencepiece tools read)."""
        from termbase.textio import atomic_write_bytes

        atomic_write_bytes(path, self.model)

    def pieces(self, text: str) -> list[str]:
        """The pieces of folded ``text``; a bare word-boundary piece is dropped."""
        found: list[str] = self._processor.EncodeAsPieces(fold(text))
        return [piece for piece in found if piece != _WORD_BOUNDARY]

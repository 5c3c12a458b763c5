"""Subword mode: sentencepiece pieces trained on the memory itself, or loaded from a .model file."""

from __future__ import annotations

from pathlib import Path

import pytest

from termbase.errors import InputError
from termbase.tm.memory import TranslationMemory
from termbase.tm.store import Unit
from termbase.tm.subword import SubwordModel, vocabulary_size


@pytest.fixture
def subword_memory(tmp_path: Path, seed_pairs: list[tuple[str, str]]) -> TranslationMemory:
    memory = TranslationMemory(tmp_path / "sub.tm", tokenization="subword")
    memory.add_units(Unit(ar, en, document="seed", position=i) for i, (ar, en) in enumerate(seed_pairs))
    return memory


def test_small_memories_get_a_small_vocabulary() -> None:
    assert vocabulary_size(12, 2_500) == 64
    assert vocabulary_size(10_000, 1_000_000) == 8000
    assert vocabulary_size(1_000, 80_000) == 2000


def test_subword_retrieval_finds_the_edited_sentence(subword_memory: TranslationMemory,
                                                     seed_pairs: list[tuple[str, str]]) -> None:
    for number, (source, target) in enumerate(seed_pairs):
        words = source.split()
        edited = " ".join(words[:2] + ["و" + words[2]] + words[3:])  # a clitic glued on
        best = subword_memory.search(edited, limit=1, min_score=30)
        assert best and best[0].segment.target == target, number
        assert subword_memory.search(source, limit=1)[0].score == 100


def test_a_saved_model_is_loaded_and_gives_the_same_pieces(subword_memory: TranslationMemory, tmp_path: Path,
                                                           seed_pairs: list[tuple[str, str]]) -> None:
    model = SubwordModel.train(ar for ar, _ in seed_pairs)
    path = tmp_path / "news.model"
    model.save(path)
    loaded = SubwordModel.load(path)
    assert loaded.pieces(seed_pairs[3][0]) == model.pieces(seed_pairs[3][0])
    assert loaded.vocabulary == model.vocabulary <= vocabulary_size(12, sum(len(ar) for ar, _ in seed_pairs))
    with TranslationMemory(subword_memory.path, tokenization="subword", subword_model=path) as memory:
        assert memory.search(seed_pairs[3][0], limit=1)[0].score == 100


def test_a_file_that_is_no_model_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.model"
    path.write_bytes(b"this is not a protobuf")
    with pytest.raises(InputError, match="bad.model"):
        SubwordModel.load(path)

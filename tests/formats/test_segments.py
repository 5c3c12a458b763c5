"""Segment and Origin values, and the exports of termbase.formats."""

from __future__ import annotations

import dataclasses
import importlib

import pytest

import termbase.formats
from termbase.formats import Origin, Segment


def test_segment_is_a_frozen_value() -> None:
    segment = Segment("L1", "مجلس الأمن", "Security Council", "ar", "en", Origin("a.txt", 1, "line 1"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        segment.target = "x"  # type: ignore[misc]
    assert segment == Segment("L1", "مجلس الأمن", "Security Council", "ar", "en", Origin("a.txt", 1, "line 1"))
    assert not hasattr(segment, "__dict__")  # slots
    assert (segment.note, segment.context, segment.state, segment.fuzzy) == (None, None, None, False)


@pytest.mark.parametrize(("origin", "text"), [
    (Origin("news.po", 12, "entry 3"), "news.po, line 12, entry 3"),
    (Origin(None, None, "pair 2"), "<input>, pair 2"),
    (Origin(), "<input>"),
])
def test_origin_text(origin: Origin, text: str) -> None:
    assert str(origin) == text


def test_exports_are_sorted_and_complete() -> None:
    exported = termbase.formats.__all__
    assert exported == sorted(exported)
    for name in ("aligned", "po", "segments", "xliff", "xmlsafe"):
        module = importlib.import_module(f"termbase.formats.{name}")
        public = {n for n in module.__all__ if not n.isupper()}
        assert public <= set(exported), (name, public - set(exported))
    assert all(hasattr(termbase.formats, name) for name in exported)

"""The common value every format reader returns: a :class:`Segment` with its :class:`Origin`."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Origin", "Segment"]


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a segment comes from: file path, 1-based line and element (entry, unit, row …)."""

    path: str | None = None
    line: int | None = None
    element: str | None = None

    def __str__(self) -> str:
        parts = [str(self.path) if self.path is not None else "<input>"]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.element:
            parts.append(self.element)
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Segment:
    """One source text and its translation, as plain text.

    ``source`` and ``target`` are the text content: XLIFF inline codes are removed (the text
    inside ``<g>``, ``<pc>`` and ``<mrk>`` is kept, placeholders and native code are dropped),
    so spans reported by checks are offsets into these strings. An absent or empty translation
    is ``target == ""``. ``id`` is unique within one reader's result.

    ``note`` holds notes and extracted or translator comments, ``context`` a PO ``msgctxt`` or
    an XLIFF ``resname``/``name``, ``state`` an XLIFF ``state`` attribute and ``fuzzy`` the PO
    ``fuzzy`` flag.
    """

    id: str
    source: str
    target: str
    source_lang: str | None = None
    target_lang: str | None = None
    origin: Origin = Origin()
    note: str | None = None
    context: str | None = None
    state: str | None = None
    fuzzy: bool = False

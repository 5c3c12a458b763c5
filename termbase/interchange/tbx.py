"""TBX v3 (ISO 30042:2019), TBX-Basic dialect: written DCA style, read DCA and DCT.

Reading streams the file through :func:`termbase.formats.xmlsafe.iterparse_xml`, one
``conceptEntry`` at a time, so a large file needs memory for its concepts, not for its XML tree.
Each entry is checked as it is read: the core structure (one ``term`` first in each ``termSec``,
data categories declared, nothing out of place) and the TBX-Basic rules (data categories,
levels, picklists, external references as URLs, internal ones naming an element of the file);
an error names the file, the line, the element and the rule. Both namespaces are read:
``urn:iso:std:iso:30042:ed-2`` and the early ``urn:iso:std:iso:30042:ed:3.0``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from termbase.interchange import _tbx
from termbase.interchange.base import InterchangeFormat, select_languages
from termbase.model import Concept, Glossary

__all__ = ["NAMESPACE", "NAMESPACES", "TbxFormat", "iter_tbx_concepts"]

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
NAMESPACES = (NAMESPACE, "urn:iso:std:iso:30042:ed:3.0")
"""The namespace termbase writes, and every one it reads (the early drafts used ``ed:3.0``)."""

_SHAPES = {namespace: _tbx.Shape(namespace, "conceptEntry", "langSec", ("termSec",)) for namespace in NAMESPACES}
VERSION = _tbx.Version("TBX v3", "tbx", "tbxHeader", _SHAPES)


def iter_tbx_concepts(source: str | Path | bytes | BinaryIO, path: str | None = None) -> Iterator[Concept]:
    """Stream the concepts of a TBX v3 file one by one (memory for one entry at a time)."""
    return _tbx.iter_concepts(source, VERSION, path)


class TbxFormat(InterchangeFormat):
    """TBX v3, TBX-Basic (DCA written; DCA and DCT read)."""

    name = "tbx"
    extensions = (".tbx",)

    def read(self, data: bytes, path: str) -> Glossary:
        return _tbx.read_glossary(data, path, VERSION)

    def write(self, glossaries: Sequence[Glossary], *, langs: Sequence[str] | None = None) -> bytes:
        """Glossaries as one TBX-Basic v3 file, DCA style (the header names every glossary)."""
        chosen = select_languages(glossaries, langs)
        shape = _SHAPES[NAMESPACE]
        root = etree.Element(shape.q("tbx"), {"type": "TBX-Basic", "style": "dca"}, nsmap={None: NAMESPACE})
        root.set(_tbx.XML_LANG, langs[0] if langs else "en")
        header = etree.SubElement(root, shape.q("tbxHeader"))
        body = etree.SubElement(etree.SubElement(root, shape.q("text")), shape.q("body"))
        return _tbx.write_document(root, header, body, shape, chosen)

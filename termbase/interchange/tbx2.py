"""TBX v2 (ISO 30042:2008, ``martif``), TBX-Basic: read (``tig`` and ``ntig``) and written (``tig``).

The open tools (translate-toolkit, Pontoon, Weblate) read only this version. It carries the same
data categories as v3 and ``properNoun`` as a part of speech; a status or term type TBX-Basic has
no value for is written as its nearest value plus a ``termbase:`` note after the term notes.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from termbase.interchange import _tbx
from termbase.interchange.base import InterchangeFormat, select_languages
from termbase.model import Glossary

__all__ = ["DOCTYPE", "Tbx2Format"]

DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
"""The DOCTYPE TBX-Basic v2 files carry (it names the DTD; readers need not load it)."""

_SHAPE = _tbx.Shape("", "termEntry", "langSet", ("tig", "ntig"), pos_values=frozenset({"properNoun"}),
                    grouped_refinements=False, url_targets=False, typed_paragraphs=False)
VERSION = _tbx.Version("TBX v2", "martif", "martifHeader", {"": _SHAPE})


class Tbx2Format(InterchangeFormat):
    """TBX v2 (``martif``), TBX-Basic."""

    name = "tbx2"
    extensions = (".tbx",)

    def read(self, data: bytes, path: str) -> Glossary:
        return _tbx.read_glossary(data, path, VERSION)

    def write(self, glossaries: Sequence[Glossary], *, langs: Sequence[str] | None = None) -> bytes:
        chosen = select_languages(glossaries, langs)
        root = etree.Element("martif", {"type": "TBX-Basic"})
        root.set(_tbx.XML_LANG, langs[0] if langs else "en")
        header = etree.SubElement(root, "martifHeader")
        body = etree.SubElement(etree.SubElement(root, "text"), "body")
        return _tbx.write_document(root, header, body, _SHAPE, chosen, doctype=DOCTYPE)

"""TMX 1.4b: reading translation units (UTF-8, UTF-16, BOM or not) and writing them back.

Reading goes through :mod:`termbase.formats.xmlsafe` (no DTD is ever loaded, no entity expanded);
:func:`_elements` is the one place that parses, yielding the header and then each ``<tu>``, so that
a streaming parser can replace it without touching the rest. A variant (``<tuv>``) keeps both its
plain text (native codes ``bpt ept it ph ut`` and their ``sub`` flows left out, the text of ``hi``
kept) and its inline markup (the XML content of ``<seg>``), which :func:`write_tmx` writes back as
it was. Structural errors name the file, the line and the element.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from termbase.errors import FormatError
from termbase.formats.segments import Origin, Segment
from termbase.formats.xmlsafe import iterparse_xml, parse_xml
from termbase.langtags import LanguageTagError, parse_tag, primary_language

__all__ = [
    "TmxUnit",
    "TmxVariant",
    "iter_tmx",
    "markup_text",
    "read_tmx_segments",
    "tmx_date",
    "write_tmx",
]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INLINE = frozenset({"bpt", "ept", "it", "ph", "hi", "ut", "sub"})
_NATIVE = frozenset({"bpt", "ept", "it", "ph", "ut"})
PROP_DOCUMENT = "x-termbase-document"
PROP_POSITION = "x-termbase-position"
PROP_ORIGIN = "x-termbase-origin"


@dataclass(frozen=True, slots=True)
class TmxVariant:
    """One ``<tuv>``: language (BCP 47 casing), plain text, inline markup, creation date and author."""

    lang: str
    text: str
    markup: str
    line: int | None
    date: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class TmxUnit:
    """One ``<tu>``: its variants, the source language, id, properties and 1-based line."""

    variants: tuple[TmxVariant, ...]
    srclang: str
    tuid: str | None
    line: int | None
    position: int
    props: tuple[tuple[str, str], ...] = ()
    date: str | None = None
    author: str | None = None

    def source(self) -> TmxVariant:
        """The variant in the source language (the first one when none is)."""
        wanted = self.srclang.lower()
        for variant in self.variants:
            if variant.lang.lower() == wanted:
                return variant
        for variant in self.variants:
            if primary_language(variant.lang) == primary_language(wanted):
                return variant
        return self.variants[0]

    def prop(self, kind: str) -> str | None:
        """The first property of type ``kind``."""
        return next((value for name, value in self.props if name == kind), None)


def _language(tag: str, path: str | Path, line: int | None, element: str) -> str:
    """``tag`` in BCP 47 casing (TMX tags compare case-insensitively: ``eN-uS`` is ``en-US``)."""
    try:
        return parse_tag(tag.strip()).tag
    except LanguageTagError as exc:
        raise FormatError(str(exc), path=path, line=line, element=element) from None


def tmx_date(value: str | None) -> str | None:
    """A TMX date ``YYYYMMDDThhmmssZ`` as ISO 8601 (``2002-05-23T09:12:00Z``); other text unchanged."""
    if value and len(value) == 16 and value[8] == "T" and value.endswith("Z") and value[:8].isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:8]}T{value[9:11]}:{value[11:13]}:{value[13:15]}Z"
    return value


def _to_tmx_date(value: str | None) -> str | None:
    if value and len(value) == 20 and value[4] == "-" and value[10] == "T":
        return value[:4] + value[5:7] + value[8:10] + "T" + value[11:13] + value[14:16] + value[17:19] + "Z"
    return None


def _name(element: etree._Element) -> str:
    return element.tag if isinstance(element.tag, str) else ""


def _plain(element: etree._Element) -> str:
    """Text content of a ``<seg>`` or ``<hi>``: native codes left out, highlighted text kept."""
    parts = [element.text or ""]
    for child in element:
        name = _name(child)
        if name == "hi":
            parts.append(_plain(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _check_inline(element: etree._Element, path: str | Path) -> None:
    for child in element.iter():
        if child is element or not isinstance(child.tag, str):
            continue
        if child.tag not in _INLINE:
            raise FormatError(f"<{child.tag}> is not TMX inline markup (bpt, ept, it, ph, hi, ut, sub)",
                              path=path, line=child.sourceline, element=f"<{child.tag}>")


def _markup(seg: etree._Element) -> str:
    parts = [escape(seg.text or "")]
    for child in seg:
        if isinstance(child.tag, str):
            parts.append(etree.tostring(child, encoding="unicode", with_tail=False))
        parts.append(escape(child.tail or ""))
    return "".join(parts)


def markup_text(markup: str) -> str:
    """The plain text of stored inline markup (what :class:`TmxVariant` ``text`` holds)."""
    return _plain(_seg(markup))


def _seg(markup: str) -> etree._Element:
    return parse_xml(f"<seg>{markup}</seg>".encode(), "<markup>").getroot()


def _elements(path: str | Path) -> Iterator[etree._Element]:
    """The ``<header>`` and then every ``<tu>`` of a TMX file, streamed (bounded memory)."""
    label = "<stdin>" if str(path) == "-" else path
    first = True
    for element in iterparse_xml(path, ("header", "tu"), path=label):
        if first:
            root = element.getroottree().getroot()
            if _name(root) != "tmx":
                raise FormatError(f"root element is <{_name(root)}>, not <tmx>", path=label,
                                  line=root.sourceline, element=f"<{_name(root)}>")
            if _name(element) != "header":
                raise FormatError("<tmx> has no <header> before its units", path=label,
                                  line=element.sourceline, element=f"<{_name(element)}>")
            first = False
        elif element.tag == "header":
            raise FormatError("a second <header>", path=label, line=element.sourceline, element="<header>")
        yield element
    if first:
        raise FormatError("no <tmx><header>: not a TMX document", path=label, line=1, element="<tmx>")


def _variant(tuv: etree._Element, path: str | Path) -> TmxVariant:
    lang = tuv.get(XML_LANG) or tuv.get("lang")
    if not lang:
        raise FormatError("<tuv> has no xml:lang", path=path, line=tuv.sourceline, element="<tuv>")
    segs = [child for child in tuv if _name(child) == "seg"]
    if len(segs) != 1:
        raise FormatError(f"<tuv> needs exactly one <seg>, has {len(segs)}", path=path, line=tuv.sourceline,
                          element="<tuv>")
    seg = segs[0]
    _check_inline(seg, path)
    return TmxVariant(_language(lang, path, tuv.sourceline, "<tuv>"), _plain(seg), _markup(seg), seg.sourceline,
                      tmx_date(tuv.get("creationdate")), tuv.get("creationid"))


def iter_tmx(path: str | Path) -> Iterator[TmxUnit]:
    """Every ``<tu>`` of a TMX file, in order; :class:`FormatError` at the first malformed one."""
    label = "<stdin>" if str(path) == "-" else path
    elements = _elements(path)
    header = next(elements)
    default_source = header.get("srclang") or "*all*"
    header_line = header.sourceline
    for position, tu in enumerate(elements):
        variants = tuple(_variant(tuv, label) for tuv in tu if _name(tuv) == "tuv")
        if not variants:
            raise FormatError("<tu> has no <tuv>", path=label, line=tu.sourceline, element="<tu>")
        srclang = tu.get("srclang") or default_source
        if srclang == "*all*":
            srclang = variants[0].lang
        props = tuple((prop.get("type") or "", prop.text or "") for prop in tu if _name(prop) == "prop")
        line = tu.sourceline if tu.get("srclang") else header_line
        yield TmxUnit(variants, _language(srclang, label, line, "<tu>" if tu.get("srclang") else "<header>"), tu.get("tuid"), tu.sourceline, position, props,
                      tmx_date(tu.get("creationdate")), tu.get("creationid"))


def read_tmx_segments(
    path: str | Path, *, source_lang: str | None = None, target_lang: str | None = None,
) -> list[Segment]:
    """One :class:`Segment` per ``<tu>`` for checking: its source variant and one target variant.

    The target is the first variant in ``target_lang`` (primary subtag) when given, else the first
    variant that is not the source; a unit with no such variant gives an empty target. Ids are
    the ``tuid`` or ``tu<n>``.
    """
    segments: list[Segment] = []
    label = "<stdin>" if str(path) == "-" else str(path)
    for unit in iter_tmx(path):
        source = unit.source() if source_lang is None else next(
            (v for v in unit.variants if primary_language(v.lang) == primary_language(source_lang)),
            unit.source(),
        )
        others = [v for v in unit.variants if v is not source]
        if target_lang is not None:
            others = [v for v in others if primary_language(v.lang) == primary_language(target_lang)]
        target = others[0] if others else None
        segments.append(Segment(
            id=unit.tuid or f"tu{unit.position + 1}", source=source.text, target=target.text if target else "",
            source_lang=source.lang, target_lang=target.lang if target else target_lang,
            origin=Origin(label, unit.line, "<tu>"),
        ))
    return segments


def write_tmx(
    path: str | Path,
    units: Iterable[TmxUnit],
    *,
    encoding: str = "UTF-8",
    srclang: str = "*all*",
    tool_version: str = "0",
) -> int:
    """Write ``units`` as a TMX 1.4b document (atomically); returns the number of ``<tu>`` written.

    ``encoding`` is ``UTF-8`` or ``UTF-16``. Variants are written with their inline markup.
    """
    from termbase.textio import atomic_write_bytes

    if encoding.upper() not in ("UTF-8", "UTF-16"):
        raise ValueError("TMX is written in UTF-8 or UTF-16")
    buffer = io.BytesIO()
    count = 0
    with etree.xmlfile(buffer, encoding=encoding.upper()) as xf:
        xf.write_declaration()
        xf.write_doctype('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
        with xf.element("tmx", version="1.4"):
            xf.write(etree.Element("header", {
                "creationtool": "termbase", "creationtoolversion": tool_version, "segtype": "sentence",
                "o-tmf": "termbase", "adminlang": "en", "srclang": srclang, "datatype": "plaintext",
            }))
            with xf.element("body"):
                for unit in units:
                    xf.write(_tu_element(unit))
                    count += 1
    atomic_write_bytes(path, buffer.getvalue())
    return count


def _tu_element(unit: TmxUnit) -> etree._Element:
    tu = etree.Element("tu")
    if unit.tuid:
        tu.set("tuid", unit.tuid)
    tu.set("srclang", unit.srclang)
    date = _to_tmx_date(unit.date)
    if date:
        tu.set("creationdate", date)
    if unit.author:
        tu.set("creationid", unit.author)
    for kind, value in unit.props:
        prop = etree.SubElement(tu, "prop", type=kind)
        prop.text = value
    for variant in unit.variants:
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: variant.lang})
        tuv.append(_seg(variant.markup))
    return tu

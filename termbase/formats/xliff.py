"""XLIFF 1.x (1.0, 1.1, 1.2) and 2.x readers: units and segments as :class:`Segment` values.

XLIFF 1.x: each ``trans-unit`` is a segment (``<source>``/``<target>``); when it has a
``<seg-source>`` with ``<mrk mtype="seg">`` markers, each marker is a segment, matched with the
target marker of the same ``mid``. Languages come from ``file/@source-language`` and
``@target-language`` (an ``xml:lang`` on source/target wins).

XLIFF 2.x: each ``unit/segment`` is a segment; ``<ignorable>`` is skipped. Languages come from
``xliff/@srcLang`` and ``@trgLang`` (a ``xml:lang`` on ``<target>`` wins).

Ids: the unit id, ``<unit>/<segment id>`` (2.x segment ``id``, 1.x ``mid``) when the segment has
an id, ``<unit>#<n>`` (1-based) for the n-th of several segments without one. When a document has
several ``<file>`` elements every id is prefixed with ``<file id or original>:``. Duplicate ids
are a :class:`FormatError`. Units and trans-units with ``translate="no"`` (also inherited from
``group``/``file``) are skipped.

Text content: the text of ``<g>``/``<pc>``/``<mrk>`` is kept; placeholders and native codes
(``<x/>``, ``<bx/>``, ``<ex/>``, ``<ph>``, ``<bpt>``, ``<ept>``, ``<it>``, ``<sc/>``, ``<ec/>``,
``<sm/>``, ``<em/>``) are dropped with their content (a ``<sub>`` inside native code is a separate
flow, dropped too); ``<cp hex="…"/>`` becomes its character; elements of other namespaces keep
their text. Whitespace is kept as it is in the file.

Languages are BCP 47 tags, validated per file and per unit (a malformed one is a
:class:`FormatError` naming the attribute) and given in their conventional case (``EN-us`` ->
``en-US``); a language the file does not state is ``None``, never guessed.

An empty file is a :class:`FormatError` (XML needs a root element); a document without units
gives an empty list.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from lxml import etree

from termbase.errors import FormatError, TextDecodingError
from termbase.formats._files import read_bytes
from termbase.formats.segments import Origin, Segment
from termbase.formats.xmlsafe import parse_xml
from termbase.langtags import LanguageTagError, parse_tag

__all__ = ["XLIFF_1_2_NS", "XLIFF_2_NS", "parse_xliff", "read_xliff", "replace_xliff_targets", "xliff_text"]

XLIFF_1_2_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_2_NS = "urn:oasis:names:tc:xliff:document:2.0"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_DECLARED = re.compile(r"""<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_SIGNATURES = (  # (first bytes, the encoding they are written in): a BOM, or '<?' without one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
    (b"<\x00\x00\x00", "utf-32"), (b"\x00\x00\x00<", "utf-32"), (b"<\x00?\x00", "utf-16"), (b"\x00<\x00?", "utf-16"),
)

#: Inline elements whose content is translatable text (kept), per version.
_KEEP_1 = frozenset({"g", "mrk"})
_KEEP_2 = frozenset({"pc", "mrk"})


def _local(element: etree._Element) -> tuple[str | None, str]:
    qname = etree.QName(element)
    return qname.namespace, qname.localname


def xliff_text(element: etree._Element, *, version: int = 2, path: str | Path | None = None) -> str:
    """The text content of a ``<source>``/``<target>`` (or marker) element, inline codes removed.

    ``version`` is the XLIFF major version (1 or 2): it selects which inline elements keep
    their text. Raises :class:`FormatError` for a ``<cp>`` with an invalid ``hex``.
    """
    keep = _KEEP_1 if version == 1 else _KEEP_2
    xliff_ns = _local(element)[0]
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                namespace, name = _local(child)
                if namespace != xliff_ns:
                    walk(child)
                elif name in keep:
                    walk(child)
                elif name == "cp" and version != 1:
                    parts.append(_code_point(child, path))
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def _code_point(element: etree._Element, path: str | Path | None) -> str:
    value = element.get("hex", "")
    try:
        code = int(value, 16)
    except ValueError:
        code = -1
    if not 0 <= code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise FormatError(f"<cp> has an invalid hex value {value!r}",
                          path=path, line=element.sourceline, element="cp")
    return chr(code)


class _Reader:
    """State of one document read: path, namespace, ids seen and the segments found."""

    def __init__(self, root: etree._Element, path: str | Path) -> None:
        self.root = root
        self.path = str(path)
        self.ns = etree.QName(root).namespace
        self.seen: dict[str, int | None] = {}
        self.segments: list[Segment] = []

    def tag(self, name: str) -> str:
        return f"{{{self.ns}}}{name}" if self.ns else name

    def child(self, element: etree._Element, name: str) -> etree._Element | None:
        return element.find(self.tag(name))

    def error(self, detail: str, element: etree._Element, where: str) -> FormatError:
        return FormatError(detail, path=self.path, line=element.sourceline, element=where)

    def language(self, element: etree._Element | None, attribute: str, inherited: str | None = None) -> str | None:
        """The BCP 47 tag of ``attribute`` on ``element`` in its conventional case (``EN-us`` ->
        ``en-US``), else ``inherited``; :class:`FormatError` naming the attribute when malformed."""
        if element is None or element.get(attribute) is None:
            return inherited
        try:
            return parse_tag(element.get(attribute, "").strip()).tag
        except LanguageTagError as exc:
            name = "xml:lang" if attribute == _XML_LANG else attribute
            raise self.error(str(exc), element, f"{_local(element)[1]}/@{name}") from None

    def add(self, segment: Segment, element: etree._Element) -> None:
        if segment.id in self.seen:
            raise self.error(
                f"duplicate segment id {segment.id!r} (first at line {self.seen[segment.id]})",
                element, segment.origin.element or "",
            )
        self.seen[segment.id] = element.sourceline
        self.segments.append(segment)

    def translatable(self, element: etree._Element, stop: etree._Element) -> bool:
        node: etree._Element | None = element
        while node is not None:
            value = node.get("translate")
            if value is not None:
                return value != "no"
            if node is stop:
                break
            node = node.getparent()
        return True

    def units(self, file: etree._Element, name: str) -> Iterator[tuple[etree._Element, str, str]]:
        """Each translatable unit (``trans-unit`` or ``unit``) of ``file``, its id and where it is;
        raises :class:`FormatError` for a unit without an id."""
        for unit in file.iter(self.tag(name)):
            unit_id = unit.get("id")
            where = f"{name}[@id={unit_id!r}]" if unit_id else name
            if not unit_id:
                raise self.error(f"{name} without an id", unit, where)
            if self.translatable(unit, file):
                yield unit, unit_id, where

    def files(self) -> Iterator[tuple[etree._Element, str]]:
        """Each ``<file>`` and the prefix of its segment ids."""
        files = list(self.root.iter(self.tag("file")))
        for number, file in enumerate(files, 1):
            if len(files) == 1:
                yield file, ""
            else:
                key = file.get("id") or file.get("original") or str(number)
                yield file, f"{key}:"


def _segment_id(unit_id: str, segment_id: str | None, position: int, count: int) -> str:
    if segment_id:
        return f"{unit_id}/{segment_id}"
    if count == 1:
        return unit_id
    return f"{unit_id}#{position}"


def _notes(reader: _Reader, element: etree._Element, container: str | None) -> str | None:
    parent = reader.child(element, container) if container else element
    if parent is None:
        return None
    texts = ["".join(note.itertext()).strip() for note in parent.findall(reader.tag("note"))]
    joined = "\n".join(text for text in texts if text)
    return joined or None


def _read_v1(reader: _Reader) -> None:
    for file, prefix in reader.files():
        source_lang = reader.language(file, "source-language")
        target_lang = reader.language(file, "target-language")
        for unit, unit_id, where in reader.units(file, "trans-unit"):
            source = reader.child(unit, "source")
            if source is None:
                raise reader.error("trans-unit without a <source>", unit, where)
            target = reader.child(unit, "target")
            template = Segment(
                id=prefix + unit_id,
                source="",
                target="",
                source_lang=reader.language(source, _XML_LANG, source_lang),
                target_lang=reader.language(target, _XML_LANG, target_lang),
                origin=Origin(reader.path, unit.sourceline, where),
                note=_notes(reader, unit, None),
                context=unit.get("resname"),
                state=target.get("state") if target is not None else None,
            )
            seg_source = reader.child(unit, "seg-source")
            markers = [] if seg_source is None else [
                mrk for mrk in seg_source.iter(reader.tag("mrk")) if mrk.get("mtype") == "seg"
            ]
            if not markers:
                segment = replace(
                    template,
                    source=xliff_text(source, version=1, path=reader.path),
                    target=xliff_text(target, version=1, path=reader.path) if target is not None else "",
                )
                reader.add(segment, unit)
                continue
            targets = {} if target is None else {
                mrk.get("mid"): mrk for mrk in target.iter(reader.tag("mrk")) if mrk.get("mtype") == "seg"
            }
            for position, mrk in enumerate(markers, 1):
                mid = mrk.get("mid")
                mrk_where = f"{where}/seg-source/mrk[@mid={mid!r}]"
                target_mrk = targets.get(mid)
                segment = replace(
                    template,
                    id=prefix + _segment_id(unit_id, mid, position, len(markers)),
                    source=xliff_text(mrk, version=1, path=reader.path),
                    target=xliff_text(target_mrk, version=1, path=reader.path) if target_mrk is not None else "",
                    origin=Origin(reader.path, mrk.sourceline, mrk_where),
                )
                reader.add(segment, mrk)


def _read_v2(reader: _Reader) -> None:
    source_lang = reader.language(reader.root, "srcLang")
    default_target_lang = reader.language(reader.root, "trgLang")
    for file, prefix in reader.files():
        for unit, unit_id, where in reader.units(file, "unit"):
            note = _notes(reader, unit, "notes")
            segments = list(unit.iterchildren(reader.tag("segment")))
            for position, segment_element in enumerate(segments, 1):
                segment_id = segment_element.get("id")
                seg_where = f"{where}/segment" + (f"[@id={segment_id!r}]" if segment_id else f"[{position}]")
                sources = segment_element.findall(reader.tag("source"))
                targets = segment_element.findall(reader.tag("target"))
                if len(sources) != 1 or len(targets) > 1:
                    raise reader.error(
                        f"a segment needs one <source> and at most one <target> "
                        f"(found {len(sources)} and {len(targets)})",
                        segment_element, seg_where,
                    )
                target = targets[0] if targets else None
                target_lang = reader.language(target, _XML_LANG, default_target_lang)
                segment = Segment(
                    id=prefix + _segment_id(unit_id, segment_id, position, len(segments)),
                    source=xliff_text(sources[0], version=2, path=reader.path),
                    target=xliff_text(target, version=2, path=reader.path) if target is not None else "",
                    source_lang=reader.language(sources[0], _XML_LANG, source_lang),
                    target_lang=target_lang,
                    origin=Origin(reader.path, segment_element.sourceline, seg_where),
                    note=note,
                    context=unit.get("name"),
                    state=segment_element.get("state"),
                )
                reader.add(segment, segment_element)
            for ignorable in unit.iterchildren(reader.tag("ignorable")):
                if len(ignorable.findall(reader.tag("source"))) != 1:
                    raise reader.error("an <ignorable> needs one <source>", ignorable, f"{where}/ignorable")


def _family(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    return "utf-16" if name.startswith("utf-16") else "utf-32" if name.startswith("utf-32") else name


def _check_declared_encoding(data: bytes, path: str | Path) -> None:
    """Refuse an XML declaration that the bytes contradict: a BOM or a UTF-16/32 byte pattern of
    another encoding, or a legacy single-byte encoding declared over UTF-8 bytes (é would be read
    as Ã©). The parser would otherwise read the wrong characters without a word."""
    written = next((name for signature, name in _SIGNATURES if data.startswith(signature)), None)
    head = data[:1024]
    little = head.startswith((codecs.BOM_UTF16_LE, b"<\x00"))  # also the UTF-32 LE BOM and pattern
    codec = {"utf-16": "utf-16-le" if little else "utf-16-be",
             "utf-32": "utf-32-le" if little else "utf-32-be"}.get(written or "", "latin-1")
    prolog = head[:len(head) - len(head) % 4].decode(codec, errors="replace")
    declared = _DECLARED.search(prolog)
    if declared is None:
        return
    try:
        family = _family(declared.group(1))
    except LookupError:
        return  # the parser names an unknown encoding itself
    if written is not None and family != written:
        raise TextDecodingError(
            f"the XML declaration says encoding={declared.group(1)!r} but the bytes are {written.upper()}"
            + (" (a byte order mark)" if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
               else ""), path=path, line=1, element="<?xml?>")
    if written is None and family in ("utf-16", "utf-32"):
        raise TextDecodingError(
            f"the XML declaration says encoding={declared.group(1)!r} but the bytes are a single-byte "
            "encoding or UTF-8 (no byte order mark, no zero bytes)", path=path, line=1, element="<?xml?>")
    if written is None and family not in ("utf-8", "ascii") and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return
        raise TextDecodingError(
            f"the XML declaration says encoding={declared.group(1)!r} but the bytes are UTF-8 (its "
            "non-ASCII characters would be read wrongly); correct the declaration", path=path, line=1,
            element="<?xml?>")


def parse_xliff(data: bytes, path: str | Path = "<input>") -> list[Segment]:
    """Read the segments of an XLIFF 1.x or 2.x document given as bytes.

    Raises :class:`FormatError` for malformed XML, a root that is not ``<xliff>``, an unknown
    version, a unit without id or source, or duplicate segment ids.
    """
    _check_declared_encoding(data, path)
    root = parse_xml(data, path).getroot()
    namespace, name = _local(root)
    if name != "xliff":
        raise FormatError(f"not an XLIFF document: the root element is <{name}>",
                          path=path, line=root.sourceline, element=name)
    version = root.get("version", "")
    reader = _Reader(root, path)
    if namespace == XLIFF_2_NS or version.startswith("2."):
        _read_v2(reader)
    elif namespace in (None, XLIFF_1_2_NS) or (namespace or "").startswith("urn:oasis:names:tc:xliff:document:1.") \
            or version.startswith("1."):
        _read_v1(reader)
    else:
        raise FormatError(f"unknown XLIFF version {version!r} (namespace {namespace!r})",
                          path=path, line=root.sourceline, element="xliff")
    return reader.segments


def read_xliff(path: str | Path) -> list[Segment]:
    """Read the segments of an XLIFF file (``-`` is standard input); see :func:`parse_xliff`."""
    return parse_xliff(read_bytes(path), "<stdin>" if str(path) == "-" else path)


_TARGET_START = re.compile(r"<(?:[\w.-]+:)?target(?:\s[^<>]*)?>")
_TARGET_END = re.compile(r"</(?:[\w.-]+:)?target\s*>")
_CONTAINER_END = re.compile(r"</(?:[\w.-]+:)?(?:segment|trans-unit)\s*>")
_REFERENCE = re.compile(r"&(?:#x[0-9A-Fa-f]+|#\d+|lt|gt|amp|quot|apos);")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


def _unreference(text: str) -> str:
    def one(match: re.Match[str]) -> str:
        name = match.group()[1:-1]
        if name.startswith("#x"):
            return chr(int(name[2:], 16))
        if name.startswith("#"):
            return chr(int(name[1:]))
        return _NAMED[name]
    return _REFERENCE.sub(one, text)


def replace_xliff_targets(data: bytes, segments: Sequence[Segment], targets: Mapping[str, str],
                          path: str | Path = "<input>") -> tuple[bytes, list[str]]:
    """XLIFF bytes with the ``<target>`` text of each segment id in ``targets`` replaced, and the
    ids left alone. Only a target that is plain text in a UTF-8 file is rewritten (its bytes
    between the tags, ``&``, ``<`` and ``>`` escaped); one with inline markup, a ``<mrk>``
    segment of XLIFF 1.2 or a file in another encoding is left as it is and its id returned:
    mapping a fix through markup could move a tag. Every other byte is kept."""
    bom, encoding = (codecs.BOM_UTF8, "utf-8") if data.startswith(codecs.BOM_UTF8) else (b"", "utf-8")
    declared = _DECLARED.search(data[:1024].decode("latin-1"))
    by_id = {segment.id: segment for segment in segments}
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
            declared is not None and _family(declared.group(1)) != "utf-8"):
        return data, sorted(targets)
    text = data[len(bom):].decode(encoding)
    starts = [0] + [n + 1 for n, char in enumerate(text) if char == "\n"]
    skipped: list[str] = []
    replacements: list[tuple[int, int, str]] = []
    for segment_id, new in targets.items():
        segment = by_id[segment_id]
        origin = segment.origin
        if origin.line is None or "/mrk[" in (origin.element or ""):
            skipped.append(segment_id)
            continue
        start = _TARGET_START.search(text, starts[origin.line - 1])
        end = _TARGET_END.search(text, start.end()) if start else None
        container = _CONTAINER_END.search(text, starts[origin.line - 1])
        if start is None or end is None or container is None or container.start() < start.start() \
                or start.group().endswith("/>"):
            skipped.append(segment_id)
            continue
        content = text[start.end():end.start()]
        if "<" in content or _unreference(content) != segment.target:
            skipped.append(segment_id)
            continue
        escaped = new.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        replacements.append((start.end(), end.start(), escaped))
    for begin, finish, escaped in sorted(replacements, reverse=True):
        text = text[:begin] + escaped + text[finish:]
    return bom + text.encode(encoding), sorted(skipped)

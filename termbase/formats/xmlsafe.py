"""The one safe XML layer of termbase: no entity expansion, no DTD loading, no network.

Every XML file termbase reads goes through :func:`parse_xml` (a whole tree) or
:func:`iterparse_xml` (a stream of elements in bounded memory, for large TBX and TMX files).
Both take bytes, so the encoding the document declares and its BOM decide how it is decoded.
The parser never loads a DTD, never touches the network and keeps libxml2's size and depth
limits (``huge_tree=False``). A DOCTYPE with an internal subset is refused with the file and the
line: internal entities are how entity bombs work ("billion laughs"), external and parameter
entities how files leak (``SYSTEM "file:///etc/passwd"``). A DOCTYPE that only names an external
DTD is accepted and the DTD is not read. A reference to an entity nobody declared is refused
too, since its text would be silently lost.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from termbase.errors import FormatError, InputError, TextDecodingError
from termbase.formats._files import read_bytes

__all__ = ["iterparse_xml", "parse_xml", "read_xml", "safe_xml_parser"]

_UTF16_32 = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_DOCTYPE = re.compile(r"<!DOCTYPE\b")
_ENTITY = re.compile(r"<!ENTITY\b")
_START_TAG = re.compile(r"<[^!?]")
_SUBSET = re.compile(r"<!DOCTYPE\s+[^\s>\[]+(?:\s+(?:SYSTEM|PUBLIC)(?:\s*(?:\"[^\"]*\"|'[^']*'))+)?\s*\[")
_PARSER_OPTIONS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "attribute_defaults": False,
    "huge_tree": False,
    "remove_blank_text": False,
}


def safe_xml_parser() -> etree.XMLParser:
    """A new hardened parser (parsers are not thread-safe, so make one per use)."""
    parser: etree.XMLParser = etree.XMLParser(**_PARSER_OPTIONS)
    return parser


def _prolog_text(data: bytes, limit: int = 1 << 16) -> str:
    """Decode the document's first ``limit`` bytes enough to see its markup (ASCII in every
    encoding lxml accepts) and count its lines."""
    head = data[:limit]
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                      (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(name, errors="replace")
    if head.startswith(b"<\x00\x00\x00"):
        return head.decode("utf-32-le", errors="replace")
    if head.startswith(b"\x00\x00\x00<"):
        return head.decode("utf-32-be", errors="replace")
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", errors="replace")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", errors="replace")
    return head.decode("latin-1")


def _refuse_internal_subset(data: bytes, path: str | Path) -> None:
    """Raise :class:`FormatError` when the DOCTYPE has an internal subset, at the line of its
    first ``<!ENTITY`` (or of the subset when it declares none)."""
    text = _prolog_text(data)
    doctype = _DOCTYPE.search(text)
    if doctype is None:
        return
    first_tag = _START_TAG.search(text, doctype.end())
    end = first_tag.start() if first_tag is not None else len(text)
    entity = _ENTITY.search(text, doctype.end(), end)
    if entity is not None:
        raise FormatError(
            "DOCTYPE declares an entity; entity declarations and internal DTD subsets are refused "
            "(entity expansion and external entities are unsafe)",
            path=path, line=text.count("\n", 0, entity.start()) + 1, element="<!ENTITY>",
        )
    subset = _SUBSET.match(text, doctype.start())
    if subset is not None:
        raise FormatError(
            "DOCTYPE has an internal DTD subset; internal subsets are refused (they can declare "
            "entities and attribute defaults)",
            path=path, line=text.count("\n", 0, subset.end()) + 1, element="<!DOCTYPE>",
        )


def _refuse_tree_dtd(tree: etree._ElementTree, path: str | Path, prolog: bytes) -> None:
    """The same refusal for a subset the prescan could not see (after a long prolog).

    ``prolog`` holds the document's bytes at least up to its root element, to tell the line.
    """
    dtd = tree.docinfo.internalDTD
    if dtd is None:
        return
    for declared in dtd.iterentities():
        raise FormatError(
            f"DOCTYPE declares entity {declared.name!r}; entity declarations are refused",
            path=path, line=_line_of(prolog, tree, "<!ENTITY"), element="<!ENTITY>",
        )
    if any(True for _ in dtd.iterelements()) or any(True for _ in dtd.elements()):
        raise FormatError("DOCTYPE has an internal DTD subset; internal subsets are refused",
                          path=path, line=_line_of(prolog, tree, "<!DOCTYPE"), element="<!DOCTYPE>")


def _line_of(prolog: bytes, tree: etree._ElementTree, declaration: str) -> int | None:
    """The line of the last ``declaration`` before the root element."""
    root_line = tree.getroot().sourceline
    text = _prolog_text(prolog, len(prolog))
    if root_line:
        text = "\n".join(text.split("\n", root_line)[:root_line])
    found = text.rfind(declaration)
    return text.count("\n", 0, found) + 1 if found >= 0 else root_line


def _syntax_error(exc: etree.XMLSyntaxError, path: str | Path) -> InputError:
    error = exc.error_log.last_error if exc.error_log else None
    message = error.message if error is not None else str(exc)
    line = exc.lineno if exc.lineno else None
    if error is not None and error.type_name in ("ERR_INVALID_ENCODING", "ERR_INVALID_CHAR") \
            and "encoding" in message.lower():
        return TextDecodingError(f"not valid text in the declared encoding: {message}", path=path, line=line)
    return FormatError(f"not well-formed XML: {message}", path=path, line=line)


def _refuse_entity_references(element: etree._Element, path: str | Path) -> None:
    for reference in element.iter(etree.Entity):
        name = reference.name if isinstance(reference, etree._Entity) else "?"
        raise FormatError(
            f"reference to undeclared entity &{name}; (its text cannot be read safely)",
            path=path, line=reference.sourceline, element=f"&{name};",
        )


def _looks_binary(data: bytes) -> bool:
    if b"\x00" not in data[:1 << 16]:
        return False
    return not (data.startswith(_UTF16_32) or data.startswith((b"<\x00", b"\x00<", b"\x00\x00\x00<")))


def parse_xml(data: bytes, path: str | Path = "<input>") -> etree._ElementTree:
    """Parse XML bytes safely (the document declares its own encoding).

    Raises :class:`TextDecodingError` for binary data or bytes invalid in the declared encoding,
    :class:`FormatError` (with path and line) for empty or malformed XML and for entity
    declarations or undeclared entity references.
    """
    _check_head(data, path)
    try:
        root = etree.fromstring(data, safe_xml_parser())
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None
    tree = root.getroottree()
    _refuse_tree_dtd(tree, path, data)
    _refuse_entity_references(root, path)
    return tree


def _check_head(head: bytes, path: str | Path) -> None:
    if not head.strip():
        raise FormatError("empty document: an XML file needs a root element", path=path, line=1)
    if _looks_binary(head):
        offset = head.index(b"\x00")
        raise TextDecodingError(
            f"binary data (NUL byte at offset {offset}); expected an XML document",
            path=path, line=head.count(b"\n", 0, offset) + 1,
        )
    _refuse_internal_subset(head, path)


def iterparse_xml(
    source: str | Path | bytes | BinaryIO,
    tags: Collection[str],
    *,
    path: str | Path | None = None,
) -> Iterator[etree._Element]:
    """Stream the elements named in ``tags`` (Clark names ``{ns}local``), each once it is complete.

    Memory stays bounded by the largest element, not the file: after the caller has moved on, the
    element is cleared and removed from its parent. The root is kept, with its attributes, so
    ``element.getroottree().getroot()`` still tells the document's language or version. ``source``
    is a path (``-`` is standard input), bytes or a binary file. The same refusals as
    :func:`parse_xml` apply; errors are raised while iterating, with path and line.
    """
    import sys

    shown: str | Path
    handle: BinaryIO
    close = False
    if isinstance(source, bytes):
        import io

        handle, shown = io.BytesIO(source), path or "<input>"
    elif isinstance(source, (str, Path)):
        if str(source) == "-":
            handle, shown = sys.stdin.buffer, path or "<stdin>"
        else:
            try:
                handle = open(source, "rb")  # noqa: SIM115 - closed below
            except OSError as exc:
                raise InputError(f"cannot read: {exc.strerror or exc}", path=source) from None
            shown, close = path or source, True
    else:
        handle, shown = source, path or str(getattr(source, "name", "<input>"))
    try:
        yield from _stream(handle, frozenset(tags), shown)
    finally:
        if close:
            handle.close()


class _Head:
    """A binary stream whose first bytes were read for the prescan and are handed out again.

    What it hands out is also kept (``kept``) until :meth:`forget` is called: the prolog, for the
    line of a declaration refused after parsing.
    """

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head, self._rest = head, rest
        self.kept: bytearray | None = bytearray()

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size < 0:
                data, self._head = self._head + self._rest.read(), b""
            else:
                data, self._head = self._head[:size], self._head[size:]
        else:
            data = self._rest.read(size)
        if self.kept is not None:
            self.kept += data
        return data

    def forget(self) -> None:
        """Stop keeping what is read (the root element has begun)."""
        self.kept = None


def _stream(handle: BinaryIO, tags: frozenset[str], path: str | Path) -> Iterator[etree._Element]:
    head = handle.read(1 << 16)
    _check_head(head, path)
    stream = _Head(head, handle)
    events = etree.iterparse(stream, events=("start", "end"), **_PARSER_OPTIONS)
    checked = False
    try:
        for event, element in events:
            if not checked:
                _refuse_tree_dtd(element.getroottree(), path, bytes(stream.kept or b""))
                stream.forget()
                checked = True
            if event != "end" or element.tag not in tags:
                continue
            _refuse_entity_references(element, path)
            yield element
            element.clear(keep_tail=False)
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
                parent.remove(element)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, path) from None


def read_xml(path: str | Path) -> etree._ElementTree:
    """Read and parse an XML file (``-`` is standard input) with :func:`parse_xml`."""
    return parse_xml(read_bytes(path), "<stdin>" if str(path) == "-" else path)

r"""Gettext PO files: read entries as segments (either direction) and write findings back.

Reading (:func:`read_po`): the caller says which language ``msgid`` is in (``msgid_lang``,
``"ar"`` or ``"en"``); ``source`` is always the msgid and ``target`` the msgstr. Each entry is
one segment with id ``"<n>"``, its 1-based position among the file's entries (header excluded);
an entry with ``msgid_plural`` gives one segment per plural form, ids ``"<n>[<form>]"`` (form 0
has the msgid as source, the others the msgid_plural). Obsolete (``#~``) entries are skipped,
fuzzy ones are skipped unless ``include_fuzzy=True``, untranslated ones are returned with an
empty target (the validator decides). An empty file, or one with only a header, gives ``[]``.

Files are decoded as msgfmt reads them: a BOM selects UTF-8/16/32, otherwise the charset the
header declares (``Content-Type: text/plain; charset=CP1256``), otherwise UTF-8; bytes invalid in
that encoding are a :class:`TextDecodingError` with the line. Lines end at ``\n`` only: a form
feed or U+2028 inside a string is text. What ``msgfmt --check`` refuses as fatal is a
:class:`FormatError` with the line msgfmt names: a malformed line, an invalid escape (``\q``), a
duplicate msgid (with the same msgctxt), ``msgstr[n]`` without ``msgid_plural``, plural indices
that do not run 0, 1, 2 …, a number of plural forms other than the header's ``nplurals``, a
msgctxt or msgid without what must follow it. Previous-msgid comments (``#|``, ``#~|``) are
comments.

Write-back (:func:`annotate_po`) edits the file as lines, not through ``polib.save()``: polib
re-wraps and re-orders lines, so the file is parsed with polib only to locate entries, then
``# termbase: …`` translator comments and a ``#, <flag>`` line are inserted into the comment
block of each entry with findings. Every other line keeps its bytes.
"""

from __future__ import annotations

import codecs
import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import polib

from termbase.errors import FormatError, TextDecodingError
from termbase.formats._files import read_bytes
from termbase.formats.segments import Origin, Segment
from termbase.textio import BOMS, atomic_write_bytes, read_text_bytes

__all__ = ["DEFAULT_FLAG", "annotate_po", "parse_po", "read_po", "replace_msgstrs"]

#: The flag :func:`annotate_po` adds to entries with findings.
DEFAULT_FLAG = "termbase-check"
#: The prefix of the translator comments :func:`annotate_po` writes (``# termbase: …``).
COMMENT_PREFIX = "termbase:"

_POLIB_ERROR = re.compile(r"\(line (\d+)\)(?::\s*(.*))?")
_STRING_LINE = re.compile(r'(?:(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*)?"(?:[^"\\]|\\.)*"')
_SEGMENT_ID = re.compile(r"(\d+)(?:\[(\d+)\])?")
_TRANSLATOR_COMMENT = re.compile(r"#(?:\s|$)")
_TERMBASE_COMMENT = re.compile(r"#\s*" + re.escape(COMMENT_PREFIX))
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s*\"")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\(?:[ntbrfva\\\"'?]|[0-7]{1,3}|x[0-9A-Fa-f]+)")
_BACKSLASH = re.compile(r"\\.")  # a backslash and the character it escapes, left to right
_ANY_ESCAPE = re.compile(r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+|.)")
_POLIB_ESCAPES = frozenset('ntr"\\')  # the escapes polib turns back itself
_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "v": "\v", "?": "?", "'": "'"}
_CHARSET = re.compile(rb'"Content-Type:[^"\n]*charset=([-A-Za-z0-9_.:]+)', re.IGNORECASE)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
# str.splitlines (and so polib) breaks lines at these, but in a PO file they are text inside a
# string: polib sees stand-ins (Unicode noncharacters) that the segments turn back.
_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_STAND_INS = "".join(chr(0xFDD0 + n) for n in range(len(_LINE_BREAKS)))
_HIDE = str.maketrans(_LINE_BREAKS, _STAND_INS)
_SHOW = str.maketrans(_STAND_INS, _LINE_BREAKS)


def _other_language(msgid_lang: str) -> str:
    if msgid_lang == "ar":
        return "en"
    if msgid_lang == "en":
        return "ar"
    raise ValueError(f"msgid_lang must be 'ar' or 'en', not {msgid_lang!r}")


def _lines(text: str, keepends: bool = False) -> list[str]:
    """The lines of PO text, split at ``\\n`` only (a CR before it stays with the line end)."""
    lines = text.split("\n")
    if keepends:
        lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    elif lines and lines[-1] == "":
        lines.pop()
    return lines


def _invalid(detail: str, path: str | Path, line: int) -> FormatError:
    return FormatError(f"invalid PO file: {detail}", path=path, line=line)


def _escaped_byte(token: str) -> int:
    """The value of an octal or hex escape (``\\101``, ``\\x41``); -1 for another escape."""
    if token[1] == "x":
        return int(token[2:], 16)
    return int(token[1:], 8) if token[1].isdigit() else -1


def _resolve_escape(match: re.Match[str]) -> str:
    """An escape polib leaves as it is (``\\101``, ``\\x41``, ``\\f``) as the character msgfmt
    reads, written so that polib keeps it (``"`` and ``\\`` stay escaped)."""
    token = match.group()
    if token[1] in _POLIB_ESCAPES:
        return token
    char = _SIMPLE_ESCAPES.get(token[1]) or chr(_escaped_byte(token))
    return {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, char)


def _resolved(lines: Sequence[str]) -> str:
    """PO text in which polib will read every escape as msgfmt does (live entries' strings)."""
    out: list[str] = []
    for line in lines:
        if "\\" in line and not line.lstrip().startswith("#"):
            line = _STRING.sub(lambda m: '"' + _ANY_ESCAPE.sub(_resolve_escape, m.group(1)) + '"', line)
        out.append(line)
    return "".join(out)


def _check_strings(lines: Sequence[str], path: str | Path) -> None:
    """Refuse keyword and string lines that polib would accept mangled (``msgid "a`` …) and
    escapes msgfmt does not know (``\\q``)."""
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped.startswith("#~"):
            stripped = stripped[2:].strip()
            if stripped.startswith("|"):  # the previous msgid of an obsolete entry (msgmerge)
                continue
        if not stripped or stripped.startswith("#"):
            continue
        if _STRING_LINE.fullmatch(stripped) is None:
            raise _invalid(f"malformed line {stripped[:40]!r} (expected a keyword and a quoted string)",
                           path, number)
        if line.lstrip().startswith("#~"):
            continue
        for string in _STRING.finditer(line):
            for escape in _BACKSLASH.finditer(line, string.start(1), string.end(1)):
                known = _ESCAPE.match(line, escape.start())
                if known is None:
                    raise _invalid(f"invalid escape {escape.group()!r} at column {escape.start() + 2}",
                                   path, number)
                if _escaped_byte(known.group()) > 0x7F:
                    raise _invalid(f"escape {known.group()!r} stands for a byte above 0x7F; write the "
                                   "character itself", path, number)


@dataclass(slots=True)
class _Entry:
    """The keyword lines of one live entry, for the checks msgfmt makes on its structure."""

    first: int
    msgid: int | None = None
    plural: int | None = None
    msgstr: int | None = None
    forms: list[tuple[int, int]] | None = None  # (index, line) of msgstr[index]

    @property
    def complete(self) -> bool:
        return self.msgstr is not None or bool(self.forms)


def _entries(lines: Sequence[str], path: str | Path) -> list[_Entry]:
    """The live entries of ``lines`` in order; :class:`FormatError` for a keyword out of place."""
    entries: list[_Entry] = []
    current: _Entry | None = None

    def close(entry: _Entry | None) -> None:
        if entry is None:
            return
        if entry.msgid is None:
            raise _invalid("msgctxt without a msgid after it", path, entry.first)
        if not entry.complete:
            raise _invalid("msgid without a msgstr", path, entry.msgid)
        entries.append(entry)

    for number, line in enumerate(lines, 1):
        match = _KEYWORD.match(line.lstrip())
        if match is None:
            continue
        keyword, index = match.group(1), match.group(2)
        if keyword == "msgctxt" or (keyword == "msgid" and (current is None or current.msgid is not None)):
            close(current)
            current = _Entry(number)
        if current is None:
            raise _invalid(f"{keyword} before any msgid", path, number)
        if keyword == "msgctxt":
            continue
        if keyword == "msgid":
            current.msgid = number
        elif current.msgid is None or current.complete and keyword != "msgstr" or \
                (keyword == "msgid_plural" and current.plural is not None):
            what = "msgctxt" if current.msgid is None else "entry"
            raise _invalid(f"{keyword} out of place after the {what} at line {current.first}", path, number)
        elif keyword == "msgid_plural":
            current.plural = number
        elif index is None:
            if current.plural is not None:
                raise _invalid("an entry with msgid_plural needs msgstr[0], msgstr[1] …, not msgstr",
                               path, number)
            if current.complete:
                raise _invalid("a second msgstr in one entry", path, number)
            current.msgstr = number
        else:
            if current.plural is None:
                raise _invalid(f"msgstr[{index}] without a msgid_plural", path, current.msgid)
            forms = current.forms = current.forms or []
            expected = len(forms)
            if int(index) != expected:
                detail = "the first plural form has a nonzero index" if not forms else \
                    f"plural form msgstr[{index}] where msgstr[{expected}] should follow"
                raise _invalid(detail, path, number)
            forms.append((int(index), number))
    if current is not None and current.msgid is None:
        raise _invalid("msgctxt without a msgid after it", path, len(lines) + 1)
    close(current)
    return entries


def _check_plural_counts(entries: Sequence[_Entry], po: polib.POFile, path: str | Path) -> None:
    """Every plural entry has the header's ``nplurals`` forms, as msgfmt requires."""
    match = _NPLURALS.search(po.metadata.get("Plural-Forms", ""))
    if match is None:
        return
    wanted = int(match.group(1))
    for entry in entries:
        if entry.forms and len(entry.forms) != wanted:
            raise _invalid(f"{len(entry.forms)} plural forms where the header's Plural-Forms says "
                           f"nplurals={wanted}", path, entry.forms[0][1])


def _check_duplicates(lines: Sequence[str], po: polib.POFile, path: str | Path) -> None:
    """No two live entries share msgctxt and msgid (msgfmt: duplicate message definition)."""
    seen: dict[tuple[str | None, str], int] = {}
    for _index, entry, start, _keyword in _layout(lines, po):
        line = next((n + 1 for n in range(start, len(lines)) if lines[n].lstrip().startswith("msgid")),
                    start + 1)
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            raise _invalid(f"duplicate message definition (the first at line {seen[key]})", path, line)
        seen[key] = line


def _load(text: str, path: str | Path) -> polib.POFile:
    """Parse PO text with polib after the checks msgfmt makes; errors become :class:`FormatError`
    with the line."""
    if any(char in text for char in _STAND_INS):
        first = min(text.index(char) for char in _STAND_INS if char in text)
        raise _invalid(f"noncharacter U+{ord(text[first]):04X} in the file", path, text.count("\n", 0, first) + 1)
    lines = _lines(text)
    _check_strings(lines, path)
    entries = _entries(lines, path)
    # polib takes a string without a newline for a file name: never let it open one.
    hidden = _resolved(_lines(text, keepends=True)).translate(_HIDE)
    content = hidden if "\n" in hidden else hidden + "\n"
    try:
        po = polib.pofile(content, encoding="utf-8")
    except (OSError, ValueError, KeyError, IndexError) as exc:
        match = _POLIB_ERROR.search(str(exc))
        line = int(match.group(1)) if match else None
        detail = match.group(2) if match and match.group(2) else "syntax error"
        raise FormatError(f"invalid PO file: {detail}", path=path, line=line) from None
    for entry in po:
        entry.msgid, entry.msgstr = entry.msgid.translate(_SHOW), entry.msgstr.translate(_SHOW)
        entry.msgid_plural = entry.msgid_plural.translate(_SHOW)
        entry.msgctxt = entry.msgctxt.translate(_SHOW) if entry.msgctxt is not None else None
        entry.msgstr_plural = {form: value.translate(_SHOW) for form, value in entry.msgstr_plural.items()}
    _check_plural_counts(entries, po, path)
    _check_duplicates(_lines(text, keepends=True), po, path)
    return po


def _keyword_line(lines: Sequence[str], start: int) -> int:
    for number in range(start, len(lines)):
        if lines[number].lstrip().startswith(("msgctxt", "msgid")):
            return number
    return len(lines)


def _layout(lines: Sequence[str], po: polib.POFile) -> Iterator[tuple[int, polib.POEntry, int, int]]:
    """Each live entry: 1-based index, entry, 0-based first line and msgctxt/msgid line.

    polib's ``linenum`` is the entry's first line (its first comment or keyword), or 0 for an
    entry that starts the file without a header.
    """
    for index, entry in enumerate(po, 1):
        if entry.obsolete:
            continue
        start = max(entry.linenum - 1, 0)
        yield index, entry, start, _keyword_line(lines, start)


def _note(entry: polib.POEntry) -> str | None:
    tcomment = "\n".join(
        line for line in entry.tcomment.splitlines() if not line.startswith(COMMENT_PREFIX)
    )
    joined = "\n".join(part for part in (entry.comment, tcomment) if part)
    return joined or None


def _segments(text: str, path: str | Path, msgid_lang: str, include_fuzzy: bool) -> list[Segment]:
    msgstr_lang = _other_language(msgid_lang)
    po = _load(text, path)
    lines = _lines(text, keepends=True)
    segments: list[Segment] = []
    for index, entry, _start, keyword in _layout(lines, po):
        fuzzy = "fuzzy" in entry.flags
        if fuzzy and not include_fuzzy:
            continue
        element = f"entry {index}" + (f" (msgctxt {entry.msgctxt!r})" if entry.msgctxt else "")
        segment = Segment(
            id=str(index), source=entry.msgid, target=entry.msgstr, source_lang=msgid_lang,
            target_lang=msgstr_lang, origin=Origin(str(path), keyword + 1, element),
            note=_note(entry), context=entry.msgctxt, fuzzy=fuzzy,
        )
        if not entry.msgid_plural:
            segments.append(segment)
            continue
        for form in sorted(entry.msgstr_plural) or [0, 1]:
            segments.append(replace(
                segment, id=f"{index}[{form}]",
                source=entry.msgid if form == 0 else entry.msgid_plural,
                target=entry.msgstr_plural.get(form, ""),
            ))
    return segments


def parse_po(
    text: str,
    path: str | Path = "<input>",
    *,
    msgid_lang: Literal["ar", "en"] = "ar",
    include_fuzzy: bool = False,
) -> list[Segment]:
    """Segments of PO ``text`` (see the module docstring); :class:`FormatError` if invalid."""
    return _segments(text, path, msgid_lang, include_fuzzy)


def read_po(
    path: str | Path,
    *,
    msgid_lang: Literal["ar", "en"] = "ar",
    include_fuzzy: bool = False,
) -> list[Segment]:
    """Read a PO file (``-`` is standard input) into segments; see :func:`parse_po`."""
    name = "<stdin>" if str(path) == "-" else path
    return _segments(_decode(read_bytes(path), name)[0], name, msgid_lang, include_fuzzy)


def _decode(data: bytes, path: str | Path) -> tuple[str, bytes, str]:
    """The text of PO bytes, its BOM and the encoding to write it back in (see the module
    docstring); :class:`TextDecodingError` with the line for bytes the encoding cannot read."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return read_text_bytes(data, path), bom, name
    declared = _CHARSET.search(data[:1 << 16])
    if declared is None or declared.group(1).upper() == b"CHARSET":  # a template's placeholder
        return read_text_bytes(data, path), b"", "utf-8"
    charset = declared.group(1).decode("ascii")
    try:
        encoding = codecs.lookup(charset).name
    except LookupError:
        raise FormatError(f"invalid PO file: unknown charset {charset!r} in the header", path=path,
                          line=data.count(b"\n", 0, declared.start()) + 1) from None
    if encoding == "utf-8":
        return read_text_bytes(data, path), b"", "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise TextDecodingError(
            f"not valid {charset} (the header's charset): byte 0x{data[exc.start]:02x} at offset {exc.start}",
            path=path, line=data.count(b"\n", 0, exc.start) + 1) from None
    read_text_bytes(text.encode("utf-8"), path)  # the same refusal of binary data and control characters
    return text, b"", encoding


def _line_end(line: str) -> str:
    return line[len(line.rstrip("\r\n")):]


def _without_termbase(region: Sequence[str], flag: str) -> list[str]:
    """The comment lines of an entry without ``# termbase:`` comments and without ``flag``."""
    kept: list[str] = []
    for line in region:
        stripped = line.strip()
        if _TERMBASE_COMMENT.match(stripped):
            continue
        if stripped.startswith("#,"):
            flags = [item.strip() for item in stripped[2:].split(",")]
            if flag in flags:
                rest = [item for item in flags if item and item != flag]
                if not rest:
                    continue
                indent = line[: len(line) - len(line.lstrip())]
                line = f"{indent}#, {', '.join(rest)}{_line_end(line)}"
        kept.append(line)
    return kept


def _one_line(message: str) -> str:
    return " ".join(message.split())


def annotate_po(
    path: str | Path,
    findings_by_segment: Mapping[str, Sequence[str]],
    *,
    flag: str | None = DEFAULT_FLAG,
    output: str | Path | None = None,
) -> int:
    """Write findings into a PO file as ``# termbase: <message>`` comments; return entries marked.

    ``findings_by_segment`` maps segment ids (as given by :func:`read_po`) to messages; plural
    forms' messages are prefixed ``[<form>]``. Entries with findings also get ``#, <flag>``
    (none if ``flag`` is ``None``). Comments and flag from an earlier run are removed first from
    every entry, so a rerun with the same findings writes the same bytes. Writes atomically to
    ``output`` (default: ``path``) in the file's encoding. Every line that is not such a comment
    or flag is left byte for byte. Raises :class:`ValueError` for an unknown segment id.
    """
    text, bom, encoding = _decode(read_bytes(path), path)
    po = _load(text, path)
    lines = _lines(text, keepends=True)
    known = {segment.id for segment in _segments(text, path, "ar", include_fuzzy=True)}
    unknown = sorted(set(findings_by_segment) - known)
    if unknown:
        raise ValueError(f"{path}: no PO segment with id {', '.join(map(repr, unknown))}")
    messages: dict[int, list[str]] = {}
    for segment_id, texts in findings_by_segment.items():
        match = _SEGMENT_ID.fullmatch(segment_id)
        if match is None:  # pragma: no cover - every known id matches
            raise ValueError(f"{path}: bad PO segment id {segment_id!r}")
        prefix = f"[{match.group(2)}] " if match.group(2) is not None else ""
        for message in texts:
            messages.setdefault(int(match.group(1)), []).append(prefix + _one_line(message))
    eol = "\r\n" if "\r\n" in text else "\n"
    removed = flag or DEFAULT_FLAG
    marked = 0
    for index, _entry, start, keyword in sorted(_layout(lines, po), key=lambda item: -item[2]):
        region = _without_termbase(lines[start:keyword], removed)
        found = messages.get(index)
        if found:
            marked += 1
            if flag:
                at = next((n for n, line in enumerate(region) if line.lstrip().startswith("#|")), len(region))
                region.insert(at, f"#, {flag}{eol}")
            at = max((n + 1 for n, line in enumerate(region)
                      if _TRANSLATOR_COMMENT.match(line.lstrip())), default=0)
            region[at:at] = [f"# {COMMENT_PREFIX} {message}{eol}" for message in found]
        lines[start:keyword] = region
    atomic_write_bytes(output if output is not None else path, bom + "".join(lines).encode(encoding))
    return marked


def _po_string(text: str) -> str:
    """``text`` as the inside of a PO string (the escapes msgfmt and polib both read)."""
    return (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            .replace("\t", "\\t").replace("\r", "\\r"))


def _rechunk(old: Sequence[str], new: str) -> list[str]:
    """``new`` cut where the pieces ``old`` of the old text were cut (a fix keeps the wrapping):
    each boundary follows the text around it, a changed stretch stays in the piece it starts in."""
    text = "".join(old)
    boundaries, position = [], 0
    for piece in old[:-1]:
        position += len(piece)
        boundaries.append(position)
    opcodes = difflib.SequenceMatcher(None, text, new, autojunk=False).get_opcodes()
    cuts = []
    for boundary in boundaries:
        for tag, i1, i2, j1, j2 in opcodes:
            if i1 <= boundary < i2 or boundary == i2 == len(text):
                cuts.append(j1 + boundary - i1 if tag == "equal" else j1 if boundary == i1 else j2)
                break
        else:
            cuts.append(len(new))
    edges = [0, *sorted(cuts), len(new)]
    return [new[a:b] for a, b in zip(edges, edges[1:], strict=False) if b > a] or [""]


def _msgstr_lines(keyword: str, old: Sequence[str], text: str, eol: str) -> list[str]:
    """The lines of ``keyword "text"``: one line when the old msgstr was one line, else
    ``keyword ""`` and the new text cut as the old pieces were."""
    if len(old) == 1:
        return [f'{keyword} "{_po_string(text)}"{eol}']
    pieces = _rechunk(old[1:], text) if "".join(old[1:]) else [p for p in re.split(r"(?<=\n)", text) if p]
    return [f'{keyword} "{_po_string(old[0])}"{eol}' if old[0] else f'{keyword} ""{eol}'] + \
        [f'"{_po_string(piece)}"{eol}' for piece in pieces]


def replace_msgstrs(data: bytes, targets: Mapping[str, str], path: str | Path = "<input>") -> bytes:
    """PO bytes with the msgstr of each segment id (as :func:`read_po` gives them: ``"3"``,
    ``"4[1]"``) replaced by ``targets[id]``, in the file's encoding and line ends; every other
    line keeps its bytes, and a msgstr written over several lines stays so. Raises
    :class:`ValueError` for an unknown segment id."""
    text, bom, encoding = _decode(data, path)
    po = _load(text, path)
    lines = _lines(text, keepends=True)
    eol = "\r\n" if "\r\n" in text else "\n"
    wanted: dict[int, dict[int | None, str]] = {}
    for segment_id, new in targets.items():
        match = _SEGMENT_ID.fullmatch(segment_id)
        if match is None:
            raise ValueError(f"{path}: no PO segment with id {segment_id!r}")
        form = int(match.group(2)) if match.group(2) is not None else None
        wanted.setdefault(int(match.group(1)), {})[form] = new
    found: set[int] = set()
    for index, entry, _start, keyword in sorted(_layout(lines, po), key=lambda item: -item[2]):
        if index not in wanted:
            continue
        found.add(index)
        for form, new in sorted(wanted[index].items(), key=lambda item: -(item[0] or 0)):
            name = "msgstr" if form is None else f"msgstr[{form}]"
            if (form is None) != (not entry.msgid_plural):
                raise ValueError(f"{path}: entry {index} has {'no ' if form is not None else ''}plural forms")
            at = next((n for n in range(keyword, len(lines))
                       if re.match(re.escape(name) + r'\s*"', lines[n].lstrip())), None)
            if at is None:
                raise ValueError(f"{path}: entry {index} has no {name}")
            end = at + 1
            while end < len(lines) and lines[end].lstrip().startswith('"'):
                end += 1
            old = ["".join(polib.unescape(m.group(1)) for m in _STRING.finditer(lines[n])) for n in range(at, end)]
            lines[at:end] = _msgstr_lines(name, old, new, eol)
    unknown = sorted(set(wanted) - found)
    if unknown:
        raise ValueError(f"{path}: no PO segment with id {', '.join(map(repr, map(str, unknown)))}")
    return bom + "".join(lines).encode(encoding)

"""PO files as gettext tools write them, judged by GNU msgfmt: what ``msgfmt --check`` compiles is
read, what it refuses as fatal is refused at the line it names.

The expected lines in the tables are what msgfmt 0.21+ prints for these files; where msgfmt is
installed each case is also run through it, so the table cannot drift from the real tool.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from termbase.errors import FormatError
from termbase.formats.po import annotate_po, read_po

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
)  # five lines: the first entry starts on line 6
MSGFMT = shutil.which("msgfmt")
_MSGFMT_LINE = re.compile(r"^[^:]+:(\d+)(?::\d+)?: (.*)$")


def _po(tmp_path: Path, body: str, charset: str = "UTF-8", name: str = "case.po") -> Path:
    path = tmp_path / name
    path.write_bytes((HEADER.format(charset=charset) + body).encode(charset if charset != "CHARSET" else "utf-8"))
    return path


def _msgfmt(path: Path) -> tuple[int, list[int]]:
    """msgfmt --check's exit status and the lines of its fatal messages (warnings and the pointer
    to the header's nplurals left out)."""
    assert MSGFMT is not None
    done = subprocess.run([MSGFMT, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True,
                          check=False, timeout=60)
    lines = []
    for line in done.stderr.splitlines():
        match = _MSGFMT_LINE.match(line)
        if match and not match.group(2).startswith(("warning:", "nplurals =", "...this is the location")):
            lines.append(int(match.group(1)))
    return done.returncode, lines


FATAL = {
    # name: (entries after the header, the line msgfmt names)
    "invalid-escape": ('msgid "a\\q"\nmsgstr "b"\n', 6),
    "invalid-escape-after-valid-ones": ('msgid "a"\nmsgstr "\\x41 \\101 \\\\ \\e"\n', 7),
    "invalid-hex-escape": ('msgid "a"\nmsgstr "\\xZZ"\n', 7),
    "duplicate-msgid": ('msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n', 9),
    "duplicate-msgid-same-context": ('msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "x"\nmsgid "a"\nmsgstr "c"\n', 11),
    "plural-without-msgid-plural": ('msgid "a"\nmsgstr[0] "b"\n', 6),
    "plural-index-gap": ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[2] "c"\n', 9),
    "plural-index-not-from-0": ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', 8),
    "too-many-plural-forms": ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\nmsgstr[2] "d"\n', 8),
    "too-few-plural-forms": ('msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n', 8),
    "too-many-forms-multiline": ('# c\nmsgid ""\n"a"\nmsgid_plural ""\n"as"\nmsgstr[0] "b"\nmsgstr[1] "c"\n'
                                 'msgstr[2] "d"\n', 11),
    "plural-with-plain-msgstr": ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 8),
    "msgctxt-without-msgid-at-end": ('msgid "a"\nmsgstr "b"\nmsgctxt "c"\n', 9),
    "msgctxt-then-msgstr": ('msgctxt "c"\nmsgstr "b"\n', 7),
    "msgid-without-msgstr": ('msgid "a"\n\nmsgid "b"\nmsgstr "c"\n', 6),
}

READABLE = {
    # name: (entries after the header, the segments' (source, target))
    "obsolete-previous-msgid": ('msgid "a"\nmsgstr "b"\n\n#~| msgid "old"\n#~ msgid "x"\n#~ msgstr "y"\n',
                                [("a", "b")]),
    "line-separator-in-msgstr": ('msgid "a"\nmsgstr "b\u2028c"\n', [("a", "b\u2028c")]),
    "form-feed-in-msgstr": ('msgid "a"\nmsgstr "b\x0cc"\n', [("a", "b\x0cc")]),
    "paragraph-separator-in-msgid": ('msgid "a\u2029b"\nmsgstr "c"\n', [("a\u2029b", "c")]),
    "msgctxt-blank-line-msgid": ('msgctxt "c"\n\nmsgid "a"\nmsgstr "b"\n', [("a", "b")]),
    "same-msgid-other-context": ('msgctxt "x"\nmsgid "a"\nmsgstr "b"\n\nmsgctxt "y"\nmsgid "a"\nmsgstr "c"\n',
                                 [("a", "b"), ("a", "c")]),
    "valid-escapes": ('msgid "a\\n"\nmsgstr "\\t\\"\\\\q\\101\\x41\\n"\n', [("a\n", '\t"\\qAA\n')]),
}


@pytest.mark.parametrize("case", sorted(FATAL))
def test_what_msgfmt_refuses_is_refused_at_its_line(tmp_path: Path, case: str) -> None:
    body, line = FATAL[case]
    path = _po(tmp_path, body)
    with pytest.raises(FormatError) as caught:
        read_po(path)
    assert (caught.value.path, caught.value.line) == (str(path), line), caught.value
    assert "invalid PO" in caught.value.detail
    if MSGFMT is not None:
        code, lines = _msgfmt(path)
        assert code != 0 and lines[:1] == [line], (code, lines)


@pytest.mark.parametrize("case", sorted(READABLE))
def test_what_msgfmt_compiles_is_read(tmp_path: Path, case: str) -> None:
    body, pairs = READABLE[case]
    path = _po(tmp_path, body)
    assert [(s.source, s.target) for s in read_po(path)] == pairs
    if MSGFMT is not None:
        assert _msgfmt(path) == (0, [])


def test_msgfmt_is_installed_where_ci_runs() -> None:
    """The comparisons above need GNU gettext; say so loudly where it is missing."""
    if MSGFMT is None:
        pytest.skip("msgfmt (GNU gettext) is not installed: the PO tables ran without their oracle")


@pytest.mark.parametrize("charset", ["CP1256", "ISO-8859-6", "windows-1252"])
def test_a_declared_charset_is_honoured(tmp_path: Path, charset: str) -> None:
    text = "العربية" if charset != "windows-1252" else "Café"
    path = _po(tmp_path, f'msgid "{text}"\nmsgstr "{text} ok"\n', charset=charset)
    segments = read_po(path)
    reference = polib.pofile(str(path))  # polib reads the declared charset too
    assert [(s.source, s.target) for s in segments] == [(e.msgid, e.msgstr) for e in reference]
    assert segments[0].source == text
    if MSGFMT is not None:
        assert _msgfmt(path) == (0, [])


def test_annotating_a_cp1256_file_keeps_its_encoding(tmp_path: Path) -> None:
    path = _po(tmp_path, 'msgid "مجلس"\nmsgstr "council"\n', charset="CP1256")
    before = path.read_bytes()
    annotate_po(path, {"1": ["بيان"]})
    after = path.read_bytes()
    assert after.decode("cp1256").count("# termbase: بيان") == 1
    assert after.replace("# termbase: بيان\n#, termbase-check\n".encode("cp1256"), b"") == before


def test_bytes_the_declared_charset_cannot_read(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_bytes(HEADER.format(charset="ASCII").encode() + 'msgid "a"\nmsgstr "é"\n'.encode())
    with pytest.raises(Exception, match="ASCII") as caught:
        read_po(path)
    assert getattr(caught.value, "line", None) == 7


def test_a_template_placeholder_charset_reads_as_utf8(tmp_path: Path) -> None:
    path = _po(tmp_path, 'msgid "مجلس"\nmsgstr ""\n', charset="CHARSET")
    assert read_po(path)[0].source == "مجلس"

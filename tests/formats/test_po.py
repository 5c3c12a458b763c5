"""PO reader (both directions, plurals, fuzzy, obsolete) and byte-preserving write-back."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import polib
import pytest

from termbase.errors import FormatError, TextDecodingError
from termbase.formats.po import annotate_po, parse_po, read_po

PO_NAME = "news-ar-en.po"


@pytest.fixture
def po_file(data: Path, tmp_path: Path) -> Path:
    """A copy of the realistic Arabic -> English PO file, safe to annotate."""
    return Path(shutil.copy(data / PO_NAME, tmp_path / PO_NAME))


# --- reading --------------------------------------------------------------------------------

def test_read_ar_to_en(data: Path) -> None:
    segments = read_po(data / PO_NAME)
    assert [s.id for s in segments] == ["1", "2", "4[0]", "4[1]", "5", "6", "7"]
    first = segments[0]
    assert (first.source, first.target) == ("مجلس الأمن يعقد جلسة طارئة بشأن الأزمة",
                                            "Security Council holds emergency session on the crisis")
    assert (first.source_lang, first.target_lang) == ("ar", "en")
    assert first.origin.line == 22 and first.origin.path == str(data / PO_NAME)
    assert first.note == "TRANSLATORS: keep the headline under 80 characters.\nHeadline of the lead story."


def test_multi_line_msgid_is_joined(data: Path) -> None:
    second = read_po(data / PO_NAME)[1]
    assert second.source.startswith("قال الأمين العام للأمم المتحدة إن الوكالة الدولية للطاقة الذرية ستقدم تقريرها إلى")
    assert second.target.endswith("and that negotiations with the government are continuing.")


def test_plural_forms_are_one_segment_each(data: Path) -> None:
    by_id = {s.id: s for s in read_po(data / PO_NAME)}
    assert (by_id["4[0]"].source, by_id["4[0]"].target) == ("قتل {n} شخص في الهجوم", "{n} person was killed in the attack")
    assert (by_id["4[1]"].source, by_id["4[1]"].target) == ("قتل {n} أشخاص في الهجوم", "{n} people were killed in the attack")


def test_context_untranslated_fuzzy_obsolete(data: Path) -> None:
    by_id = {s.id: s for s in read_po(data / PO_NAME)}
    assert by_id["5"].context == "byline"
    assert by_id["6"].target == ""  # untranslated: returned, the validator decides
    assert "3" not in by_id  # fuzzy skipped by default
    assert all("الجامعة العربية" not in s.source for s in by_id.values())  # obsolete skipped
    fuzzy = {s.id: s for s in read_po(data / PO_NAME, include_fuzzy=True)}["3"]
    assert fuzzy.fuzzy and fuzzy.target == "US Secretary of State visits Riyadh"


def test_english_msgid_direction() -> None:
    text = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
            'msgid "Security Council"\nmsgstr "مجلس الأمن"\n\n'
            'msgid "{n} soldier"\nmsgid_plural "{n} soldiers"\n'
            + "".join(f'msgstr[{i}] "form {i}"\n' for i in range(6)))
    segments = parse_po(text, "en-ar.po", msgid_lang="en")
    assert (segments[0].source, segments[0].target) == ("Security Council", "مجلس الأمن")
    assert (segments[0].source_lang, segments[0].target_lang) == ("en", "ar")
    assert [s.id for s in segments[1:]] == [f"2[{i}]" for i in range(6)]
    assert [s.source for s in segments[1:3]] == ["{n} soldier", "{n} soldiers"]


def test_bad_direction_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="msgid_lang"):
        parse_po("", msgid_lang="fr")  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "line"), [
    ('msgid "a"\nmsgstr "b"\n\nmsgid "c\nmsgstr "d"\n', 4),
    ('msgid "a"\nmsgstr "b\\"\n', 2),
    ('#~ msgid "a\n#~ msgstr "b"\n', 1),
    ('msgid "a"\nmsgstr "b" "c"\n', 2),
    ('msgid "a"\nmsgstr "b"\nbogus line\n', 3),
    ('msgid "a"\nmsgstr "x"\n#| "dangling"\n#| bogus "z"\n', 4),
], ids=["unterminated-string", "escaped-last-quote", "obsolete-unterminated", "unescaped-quote", "unknown-keyword", "bad-previous"])
def test_invalid_po_is_a_format_error_with_line(text: str, line: int) -> None:
    with pytest.raises(FormatError) as caught:
        parse_po(text, "bad.po")
    assert (caught.value.path, caught.value.line) == ("bad.po", line)
    assert "invalid PO" in caught.value.detail


def test_text_without_newline_is_never_taken_for_a_file_name(tmp_path: Path) -> None:
    # polib opens its argument when it names an existing file; read_po must not let it.
    other = tmp_path / "other.po"
    other.write_text('msgid "x"\nmsgstr "y"\n', encoding="utf-8")
    with pytest.raises(FormatError):
        parse_po(str(other))


# --- write-back -------------------------------------------------------------------------------

FINDINGS = {
    "1": ["missing-term: مجلس الأمن -> Security Council"],
    "4[1]": ["count-mismatch: expected 'people killed'", "second\nline"],
    "6": ["untranslated"],
    "3": ["deprecated-term: use 'Secretary of State'"],
}
_ADDED = re.compile(r"# termbase: .*|#, termbase-check")


def _only_added_lines(before: str, after: str) -> list[str]:
    """The lines ``after`` adds to ``before``; fails if any line was changed or removed."""
    matcher = difflib.SequenceMatcher(a=before.splitlines(keepends=True), b=after.splitlines(keepends=True),
                                      autojunk=False)
    added: list[str] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        assert op in ("equal", "insert"), (op, before.splitlines()[a0:a1], after.splitlines()[b0:b1])
        if op == "insert":
            added.extend(after.splitlines(keepends=True)[b0:b1])
    return added


def test_annotate_changes_nothing_but_added_lines(po_file: Path, data: Path) -> None:
    original = (data / PO_NAME).read_bytes()
    assert annotate_po(po_file, FINDINGS) == 4
    written = po_file.read_bytes()
    added = _only_added_lines(original.decode(), written.decode())
    assert all(_ADDED.fullmatch(line.rstrip("\n")) for line in added), added
    assert len(added) == 5 + 4
    assert "# termbase: [1] second line\n" in added


def test_annotated_file_reads_back_with_polib(po_file: Path) -> None:
    annotate_po(po_file, FINDINGS)
    po = polib.pofile(str(po_file))
    entries = [e for e in po if not e.obsolete]
    assert entries[0].tcomment == "Headline of the lead story.\ntermbase: missing-term: مجلس الأمن -> Security Council"
    assert "termbase-check" in entries[0].flags
    assert entries[2].flags == ["fuzzy", "termbase-check"]
    assert entries[2].previous_msgid == "وزير الخارجية الأمريكي يزور الرياض"
    assert entries[3].flags == ["python-brace-format", "termbase-check"]
    assert "termbase-check" not in entries[1].flags

def test_annotated_file_gives_the_same_segments(po_file: Path, data: Path) -> None:
    def values(path: Path) -> list[tuple[object, ...]]:
        return [(s.id, s.source, s.target, s.note, s.context, s.fuzzy) for s in read_po(path, include_fuzzy=True)]

    annotate_po(po_file, FINDINGS)
    assert values(po_file) == values(data / PO_NAME)  # notes do not pick up termbase comments


def test_annotate_is_idempotent_and_reversible(po_file: Path, data: Path) -> None:
    original = (data / PO_NAME).read_bytes()
    annotate_po(po_file, FINDINGS)
    once = po_file.read_bytes()
    annotate_po(po_file, FINDINGS)
    assert po_file.read_bytes() == once
    annotate_po(po_file, {"7": ["other finding"]})
    assert b"missing-term" not in po_file.read_bytes()
    assert annotate_po(po_file, {}) == 0
    assert po_file.read_bytes() == original


def test_annotate_to_output_leaves_input(po_file: Path, tmp_path: Path) -> None:
    before = po_file.read_bytes()
    out = tmp_path / "out.po"
    annotate_po(po_file, {"2": ["x"]}, flag=None, output=out)
    assert po_file.read_bytes() == before
    assert b"termbase-check" not in out.read_bytes() and b"# termbase: x\n" in out.read_bytes()


def test_annotate_removes_a_merged_flag(tmp_path: Path) -> None:
    path = tmp_path / "merged.po"
    path.write_text('#, fuzzy, termbase-check\nmsgid "a"\nmsgstr "b"\n\n#, termbase-check\nmsgid "c"\nmsgstr "d"\n',
                    encoding="utf-8")
    annotate_po(path, {})
    assert path.read_text(encoding="utf-8") == '#, fuzzy\nmsgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n'


def test_annotate_keeps_crlf_and_bom(tmp_path: Path, data: Path) -> None:
    original = b"\xef\xbb\xbf" + (data / PO_NAME).read_bytes().replace(b"\n", b"\r\n")
    path = tmp_path / "crlf.po"
    path.write_bytes(original)
    annotate_po(path, {"1": ["x"]})
    written = path.read_bytes()
    assert written.startswith(b"\xef\xbb\xbf") and b"\n" not in written.replace(b"\r\n", b"")
    assert written.replace(b"# termbase: x\r\n", b"").replace(b"#, termbase-check\r\n", b"") == original


def test_annotate_utf16_file(tmp_path: Path, data: Path) -> None:
    path = tmp_path / "utf16.po"
    path.write_bytes((data / PO_NAME).read_text(encoding="utf-8").encode("utf-16"))
    annotate_po(path, {"5": ["y"]})
    assert "# termbase: y\n" in path.read_bytes().decode("utf-16")
    assert {s.id for s in read_po(path)} >= {"5"}


def test_annotate_unknown_segment_is_refused(po_file: Path) -> None:
    before = po_file.read_bytes()
    for bad in ("99", "4", "1[0]", "L3"):
        with pytest.raises(ValueError, match="no PO segment"):
            annotate_po(po_file, {bad: ["x"]})
    assert po_file.read_bytes() == before


def test_msgfmt_accepts_the_annotated_file(po_file: Path, tmp_path: Path) -> None:
    """External oracle: GNU gettext compiles the annotated file (skipped without msgfmt)."""
    import subprocess

    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt not installed")
    annotate_po(po_file, FINDINGS)
    subprocess.run([msgfmt, "--check", "-o", str(tmp_path / "out.mo"), str(po_file)], check=True)


# --- bad input --------------------------------------------------------------------------------

def test_non_utf8_po_is_a_decoding_error(tmp_path: Path) -> None:
    path = tmp_path / "cp1256.po"
    path.write_bytes('msgid "مجلس"\nmsgstr "council"\n'.encode("cp1256"))
    with pytest.raises(TextDecodingError) as caught:
        read_po(path)
    assert caught.value.line == 1


def test_empty_po_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.po"
    path.write_bytes(b"")
    assert read_po(path) == []
    assert parse_po('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n') == []


def test_polib_save_would_rewrap_this_file(po_file: Path, data: Path, tmp_path: Path) -> None:
    """Why annotate_po edits lines itself: polib's save() changes lines nobody touched."""
    polib.pofile(str(po_file)).save(str(tmp_path / "saved.po"))
    assert (tmp_path / "saved.po").read_bytes() != (data / PO_NAME).read_bytes()

"""Aligned inputs: pairs, two line-aligned text files, TSV."""

from __future__ import annotations

from pathlib import Path

import pytest

from termbase.errors import FormatError
from termbase.formats.aligned import align_lines, parse_tsv, read_aligned_text, read_tsv, segments_from_pairs


def test_pairs() -> None:
    segments = segments_from_pairs([("مجلس الأمن", "Security Council"), ("", "")])
    assert [(s.id, s.source, s.target) for s in segments] == [("P1", "مجلس الأمن", "Security Council"), ("P2", "", "")]
    assert (segments[0].source_lang, segments[0].target_lang) == ("ar", "en")


def test_pairs_of_wrong_shape() -> None:
    with pytest.raises(ValueError, match="pair 2"):
        segments_from_pairs([("a", "b"), ("a", "b", "c")])  # type: ignore[list-item]


def test_line_aligned_texts() -> None:
    source = "مجلس الأمن\r\n\r\nالأمم المتحدة\r\nالبنك الدولي\r\nصندوق النقد\r\n\r\n"
    target = "Security Council\n\nUnited Nations\n\nIMF"
    segments = align_lines(source, target, source_path="ar.txt", target_path="en.txt")
    # line 2 is blank on both sides (no segment); line 4 has no translation (empty target)
    assert [(s.id, s.source, s.target) for s in segments] == [
        ("L1", "مجلس الأمن", "Security Council"),
        ("L3", "الأمم المتحدة", "United Nations"),
        ("L4", "البنك الدولي", ""),
        ("L5", "صندوق النقد", "IMF"),
    ]
    assert segments[1].origin.path == "ar.txt" and segments[1].origin.line == 3


def test_line_count_mismatch_names_both_files() -> None:
    with pytest.raises(FormatError) as caught:
        align_lines("أ\nب\nج\n", "a\nb\n", source_path="ar.txt", target_path="en.txt")
    message = str(caught.value)
    assert "ar.txt" in message and "en.txt" in message and "3" in message and "2" in message


def test_read_aligned_text_files(tmp_path: Path) -> None:
    (tmp_path / "ar.txt").write_text("مجلس الأمن\n", encoding="utf-8")
    (tmp_path / "en.txt").write_bytes("Security Council\n".encode("utf-16"))
    segments = read_aligned_text(tmp_path / "ar.txt", tmp_path / "en.txt")
    assert [(s.source, s.target) for s in segments] == [("مجلس الأمن", "Security Council")]


def test_tsv_with_header_and_quotes() -> None:
    text = 'source\ttarget\nمجلس الأمن\tSecurity Council\n\n"قال ""نعم"""\t"He said\n""yes"""\nأ\tA\n'
    segments = parse_tsv(text, "pairs.tsv")
    assert [(s.id, s.source, s.target) for s in segments] == [
        ("L2", "مجلس الأمن", "Security Council"),
        ("L4", 'قال "نعم"', 'He said\n"yes"'),
        ("L6", "أ", "A"),
    ]


def test_tsv_without_quoting_reads_quotes_literally() -> None:
    text = '"الرئيس" قال\t"The president" said\n'
    assert parse_tsv(text, quoting=False)[0].source == '"الرئيس" قال'
    assert parse_tsv(text, quoting="none")[0].target == '"The president" said'
    assert parse_tsv(text)[0].target == '"The president" said'  # auto: CSV cannot read it, literal can
    with pytest.raises(FormatError, match="--tsv-quoting none") as caught:
        parse_tsv(text, "q.tsv", quoting="csv")
    assert caught.value.line == 1


@pytest.mark.parametrize(("text", "line", "found"), [
    ("a\tb\nc\n", 2, 1),
    ("a\tb\n\nc\td\te\n", 3, 3),
])
def test_tsv_wrong_column_count(text: str, line: int, found: int) -> None:
    with pytest.raises(FormatError) as caught:
        parse_tsv(text, "bad.tsv")
    assert (caught.value.path, caught.value.line) == ("bad.tsv", line)
    assert f"found {found}" in caught.value.detail


def test_tsv_header_only_and_empty_are_empty(tmp_path: Path) -> None:
    assert parse_tsv("source\ttarget\n") == []
    path = tmp_path / "empty.tsv"
    path.write_bytes(b"")
    assert read_tsv(path) == []

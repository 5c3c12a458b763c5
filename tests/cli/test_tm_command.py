"""``termbase tm …`` end to end: search, concordance, usage, errors (the compliance kit: tests/tm/test_tmx.py)."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from termbase.cli import main
from termbase.glossary import load_glossary

REPO = Path(__file__).resolve().parents[2]


def _json(capsys: pytest.CaptureFixture[str]) -> object:
    return json.loads(capsys.readouterr().out)


def _dump(path: Path) -> list[str]:
    """Every table and row of a memory file, as SQL."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def seed_tsv(tmp_path: Path) -> tuple[Path, Path]:
    """The seed pair and the draft as two TSV files of line pairs."""
    arabic = (REPO / "seeds" / "c5plus1-summit.ar.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
    paths = []
    for name, english in (("reference", REPO / "seeds" / "c5plus1-summit.en.txt"),
                          ("draft", REPO / "examples" / "c5plus1-summit.draft.en.txt")):
        lines = english.read_text(encoding="utf-8").rstrip("\n").split("\n")
        out = io.StringIO()
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["source", "target"])
        writer.writerows(zip(arabic, lines, strict=True))
        path = tmp_path / f"{name}.tsv"
        path.write_text(out.getvalue(), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def test_add_then_search_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tm = str(tmp_path / "m.tm")
    assert main(["tm", "add", "وصف الرئيس الأمريكي القمة بأنها تاريخية", "The US president called the summit historic",
                 "--tm", tm]) == 0
    capsys.readouterr()
    assert main(["tm", "search", "وصف الرئيس الفرنسي القمة بأنها تاريخية", "--tm", tm, "--format", "json"]) == 0
    match = _json(capsys)["queries"][0]["matches"][0]  # type: ignore[index]
    assert match["score"] == 83  # 6 tokens, one replaced: floor(100·5/6)
    assert match["differences"] == [{"op": "replace", "query": "الفرنسي", "stored": "الامريكي"}]
    assert "⟦الأمريكي⟧" in match["marked"]
    assert main(["tm", "search", "نص آخر تماما", "--tm", tm]) == 1
    assert "no match" in capsys.readouterr().out
    assert main(["tm", "search", "وصف", "--tm", tm, "--limit", "0"]) == 2
    assert "--limit" in capsys.readouterr().err


def test_search_reads_segments_from_stdin_with_their_context(
    tmp_path: Path, seed_tsv: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    tm = str(tmp_path / "m.tm")
    assert main(["tm", "import", str(seed_tsv[0]), "--tm", tm]) == 0
    lines = (REPO / "seeds" / "c5plus1-summit.ar.txt").read_text(encoding="utf-8").split("\n")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines[4:7]).encode("utf-8"))))
    capsys.readouterr()
    assert main(["tm", "search", "-", "--tm", tm, "--format", "json", "--limit", "1"]) == 0
    scores = [q["matches"][0]["score"] for q in _json(capsys)["queries"]]  # type: ignore[index]
    assert scores == [101, 101, 101]  # each line's neighbours are stored around it too


def test_concordance(tmp_path: Path, seed_tsv: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    tm = str(tmp_path / "m.tm")
    assert main(["tm", "import", str(seed_tsv[0]), "--tm", tm]) == 0
    capsys.readouterr()
    assert main(["tm", "concordance", "الهيدروكربونات", "--tm", tm, "--format", "json"]) == 0
    found = _json(capsys)
    assert found["total"] == 1 and found["rendering"] == "hydrocarbon"  # type: ignore[index]  # the term as listed
    assert found["evidence"] == "glossary"  # type: ignore[index]
    line = found["lines"][0]  # type: ignore[index]
    assert line["target"][slice(*line["target_span"])] == "hydrocarbons"
    assert main(["tm", "concordance", "البطريق", "--tm", tm]) == 1


def test_usage_flags_the_drafts_deprecated_variants_and_writes_candidates(
    tmp_path: Path, seed_tsv: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
) -> None:
    tm = str(tmp_path / "m.tm")
    for path in seed_tsv:
        assert main(["tm", "import", str(path), "--tm", tm]) == 0
    capsys.readouterr()
    candidates = tmp_path / "candidates.yaml"
    code = main(["tm", "usage", "--tm", tm, "--format", "json", "--candidates", "-o", str(candidates)])
    report = _json(capsys)
    concepts = {c["concept"]: c for c in report["concepts"]}  # type: ignore[index]
    assert code == 1  # flagged concepts are findings
    assert {r["text"]: r["status"] for r in concepts["kyrgyzstan"]["renderings"]}["Kirghizia"] == "deprecated"
    assert "deprecated" in concepts["kassym-jomart-tokayev"]["flags"]
    assert len(load_glossary(candidates).concepts) == len(report["candidates"])  # type: ignore[index]


def test_a_malformed_tmx_exits_2_with_file_line_element_and_keeps_the_memory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    tm = tmp_path / "m.tm"
    assert main(["tm", "add", "قمة", "summit", "--tm", str(tm)]) == 0
    before = _dump(tm)
    bad = tmp_path / "bad.tmx"
    bad.write_text('<?xml version="1.0"?>\n<tmx version="1.4">\n<header srclang="ar" creationtool="t" '
                   'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>\n'
                   '<body>\n<tu><tuv xml:lang="ar"><seg>أ</seg></tuv><tuv xml:lang="en"><seg>a</seg></tuv></tu>\n'
                   '<tu><tuv xml:lang="ar"><seg>ب</seg></tuv>\n<tuv><seg>b</seg></tuv></tu>\n</body>\n</tmx>\n',
                   encoding="utf-8")
    capsys.readouterr()
    assert main(["tm", "import", str(bad), "--tm", str(tm)]) == 2
    error = capsys.readouterr().err
    assert str(bad) in error and "line 7" in error and "<tuv>" in error and "Traceback" not in error
    assert _dump(tm) == before and any("'قمة'" in row for row in before)


def test_the_default_memory_is_created_in_the_users_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr("sys.platform", "linux")
    assert main(["tm", "add", "قمة", "summit", "--format", "json"]) == 0
    path = Path(_json(capsys)["tm"])  # type: ignore[index]
    assert path == tmp_path / "data" / "termbase" / "memory.tm" and path.is_file()


def test_a_long_import_shows_progress_on_a_terminal(
    tmp_path: Path, seed_tsv: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
) -> None:
    import termbase.progress

    terminal = io.StringIO()
    monkeypatch.setattr(termbase.progress, "_terminal", lambda: terminal)
    monkeypatch.setattr(termbase.progress, "DELAY", 0.0)
    assert main(["tm", "import", str(seed_tsv[0]), "--tm", str(tmp_path / "m.tm")]) == 0
    assert "importing" in terminal.getvalue() and "segment" in terminal.getvalue()

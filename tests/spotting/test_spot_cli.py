"""``termbase spot FILE|- [--lang] [--format text|json] [--glossary PATH]…``."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from termbase.cli import main

TEXT = "قال بيردي محمدوف إن لـ تركمانستان وواشنطن «C5+1» ودونالد\nترامب"
HIT_KEYS = ["concept", "start", "end", "text", "term", "status", "match", "score", "candidates",
            "confidence", "evidence"]


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().out


@pytest.fixture
def text_file(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_json(capsys: pytest.CaptureFixture[str], text_file: Path, spot_glossary_path: Path) -> None:
    code, out = _run(capsys, ["spot", str(text_file), "--format", "json", "--glossary", str(spot_glossary_path)])
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["hits"]
    hits = data["hits"]
    for hit in hits:
        assert list(hit) == HIT_KEYS
        assert hit["text"] == TEXT[hit["start"]:hit["end"]]
    assert [(h["concept"], h["text"], h["candidates"]) for h in hits] == [
        (None, "بيردي محمدوف", ["gurbanguly-berdimuhamedov", "serdar-berdimuhamedov"]),
        ("turkmenistan", "لـ تركمانستان", []),
        ("washington", "وواشنطن", []),
        ("c5-plus-1", "C5+1", []),
    ]
    assert hits[0]["match"] == "exact" and hits[0]["status"] == "admitted" and hits[0]["score"] == 100


def test_json_from_stdin_with_lang(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, spot_glossary_path: Path
) -> None:
    text = "The US and Kassym–Jomart Tokayev's team met in Bishkek."
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8"))
    code, out = _run(capsys, ["spot", "-", "--lang", "en", "-f", "json", "-g", str(spot_glossary_path)])
    assert code == 0
    hits = json.loads(out)["hits"]
    assert [(h["concept"], h["text"]) for h in hits] == [
        ("united-states", "US"), ("kassym-jomart-tokayev", "Kassym–Jomart Tokayev"), ("bishkek", "Bishkek"),
    ]
    assert all(h["text"] == text[h["start"]:h["end"]] for h in hits)


def test_text_format(capsys: pytest.CaptureFixture[str], text_file: Path, spot_glossary_path: Path) -> None:
    code, out = _run(capsys, ["spot", str(text_file), "--glossary", str(spot_glossary_path)])
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "4 hit(s)"
    assert lines[0].startswith("1:5\tبيردي محمدوف\tAMBIGUOUS gurbanguly-berdimuhamedov/serdar-berdimuhamedov")


def test_several_glossaries(capsys: pytest.CaptureFixture[str], text_file: Path, spot_glossary_path: Path,
                            tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "glossary: {id: extra, title: Extra, license: CC0-1.0}\n"
        "concepts:\n- id: donald-trump\n  terms:\n    ar:\n    - {term: دونالد ترامب, status: preferred, pos: properNoun}\n",
        encoding="utf-8",
    )
    code, out = _run(capsys, ["spot", str(text_file), "-f", "json", "-g", str(spot_glossary_path), "-g", str(extra)])
    assert code == 0
    hits = json.loads(out)["hits"]
    assert hits[-1]["concept"] == "donald-trump"
    assert hits[-1]["text"] == "ودونالد\nترامب"


def test_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       spot_glossary_path: Path) -> None:
    code = main(["spot", str(tmp_path / "nope.txt"), "-g", str(spot_glossary_path)])
    assert code == 2
    assert "nope.txt" in capsys.readouterr().err

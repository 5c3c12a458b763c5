"""Crafted and careless input: refused with a located error, or handled, never a crash.

Each case was once accepted or crashed: a YAML alias bomb exhausted memory, two glossaries with
one header id loaded silently, terms that fold to nothing crashed spotting.
"""

from __future__ import annotations

import re
import textwrap
import tracemalloc
from pathlib import Path

import pytest

from termbase import GlossarySchemaError, GlossarySyntaxError, Termbase, load_glossaries, load_glossary
from termbase.cli import main


def _alias_bomb(path: Path, concepts: int = 400, terms: int = 500) -> Path:
    """``concepts`` concepts that each name, through one alias, the same ``terms`` English terms:
    a few kilobytes standing for ``concepts * terms`` terms."""
    lines = ["concepts:", "- id: base", "  terms: &terms", "    en:"]
    lines += [f"    - {{term: Name{i}, status: admitted}}" for i in range(terms)]
    lines += [f"- {{id: copy-{i}, terms: *terms}}" for i in range(concepts)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_alias_bomb_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    bomb = _alias_bomb(tmp_path / "bomb.yaml")
    assert bomb.stat().st_size < 40_000  # 200,000 terms once read out of it
    tracemalloc.start()
    try:
        with pytest.raises(GlossarySyntaxError) as info:
            load_glossary(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.line == 3 and info.value.path == str(bomb)
    assert "YAML aliases are not allowed" in str(info.value)
    assert peak < 40 * 2**20  # the composed nodes of a 40 KB file, not 200k terms


def test_alias_bomb_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bomb = _alias_bomb(tmp_path / "bomb.yaml", concepts=3, terms=2)
    assert main(["lookup", "-g", str(bomb), "Name1"]) == 2
    err = capsys.readouterr().err
    assert re.fullmatch(rf"termbase: error: {re.escape(str(bomb))}, line 3: YAML aliases are not allowed: .*\n", err)


def test_anchors_without_aliases_and_asterisks_in_text_are_fine(write_glossary: object, tmp_path: Path) -> None:
    path = tmp_path / "stars.yaml"
    path.write_text(textwrap.dedent("""\
        concepts:
        - id: c5-plus-1
          note: "written *C5+1* in some copy"
          terms: &t
            en:
            - {term: C5+1, status: preferred}
        """), "utf-8")
    assert [c.id for c in load_glossary(path).concepts] == ["c5-plus-1"]


def _glossary(path: Path, header_id: str | None, concept: str) -> Path:
    header = f"glossary:\n  title: T\n  id: {header_id}\n" if header_id else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + f"concepts:\n- id: {concept}\n  terms:\n    en:\n    - {{term: {concept.title()}, "
                    "status: preferred}\n", "utf-8")
    return path


def test_two_glossaries_with_one_header_id_are_refused(tmp_path: Path) -> None:
    first = _glossary(tmp_path / "a.yaml", "news", "astana")
    second = _glossary(tmp_path / "b.yaml", "news", "bishkek")
    with pytest.raises(GlossarySchemaError) as info:
        load_glossaries([first, second])
    assert (info.value.path, info.value.line, info.value.element) == (str(second), 3, "glossary")
    assert f"glossary id 'news' is also the id of {first}" in str(info.value)


def test_two_glossaries_named_alike_by_their_files_are_refused(tmp_path: Path) -> None:
    first = _glossary(tmp_path / "one" / "news.yaml", None, "astana")
    second = _glossary(tmp_path / "two" / "news.yaml", None, "bishkek")
    with pytest.raises(GlossarySchemaError, match="glossary id 'news' is also the id of") as info:
        Termbase.load([first, second])
    assert info.value.line is None  # the id comes from the file name


EMPTY_FOLDING = """\
concepts:
- id: ellipsis
  terms:
    en:
    - {term: "...", status: preferred}
    ar:
    - {term: "\u200d", status: preferred}
- id: astana
  terms:
    en:
    - {term: Astana, status: preferred}
"""


@pytest.mark.parametrize("text, lang", [("Tokaev ... met ... in Astana.", "en"), ("وأكد ... أن", "ar")])
def test_terms_that_fold_to_nothing_spot_nothing(tmp_path: Path, text: str, lang: str) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text(EMPTY_FOLDING, "utf-8")
    termbase = Termbase.load([path])
    hits = [(h.concept, h.text) for h in termbase.spot(text, lang=lang)]
    assert hits == ([("astana", "Astana")] if lang == "en" else [])
    assert Termbase.load([path]).spot(text, lang=lang) == termbase.spot(text, lang=lang)  # from the cache
    report = termbase.check("وأكد ... أن", "Tokaev ... met ... in Astana.")
    assert [i.concept for i in report.issues] == []


def test_terms_that_fold_to_nothing_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    glossary = tmp_path / "only-empty.yaml"
    glossary.write_text(EMPTY_FOLDING.split("- id: astana")[0], "utf-8")
    text = tmp_path / "text.txt"
    text.write_text("Tokaev ... met\n", "utf-8")
    assert main(["spot", "-g", str(glossary), str(text)]) == 0
    assert capsys.readouterr().out == "0 hit(s)\n"


def test_spot_text_output_locates_every_hit(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            synthetic_path: Path) -> None:
    lines = ["Tokaev met Berdimuhamedov.", "", "In Astana, Tokaev spoke.", "Astana"] * 50
    text = tmp_path / "text.txt"
    text.write_text("\n".join(lines), "utf-8")
    assert main(["spot", "-g", str(synthetic_path), "--no-fuzzy", str(text)]) == 0
    out = capsys.readouterr().out.splitlines()
    located = [tuple(map(int, row.split("\t")[0].split(":"))) + (row.split("\t")[1],) for row in out[:-1]]
    expected = [(number, match.start() + 1, match.group()) for number, line in enumerate(lines, 1)
                for match in re.finditer(r"Tokaev|Berdimuhamedov|Astana", line)]
    assert located == expected
    assert out[-1] == f"{len(expected)} hit(s)"

"""The glossary keys for dates: ``offices`` on a concept and ``historical`` on a former name."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from termbase import GlossarySchemaError, Termbase, TermStatus
from termbase.glossary import Glossary, parse_glossary

BASE = textwrap.dedent(
    """\
    glossary: {id: dated, title: Dated, license: CC0-1.0, sources: [test]}
    concepts:
    - id: astana
      sources: [test]
      offices:
      OFFICES
      terms:
        en:
        - {term: Astana, status: preferred}
        - {term: Nur-Sultan, status: deprecated, historical: PERIOD}
        ar:
        - {term: أستانا, status: preferred}
    """
)


def _parse(offices: str = "- {office: Capital, from: 1997-12-10}", period: str = "2019-03-23/2022-09-17") -> Glossary:
    return parse_glossary(BASE.replace("OFFICES", offices).replace("PERIOD", period), "dated.yaml")


def test_offices_and_historical_are_read() -> None:
    glossary = _parse("- {office: Capital of Kazakhstan, from: 1997-12, to: 2025, sources: [a]}\n  "
                      "- {office: Capital again, from: 2026}")
    concept = glossary.concepts[0]
    assert [(o.title, o.start, o.end, o.sources, o.current) for o in concept.offices] == [
        ("Capital of Kazakhstan", "1997-12", "2025", ("a",), False), ("Capital again", "2026", None, (), True)]
    old = next(t for t in concept.terms if t.text == "Nur-Sultan")
    assert old.status is TermStatus.DEPRECATED and old.historical == "2019-03-23/2022-09-17"


@pytest.mark.parametrize(("offices", "period", "message"), [
    ("- {office: Capital}", "2019/2022", "an office needs 'from'"),
    ("- {office: Capital, from: 20 March 2019}", "2019/2022", "is not a date"),
    ("- {office: Capital, from: 2019-03-20, to: 2018}", "2019/2022", "ends (2018) before it starts"),
    ("- {office: Capital, from: 2019, chair: x}", "2019/2022", "unknown key 'chair'"),
    ("- {office: Capital, from: 2019}", "2019", "is not a period FROM/TO"),
    ("- {office: Capital, from: 2019}", "2022/2019", "is not a period FROM/TO"),
])
def test_bad_dates_are_refused_with_their_line(offices: str, period: str, message: str) -> None:
    with pytest.raises(GlossarySchemaError, match=re.escape(message)) as caught:
        _parse(offices, period)
    assert caught.value.line is not None and caught.value.path == "dated.yaml"


def test_the_keys_survive_the_parsed_glossary_cache(tmp_path: Path) -> None:
    path = tmp_path / "dated.yaml"
    path.write_text(BASE.replace("OFFICES", "- {office: Capital, from: 1997-12-10}").replace("PERIOD", "1961/1992"), "utf-8")
    first = Termbase.load([path]).concept("astana")
    second = Termbase.load([path]).concept("astana")  # from the cache this time
    assert first.offices == second.offices and first.offices[0].start == "1997-12-10"
    assert [t.historical for t in second.terms] == [None, "1961/1992", None]


def test_shipped_heads_of_government_have_current_offices(shipped_termbase: Termbase) -> None:
    """The five heads of government in late 2025 (Turkmenistan: the president chairs the cabinet)."""
    heads = {"olzhas-bektenov": "Prime Minister of Kazakhstan", "adylbek-kasymaliev": "Chairman of the Cabinet",
             "kokhir-rasulzoda": "Prime Minister of Tajikistan", "abdulla-aripov": "Prime Minister of Uzbekistan",
             "serdar-berdimuhamedov": "Chairman of the Cabinet of Ministers of Turkmenistan"}
    for concept_id, office in heads.items():
        concept = shipped_termbase.concept(concept_id)
        assert any(o.title.startswith(office) and o.start <= "2025-11" and o.current for o in concept.offices), concept_id
    akylbek = shipped_termbase.concept("akylbek-japarov")
    assert all(not o.current for o in akylbek.offices)
    assert " " in akylbek.preferred("ar").text  # not the bare surname shared with the president

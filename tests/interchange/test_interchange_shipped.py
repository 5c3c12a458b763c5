"""Every shipped glossary survives YAML → each format → YAML, field by field (the formats' stated
limits applied), and the YAML written back loads to the same concepts."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from termbase.glossary import parse_glossary
from termbase.interchange import get_format
from termbase.interchange.yaml_glossary import dump_glossary
from termbase.model import Concept, Glossary, Term

FORMATS = ["tbx", "tbx2", "csv", "tsv", "xlsx", "po"]


def _table(concept: Concept) -> Concept:
    languages = ["ar", "en"] + sorted({t.lang for t in concept.terms} - {"ar", "en"})
    return replace(concept, terms=tuple(sorted(concept.terms, key=lambda t: languages.index(t.lang))))


def _po(concept: Concept) -> Concept:
    order = list(dict.fromkeys(["ar", "en", *concept.languages])) if "ar" in concept.languages else list(concept.languages)
    return replace(concept, terms=tuple(Term(t.text, t.lang, t.status) for t in
                                        sorted(concept.terms, key=lambda t: (order.index(t.lang), t.status.rank))))


PROJECTIONS = {"csv": _table, "tsv": _table, "xlsx": _table, "po": _po}
"""What each format cannot hold, as the README states it (tbx and tbx2 hold everything)."""
HOLDS_HEADER = {"tbx", "tbx2", "xlsx", "po"}


@pytest.mark.parametrize("name", FORMATS)
def test_every_shipped_glossary_round_trips(name: str, shipped: list[Glossary], tmp_path: Path) -> None:
    fmt = get_format(name)
    project = PROJECTIONS.get(name, lambda c: c)
    compared = 0
    for glossary in shipped:
        path = tmp_path / f"{glossary.info.id}.{name}"
        path.write_bytes(fmt.write([glossary]))
        back = fmt.read(path.read_bytes(), str(path))
        assert back.concepts == tuple(project(c) for c in glossary.concepts), glossary.info.id
        if name in HOLDS_HEADER:
            assert replace(back.info, path="", digest="") == replace(glossary.info, path="", digest="")
        # … and back to YAML, which loads to the same concepts again
        again = parse_glossary(dump_glossary(back), str(tmp_path / f"{glossary.info.id}.yaml"))
        assert tuple(replace(c, glossary=glossary.info.id) for c in again.concepts) == back.concepts
        compared += len(glossary.concepts)
    assert compared == sum(len(g.concepts) for g in shipped) > 500


def test_all_shipped_glossaries_in_one_tbx_keep_their_glossary(shipped: list[Glossary]) -> None:
    fmt = get_format("tbx")
    back = fmt.read(fmt.write(shipped), "all.tbx")
    assert back.concepts == tuple(c for g in shipped for c in g.concepts)
    assert {c.glossary for c in back.concepts} == {g.info.id for g in shipped}


def test_yaml_writer_reproduces_every_shipped_glossary(shipped: list[Glossary]) -> None:
    for glossary in shipped:
        back = parse_glossary(dump_glossary(glossary), glossary.info.path)
        assert back.concepts == glossary.concepts
        assert replace(back.info, digest="") == replace(glossary.info, digest="")

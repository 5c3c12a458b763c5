"""Data licences: each shipped glossary declares a licence its sources allow, and the wheel carries
the data licence notice, the attributions and the attested spellings beside the glossaries."""

from __future__ import annotations

import zipfile
from pathlib import Path

from termbase import load_glossaries, shipped_glossary_paths

REPO = Path(__file__).resolve().parent.parent
INCOMPATIBLE_WITH_ODBL = ("stefangabos", "iso-codes")  # CC-BY-SA-4.0 and LGPL-2.1 (sources/README.md)


def test_every_glossary_declares_its_licence_in_the_notice() -> None:
    notice = (REPO / "glossaries" / "LICENSE").read_text(encoding="utf-8")
    for glossary in load_glossaries():
        assert glossary.info.license in ("CC-BY-4.0", "ODbL-1.0"), glossary.info.path
        assert Path(glossary.info.path).name in notice
        assert glossary.info.license in notice


def test_world_countries_holds_no_term_that_only_incompatible_sources_give() -> None:
    world = next(g for g in load_glossaries() if g.info.id == "world-countries")
    assert world.info.license == "ODbL-1.0"
    only_incompatible = [
        (concept.id, term.text) for concept in world.concepts for term in concept.terms
        if term.sources and all(source.startswith(INCOMPATIBLE_WITH_ODBL) for source in term.sources)
    ]
    assert only_incompatible == []
    assert sum(len(c.terms) for c in world.concepts) > 900


def test_the_wheel_carries_licences_and_attributions(built_wheel: Path) -> None:
    names = set(zipfile.ZipFile(built_wheel).namelist())
    for needed in ("termbase/glossaries/LICENSE", "termbase/glossaries/README.md",
                   "termbase/glossaries/sources/README.md", "termbase/glossaries/sources/attested_spellings.tsv"):
        assert needed in names
    assert {f"termbase/glossaries/{p.name}" for p in shipped_glossary_paths()} <= names
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)  # the code's MIT licence
    assert not any(name.startswith("termbase/glossaries/sources/") and name.endswith((".py", ".json", ".csv"))
                   for name in names)

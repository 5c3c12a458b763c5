"""TBX against the official schemas, samples and test files in ``../shared/standards/tbx``.

The export must pass the core structure RNG and the TBX-Basic Schematron, run with XPath 2
(Saxon-HE through :mod:`schematron`); every official valid sample and good test file must import
with all its entries; every bad one must be refused with the element and the rule, at a line where
the official schemas themselves find an error.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree
from schematron import compile_schematron, failed_asserts

from termbase.cli import main
from termbase.errors import FormatError
from termbase.formats.xmlsafe import safe_xml_parser
from termbase.interchange import read_glossary_file
from termbase.model import Glossary, TermStatus

TBX = "{urn:iso:std:iso:30042:ed-2}"

VALID = [
    "tbx-basic/DCA/Example_Astronomy_DCA_VALID.tbx",
    "tbx-basic/DCT/Example_Astronomy_DCT_VALID.tbx",
    "tbx-basic-package-v3/TBX-basic-sample.tbx",
    "tbx-core-dialect/Example_Astronomy_DCA_VALID.tbx",
    "test-files/basic_good.tbx",
    "test-files/min_good.tbx",
    "test-files/core_structure_good.tbx",
    "tbx-v2-2008/TBX-basic-sample.tbx",
]
BAD = [
    "test-files/basic_bad.tbx",
    "test-files/min_bad.tbx",
    "test-files/core_structure_bad.tbx",
    "tbx-basic-package-v3/tbx_basic_sample_badattribute.tbx",
    "tbx-basic-package-v3/tbx_basic_sample_badelement.tbx",
    "tbx-basic-package-v3/tbx_basic_sample_badelementcontent.tbx",
    "tbx-basic-package-v3/tbx_basic_sample_badelementorder.tbx",
    "tbx-basic-package-v3/tbx_basic_sample_badtargetattribute_value.tbx",
]
NOT_WELL_FORMED = ["tbx-basic-package-v3/tbx_basic_sample_notwellformed.tbx", "test-files/poorly_formed_xml.tbx"]


def _core_rng(standards: Path) -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(standards / "core" / "TBXcoreStructV03.rng"), safe_xml_parser()))


def _schematron_for(document: etree._ElementTree, standards: Path) -> Path:
    root = document.getroot()
    dialect = root.get("type")
    style = root.get("style", "dca").upper()
    if dialect == "TBX-Min":
        return standards / "modules" / "min" / "Min.sch"
    if dialect == "TBX-Core":
        return standards / "tbx-core-dialect" / "TBX-Core.sch"
    return standards / "tbx-basic" / style / f"TBX-Basic_{style}.sch"


def _line_of(document: etree._ElementTree, location: str) -> int | None:
    """The line of the element an SVRL-like ``path()`` names (``/Q{ns}tbx[1]/Q{ns}text[1]/…/@type``)."""
    steps = [s for s in location.split("/") if s and not s.startswith("@")]
    path = "/".join(re.sub(r"Q\{([^}]*)\}", r"{\1}", step) for step in steps[1:])
    element = document.getroot().find(path) if path else document.getroot()
    return element.sourceline if element is not None else None


def _oracle_lines(path: Path, standards: Path) -> set[int]:
    """Lines where an official schema reports an error: the core RNG, the dialect's Schematron, or
    the IDREF-typed TBX-Basic 1.1 integrated RNG (the only one that checks internal targets)."""
    document = etree.parse(str(path), safe_xml_parser())
    lines: set[int] = set()
    for schema in (standards / "core" / "TBXcoreStructV03.rng",
                   standards / "tbx-basic-1.1-integrated" / "TBXcoreStructV03_TBX-Basic_integrated.rng"):
        rng = etree.RelaxNG(etree.parse(str(schema), safe_xml_parser()))
        rng.validate(document)
        lines |= {error.line for error in rng.error_log}
    for failure in failed_asserts(_schematron_for(document, standards), path):
        line = _line_of(document, failure.location)
        if line is not None:
            lines.add(line)
    return lines


def test_export_passes_the_core_rng_and_the_tbx_basic_schematron(tbx_standards: Path, tmp_path: Path,
                                                                  shipped: list[Glossary]) -> None:
    out = tmp_path / "out.tbx"
    assert main(["export", "--to", "tbx", "--output", str(out)]) == 0
    document = etree.parse(str(out), safe_xml_parser())
    rng = _core_rng(tbx_standards)
    assert rng.validate(document), rng.error_log
    assert failed_asserts(tbx_standards / "tbx-basic" / "DCA" / "TBX-Basic_DCA.sch", out) == []
    entries = document.getroot().findall(f".//{TBX}conceptEntry")
    assert len(entries) == sum(len(g.concepts) for g in shipped)


def test_the_schematron_runner_uses_xpath_2_and_finds_what_the_standard_expects(tbx_standards: Path) -> None:
    sch = tbx_standards / "tbx-basic" / "DCA" / "TBX-Basic_DCA.sch"
    assert "matches(@target" in compile_schematron(sch)  # an XPath 2 function, kept as it is
    # the bad-content sample breaks exactly one rule: a partOfSpeech outside the picklist
    failures = failed_asserts(sch, tbx_standards / "tbx-basic-package-v3" / "tbx_basic_sample_badelementcontent.tbx")
    assert [(f.pattern, f.context) for f in failures] == [("module.min.termNote", "tbx:termNote[@type='partOfSpeech']")]
    assert failed_asserts(sch, tbx_standards / "tbx-basic" / "DCA" / "Example_Astronomy_DCA_VALID.tbx") == []
    dct = tbx_standards / "tbx-basic" / "DCT" / "TBX-Basic_DCT.sch"
    assert failed_asserts(dct, tbx_standards / "tbx-basic" / "DCT" / "Example_Astronomy_DCT_VALID.tbx") == []


def test_export_with_languages_and_one_glossary_is_valid_too(tbx_standards: Path, tmp_path: Path) -> None:
    out = tmp_path / "c5.tbx"
    glossary = Path(__file__).resolve().parents[2] / "glossaries" / "c5plus1.yaml"
    assert main(["export", "--to", "tbx", "--output", str(out), "--glossary", str(glossary), "--lang", "ar,en"]) == 0
    assert _core_rng(tbx_standards).validate(etree.parse(str(out), safe_xml_parser()))
    # cross references to concepts of other glossaries stay as text, since a target must name an element
    assert failed_asserts(tbx_standards / "tbx-basic" / "DCA" / "TBX-Basic_DCA.sch", out) == []


@pytest.mark.parametrize("name", VALID)
def test_every_official_valid_file_imports_with_all_its_entries(tbx_standards: Path, name: str) -> None:
    path = tbx_standards / name
    glossary = read_glossary_file(path)
    document = etree.parse(str(path), safe_xml_parser())
    entries = [e for e in document.getroot().iter("*") if etree.QName(e).localname in ("conceptEntry", "termEntry")]
    assert len(glossary.concepts) == len(entries) > 0
    written = sum(1 for e in document.getroot().iter("*") if etree.QName(e).localname == "term")
    assert sum(len(c.terms) for c in glossary.concepts) == written


def test_statuses_of_real_files_map_to_one_status_each(tbx_standards: Path) -> None:
    dca = read_glossary_file(tbx_standards / "tbx-basic" / "DCA" / "Example_Astronomy_DCA_VALID.tbx")
    statuses = {t.text: t.status for c in dca.concepts for t in c.terms}
    assert statuses["open cluster"] is TermStatus.PREFERRED
    assert statuses["galactic cluster"] is TermStatus.DEPRECATED  # supersededTerm-admn-sts
    usage = read_glossary_file(tbx_standards / "test-files" / "basic_good.tbx")  # termNote type="usageStatus"
    assert {t.status for c in usage.concepts for t in c.terms} >= {TermStatus.PREFERRED, TermStatus.DEPRECATED}
    dct = read_glossary_file(tbx_standards / "tbx-basic" / "DCT" / "Example_Astronomy_DCT_VALID.tbx")
    assert [c.terms for c in dca.concepts] == [c.terms for c in dct.concepts]  # DCA and DCT say the same
    sample = read_glossary_file(tbx_standards / "tbx-basic-package-v3" / "TBX-basic-sample.tbx")
    related = {c.id: c.related for c in sample.concepts}
    assert related["c1"] == ("c2",) and related["c2"] == ("c1",)  # relatedConcept and relatedTerm


def test_the_early_namespace_is_read(tbx_standards: Path, tmp_path: Path) -> None:
    data = (tbx_standards / "tbx-basic" / "DCA" / "Example_Astronomy_DCA_VALID.tbx").read_bytes()
    early = tmp_path / "early.tbx"
    early.write_bytes(data.replace(b"urn:iso:std:iso:30042:ed-2", b"urn:iso:std:iso:30042:ed:3.0"))
    assert len(read_glossary_file(early).concepts) == 45


@pytest.mark.parametrize("name", BAD)
def test_every_official_bad_file_is_refused_naming_element_and_rule(tbx_standards: Path, name: str) -> None:
    path = tbx_standards / name
    with pytest.raises(FormatError) as caught:
        read_glossary_file(path)
    error = caught.value
    assert error.path == str(path)
    assert error.element is not None and error.element.startswith("<")
    assert "(rule: " in error.detail
    # The schemas report an error at the element, or where its content model broke: its parent or
    # the sibling before it.
    document = etree.parse(str(path), safe_xml_parser())
    local = error.element[1:].split(" ")[0].rstrip(">")
    element = next(e for e in document.getroot().iter("*")
                   if e.sourceline == error.line and etree.QName(e).localname == local)
    neighbours = {element.sourceline, *(e.sourceline for e in (element.getparent(), element.getprevious())
                                         if e is not None and isinstance(e.tag, str))}
    assert neighbours & _oracle_lines(path, tbx_standards), (error, sorted(_oracle_lines(path, tbx_standards)))


@pytest.mark.parametrize("name", NOT_WELL_FORMED)
def test_official_not_well_formed_files_are_refused_with_a_line(tbx_standards: Path, name: str) -> None:
    with pytest.raises(FormatError) as caught:
        read_glossary_file(tbx_standards / name)
    assert caught.value.line is not None and "not well-formed" in caught.value.detail


def test_tbx2_export_passes_the_v2_dtd_and_rng(tbx_standards: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.tbx"
    assert main(["export", "--to", "tbx2", "--output", str(out)]) == 0
    document = etree.parse(str(out), safe_xml_parser())
    dtd = etree.DTD(str(tbx_standards / "tbx-v2-2008" / "TBXBasiccoreStructV02.dtd"))
    assert dtd.validate(document), dtd.error_log.filter_from_errors()[:3]
    rng = etree.RelaxNG(etree.parse(str(tbx_standards / "tbx-v2-2008" / "TBXBasicRNGV02.rng"), safe_xml_parser()))
    assert rng.validate(document), rng.error_log

"""Run ISO Schematron with real XPath 2 (XSLT 3 in Saxon-HE, from the ``saxonche`` package).

lxml's ``isoschematron`` compiles to XSLT 1 only, and the TBX ``.sch`` files declare
``queryBinding="xslt2"``. The TBX schemas use only ``schema/ns/pattern/rule/assert``, so the
compiler here is the Schematron semantics in a few templates: one mode per pattern, each rule a
template whose priority keeps document order (a node is checked by the first rule it matches),
each failed assert one output line with the pattern, the context, the message and the node's path.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from lxml import etree

from termbase.formats.xmlsafe import safe_xml_parser

SCH = "{http://purl.oclc.org/dsdl/schematron}"


@dataclass(frozen=True)
class FailedAssert:
    pattern: str
    context: str
    message: str
    location: str


def compile_schematron(path: Path) -> str:
    """The XSLT 3 stylesheet that checks documents against the Schematron at ``path``."""
    schema = etree.parse(str(path), safe_xml_parser()).getroot()
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in schema.iter(SCH + "ns")}
    declarations = " ".join(f"xmlns:{prefix}={quoteattr(uri or '')}" for prefix, uri in namespaces.items())
    templates: list[str] = []
    applies: list[str] = []
    for number, pattern in enumerate(schema.iter(SCH + "pattern")):
        mode = f"p{number}"
        name = pattern.get("id") or mode
        rules = list(pattern.iter(SCH + "rule"))
        applies.append(f'<xsl:apply-templates select="//node() | //@*" mode="{mode}"/>')
        for rank, rule in enumerate(rules):
            context = rule.get("context") or ""
            checks = []
            for check in rule.iter(SCH + "assert"):
                message = " ".join("".join(check.itertext()).split())
                line = f"{name}\t{context}\t{message}\t"
                checks.append(
                    f'<xsl:if test="not({_attr(check.get("test") or "")})">'
                    f"<xsl:text>{_text(line)}</xsl:text><xsl:value-of select=\"path()\"/>"
                    "<xsl:text>&#10;</xsl:text></xsl:if>"
                )
            templates.append(
                f'<xsl:template match="{_attr(context)}" mode="{mode}" priority="{len(rules) - rank}">'
                + "".join(checks) + "</xsl:template>"
            )
        templates.append(f'<xsl:template match="node() | @*" mode="{mode}" priority="-100"/>')
    return (
        f'<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" {declarations}>'
        '<xsl:output method="text"/>'
        f'<xsl:template match="/">{"".join(applies)}</xsl:template>'
        + "".join(templates) + "</xsl:stylesheet>"
    )


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


@functools.cache
def _processor() -> object:
    from saxonche import PySaxonProcessor

    return PySaxonProcessor(license=False)


@functools.cache
def _executable(path: Path) -> object:
    processor = _processor()
    compiler = processor.new_xslt30_processor()  # type: ignore[attr-defined]
    return compiler.compile_stylesheet(stylesheet_text=compile_schematron(path))


def failed_asserts(schematron: Path, document: Path) -> list[FailedAssert]:
    """Every failed assert of ``document`` against ``schematron`` (XPath 2 and later)."""
    processor = _processor()
    node = processor.parse_xml(xml_file_name=str(document))  # type: ignore[attr-defined]
    output = _executable(schematron).transform_to_string(xdm_node=node) or ""  # type: ignore[attr-defined]
    return [FailedAssert(*line.split("\t")) for line in output.splitlines() if line]

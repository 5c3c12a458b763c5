"""What a glossary file may hold (``glossaries/README.md``): its keys, periods and flags (ids and
dates are :mod:`termbase.model`'s, language tags :mod:`termbase.langtags`'), shared by the readers of :mod:`termbase.glossary` and :mod:`termbase.glossary_layout`."""

from __future__ import annotations

from termbase.model import DATE

__all__ = [
    "BOOLEANS",
    "CONCEPT_KEYS",
    "HEADER_KEYS",
    "OFFICE_KEYS",
    "TERM_KEYS",
    "earlier",
    "is_period",
]

CONCEPT_KEYS = frozenset(
    {"id", "subject", "definition", "note", "related", "xref", "graphic", "sources", "customer",
     "history", "offices", "terms", "overrides"}
)
TERM_KEYS = frozenset(
    {"term", "status", "type", "pos", "case_sensitive", "gender", "usage", "context", "note",
     "sources", "customer", "historical"}
)
HEADER_KEYS = frozenset({"id", "title", "description", "license", "sources"})
OFFICE_KEYS = frozenset({"office", "from", "to", "sources"})
BOOLEANS = {"true": True, "false": False}
"""The written values of ``case_sensitive`` (after lowercasing)."""


def earlier(first: str, second: str) -> bool:
    """True when date ``first`` is before ``second`` at the precision both have (2022 is not before 2022-05)."""
    size = min(len(first), len(second))
    return first[:size] < second[:size]


def is_period(value: str) -> bool:
    """Whether ``value`` is a period ``FROM/TO`` of two dates, in order (a historical name's)."""
    start, slash, end = value.partition("/")
    return bool(slash) and bool(DATE.match(start)) and bool(DATE.match(end)) and not earlier(end, start)

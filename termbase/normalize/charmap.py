"""Character maps of the folding scheme, loaded from ``data/*.json`` and validated once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["CharRule", "FoldingRules", "load_rules"]

_DATA_FILES = ("arabic.json", "latin.json")


@dataclass(frozen=True, slots=True)
class CharRule:
    """One named folding rule: characters it removes, maps, or keeps as part of words."""

    name: str
    description: str
    remove: frozenset[str]
    mapping: dict[str, str]
    keep: frozenset[str]


@dataclass(frozen=True, slots=True)
class FoldingRules:
    """All rules of the scheme, merged into lookup tables."""

    rules: tuple[CharRule, ...]
    remove: frozenset[str]
    mapping: dict[str, str]
    keep: frozenset[str]

    def rule(self, name: str) -> CharRule:
        """The rule called ``name``."""
        for rule in self.rules:
            if rule.name == name:
                return rule
        raise KeyError(name)


def _codepoints(spec: str, where: str) -> list[str]:
    first, _, last = spec.partition("-")
    try:
        lo = int(first, 16)
        hi = int(last, 16) if last else lo
    except ValueError:
        raise ValueError(f"{where}: {spec!r} is not a code point or range like 064B-065F") from None
    if hi < lo:
        raise ValueError(f"{where}: empty range {spec!r}")
    return [chr(cp) for cp in range(lo, hi + 1)]


def _parse_rule(raw: Any, where: str) -> CharRule:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: a rule must be an object")
    unknown = set(raw) - {"name", "description", "remove", "map", "keep"}
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    name, description = raw.get("name"), raw.get("description")
    if not isinstance(name, str) or not isinstance(description, str):
        raise ValueError(f"{where}: a rule needs a name and a description")
    where = f"{where} ({name})"
    remove = [c for spec in raw.get("remove", []) for c in _codepoints(spec, where)]
    mapping = raw.get("map", {})
    keep = raw.get("keep", [])
    if not isinstance(mapping, dict) or any(
        not isinstance(k, str) or len(k) != 1 or not isinstance(v, str) for k, v in mapping.items()
    ):
        raise ValueError(f"{where}: map must take single characters to strings")
    if any(not isinstance(c, str) or len(c) != 1 for c in keep):
        raise ValueError(f"{where}: keep must list single characters")
    if not (remove or mapping or keep):
        raise ValueError(f"{where}: a rule must remove, map or keep something")
    return CharRule(name, description, frozenset(remove), dict(mapping), frozenset(keep))


@cache
def load_rules() -> FoldingRules:
    """Load and validate the packaged rule files (once per process)."""
    rules: list[CharRule] = []
    for filename in _DATA_FILES:
        where = f"termbase/normalize/data/{filename}"
        text = resources.files("termbase.normalize").joinpath("data", filename).read_text("utf-8")
        raw = json.loads(text)
        if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
            raise ValueError(f"{where}: expected an object with a 'rules' list")
        rules.extend(_parse_rule(rule, f"{where}, rule {i}") for i, rule in enumerate(raw["rules"]))
    remove: set[str] = set()
    mapping: dict[str, str] = {}
    keep: set[str] = set()
    for rule in rules:
        clash = (remove | set(mapping)) & (rule.remove | set(rule.mapping))
        if clash:
            raise ValueError(f"rule {rule.name} redefines {sorted(clash)}")
        remove |= rule.remove
        mapping.update(rule.mapping)
        keep |= rule.keep
    return FoldingRules(tuple(rules), frozenset(remove), mapping, frozenset(keep))

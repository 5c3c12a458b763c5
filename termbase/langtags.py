"""BCP 47 language tags (RFC 5646): the one parser of the tags glossaries, files and options carry.

Tags compare case-insensitively (``EN-us`` is ``en-US``); a tag is of a language when its primary
subtag is that language (``en-GB`` is English). :func:`parse_tag` checks that a tag is well formed
(the ABNF of RFC 5646, section 2.1) with a primary language subtag of a length that names languages
(ISO 639: two or three letters; four are reserved and the five-to-eight-letter registrations the
grammar allows have never been made, so ``english`` names none) and splits it into its subtags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LanguageTag", "LanguageTagError", "parse_tag", "primary_language", "same_language"]

_TAG = re.compile(
    r"""
    (?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})
    (?:-(?P<script>[a-z]{4}))?
    (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
    (?P<variants>(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)
    (?P<extensions>(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*)
    (?:-x(?P<private>(?:-[a-z0-9]{1,8})+))?
    """,
    re.VERBOSE,
)
_PRIVATE_USE = re.compile(r"x(?:-[a-z0-9]{1,8})+")
_GRANDFATHERED = frozenset({
    "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
    "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr", "sgn-be-nl", "sgn-ch-de",
    "art-lojban", "cel-gaulish", "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan",
    "zh-xiang",
})


class LanguageTagError(ValueError):
    """A string that is not a well-formed BCP 47 language tag."""


@dataclass(frozen=True, slots=True)
class LanguageTag:
    """A well-formed language tag, its subtags lower-cased (script and region as conventionally cased
    in :attr:`tag`)."""

    tag: str
    """The tag in its conventional case: ``en-US``, ``sr-Latn-RS``."""
    language: str
    """The primary language subtag (with extended subtags), lower case: ``en``, ``zh-yue``."""
    script: str | None = None
    region: str | None = None

    def __str__(self) -> str:
        return self.tag


def parse_tag(text: str) -> LanguageTag:
    """The language tag written ``text`` (any case), or :class:`LanguageTagError` saying why not."""
    lowered = text.lower()
    if lowered in _GRANDFATHERED or _PRIVATE_USE.fullmatch(lowered):
        return LanguageTag(lowered, lowered)
    match = _TAG.fullmatch(lowered)
    if match is None:
        raise LanguageTagError(f"{text!r} is not a BCP 47 language tag (like ar, en or en-US)")
    extensions = match["extensions"]
    singletons = [part for part in extensions.split("-") if len(part) == 1]
    if len(singletons) != len(set(singletons)):
        raise LanguageTagError(f"{text!r} is not a BCP 47 language tag: an extension is repeated")
    variants = [part for part in match["variants"].split("-") if part]
    if len(variants) != len(set(variants)):
        raise LanguageTagError(f"{text!r} is not a BCP 47 language tag: a variant is repeated")
    if len(match["language"].split("-")[0]) > 3:
        raise LanguageTagError(f"{text!r} is not a BCP 47 language tag: a language subtag has two or three "
                               "letters (like ar, en or en-US)")
    script, region = match["script"], match["region"]
    parts = [match["language"]]
    if script:
        parts.append(script.title())
    if region:
        parts.append(region.upper())
    rest = lowered[match.end("region") if region else match.end("script") if script else match.end("language"):]
    return LanguageTag("-".join(parts) + rest, match["language"], script.title() if script else None,
                       region.upper() if region else None)


def primary_language(tag: str) -> str:
    """The primary language subtag of ``tag``, lower case (``en-US`` -> ``en``); no validation."""
    return tag.split("-", 1)[0].lower()


def same_language(tag: str, wanted: str) -> bool:
    """True when ``tag`` is ``wanted`` or a more specific tag of it (``en-US`` is ``en``), in any case."""
    tag, wanted = tag.lower(), wanted.lower()
    return tag == wanted or tag.startswith(wanted + "-")

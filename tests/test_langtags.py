"""BCP 47 tags: the examples of RFC 5646, Appendix A, well formed or not, in any case."""

from __future__ import annotations

import pytest

from termbase.langtags import LanguageTagError, parse_tag, primary_language, same_language

# RFC 5646, Appendix A "Examples of Language Tags (Informative)", in the conventional case (private use
# subtags lower case: their case carries no meaning).
WELL_FORMED = [
    "de", "fr", "ja", "i-enochian", "zh-Hant", "zh-Hans", "sr-Cyrl", "sr-Latn", "zh-cmn-Hans-CN",
    "cmn-Hans-CN", "zh-yue-HK", "yue-HK", "zh-Hans-CN", "sr-Latn-RS", "sl-rozaj", "sl-rozaj-biske",
    "sl-nedis", "de-CH-1901", "sl-IT-nedis", "hy-Latn-IT-arevela", "de-DE", "en-US", "es-419",
    "de-CH-x-phonebk", "az-Arab-x-aze-derbend", "x-whatever", "qaa-Qaaa-QM-x-southern", "de-Qaaa",
    "sr-Latn-QM", "sr-Qaaa-RS", "en-US-u-islamcal", "zh-CN-a-myext-x-private", "en-a-myext-b-another",
]
# RFC 5646, Appendix A: "Some Invalid Tags" (those that are not well formed), and the "f r".
MALFORMED = ["de-419-DE", "a-DE", "ar-a-aaa-b-bbb-a-ccc", "f r", "", "en_US", "en-", "-en", "toolongtag"]
# Well formed by the grammar, but no language has a primary subtag of four to eight letters (ISO 639
# codes have two or three; the IANA registry holds none longer): such a tag names no language.
NO_LANGUAGE = ["english", "arabic", "arab", "Engl-US"]


@pytest.mark.parametrize("tag", WELL_FORMED)
def test_well_formed_tags_parse_to_their_conventional_case(tag: str) -> None:
    assert parse_tag(tag).tag == tag
    assert parse_tag(tag.upper()).tag == tag
    assert parse_tag(tag.lower()).tag == tag


@pytest.mark.parametrize("tag", MALFORMED)
def test_malformed_tags_are_refused_with_the_tag_named(tag: str) -> None:
    with pytest.raises(LanguageTagError, match="language tag"):
        parse_tag(tag)


@pytest.mark.parametrize("tag", NO_LANGUAGE)
def test_a_primary_subtag_no_language_has_is_refused(tag: str) -> None:
    with pytest.raises(LanguageTagError, match="two or three letters"):
        parse_tag(tag)


def test_subtags() -> None:
    tag = parse_tag("SR-latn-rs")
    assert (tag.language, tag.script, tag.region) == ("sr", "Latn", "RS")
    assert parse_tag("zh-yue-HK").language == "zh-yue"
    assert primary_language("EN-us") == "en"
    assert same_language("EN-US", "en") and same_language("en", "EN")
    assert not same_language("eng", "en") and not same_language("en", "en-US")

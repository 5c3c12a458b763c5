"""A deprecated form of a mention nothing resolves (a surname shared by father and son) is still
reported, and fixed only when every person it may name has one same replacement."""

from __future__ import annotations

import textwrap
from pathlib import Path

from termbase import Termbase
from termbase.qa.autofix import Applicability
from termbase.qa.issues import IssueCode

# RFE/RL wording (benchmarks/accuracy en-8879ac8017) with the deprecated romanisation planted
PLANTED = ("President Berdymukhamedov on Thursday held talks with Chinese President Xi Jinping "
           "as part of a working visit to China.")


def test_a_deprecated_surname_of_father_and_son_is_reported_and_fixed(shipped_termbase: Termbase) -> None:
    found = [i for i in shipped_termbase.check(None, PLANTED, target_lang="en").issues
             if i.code is IssueCode.DEPRECATED_TERM]
    assert len(found) == 1
    issue = found[0]
    assert issue.concept is None and issue.target is not None and issue.target.text == "Berdymukhamedov"
    assert issue.suggestion == "Berdimuhamedov" and issue.fix is Applicability.SAFE
    assert any(e.rule == "ambiguous" for e in issue.evidence)
    assert shipped_termbase.fix(None, PLANTED, target_lang="en") == PLANTED.replace("Berdymukhamedov", "Berdimuhamedov")


def _person(concept_id: str, given: str, variant_status: str) -> str:
    """A person named ``given`` Karimbekov, listing the surname spelling Karymbekov as ``variant_status``."""
    return textwrap.dedent(f"""\
        - id: {concept_id}
          subject: people
          terms:
            en:
            - {{term: {given} Karimbekov, status: preferred, pos: properNoun}}
            - {{term: Karimbekov, status: admitted, pos: properNoun}}
            - {{term: Karymbekov, status: {variant_status}, pos: properNoun}}
        """)


# one surname form, deprecated for one namesake and admitted for the other
GLOSSARY = textwrap.dedent("""\
    glossary:
      id: shared
      title: Two namesakes
      description: One surname form, deprecated for one person and admitted for the other.
      license: CC0-1.0
    concepts:
    """) + _person("elder", "Aslan", "deprecated") + _person("younger", "Timur", "admitted")


def test_a_form_only_one_candidate_deprecates_is_not_reported(tmp_path: Path) -> None:
    path = tmp_path / "shared.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    tb = Termbase.load([path])
    text = "Karymbekov spoke."
    assert not [i for i in tb.check(None, text, target_lang="en").issues if i.code is IssueCode.DEPRECATED_TERM]
    assert tb.fix(None, text, target_lang="en") == text


# the same RFE/RL sentence with one letter of the shared surname swapped with its neighbour
MISSPELT = PLANTED.replace("Berdymukhamedov", "Berdimuhamdeov")


def test_a_misspelt_surname_of_father_and_son_is_reported_not_fixed(shipped_termbase: Termbase) -> None:
    """Without a source, nothing tells father from son: the misspelling is reported for both, its
    fix (the one spelling both share) is unsafe, and --fix leaves the sentence alone."""
    found = [i for i in shipped_termbase.check(None, MISSPELT, target_lang="en").issues
             if i.code is IssueCode.MISSPELLED_TERM]
    assert len(found) == 1
    issue = found[0]
    assert issue.concept is None and issue.target is not None and issue.target.text == "Berdimuhamdeov"
    assert issue.suggestion == "Berdimuhamedov" and issue.fix is Applicability.UNSAFE
    assert next(e.detail for e in issue.evidence if e.rule == "ambiguous") == \
        "fits gurbanguly-berdimuhamedov, serdar-berdimuhamedov"
    assert shipped_termbase.fix(None, MISSPELT, target_lang="en") == MISSPELT


def test_a_misspelling_between_two_surnames_is_reported_without_a_fix(tmp_path: Path) -> None:
    """Karimbekoz is one letter from Karimbekov and from Karimbekow: a misspelling of one of them,
    reported, with no correction to offer."""
    path = tmp_path / "two.yaml"
    path.write_text(textwrap.dedent("""\
        glossary: {id: two, title: Two surnames, license: CC0-1.0}
        concepts:
        - id: elder
          subject: people
          terms:
            en: [{term: Karimbekov, status: preferred, pos: properNoun}]
        - id: younger
          subject: people
          terms:
            en: [{term: Karimbekow, status: preferred, pos: properNoun}]
        """), encoding="utf-8")
    tb = Termbase.load([path])
    text = "Karimbekoz spoke."
    hits = tb.spot(text, lang="en")
    assert len(hits) == 1 and hits[0].concept is None
    found = [i for i in tb.check(None, text, target_lang="en").issues if i.code is IssueCode.MISSPELLED_TERM]
    assert len(found) == 1 and found[0].suggestion is None and found[0].fix is None
    assert tb.fix(None, text, target_lang="en") == text

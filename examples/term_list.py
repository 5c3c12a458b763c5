"""A translator's term list: every glossary concept of an Arabic article, with the English to use.

Run from anywhere: ``python examples/term_list.py [ARTICLE]`` (default: the seed article). Prints one
line per concept in order of first mention: how often it occurs, the Arabic forms as written in the
article, and the preferred English rendering — the sheet to keep beside the draft.
"""

from __future__ import annotations

import sys
from pathlib import Path

import termbase

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else REPO / "seeds" / "c5plus1-summit.ar.txt"
    article = path.read_text(encoding="utf-8")
    tb = termbase.Termbase.load()

    forms: dict[str, list[str]] = {}
    for hit in tb.spot(article, lang="ar", fuzzy=False):
        concepts = [hit.concept] if hit.concept else list(hit.candidates)
        for concept_id in concepts:
            forms.setdefault(concept_id, []).append(" ".join(hit.text.split()))

    for concept_id, written in forms.items():
        english = tb.preferred(concept_id, "en")
        seen = " / ".join(dict.fromkeys(written))
        print(f"{len(written):>2}×  {english.text if english else '?':<32} {seen}")
    print(f"{len(forms)} concepts in {path.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

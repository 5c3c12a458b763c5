#!/usr/bin/env python3
"""Generate ``termbase/spotting/data/arabic_name_words.json`` and ``english_name_words.json``: the
Arabic and the English words that person names use.

Input: ``netranslit_wd_arabic.normalized.aligned.tokens`` of the shared reference data (English name
token, Arabic name token letter by letter, count; 64,973 pairs from Wikidata person labels,
Merhav & Ash, COLING 2018, GitHub ``steveash/NETransliteration-COLING2018`` @
``5d5f59e561ecea45a6d3602121e1049baa7a76c3``, CC0 1.0). Every Arabic token is folded with the
project's folding; a folded token written at least ``MIN_COUNT`` times, three letters or longer and
without the article, is kept with its count, and the file records how many Arabic tokens the pairs
hold in all, so that the spotter can weigh a word's use in names against its use in running text
(``termbase.spotting.names.arabic_name_zipf``). Every English token is folded the same way; one
written at least ``MIN_COUNT`` times, two letters or longer, is kept. Both lists take a token seen
twice: a token seen once is as often a word of a nickname, a title or a misaligned pair ("rushing",
"reigns") as a name, and one more sighting is the least evidence that it recurs. The spotter reads them to tell a
given name before a surname (حيدر علييف is not Ilham Aliyev; "Heydar Aliyev" at the start of a
sentence is not either) from the words of a sentence or a Title Case headline.

Usage::

    python glossaries/sources/make_name_words.py [--tokens PATH]          # regenerate
    python glossaries/sources/make_name_words.py [--tokens PATH] --check  # exit 1 if stale
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from termbase.arabic import ARTICLE  # noqa: E402
from termbase.normalize import fold  # noqa: E402

TOKENS = "netranslit_wd_arabic.normalized.aligned.tokens"
DATA = REPO / "termbase" / "spotting" / "data"
OUTPUTS = (DATA / "arabic_name_words.json", DATA / "english_name_words.json")
MIN_COUNT = 2
SOURCE = ("netranslit_wd_arabic.normalized.aligned.tokens, GitHub steveash/NETransliteration-COLING2018 "
          "@ 5d5f59e561ecea45a6d3602121e1049baa7a76c3 (Merhav & Ash, COLING 2018), from Wikidata")


def _default_tokens() -> Path | None:
    for parent in REPO.parents:
        candidate = parent / "shared" / "data" / TOKENS
        if candidate.is_file():
            return candidate
    return None


def build(tokens: Path) -> tuple[str, str]:
    """The JSON texts of the Arabic and the English name-word lists made from ``tokens``."""
    counts: Counter[str] = Counter()
    english: Counter[str] = Counter()
    with tokens.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 3 or not fields[2].isdigit():
                raise SystemExit(f"{tokens}:{number}: expected 'english<TAB>arabic letters<TAB>count'")
            counts[fold(fields[1].replace(" ", ""))] += int(fields[2])
            english[fold(fields[0])] += int(fields[2])
    total = sum(counts.values())
    words = {word: count for word, count in sorted(counts.items())
             if count >= MIN_COUNT and len(word) >= 3 and not word.startswith(ARTICLE)}
    arabic = {
        "description": ("Folded Arabic words that Wikidata person labels use as name tokens, with how often: "
                        f"tokens written {MIN_COUNT} times or more, three letters or longer, without the article; "
                        "tokens: how many Arabic name tokens the pairs hold in all."),
        "source": SOURCE,
        "license": "CC0-1.0",
        "tokens": total,
        "words": words,
    }
    latin = {
        "description": ("Folded English words that Wikidata person labels use as name tokens (given names and "
                        f"surnames): tokens written {MIN_COUNT} times or more, two letters or longer."),
        "source": SOURCE,
        "license": "CC0-1.0",
        "words": sorted(word for word, count in english.items() if count >= MIN_COUNT and len(word) >= 2),
    }
    return _dumped(arabic), _dumped(latin)


def _dumped(document: Mapping[str, object]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tokens", type=Path, default=_default_tokens(), help=f"path of {TOKENS}")
    parser.add_argument("--check", action="store_true", help="exit 1 when a shipped file differs")
    args = parser.parse_args(argv)
    if args.tokens is None or not args.tokens.is_file():
        print(f"error: {TOKENS} not found; give --tokens PATH", file=sys.stderr)
        return 2
    texts = build(args.tokens)
    if args.check:
        return 0 if all(output.is_file() and output.read_text(encoding="utf-8") == text
                        for output, text in zip(OUTPUTS, texts)) else 1
    for output, text in zip(OUTPUTS, texts):
        temporary = output.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())

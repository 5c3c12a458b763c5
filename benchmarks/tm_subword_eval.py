"""Word against subword (sentencepiece) retrieval, on a generated memory and on real parallel text.

1. Generated: a memory of ``--size`` Arabic segments (``generate_memory``); a held-out split of
   ``--queries`` of them is kept out of the subword model's training text (the model is trained on
   the other segments), and each held-out segment is queried in an inflected form (one to three
   words given a clitic, the article or a suffix ات / ة / ها, and at times one word replaced)
   against the memory, which holds its original form. A hit is the original retrieved first.
2. Real: the reference translation of the seed (``seeds/c5plus1-summit.en.txt``, 12 lines) is the
   memory (English sources), and the example draft (``examples/c5plus1-summit.draft.en.txt``, a real
   edited version of it) gives the queries; the right answer is the same line.

Printed per tokenization: top-1 accuracy, recall at min-score 70 (the right segment among the
matches at all), mean match % of the right segment, mean match % of the best wrong one (how far
the right answer stands out), median latency.

    python benchmarks/tm_subword_eval.py
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate_memory  # noqa: E402

from termbase.tm.memory import TranslationMemory  # noqa: E402
from termbase.tm.store import Unit  # noqa: E402
from termbase.tm.subword import SubwordModel  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SUFFIXES = ("ات", "ة", "ها")


def inflect(words: list[str], rng: random.Random, vocabulary: list[str]) -> list[str]:
    out = list(words)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(out))
        kind = rng.random()
        if kind < 0.35:
            out[at] = rng.choice(("و", "ب", "ل", "ف")) + out[at]
        elif kind < 0.6 and not out[at].startswith("ال"):
            out[at] = "ال" + out[at]
        elif kind < 0.9:
            out[at] = out[at] + rng.choice(SUFFIXES)
        else:
            out[at] = rng.choice(vocabulary)
    return out


def evaluate(memory: TranslationMemory, queries: list[tuple[str, int]], lang: str) -> dict[str, float]:
    top1 = recall = 0
    right, wrong, times = [], [], []
    for text, wanted in queries:
        started = time.perf_counter()
        found = memory.search(text, source_lang=lang, target_lang=None, limit=5, min_score=0)
        times.append(time.perf_counter() - started)
        ids = [m.segment.id for m in found]
        top1 += bool(ids) and ids[0] == wanted
        recall += any(m.segment.id == wanted and m.score >= 70 for m in found)
        right.append(next((m.score for m in found if m.segment.id == wanted), 0))
        wrong.append(next((m.score for m in found if m.segment.id != wanted), 0))
    n = len(queries)
    return {"top1": top1 / n, "recall70": recall / n, "right": statistics.mean(right),
            "wrong": statistics.mean(wrong), "ms": 1000 * statistics.median(times)}


def _row(name: str, result: dict[str, float]) -> str:
    return (f"  {name:<22} top-1 {result['top1']:6.1%}   recall@70 {result['recall70']:6.1%}   right {result['right']:5.1f} %"
            f"   best wrong {result['wrong']:5.1f} %   {result['ms']:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=20_000, help="generated memory size (default 20000)")
    parser.add_argument("--queries", type=int, default=300, help="held-out queries (default 300)")
    args = parser.parse_args()
    rng = random.Random(11)
    pairs, vocabulary = generate_memory(args.size, seed=5, near_share=0.0)
    held = sorted(rng.sample(range(len(pairs)), args.queries))
    with tempfile.TemporaryDirectory() as folder:
        word = TranslationMemory(Path(folder) / "gen.tm")
        word.add_units(Unit(s, t) for s, t in pairs)
        ids = {s.source: s.id for s in word.segments()}
        queries = [(" ".join(inflect(pairs[i][0].split(), rng, vocabulary)), ids[pairs[i][0]]) for i in held]
        print(f"generated memory: {len(ids)} segments, {len(queries)} held-out inflected queries")
        print(_row("word", evaluate(word, queries, "ar")))
        held_out = set(held)
        model = SubwordModel.train(pairs[i][0] for i in range(len(pairs)) if i not in held_out)
        model.save(Path(folder) / "train.model")
        subword = TranslationMemory(Path(folder) / "gen.tm", tokenization="subword",
                                    subword_model=Path(folder) / "train.model")
        print(_row(f"subword ({model.vocabulary} pieces)", evaluate(subword, queries, "ar")))

        reference = (REPO / "seeds" / "c5plus1-summit.en.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
        draft = (REPO / "examples" / "c5plus1-summit.draft.en.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
        arabic = (REPO / "seeds" / "c5plus1-summit.ar.txt").read_text(encoding="utf-8").rstrip("\n").split("\n")
        real = TranslationMemory(Path(folder) / "real.tm")
        real.add_units(Unit(en, ar, source_lang="en", target_lang="ar", document="seed", position=i)
                       for i, (en, ar) in enumerate(zip(reference, arabic, strict=True)))
        line_ids = {s.position: s.id for s in real.segments()}
        changed = [(d, line_ids[i]) for i, (r, d) in enumerate(zip(reference, draft, strict=True)) if r != d]
        print(f"real text: the reference translation as memory, the {len(changed)} lines the draft changed as queries")
        print(_row("word", evaluate(real, changed, "en")))
        real_subword = TranslationMemory(Path(folder) / "real.tm", tokenization="subword")
        pieces = SubwordModel.train(reference).vocabulary  # the model the memory trains on itself
        print(_row(f"subword ({pieces} pieces)", evaluate(real_subword, changed, "en")))


if __name__ == "__main__":
    main()

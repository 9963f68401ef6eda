"""Words per second of the whole extraction against bare spaCy parsing of the same texts, same run.

Run: `python bench/extract_bench.py [FILES…] [--repeat N]`. With no files it uses the bundled example
page plus, when present, the PolNeAR dev articles in ../shared/gold (read only for their text).
Both measurements share one process and one loaded pipeline, so the ratio holds on a noisy machine;
the goal is extraction at no less than half of spaCy's own speed.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from warlog.extract.document import extract
from warlog.extract.nlp import get_nlp
from warlog.pipeline import prepare
from warlog.sources.text import read_text

ROOT = Path(__file__).resolve().parent.parent


def _corpus(files: list[str]) -> list[str]:
    if files:
        return [Path(f).read_text(encoding="utf-8") for f in files]
    texts = [(ROOT / "examples" / "independent-liveblog-2024-11-03.txt").read_text(encoding="utf-8")]
    polnear = ROOT.parent / "shared" / "gold" / "attribution" / "PolNeAR-dev" / "text"
    if polnear.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(polnear.glob("*.txt"))[:60]]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = _corpus(args.files)
    nlp = get_nlp()
    prepared = []
    for number, text in enumerate(texts):
        document = read_text(text, f"text {number}")
        prepared.append((document, prepare(document, any_language=True)))
    words = sum(len(d.text.split()) for d, _ in prepared)
    nlp("warm up")

    spacy_times, extract_times = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        for _document, posts in prepared:
            list(nlp.pipe(p.body.text if p.body else "" for p in posts))
        spacy_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        for document, posts in prepared:
            extract(document, posts, nlp)
        extract_times.append(time.perf_counter() - started)
    spacy_s, extract_s = statistics.median(spacy_times), statistics.median(extract_times)
    print(f"corpus: {len(texts)} documents, {words:,} words; median of {args.repeat} runs")
    print(f"bare spaCy parse of post bodies: {spacy_s:.2f} s, {words / spacy_s:,.0f} words/s")
    print(f"whole extraction (parse + mentions, quantities, dates, claims, events): {extract_s:.2f} s, "
          f"{words / extract_s:,.0f} words/s")
    print(f"extraction keeps {spacy_s / extract_s:.0%} of spaCy's speed (goal: at least 50%)")


if __name__ == "__main__":
    main()

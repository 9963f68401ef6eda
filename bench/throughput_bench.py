"""Throughput of the whole pipeline beside bare spaCy parsing of the same texts, in the same run.

Run: `python bench/throughput_bench.py [--docs 200] [--repeat 3]`. The corpus is `bench/corpus.py`'s
real-shaped news built from the shipped example page, written as one JSON Lines file. Each round times
(1) a bare spaCy parse (`nlp.pipe`) of every document's text and (2) the whole pipeline on the file:
read -> clean -> segment -> extract -> store into a fresh temporary SQLite database. The two alternate
within one process with the pipeline already loaded, so their ratio holds on a noisy, shared machine;
medians over the rounds are printed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from corpus import write_jsonl

from warlog.extract.nlp import get_nlp
from warlog.pipeline import ingest_target
from warlog.sources import ReadOptions
from warlog.store import Store


def _spacy_round(nlp, texts: list[str]) -> float:
    started = time.perf_counter()
    for _doc in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


def _pipeline_round(path: Path, folder: Path, number: int, expected: int) -> float:
    with Store(f"sqlite:///{folder / f'round{number}.db'}") as store:
        started = time.perf_counter()
        results = ingest_target(str(path), store, ReadOptions())
        elapsed = time.perf_counter() - started
    stored = sum(r.status == "stored" for r in results)
    if stored != expected:
        errors = [r.error for r in results if r.status == "error"][:3]
        raise SystemExit(f"only {stored} of {expected} documents stored: {errors}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200, help="documents in the corpus")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (medians are printed)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="warlog-throughput-") as name:
        folder = Path(name)
        path = folder / "corpus.jsonl"
        size = write_jsonl(path, args.docs)
        texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
        nlp = get_nlp()
        nlp("Warm up the pipeline before timing.")
        spacy_times, pipeline_times = [], []
        for number in range(args.repeat):
            spacy_times.append(_spacy_round(nlp, texts))
            pipeline_times.append(_pipeline_round(path, folder, number, args.docs))
    docs, words = size["documents"], size["words"]
    spacy_s, pipeline_s = statistics.median(spacy_times), statistics.median(pipeline_times)
    print(f"corpus: {docs:,} documents, {words:,} words (bench/corpus.py); median of {args.repeat} rounds")
    print(f"{'':<44} {'seconds':>8} {'words/s':>9} {'docs/s':>8}")
    print(f"{'bare spaCy parse (nlp.pipe)':<44} {spacy_s:>8.2f} {words / spacy_s:>9,.0f} {docs / spacy_s:>8.1f}")
    print(f"{'whole pipeline (read..extract, SQLite)':<44} {pipeline_s:>8.2f} {words / pipeline_s:>9,.0f} "
          f"{docs / pipeline_s:>8.1f}")
    print(f"pipeline keeps {spacy_s / pipeline_s:.0%} of bare spaCy's speed "
          f"(rounds: spaCy {', '.join(f'{s:.2f}' for s in spacy_times)}; "
          f"pipeline {', '.join(f'{s:.2f}' for s in pipeline_times)})")


if __name__ == "__main__":
    main()

"""Speed and memory of ingesting the bundled example, with and without extraction, beside a bare
spaCy parse of the same text.

Run: `make bench` (or `python bench/ingest_bench.py [FILE] [--repeat N]`). Both are measured in one
process so their ratio means something on a noisy machine. Prints wall time per document, words/s,
documents/s and peak memory (Python allocations by tracemalloc, and the process's max RSS).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from warlog.pipeline import ingest_target
from warlog.sources import ReadOptions
from warlog.store import Store

ROOT = Path(__file__).resolve().parent.parent


def _ingest_once(path: Path, extract: bool = True) -> float:
    with tempfile.TemporaryDirectory() as folder, Store(f"sqlite:///{folder}/bench.db") as store:
        started = time.perf_counter()
        results = ingest_target(str(path), store, ReadOptions(), extract=extract)
        elapsed = time.perf_counter() - started
    assert results and results[0].status == "stored", results
    return elapsed


def _spacy_once(text: str) -> float:
    from warlog.extract.nlp import get_nlp

    nlp = get_nlp()
    started = time.perf_counter()
    nlp(text)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default=str(ROOT / "examples" / "independent-liveblog-2024-11-03.txt"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    path = Path(args.file)
    words = len(path.read_text(encoding="utf-8").split())

    tracemalloc.start()
    first = _ingest_once(path)  # includes imports warmed by the store and readers
    _, peak_first = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    times = [_ingest_once(path) for _ in range(args.repeat)]
    ingest_median = statistics.median(times)
    plain_median = statistics.median(_ingest_once(path, extract=False) for _ in range(args.repeat))

    text = path.read_text(encoding="utf-8")
    _spacy_once(text)  # load the pipeline outside the timing
    spacy_median = statistics.median(_spacy_once(text) for _ in range(max(3, args.repeat // 4)))
    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"input: {path.name}, {words:,} words")
    print(f"ingest without extraction (read+clean+segment+store): median {plain_median * 1000:.1f} ms")
    print(f"ingest (read+clean+segment+extract+store, fresh SQLite): first {first * 1000:.1f} ms "
          f"(loads spaCy), median {ingest_median * 1000:.1f} ms over {args.repeat} runs")
    print(f"  {words / ingest_median:,.0f} words/s, {1 / ingest_median:,.1f} documents/s")
    print(f"baseline bare spaCy parse: median {spacy_median * 1000:.1f} ms, {words / spacy_median:,.0f} words/s")
    print(f"ingest / spaCy time ratio: {ingest_median / spacy_median:.2f}")
    print(f"peak Python allocations during first ingest: {peak_first / 1e6:.1f} MB; "
          f"process max RSS (with spaCy loaded): {max_rss_mb:.0f} MB")


if __name__ == "__main__":
    main()

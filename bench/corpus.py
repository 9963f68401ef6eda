"""A corpus of real-shaped news for the benchmarks, built only from text the repository ships.

The only news text shipped with warlog is the example live blog (`examples/`, public text from The
Independent). Its eleven stories with a body are cut apart with warlog's own segmenter and into
sentences; each generated document is a short news page: the headline of its first story, then two to
four stories (each a random run of at least half of its sentences, regrouped into paragraphs of one to
three sentences, now and then under its own headline), with a publication date spread over three
months and one of a few source names. Every document is different (its content hash is its id, so a
repeated one would be skipped as already stored), sentences stay real, and lengths vary as real
articles do (about 100 to 730 words, 370 on average).

Why paragraphs are regrouped anew for each document: `clean` removes lines repeated across one
source's documents as site furniture; whole paragraphs shared by many documents would be dropped
as such, and the benchmark would measure furniture removal instead of news extraction.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "independent-liveblog-2024-11-03.txt"
SOURCES = ("The Independent", "Kyiv Independent", "Reuters", "Meduza", "BBC News")
LAST_DAY = date(2024, 11, 3)
DAYS_SPREAD = 90
# A sentence ends at . ! or ? (maybe inside a closing quote) before a space and a capital or a quote.
_SENTENCE_END = re.compile(r'(?:(?<=[.!?])|(?<=[.!?]["\']))(?<!\bMr\.)(?<!\bMs\.)(?<!\bDr\.)\s+(?=["\'A-Z])')


@cache
def stories() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(headline, paragraphs) of each story of the example page that has a body, cut by warlog itself."""
    from warlog.pipeline import prepare
    from warlog.sources import ReadOptions, read_file

    document = next(read_file(EXAMPLE, ReadOptions()))
    found = []
    for post in prepare(document):
        if post.body is None or post.headline is None:
            continue
        paragraphs = tuple(line.strip() for line in post.body.text.split("\n") if line.strip())
        found.append((post.headline.text.strip(), paragraphs))
    return tuple(found)


def _sentences(paragraphs: tuple[str, ...]) -> list[str]:
    return [s for p in paragraphs for s in _SENTENCE_END.split(p) if s.strip()]


def documents(count: int, seed: int = 11) -> Iterator[dict[str, str]]:
    """`count` distinct JSON Lines records (`title`, `text`, `published`, `source`), reproducibly."""
    rng = random.Random(seed)
    pool = [(headline, _sentences(paragraphs)) for headline, paragraphs in stories()]
    seen: set[str] = set()
    made = 0
    while made < count:
        chosen = rng.sample(pool, rng.choice((2, 3, 3, 4)))
        parts: list[str] = []
        for number, (headline, sentences) in enumerate(chosen):
            first = rng.randrange(max(1, len(sentences) // 2))
            last = rng.randrange(first + (len(sentences) - first) // 2, len(sentences)) + 1
            if number == 0 or rng.random() < 0.3:  # a title, and now and then a subheading
                parts.append(headline)
            run = sentences[first:last]
            while run:  # paragraphs of one to three sentences, cut anew for each document
                size = rng.randint(1, 3)
                parts.append(" ".join(run[:size]))
                run = run[size:]
        text = "\n".join(parts)
        if text in seen:
            continue
        seen.add(text)
        made += 1
        published = LAST_DAY - timedelta(days=rng.randrange(DAYS_SPREAD))
        yield {"title": chosen[0][0], "text": text, "published": published.isoformat(),
               "source": rng.choice(SOURCES)}


def write_jsonl(path: Path, count: int, seed: int = 11) -> dict[str, int]:
    """Write `count` documents to `path` as JSON Lines, one at a time; returns documents and words."""
    words = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in documents(count, seed):
            words += len(record["text"].split())
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"documents": count, "words": words}

"""Coverage-guided fuzzing of the readers (HTML, feeds, WARC, JSON Lines, text) with atheris (libFuzzer).

    python fuzz/atheris_readers.py fuzz/corpus -runs=10000            # 10,000 inputs, then a summary
    python fuzz/atheris_readers.py fuzz/corpus -max_total_time=600    # ten minutes
    python fuzz/atheris_readers.py /tmp/warlog-atheris-corpus-*/crash-*  # replay crash files

Each input is handed to `read_bytes` as `warlog ingest` would hand it a file, then cleaned, segmented and stored
(no extraction: the readers are the target, and the store's write is what must never be half done). A crash is
any exception that is not a WarlogError, or a broken invariant: a block or span whose offsets do not give back its
text (the checks of tests/test_fuzz_properties.py), or a document whose write failed yet left rows behind, or
whose write succeeded without all its posts.

The seed corpus (fuzz/corpus/: a live blog with JSON-LD, an article, RSS, Atom, WARC plain and gzipped, JSON
Lines, plain text) is only read: the inputs libFuzzer finds interesting go to a fresh folder under /tmp (printed
at the start), and so do crash files, so a run never changes the repository.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["warlog", "warcio", "feedparser"]):
    from warlog.clean import clean
    from warlog.errors import WarlogError
    from warlog.segment import segment
    from warlog.sources import ReadOptions, read_bytes
    from warlog.store import Store, tables

from sqlalchemy import func, select  # noqa: E402 (after the instrumented imports, on purpose)
from tests.test_fuzz_properties import check_clean, check_posts, check_read  # noqa: E402

OPTIONS = ReadOptions(max_bytes=1_000_000)
STATS: Counter[str] = Counter()
_store: Store | None = None


def store() -> Store:
    """One SQLite store for the whole run, in a temporary folder."""
    global _store
    if _store is None:
        _store = Store(f"sqlite:///{tempfile.mkdtemp(prefix='warlog-atheris-store-')}/fuzz.db")
    return _store


def rows_of(document_id: str) -> dict[str, int]:
    with store().engine.connect() as connection:
        return {name: connection.execute(select(func.count()).select_from(table)
                                         .where(table.c.document_id == document_id)).scalar_one()
                for name, table in tables.metadata.tables.items() if "document_id" in table.c} | {
            "documents": connection.execute(select(func.count()).select_from(tables.documents)
                                            .where(tables.documents.c.id == document_id)).scalar_one()}


def test_one_input(data: bytes) -> None:
    STATS["inputs"] += 1
    errors: list[WarlogError] = []
    try:
        documents = list(read_bytes(data, "fuzz", OPTIONS, errors.append))
    except WarlogError:
        STATS["refused"] += 1
        return
    STATS["record errors"] += len(errors)
    for document in documents:
        STATS[f"read {document.format}"] += 1
        check_read(document)
        clean(document)
        check_clean(document)
        posts = segment(document)
        check_posts(document, posts)
        already = rows_of(document.id)["documents"] == 1
        try:
            added = store().add_document(document, posts)
        except WarlogError:
            STATS["store refused"] += 1
            assert already or not any(rows_of(document.id).values()), "a failed write left rows behind"
            continue
        rows = rows_of(document.id)
        assert rows["documents"] == 1 and (not added or rows["posts"] == len(posts)), rows
        STATS["stored" if added else "already stored"] += 1


def main() -> None:
    work = tempfile.mkdtemp(prefix="warlog-atheris-corpus-")
    seeds = [a for a in sys.argv[1:] if not a.startswith("-")]
    flags = [a for a in sys.argv[1:] if a.startswith("-")]
    if not any(a.startswith("-artifact_prefix=") for a in flags):
        flags.append(f"-artifact_prefix={work}/crash-")
    runs = next((int(a.split("=", 1)[1]) for a in flags if a.startswith("-runs=")), None)
    print(f"atheris: new inputs and crash files go to {work}; seeds read from {', '.join(seeds) or 'nowhere'}",
          file=sys.stderr)

    def one(data: bytes) -> None:
        test_one_input(data)
        # libFuzzer ends the process with C's exit(), so Python's atexit never runs: report as we go.
        if STATS["inputs"] % 2000 == 0 or STATS["inputs"] == runs:
            print(f"warlog fuzz summary after {STATS['inputs']} inputs: {dict(sorted(STATS.items()))}",
                  file=sys.stderr, flush=True)

    folders = [work, *seeds] if all(Path(seed).is_dir() for seed in seeds) else seeds  # files: replay them
    atheris.Setup([sys.argv[0], *folders, *flags], one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()

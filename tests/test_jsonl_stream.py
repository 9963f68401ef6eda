"""JSON Lines files are read record by record: the size limit is per record and memory does not grow with the file."""

from __future__ import annotations

import json
import tracemalloc

from warlog.pipeline import ingest
from warlog.sources import ReadOptions, read_file

PARAGRAPH = ("Air defence units shot down {n} drones over the region overnight, the governor said on Telegram, "
             "adding that debris damaged two houses and a power line in the village of Ternivka.")


def _write(path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            record = {"title": f"Overnight attack, update {n}", "published": "2024-11-02",
                      "text": f"Overnight attack, update {n}\n" + PARAGRAPH.format(n=n + 3)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_file_over_the_limit_is_read_when_each_record_is_under_it(tmp_path, store):
    path = tmp_path / "many.jsonl"
    _write(path, 40)
    limit = 1_000
    assert path.stat().st_size > 5 * limit
    results = ingest([str(path)], store, ReadOptions(max_bytes=limit), extract=False)
    assert [r.status for r in results] == ["stored"] * 40


def test_one_record_over_the_limit_is_reported_and_the_others_stored(tmp_path, store):
    path = tmp_path / "mixed.jsonl"
    _write(path, 3)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"text": "Long report\n" + PARAGRAPH.format(n=1) * 20}) + "\n")
    results = ingest([str(path)], store, ReadOptions(max_bytes=2_000), extract=False)
    assert [r.status for r in results].count("stored") == 3
    errors = [r.error for r in results if r.status == "error"]
    assert len(errors) == 1 and "line 4" in errors[0] and "limit" in errors[0]


def test_memory_does_not_grow_with_the_file(tmp_path):
    path = tmp_path / "big.jsonl"
    _write(path, 20_000)
    size = path.stat().st_size
    tracemalloc.start()
    count = sum(1 for _ in read_file(path, ReadOptions()))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 20_000
    assert peak < size / 4, f"peak {peak / 1e6:.1f} MB while reading a {size / 1e6:.1f} MB file"

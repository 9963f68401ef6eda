"""Gazetteer and resolver benchmark: index load time, resolutions per second, peak memory.

Run with `make bench` or `python bench/geo_bench.py`. Goals (issue "geoparsing offline"): load < 1 s,
>= 5,000 resolutions/s, < 300 MB. Resolutions are of place mentions given as spans (no spaCy parse):

- first pass: 3,000 different names (every 97th place of the index, with its country or state after it as
  news writes "Sumy, Ukraine"), each resolved once in a fresh resolver, so no lookup is cached -- what a
  stream of new documents costs;
- warm: sentences of conflict news, cycled, where the lookup cache holds every name -- a long document.
"""

from __future__ import annotations

import resource
import time

from warlog.resolve.gazetteer import Gazetteer, index_path
from warlog.resolve.places import Resolver
from warlog.schema import Span

SENTENCES = [
    ("Russian drones hit the city of Sumy and villages in Kharkiv region.", ["Sumy", "Kharkiv region"]),
    ("Fighting near Pokrovsk and Vuhledar in Donetsk Oblast intensified.", ["Pokrovsk", "Vuhledar", "Donetsk Oblast"]),
    ("Troops were seen in Russia's western Kursk region near Sudzha.", ["Russia", "Kursk region", "Sudzha"]),
    ("Officials in Brussels and Warsaw met envoys from Moldova.", ["Brussels", "Warsaw", "Moldova"]),
    ("Shells fell on Kupyansk, Izium and Balakliia overnight.", ["Kupyansk", "Izium", "Balakliia"]),
    ("The convoy left Kiev for Dnipropetrovsk via Poltava.", ["Kiev", "Dnipropetrovsk", "Poltava"]),
]


def _first_pass(gazetteer: Gazetteer, size: int = 3000) -> tuple[int, float]:
    """Resolutions/s over `size` distinct names, none cached."""
    rows = gazetteer._connection.execute(
        "SELECT name, country FROM places WHERE rowid % 97 = 0 ORDER BY rowid LIMIT ?", (size,)).fetchall()
    jobs = []
    for name, country in rows:
        text = f"Shelling was reported in {name}, {country or 'the region'}, on Sunday."
        start = text.index(name)
        jobs.append((text, [(Span(start, start + len(name), name), "GPE", None)]))
    gazetteer._cache.clear()
    resolver = Resolver(gazetteer)
    started = time.perf_counter()
    count = sum(len(resolver.resolve(text, spans)) for text, spans in jobs)
    return count, count / (time.perf_counter() - started)


def main(rounds: int = 400) -> None:
    path = index_path()
    if not path.exists():
        Gazetteer()  # builds once
    started = time.perf_counter()
    gazetteer = Gazetteer(path)
    gazetteer.lookup("Kyiv")
    load = time.perf_counter() - started
    resolver = Resolver(gazetteer)
    jobs = []
    for text, names in SENTENCES:
        spans, at = [], 0
        for name in names:
            start = text.index(name, at)
            spans.append((Span(start, start + len(name), name), "GPE", None))
            at = start + len(name)
        jobs.append((text, spans))
    distinct, cold = _first_pass(gazetteer)
    started = time.perf_counter()
    count = 0
    for _ in range(rounds):
        for text, spans in jobs:
            count += len(resolver.resolve(text, spans))
    warm = count / (time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"gazetteer index: {path} ({path.stat().st_size / 1e6:.0f} MB, {gazetteer.count():,} places)")
    print(f"load: {load * 1000:.0f} ms (goal < 1000)")
    print(f"resolutions/s: first pass {cold:,.0f} ({distinct:,} distinct names, none cached), warm {warm:,.0f} "
          f"({count:,} resolved) (goal >= 5,000)")
    print(f"peak memory: {peak:.0f} MB (goal < 300)")


if __name__ == "__main__":
    main()

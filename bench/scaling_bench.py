"""Scaling: time and peak memory of `warlog ingest` over 1, 10, 100, 1,000 and 10,000 documents.

Run: `python bench/scaling_bench.py [--max 10000] [--no-extract]`. For each size a JSON Lines file of
that many documents (`bench/corpus.py`: real-shaped news built from the shipped example page) is
ingested into a fresh SQLite database by the `warlog` command in a fresh subprocess, so that the peak
resident memory (`os.wait4` of that child) is that run's alone. Memory should stay flat as documents
grow (the input is streamed, each document is stored in its own transaction and then let go) and time
should grow linearly: the last column is the time per document beyond the one-document run (which is
mostly starting Python and loading the pipeline), and should stay level from size to size.

With extraction each document is parsed by spaCy, so 10,000 documents take an hour or more on two
cores: `--max 1000` stops earlier; `--no-extract` measures read, clean, segment and store alone.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import write_jsonl

SIZES = (1, 10, 100, 1_000, 10_000)


def run_one(path: Path, db: Path, extract: bool) -> dict[str, float]:
    """Ingest `path` into `db` with the `warlog` command in a child process; its time and peak RSS."""
    command = [sys.executable, "-m", "warlog", "ingest", str(path), "--db", str(db), "--json"]
    if not extract:
        command.append("--no-extract")
    started = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        child = subprocess.Popen(command, stdout=devnull, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode(errors="replace").strip().splitlines() if child.stderr else []
    if child.returncode != 0:
        raise SystemExit(f"ingest of {path.name} failed ({child.returncode}): {' | '.join(errors[:3])}")
    return {"seconds": elapsed, "peak_mb": usage.ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=10_000, help="largest number of documents to run")
    parser.add_argument("--no-extract", action="store_true", help="read, clean, segment and store only")
    args = parser.parse_args()
    sizes = [n for n in SIZES if n <= args.max]
    mode = "without extraction (--no-extract)" if args.no_extract else "with extraction"
    print(f"warlog ingest of N generated documents {mode}, each run a fresh process and a fresh SQLite store")
    print(f"{'documents':>9} {'words':>10} {'seconds':>9} {'docs/s':>8} {'ms/doc':>8} {'peak MB':>8} "
          f"{'ms/doc beyond 1':>15}")
    first = None
    with tempfile.TemporaryDirectory(prefix="warlog-scaling-") as name:
        folder = Path(name)
        for count in sizes:
            path = folder / f"corpus-{count}.jsonl"
            size = write_jsonl(path, count)
            figures = run_one(path, folder / f"store-{count}.db", extract=not args.no_extract)
            per_doc = figures["seconds"] / count
            first = figures["seconds"] if first is None else first
            beyond = f"{(figures['seconds'] - first) / (count - 1) * 1000:>15.1f}" if count > 1 else f"{'':>15}"
            print(f"{count:>9,} {size['words']:>10,} {figures['seconds']:>9.1f} {count / figures['seconds']:>8.1f} "
                  f"{per_doc * 1000:>8.1f} {figures['peak_mb']:>8.0f} {beyond}", flush=True)
            path.unlink()
    print("seconds include starting Python and loading the pipeline (about the 1-document row)")


if __name__ == "__main__":
    main()

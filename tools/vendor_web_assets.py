"""Copy the web page's third-party assets into the package, once, from pinned npm packages.

Why: the page must work offline and load nothing from a CDN or a tile server, so Leaflet and a
low-resolution base map (and Swagger UI for `/api/docs`) are committed under
`src/warlog/web/static/vendor/`. This script is how they got there: `npm pack` fetches the exact pinned
versions, Leaflet's `dist/` files and Swagger UI's bundle are copied as they are (a source-map comment
removed), and world-atlas's Natural Earth countries-110m TopoJSON is decoded to a small GeoJSON
(coordinates rounded to 0.01°). `VENDOR.json` records each package's version, tarball integrity and
licence. Run it again only to change a version: `python tools/vendor_web_assets.py`. The admin-1 boundaries
and names come from `tools/vendor_admin1.py`, which adds its own entry to `VENDOR.json`.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

# (Leaflet.markercluster was vendored until the page grouped markers itself: see web/static/incident-layer.js.)
PACKAGES = {"leaflet": "1.9.4", "world-atlas": "2.0.2", "swagger-ui-dist": "5.35.0", "axe-core": "4.11.4"}
# axe-core checks the page's accessibility in the browser test only: it is a test asset, not shipped with the package.
TEST_VENDOR = Path(__file__).resolve().parent.parent / "tests" / "vendor"
SWAGGER_FILES = ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"]
# A source-map comment makes browsers ask for a map file that is not shipped; it goes, the code is unchanged.
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$|/\*# sourceMappingURL=.*?\*/", re.M)
STATIC = Path(__file__).resolve().parent.parent / "src" / "warlog" / "web" / "static" / "vendor"
LEAFLET_FILES = ["leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                 "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"]


def _pack(name: str, version: str, into: Path) -> tuple[Path, dict[str, Any]]:
    """`npm pack name@version` into `into`; returns the unpacked folder and npm's record of the tarball."""
    done = subprocess.run(["npm", "pack", "--json", f"{name}@{version}"], cwd=into, check=True,
                          capture_output=True, text=True)
    info = json.loads(done.stdout)[0]
    folder = into / name
    with tarfile.open(into / info["filename"]) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package", info


def _decode_arcs(topology: dict[str, Any]) -> list[list[list[float]]]:
    """Absolute coordinates of every arc (TopoJSON arcs are delta-encoded and quantised)."""
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * scale[0] + translate[0], 2), round(y * scale[1] + translate[1], 2)])
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    points: list[list[float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def topojson_to_geojson(topology: dict[str, Any], name: str) -> dict[str, Any]:
    """The named object of a TopoJSON topology as a GeoJSON FeatureCollection (polygons only)."""
    arcs = _decode_arcs(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            coordinates = [_ring(r, arcs) for r in geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            coordinates = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append({"type": "Feature", "properties": {"name": geometry.get("properties", {}).get("name")},
                         "geometry": {"type": geometry["type"], "coordinates": coordinates}})
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        record = {}
        leaflet, info = _pack("leaflet", PACKAGES["leaflet"], work)
        for relative in LEAFLET_FILES:
            target = STATIC / "leaflet" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(leaflet / "dist" / relative, target)
        shutil.copyfile(leaflet / "LICENSE", STATIC / "leaflet" / "LICENSE")
        record["leaflet"] = {"version": info["version"], "integrity": info["integrity"], "licence": "BSD-2-Clause",
                             "files": [f"leaflet/{f}" for f in LEAFLET_FILES] + ["leaflet/LICENSE"]}
        atlas, info = _pack("world-atlas", PACKAGES["world-atlas"], work)
        topology = json.loads((atlas / "countries-110m.json").read_text(encoding="utf-8"))
        geojson = topojson_to_geojson(topology, "countries")
        (STATIC / "countries-110m.geojson").write_text(json.dumps(geojson, separators=(",", ":")), encoding="utf-8")
        shutil.copyfile(atlas / "LICENSE", STATIC / "world-atlas-LICENSE")
        record["world-atlas"] = {"version": info["version"], "integrity": info["integrity"],
                                 "licence": "ISC (package); map data: Natural Earth, public domain",
                                 "files": ["countries-110m.geojson (from countries-110m.json)", "world-atlas-LICENSE"]}
        swagger, info = _pack("swagger-ui-dist", PACKAGES["swagger-ui-dist"], work)
        (STATIC / "swagger-ui").mkdir(parents=True, exist_ok=True)
        for name in SWAGGER_FILES:
            text = (swagger / name).read_text(encoding="utf-8")
            (STATIC / "swagger-ui" / name).write_text(_SOURCE_MAP.sub("", text), encoding="utf-8")
        record["swagger-ui-dist"] = {"version": info["version"], "integrity": info["integrity"],
                                     "licence": "Apache-2.0",
                                     "files": ["swagger-ui/swagger-ui-bundle.js (source-map comment removed)",
                                               "swagger-ui/swagger-ui.css (source-map comment removed)",
                                               "swagger-ui/LICENSE", "swagger-ui/NOTICE"]}
        axe, info = _pack("axe-core", PACKAGES["axe-core"], work)
        (TEST_VENDOR / "axe-core").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(axe / "axe.min.js", TEST_VENDOR / "axe-core" / "axe.min.js")
        shutil.copyfile(axe / "LICENSE", TEST_VENDOR / "axe-core" / "LICENSE")
        (TEST_VENDOR / "VENDOR.json").write_text(json.dumps({"axe-core": {
            "version": info["version"], "integrity": info["integrity"], "licence": "MPL-2.0",
            "files": ["axe-core/axe.min.js", "axe-core/LICENSE"]}}, indent=2) + "\n", encoding="utf-8")
        # Entries another script keeps (tools/vendor_admin1.py: the admin-1 boundaries and names) stay.
        vendor_json = STATIC / "VENDOR.json"
        earlier = json.loads(vendor_json.read_text(encoding="utf-8")) if vendor_json.exists() else {}
        record = {**{k: v for k, v in earlier.items() if k not in PACKAGES}, **record}
        (STATIC / "VENDOR.json").write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()

"""A small, self-contained SVG map of event points, drawn without tiles or downloads.

Equirectangular projection of the points' bounding box, padded, with longitudes shrunk by the cosine of the
middle latitude (so Ukraine looks like Ukraine, not a strip), over the country
outlines the web map vendors (Natural Earth 1:110m, `warlog/web/static/vendor/countries-110m.geojson`)
and a graticule with labelled degrees; without that file only the graticule is drawn. Nothing is
fetched at run time. Every text that can come from an article is escaped, so the SVG is safe to
inline in HTML.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

WIDTH = 640
MIN_HEIGHT, MAX_HEIGHT = 240, 480


@dataclass(frozen=True)
class Point:
    """One marker: coordinates, a label (a place name) and a tooltip."""

    lon: float
    lat: float
    label: str
    title: str
    weight: float = 0.0  # casualties; bigger markers for more


OUTLINES = Path(__file__).resolve().parents[1] / "web" / "static" / "vendor" / "countries-110m.geojson"


@lru_cache(maxsize=1)
def _rings() -> tuple[tuple[tuple[float, float], ...], ...]:
    """Every outer and inner ring of the bundled country outlines ((lon, lat) pairs); () if absent."""
    try:
        data = json.loads(OUTLINES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()

    def polygons(geometry: dict) -> Iterator[list]:
        if geometry.get("type") == "Polygon":
            yield geometry["coordinates"]
        elif geometry.get("type") == "MultiPolygon":
            yield from geometry["coordinates"]

    return tuple(tuple((float(x), float(y)) for x, y, *_ in ring)
                 for feature in data.get("features", []) for polygon in polygons(feature.get("geometry") or {})
                 for ring in polygon)


def _bounds(points: list[Point]) -> tuple[float, float, float, float]:
    if not points:
        return -180.0, -60.0, 180.0, 80.0
    west, east = min(p.lon for p in points), max(p.lon for p in points)
    south, north = min(p.lat for p in points), max(p.lat for p in points)
    pad_x, pad_y = max(1.0, (east - west) * 0.15), max(1.0, (north - south) * 0.15)
    west, east, south, north = west - pad_x, east + pad_x, south - pad_y, north + pad_y
    if east - west < 6:  # at least a region's width, so one point is not alone in a blank square
        middle = (east + west) / 2
        west, east = middle - 3, middle + 3
    if north - south < 4:
        middle = (north + south) / 2
        south, north = middle - 2, middle + 2
    return _keep_shape(max(west, -180), max(south, -90), min(east, 180), min(north, 90))


def _x_scale(south: float, north: float) -> float:
    """Kilometres per degree of longitude against one of latitude, at the box's middle latitude."""
    return max(0.2, math.cos(math.radians((south + north) / 2)))


def _keep_shape(west: float, south: float, east: float, north: float) -> tuple[float, float, float, float]:
    """Widen the box's shorter side so the map fits between MIN_HEIGHT and MAX_HEIGHT at WIDTH undistorted:
    a map squeezed or stretched to fit its frame shows places at the wrong bearings."""
    width, height = (east - west) * _x_scale(south, north), north - south
    low, high = MIN_HEIGHT / WIDTH, MAX_HEIGHT / WIDTH
    if height < width * low:  # too flat: more latitude
        middle, half = (north + south) / 2, width * low / 2
        south, north = max(-90.0, middle - half), min(90.0, middle + half)
    elif height > width * high:  # too tall: more longitude
        middle, half = (east + west) / 2, height / high / _x_scale(south, north) / 2
        west, east = max(-180.0, middle - half), min(180.0, middle + half)
    return west, south, east, north


def _step(span: float) -> float:
    for step in (1, 2, 5, 10, 15, 30):
        if span / step <= 8:
            return step
    return 45


def render_svg(points: list[Point], title: str = "") -> str:
    """The SVG document as text."""
    west, south, east, north = _bounds(points)
    height = min(MAX_HEIGHT, max(MIN_HEIGHT, round(WIDTH * (north - south) / ((east - west) * _x_scale(south, north)))))

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (round((lon - west) / (east - west) * WIDTH, 1), round((north - lat) / (north - south) * height, 1))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
             f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title or "map of events")}">',
             f'<title>{escape(title or "map of events")}</title>',
             f'<rect width="{WIDTH}" height="{height}" fill="#f4f1ea" stroke="#888"/>']
    for ring in _rings():
        lons, lats = [x for x, _ in ring], [y for _, y in ring]
        if max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
            continue
        path = " ".join(f"{x},{y}" for x, y in (xy(lon, lat) for lon, lat in ring))
        parts.append(f'<polygon points="{path}" fill="#e3ddd0" stroke="#9a917f" stroke-width="0.6"/>')
    step = _step(max(east - west, north - south))
    lon = math.ceil(west / step) * step
    while lon <= east:
        x, _ = xy(lon, north)
        parts.append(f'<line x1="{x}" y1="0" x2="{x}" y2="{height}" stroke="#ccc" stroke-width="0.5"/>'
                     f'<text x="{x + 2}" y="{height - 4}" font-size="9" fill="#888">{lon:g}°</text>')
        lon += step
    lat = math.ceil(south / step) * step
    while lat <= north:
        _, y = xy(west, lat)
        parts.append(f'<line x1="0" y1="{y}" x2="{WIDTH}" y2="{y}" stroke="#ccc" stroke-width="0.5"/>'
                     f'<text x="2" y="{y - 2}" font-size="9" fill="#888">{lat:g}°</text>')
        lat += step
    labelled: set[str] = set()
    taken: list[Box] = []
    for point in points:
        x, y = xy(point.lon, point.lat)
        radius = 4 + min(8.0, math.sqrt(max(point.weight, 0)))
        parts.append(f'<circle cx="{x}" cy="{y}" r="{radius:.1f}" fill="#c0392b" fill-opacity="0.7" '
                     f'stroke="#fff"><title>{escape(point.title)}</title></circle>')
        if point.label and point.label not in labelled:
            labelled.add(point.label)
            parts.append(_label(point.label, x, y, radius, height, taken))
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


Box = tuple[float, float, float, float]  # left, top, right, bottom
CHAR_WIDTH = 6.5  # px per character of an 11 px label, a little over the average, so estimates do not overlap


def _label(text: str, x: float, y: float, radius: float, height: int, taken: list[Box]) -> str:
    """A marker's label, placed where it is whole and clear of the labels already drawn: to the right of the
    marker, else to its left, below or above. Why: a label written to the right whatever the room ran off the
    map at its east edge ("Primorskiy kr…") and over the next label where two places lie close together. Where
    no place is clear, the first one inside the map is used (a label is never dropped: it names the marker)."""
    width = len(text) * CHAR_WIDTH
    candidates = [(x + radius + 2, y + 3, "start"), (x - radius - 2, y + 3, "end"),
                  (x - width / 2, y + radius + 12, "start"), (x - width / 2, y - radius - 3, "start")]

    def box(left_x: float, base: float, anchor: str) -> Box:
        left = left_x - width if anchor == "end" else left_x
        return left, base - 11, left + width, base + 2

    def inside(b: Box) -> bool:
        return b[0] >= 0 and b[2] <= WIDTH and b[1] >= 0 and b[3] <= height

    def clear(b: Box) -> bool:
        return all(b[2] <= t[0] or t[2] <= b[0] or b[3] <= t[1] or t[3] <= b[1] for t in taken)

    fitting = [c for c in candidates if inside(box(*c))]
    chosen = next((c for c in fitting if clear(box(*c))), fitting[0] if fitting else candidates[0])
    left_x, base, anchor = chosen
    if not fitting:  # wider than the room on either side: pulled inside the map's edge
        left_x = min(max(0.0, left_x), max(0.0, WIDTH - width))
        anchor = "start"
    taken.append(box(left_x, base, anchor))
    anchored = ' text-anchor="end"' if anchor == "end" else ""
    return (f'<text x="{left_x:.1f}" y="{base:.1f}"{anchored} font-size="11" fill="#222">'
            f'{escape(text)}</text>')

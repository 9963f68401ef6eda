/* warlog page: incidents first — a feed beside the map, a timeline to scale, the incident's reports side by side
   and the source text with its evidence highlighted.
   Article text is data: every string from the API goes into the page through textContent or text nodes (see
   el()), never as markup, so a script inside an article is shown, not run. */
"use strict";

const TYPE_COLOURS = {
  "Battles": "#c0392b", "Explosions/Remote violence": "#d35400", "Violence against civilians": "#8e44ad",
  "Strategic developments": "#2c7fb8", "Protests": "#1e8449", "Riots": "#b7950b",
};
const OTHER_COLOUR = "#7f8c8d";
const ROLE_LABELS = {
  sentence: "sentence", trigger: "trigger", actor1: "actor", actor2: "second actor", target: "target",
  weapon: "weapon", location: "place", time: "time", speaker: "speaker", cue: "cue", content: "content",
  quantity: "figure", evidence: "report",
};
// Later roles win where spans overlap (the narrower, more specific ones).
const ROLE_ORDER = ["sentence", "evidence", "content", "location", "time", "target", "actor2", "actor1", "speaker",
  "weapon", "cue", "trigger", "quantity"];
const ROW_HEIGHT = 78;   // px, fixed so the feed can be virtualised (only the rows in view exist)
const DAY = 86400000;

const state = {
  map: null, cluster: null, incidents: [], markers: new Map(), selected: -1, documents: new Map(), current: null,
  detail: null, marked: null, ledger: [], meta: null, labels: null, refreshing: 0,
};

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
  return node;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

async function getJSON(path, options) {
  const response = await (options === null ? fetch(path)  // null: a plain request (one a preload can match)
    : fetch(path, { headers: { Accept: "application/json" }, ...(options || {}) }));
  if (!response.ok) {
    let detail = "";
    try { detail = (await response.json()).detail || ""; } catch (_) { /* not JSON */ }
    const error = new Error(`${path}: ${response.status}${detail ? ` — ${detail}` : ""}`);
    error.status = response.status;
    error.detail = detail;
    throw error;
  }
  return response.json();
}

function colourOf(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }
function fmt(n) { return n === null || n === undefined ? "" : Number(n).toLocaleString("en-GB"); }
function toll(incident) { return (incident.killed_high || 0) + (incident.injured_high || 0); }
function parseDay(text) { return text ? Date.parse(`${text}T00:00:00Z`) : null; }
function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

function figureRange(low, high) {
  if (low === null && high === null) return null;
  return low === high || high === null ? fmt(low) : `${fmt(low)}–${fmt(high)}`;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December"];

/* A date as precise as it is: a day, a month, a year, or a range; never a month shown as its first day. */
function dateLabel(start, end) {
  if (!start) return "date unknown";
  if (!end || end === start) return start;
  const [y1, m1, d1] = start.split("-").map(Number);
  const [y2, m2, d2] = end.split("-").map(Number);
  const lastOfMonth = new Date(Date.UTC(y2, m2, 0)).getUTCDate();
  if (d1 === 1 && m1 === 1 && y1 === y2 && m2 === 12 && d2 === 31) return String(y1);
  if (d1 === 1 && y1 === y2 && m1 === m2 && d2 === lastOfMonth) return `${MONTHS[m1 - 1]} ${y1}`;
  return `${start} – ${end}`;
}

function typeLine(incident) {
  const type = incident.event_type || "Other";
  return incident.sub_event_type && incident.sub_event_type !== type ? `${type} — ${incident.sub_event_type}` : type;
}

function tollLine(incident) {
  const parts = [];
  const killed = figureRange(incident.killed_low, incident.killed_high);
  const injured = figureRange(incident.injured_low, incident.injured_high);
  if (killed) parts.push(`killed ${killed}`);
  if (injured) parts.push(`injured ${injured}`);
  return parts.join(", ");
}

/* ---- filters ------------------------------------------------------------------------------ */

function filterParams() {
  const params = new URLSearchParams();
  const type = document.getElementById("f-type").value;
  const place = document.getElementById("f-place").value.trim();
  const actor = document.getElementById("f-actor").value.trim();
  const since = document.getElementById("f-since").value;
  const until = document.getElementById("f-until").value;
  if (type) params.set("event_type", type);
  if (place) params.set("place", place);
  if (actor) params.set("actor", actor);
  if (since) params.set("since", since);
  if (until) params.set("until", until);
  if (document.getElementById("f-generic").checked) params.set("include_generic", "true");
  return params;
}

/* Every matching incident in one columnar answer (`/api/incidents/summary`), turned into one object each. */
async function fetchIncidents() {
  const query = filterParams().toString();
  // no options: the same request as index.html's preload, so the browser hands over the answer it already has
  const answer = await getJSON(`/api/incidents/summary${query ? `?${query}` : ""}`, query ? undefined : null);
  const columns = answer.columns;
  const names = Object.keys(columns);
  const items = new Array(answer.total);
  for (let n = 0; n < answer.total; n++) {
    const item = {};
    for (const name of names) item[name] = columns[name][n];
    items[n] = item;
  }
  return { total: answer.total, items };
}

/* ---- map ---------------------------------------------------------------------------------- */

/* The map and its layers. The base map's outlines are drawn when their file arrives (asked for at once, and
   preloaded by index.html): the incidents never wait for them. */
function setUpMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 11, attributionControl: false })
    .setView([30, 20], 2);
  state.map = map;
  map.createPane("basemap");  // under the admin-1 lines and the markers (the overlay pane, 400)
  map.getPane("basemap").style.zIndex = 300;
  state.basemap = getJSON("/static/vendor/countries-110m.geojson", null).then((countries) => {
    L.geoJSON(countries, {
      pane: "basemap", style: { color: "#9b9282", weight: 0.9, fillColor: "#ebe7dc", fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
  }).catch(() => { /* the outlines are a help, never a failure of the page */ });
  setUpAdmin1(map);
  state.labels = L.layerGroup().addTo(map);
  state.cluster = new IncidentLayer(map, { radius: 36, makeMarker: incidentMarker });
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const box = el("details", { class: "legend" }, el("summary", {}, "Legend"));
    for (const [type, colour] of [...Object.entries(TYPE_COLOURS), ["other", OTHER_COLOUR]]) {
      box.append(el("div", { class: "legend-row" }, el("span", { class: "swatch", style: `background:${colour}` }), type));
    }
    box.append(el("div", { class: "legend-row" }, "area: killed + injured, at most 40 px"));
    box.append(el("div", { class: "legend-row" }, "numbered disc: nearby incidents, click to zoom"));
    box.append(el("div", { class: "legend-row" }, "thin lines: provinces, oblasts, states (zoom in)"));
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  legend.addTo(map);
  map.on("moveend", drawLabels);
}

/* First-level boundaries (Natural Earth admin-1, vendored by tools/vendor_admin1.py): thinner than the country
   outlines, and only from ADMIN1_ZOOM on, where they help to read a front; the 1 MB file is asked for the first
   time the map is zoomed in that far, so the page's first load never carries it. */
const ADMIN1_ZOOM = 5;
function setUpAdmin1(map) {
  map.createPane("admin1");
  map.getPane("admin1").style.zIndex = 350;  // above the countries' fill, under the markers
  map.getPane("admin1").style.pointerEvents = "none";
  let layer = null, loading = null;
  const update = () => {
    const wanted = map.getZoom() >= ADMIN1_ZOOM;
    if (wanted && !layer && !loading) {
      loading = getJSON("/static/vendor/admin1-lines.geojson", null).then((lines) => {
        layer = L.geoJSON(lines, { pane: "admin1", interactive: false,
          style: { color: "#8a8273", weight: 0.6, opacity: 0.8, dashArray: "3 3" } });
        update();
      }).catch(() => { loading = null; });
    }
    if (layer) {
      if (wanted && !map.hasLayer(layer)) layer.addTo(map);
      else if (!wanted && map.hasLayer(layer)) map.removeLayer(layer);
    }
  };
  map.on("zoomend", update);
  state.admin1 = { update, layer: () => layer };
}

/* Place labels for the offline base map: the most populous towns in view, from the server's gazetteer. */
async function drawLabels() {
  const map = state.map;
  const bounds = map.getBounds();
  const zoom = map.getZoom();
  const west = Math.max(-180, bounds.getWest()), east = Math.min(180, bounds.getEast());
  const box = [west, Math.max(-90, bounds.getSouth()), east, Math.min(90, bounds.getNorth())]
    .map(v => v.toFixed(3)).join(",");
  const countries = zoom <= 4;
  const ticket = (state.labelTicket = (state.labelTicket || 0) + 1);
  let found;
  try {
    found = await getJSON(`/api/basemap/places?bbox=${box}&limit=${countries ? 40 : 12 + 6 * zoom}` +
      `${countries ? "&countries=true" : ""}`);
  } catch (_) { return; }  // labels are a help, never a failure of the page
  if (ticket !== state.labelTicket) return;
  state.labels.clearLayers();
  const taken = [];
  for (const label of found.items) {
    const point = map.latLngToContainerPoint([label.lat, label.lon]);
    const width = (label.kind === "country" ? 8 : 7) * label.name.length;  // capitals spaced out are wider
    if (taken.some(t => Math.abs(t.x - point.x) < (t.w + width) / 2 + 6 && Math.abs(t.y - point.y) < 16)) continue;
    taken.push({ x: point.x, y: point.y, w: width });
    L.marker([label.lat, label.lon], {
      icon: L.divIcon({ className: `map-label ${label.kind}`, html: "", iconSize: null }),
      interactive: false, keyboard: false,
    }).addTo(state.labels).getElement().textContent = label.name;
  }
}

// Marker area grows with killed + injured on a square-root scale, capped: a large (or cumulative) toll must never
// cover the map and hide the markers under it.
const MIN_RADIUS = 5, MAX_RADIUS = 40;
function markerRadius(count) {
  return Math.min(MAX_RADIUS, MIN_RADIUS + 1.5 * Math.sqrt(Math.max(0, count || 0)));
}

function incidentMarker(index) {
  const incident = state.incidents[index];
  const marker = L.circleMarker([incident.lat, incident.lon], {
    radius: markerRadius(toll(incident)),
    ...(index === state.selected ? HIGHLIGHT : PLAIN),
    fillColor: colourOf(incident.event_type), fillOpacity: incident.generic ? 0.35 : 0.8,
  });
  marker.bindTooltip(() => el("div", {}, el("strong", {}, typeLine(incident)), el("br"),
    `${incident.place || "no place"} · ${dateLabel(incident.start, incident.end)}`,
    tollLine(incident) ? el("div", {}, tollLine(incident)) : null,
    el("div", {}, `${incident.members} report${incident.members === 1 ? "" : "s"}`)));
  marker.on("click", () => select(index, { from: "map" }));
  return marker;
}

function drawMarkers() {
  const points = [];
  state.incidents.forEach((incident, index) => {
    if (incident.lat !== null && incident.lon !== null) points.push({ index, lat: incident.lat, lon: incident.lon });
  });
  // The map is framed on the incidents first, without animation, and its move draws the markers once, in the view
  // the analyst sees: drawn before the move (and animated into it), they were drawn twice, the second time after
  // the page said it was ready.
  state.cluster.setPoints(points, false);
  const bounds = state.cluster.bounds();
  if (bounds) state.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 7, animate: false });  // moveend: labels
  else drawLabels();
  if (state.cluster.stale) state.cluster.draw();
  const unplaced = state.incidents.length - points.length;
  document.getElementById("unplaced").textContent = unplaced
    ? `${unplaced} of ${state.incidents.length} incidents have no resolved place: they are in the list, marked “no place”.`
    : "";
}

const PLAIN = { color: "#1f2328", weight: 1 }, HIGHLIGHT = { color: "#ffbf00", weight: 4 };
function highlightMarker(index) {
  for (const [i, marker] of state.cluster.markers) if (i !== index) marker.setStyle(PLAIN);
  if (!state.incidents[index] || state.incidents[index].lat === null) return;
  state.cluster.marker(index).setStyle(HIGHLIGHT);
  state.cluster.reveal(index, (marker) => {
    marker.bringToFront();
    marker.openTooltip();
  });
}

/* ---- feed (virtualised) ------------------------------------------------------------------- */

function feedRow(incident, index) {
  const sources = incident.sources || [];
  const who = sources.length ? `${sources.slice(0, 2).join(", ")}${sources.length > 2 ? ` +${sources.length - 2}` : ""}`
    : "";
  const row = el("div", {
    class: `feed-row${index === state.selected ? " selected" : ""}${incident.lat === null ? " unplaced" : ""}`,
    role: "option", id: `incident-${index}`, "aria-selected": index === state.selected ? "true" : "false",
    style: `top:${index * ROW_HEIGHT}px;height:${ROW_HEIGHT}px`,
    onclick: () => select(index, { from: "feed" }),
  },
  el("div", { class: "feed-type" }, el("span", { class: "swatch", style: `background:${colourOf(incident.event_type)}` }),
    typeLine(incident)),
  el("div", { class: "feed-place" },
    incident.place ? incident.place : el("span", { class: "tag" }, "no place"), " · ",
    dateLabel(incident.start, incident.end), incident.generic ? el("span", { class: "tag" }, "generic") : null),
  el("div", { class: "feed-figures" }, [tollLine(incident), `${incident.members} report${incident.members === 1 ? "" : "s"}`,
    who].filter(Boolean).join(" · ")));
  return row;
}

function drawFeed() {
  const feed = document.getElementById("feed");
  const rows = document.getElementById("feed-rows");
  rows.style.height = `${state.incidents.length * ROW_HEIGHT}px`;
  const first = Math.max(0, Math.floor(feed.scrollTop / ROW_HEIGHT) - 4);
  const last = Math.min(state.incidents.length, Math.ceil((feed.scrollTop + feed.clientHeight) / ROW_HEIGHT) + 4);
  clear(rows);
  if (!state.incidents.length) {
    rows.append(el("p", { class: "note empty" }, "No incidents match the filters."));
    return;
  }
  for (let i = first; i < last; i++) rows.append(feedRow(state.incidents[i], i));
  if (state.selected >= first && state.selected < last) feed.setAttribute("aria-activedescendant", `incident-${state.selected}`);
  else feed.removeAttribute("aria-activedescendant");
}

function scrollFeedTo(index) {
  const feed = document.getElementById("feed");
  const top = index * ROW_HEIGHT;
  if (top < feed.scrollTop) feed.scrollTop = top;
  else if (top + ROW_HEIGHT > feed.scrollTop + feed.clientHeight) feed.scrollTop = top + ROW_HEIGHT - feed.clientHeight;
}

function setUpFeed() {
  const feed = document.getElementById("feed");
  let pending = false;
  feed.addEventListener("scroll", () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; drawFeed(); });
  });
  feed.addEventListener("keydown", (event) => {
    const n = state.incidents.length;
    if (!n) return;
    const page = Math.max(1, Math.floor(feed.clientHeight / ROW_HEIGHT) - 1);
    const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    let next = null;
    if (event.key in moves) next = Math.min(n - 1, Math.max(0, (state.selected < 0 ? -1 : state.selected) + moves[event.key]));
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = n - 1;
    else if (event.key === "Enter" && state.selected >= 0) {
      event.preventDefault();
      document.getElementById("detail-panel").scrollIntoView({ block: "start" });
      return;
    }
    if (next === null) return;
    event.preventDefault();
    select(next, { from: "keyboard" });
  });
}

/* ---- timeline (to scale, brushable) ------------------------------------------------------- */

const TICK_CHAR = 6.5;  // px a character of a 10 px tick label takes, at most (digits and "-")

/* The timeline's ticks, [milliseconds, label] each: every 1, 2, 7 or 14 days ("11-03"), else on the first day of
   every 1, 2, 3 or 6 months ("2024-11") or of every 1, 2, 5 or 10 years ("2025"). Why: ticks every 30 days
   labelled by their month stood anywhere in it (a "2024-10" on 31 October, and two "2024-10" in one axis), on an
   axis drawn to scale. The first step whose ticks are 70 px apart or more is taken. */
function timelineTicks(lo, hi, x) {
  const apart = (ms) => x(lo + ms) - x(lo) >= 70;
  const days = [1, 2, 7, 14].find(d => apart(d * DAY));
  const ticks = [];
  if (days) {
    for (let t = lo + ((DAY - (lo % DAY)) % DAY); t < hi; t += days * DAY) ticks.push([t, isoDay(t).slice(5)]);
    return ticks;
  }
  const months = [1, 2, 3, 6, 12, 24, 60, 120].find(m => apart(m * 31 * DAY)) || 240;
  const first = new Date(lo);
  // months counted from year 0, rounded up to the first month starting inside the axis on a multiple of the step
  // (January, April, July, October for 3 months; 2020, 2025 for 5 years)
  let count = first.getUTCFullYear() * 12 + first.getUTCMonth() + (first.getTime() > Date.UTC(first.getUTCFullYear(),
    first.getUTCMonth(), 1) ? 1 : 0);
  count = Math.ceil(count / months) * months;
  const start = (n) => Date.UTC(Math.floor(n / 12), n % 12, 1);
  for (let t = start(count); t < hi; count += months, t = start(count)) {
    ticks.push([t, months >= 12 ? isoDay(t).slice(0, 4) : isoDay(t).slice(0, 7)]);
  }
  return ticks;
}

function drawTimeline() {
  const box = document.getElementById("timeline");
  clear(box);
  const dated = state.incidents.filter(i => i.start);
  const undated = state.incidents.length - dated.length;
  if (!dated.length) {
    box.append(el("p", { class: "note" }, state.incidents.length ? "No incident has a date." : "No incidents match the filters."));
    return;
  }
  const days = new Map();  // a date's milliseconds, parsed once per distinct date (a few hundred for 10,000)
  const ms = (text) => { let v = days.get(text); if (v === undefined) days.set(text, (v = parseDay(text))); return v; };
  let lo = Infinity, hi = -Infinity;
  for (const i of dated) { lo = Math.min(lo, ms(i.start)); hi = Math.max(hi, ms(i.end || i.start)); }
  hi += DAY;
  if (hi - lo < 7 * DAY) { const pad = (7 * DAY - (hi - lo)) / 2; lo -= pad; hi += pad; }
  const width = Math.max(280, box.clientWidth || 600), height = 130, top = 8, bars = 78, spanTop = 92;
  const x = (ms) => ((ms - lo) / (hi - lo)) * width;
  const dayWidth = Math.max(1, x(lo + DAY) - x(lo));
  const chart = svg("svg", { width: String(width), height: String(height), role: "img",
    "aria-label": `Timeline of ${dated.length} dated incidents from ${isoDay(lo)} to ${isoDay(hi - DAY)}` });
  // days: stacked bars by type (incidents dated to one day)
  const perDay = new Map();
  const spans = [];
  for (const incident of dated) {
    if (incident.end && incident.end !== incident.start) { spans.push(incident); continue; }
    const key = incident.start;
    if (!perDay.has(key)) perDay.set(key, new Map());
    const types = perDay.get(key);
    types.set(incident.event_type, (types.get(incident.event_type) || 0) + 1);
  }
  // One path per type holds all its bars, and one transparent rect per day carries the day's tooltip: at 10,000
  // incidents a rect and a title per day and type were over a thousand elements, most of the timeline's time.
  let most = 1;
  for (const types of perDay.values()) {
    let total = 0;
    for (const count of types.values()) total += count;
    most = Math.max(most, total);
  }
  const barWidth = Math.max(1, dayWidth - 1);
  const paths = new Map();  // type -> path data
  const hits = [];
  for (const [day, types] of perDay) {
    const left = x(ms(day));
    let y = top + bars, total = 0;
    for (const [type, count] of types) {
      const h = (bars * count) / most;
      y -= h;
      total += count;
      paths.set(type, `${paths.get(type) || ""}M${left.toFixed(2)} ${y.toFixed(2)}h${barWidth.toFixed(2)}v${h.toFixed(2)}h${(-barWidth).toFixed(2)}z`);
    }
    const hit = svg("rect", { x: String(left), y: String(y), width: String(barWidth), height: String(top + bars - y),
      fill: "transparent" });
    hit.append(svg("title"));
    hit.firstChild.textContent = `${day}: ${total} incident${total === 1 ? "" : "s"} (${
      [...types].map(([type, count]) => `${type}: ${count}`).join(", ")})`;
    hits.push(hit);
  }
  for (const [type, d] of paths) chart.append(svg("path", { d, fill: colourOf(type) }));
  chart.append(...hits);
  // spans: incidents dated only to a month, a year or a range, drawn over their whole period, one line per
  // distinct period and type with its count
  const spansLeftOut = drawSpans(chart, spans, x, spanTop);
  // axis: ticks never closer than 70 px; each labelled tick stands on the day its label names
  const axisY = height - 4;
  for (const [t, text] of timelineTicks(lo, hi, x)) {
    chart.append(svg("line", { x1: String(x(t)), x2: String(x(t)), y1: String(top), y2: String(axisY - 10), class: "grid" }));
    if (x(t) + 2 + TICK_CHAR * text.length > width) continue;  // a label cut at the right edge ("202") is left out
    const label = svg("text", { x: String(x(t) + 2), y: String(axisY), class: "tick" });
    label.textContent = text;
    chart.append(label);
  }
  // brush: drag across to choose a date range (it becomes the From / To filter)
  const brush = svg("rect", { class: "brush", x: "0", y: String(top), width: "0", height: String(height - top - 14) });
  chart.append(brush);
  let from = null;
  const at = (event) => Math.min(width, Math.max(0, event.clientX - chart.getBoundingClientRect().left));
  chart.addEventListener("pointerdown", (event) => { from = at(event); chart.setPointerCapture(event.pointerId); });
  chart.addEventListener("pointermove", (event) => {
    if (from === null) return;
    const to = at(event);
    brush.setAttribute("x", String(Math.min(from, to)));
    brush.setAttribute("width", String(Math.abs(to - from)));
  });
  chart.addEventListener("pointerup", (event) => {
    if (from === null) return;
    const to = at(event);
    const [a, b] = [Math.min(from, to), Math.max(from, to)];
    from = null;
    if (b - a < 4) { brush.setAttribute("width", "0"); return; }
    const day = (px) => isoDay(lo + (px / width) * (hi - lo));
    document.getElementById("f-since").value = day(a);
    document.getElementById("f-until").value = day(b);
    refresh();
  });
  box.append(chart);
  if (undated) box.append(el("p", { class: "note" }, `${undated} undated incident${undated === 1 ? "" : "s"} not drawn.`));
  if (spansLeftOut) box.append(el("p", { class: "note" }, `${fmt(spansLeftOut)} incident${spansLeftOut === 1 ? "" : "s"
  } dated by a rarer period not drawn (the ${SPAN_LINES} periods that hold the most incidents are).`));
}

const SPAN_LINES = 240, SPAN_LANES = 6;

/* Incidents dated by a period (a month, a year, a range of days) as lines over that period, in SPAN_LANES lanes.
   Why: one line per incident, the first 60 only, left every other such incident of a large store off the timeline
   with nothing said. Incidents of one period and type share a line, its tooltip gives their count; the
   SPAN_LINES lines holding the most incidents are drawn, each in the first lane free where it starts; the number
   of incidents left out is returned for the note under the chart. */
function drawSpans(chart, spans, x, spanTop) {
  const groups = new Map();
  for (const incident of spans) {
    const key = `${incident.start}|${incident.end}|${incident.event_type}`;
    const group = groups.get(key);
    if (group) group.count += 1; else groups.set(key, { incident, count: 1 });
  }
  const ranked = [...groups.values()].sort((a, b) => b.count - a.count);
  const drawn = ranked.slice(0, SPAN_LINES).sort((a, b) => (a.incident.start < b.incident.start ? -1 : 1));
  const laneEnds = new Array(SPAN_LANES).fill(-Infinity);
  for (const { incident, count } of drawn) {
    const left = x(parseDay(incident.start));
    const width = Math.max(2, x(parseDay(incident.end) + DAY) - left);
    let lane = laneEnds.findIndex(end => end < left);
    if (lane < 0) lane = laneEnds.indexOf(Math.min(...laneEnds));  // every lane taken: the one free soonest
    laneEnds[lane] = left + width + 1;
    const line = svg("rect", { class: "span", x: String(left), y: String(spanTop + lane * 5), width: String(width),
      height: "3", fill: colourOf(incident.event_type), opacity: "0.7", "data-count": String(count) });
    line.append(svg("title"));
    line.firstChild.textContent = `${incident.event_type || "Other"}: ${dateLabel(incident.start, incident.end)}` +
      ` (${count} incident${count === 1 ? "" : "s"})`;
    chart.append(line);
  }
  return ranked.slice(SPAN_LINES).reduce((sum, group) => sum + group.count, 0);
}

/* ---- incident view ------------------------------------------------------------------------ */

// One column (phones): the incident's view is below the feed and the map, a screen or two away from the row tapped.
const ONE_COLUMN = window.matchMedia("(max-width: 760px)");

async function select(index, { from } = {}) {
  if (index < 0 || index >= state.incidents.length) return;
  state.selected = index;
  if (from !== "feed") scrollFeedTo(index);
  drawFeed();
  if (from === "keyboard") document.getElementById("feed").focus();
  highlightMarker(index);
  await showIncident(state.incidents[index].id);
  // A tap in the feed or on the map brings the chosen incident's fields into view where they would be out of it;
  // the keyboard stays in the feed (Enter opens the incident), and a refresh moves nothing.
  if ((from === "feed" || from === "map") && ONE_COLUMN.matches && state.selected === index) {
    document.getElementById("detail-panel").scrollIntoView({ block: "start" });
  }
}

function detailList(pairs) {
  const dl = el("dl");
  for (const [label, value] of pairs) {
    if (value === null || value === undefined || value === "") continue;
    dl.append(el("dt", {}, label), el("dd", {}, value));
  }
  return dl;
}

function figureText(figure) {
  if (!figure) return null;
  const value = figure.low !== figure.high && figure.high !== null ? `${fmt(figure.low)}–${fmt(figure.high)}` : fmt(figure.value);
  const qualifier = figure.qualifier && figure.qualifier !== "exact" ? `${figure.qualifier} ` : "";
  return `${qualifier}${value}${figure.speaker ? ` (${figure.speaker})` : ""}`;
}

async function showIncident(id) {
  const incident = await getJSON(`/api/incidents/${encodeURIComponent(id)}`);
  state.detail = incident;
  const box = document.getElementById("detail");
  clear(box);
  box.append(el("h3", {}, typeLine(incident)), detailList([
    ["place", incident.place ? `${incident.place}${incident.precision ? ` (${incident.precision})` : ""}` : "no place resolved"],
    ["date", `${dateLabel(incident.start, incident.end)}${incident.text_dated ? "" : " (the reports' days)"}`],
    ["killed", figureRange(incident.killed_low, incident.killed_high)],
    ["injured", figureRange(incident.injured_low, incident.injured_high)],
    ["reports", `${incident.members} in ${incident.documents} document${incident.documents === 1 ? "" : "s"}`],
    ["generic", incident.generic ? "yes — a statement, not one incident" : null],
  ]));
  const reports = document.getElementById("reports");
  clear(reports);
  const canSplit = incident.reports.length > 1;
  incident.reports.forEach((report, n) => {
    const card = el("article", { class: "report", "aria-label": `Report ${n + 1}` },
      el("h4", {}, report.source || report.title || "untitled", report.published ? ` · ${report.published.slice(0, 10)}` : ""),
      detailList([
        ["type", report.sub_event_type], ["place", report.place],
        ["date", `${dateLabel(report.start, report.end)}${report.date_from && report.date_from !== "text" ? ` (${report.date_from})` : ""}`],
        ["killed", figureText(report.killed)], ["injured", figureText(report.injured)],
      ]),
      el("blockquote", {}, report.evidence ? report.evidence.text : ""),
      el("div", { class: "report-actions" },
        el("button", { type: "button", onclick: () => showReport(report) }, "show in source"),
        canSplit ? el("button", { type: "button", class: "secondary", onclick: () => correct("split", [report.member_id],
          "not the same incident as the other reports") }, "not this incident") : null));
    reports.append(card);
  });
  drawCorrections(incident);
  if (incident.reports.length) await showReport(incident.reports[0]);
}

function drawCorrections(incident) {
  const box = document.getElementById("corrections");
  clear(box);
  if (!state.meta.corrections_enabled) {
    box.append(el("p", { class: "note" }, "Merging and splitting incidents is off: start the server with --token."));
    return;
  }
  const members = incident.reports.map(r => r.member_id);
  const marked = state.marked;
  if (marked && marked.id !== incident.id) {
    box.append(el("button", { type: "button", onclick: () => correct("merge", [...marked.members, ...members],
      "the same incident") }, `merge with the marked incident (${marked.label})`));
  }
  box.append(el("button", { type: "button", class: "secondary", onclick: () => {
    state.marked = { id: incident.id, members, label: `${incident.sub_event_type || incident.event_type}, ${incident.place || "no place"}` };
    drawCorrections(incident);
  } }, marked && marked.id === incident.id ? "marked for merging" : "mark for merging"));
  box.append(el("label", { class: "token" }, "analyst token ",
    el("input", { id: "token", type: "password", autocomplete: "off", value: sessionStorage.getItem("warlog-token") || "",
      oninput: (event) => sessionStorage.setItem("warlog-token", event.target.value) })));
  box.append(el("p", { id: "correction-status", class: "note", role: "status" }));
}

async function correct(action, members, reason) {
  const status = document.getElementById("correction-status");
  const token = sessionStorage.getItem("warlog-token") || "";
  try {
    const answer = await getJSON("/api/corrections", {
      method: "POST", body: JSON.stringify({ action, members, reason }),
      headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token}` },
    });
    state.marked = null;
    await refresh(answer.incidents[0]);
    const after = document.getElementById("correction-status");
    if (after) after.textContent = `Stored correction ${answer.id} (${action}).`;
  } catch (error) {
    if (status) status.textContent = error.status === 401 ? "A valid analyst token is needed to write corrections." : `Not stored: ${error.message}`;
  }
}

/* ---- document view ------------------------------------------------------------------------ */

async function loadDocument(id) {
  if (!state.documents.has(id)) state.documents.set(id, await getJSON(`/api/documents/${encodeURIComponent(id)}`));
  const doc = state.documents.get(id);
  if (state.current !== id) {
    state.current = id;
    document.getElementById("doc-meta").textContent =
      [doc.title, doc.source, doc.published ? doc.published.slice(0, 10) : null].filter(Boolean).join(" · ");
    const furniture = document.getElementById("furniture");
    clear(furniture);
    for (const item of doc.furniture) furniture.append(el("li", {}, item.text, " ", el("span", { class: "reason" }, `(${item.reason})`)));
    document.getElementById("furniture-count").textContent = `(${doc.furniture.length})`;
    loadClaims(id);
  }
  return doc;
}

async function loadClaims(documentId) {
  const list = document.getElementById("claims");
  clear(list);
  const page = await getJSON(`/api/claims?document_id=${encodeURIComponent(documentId)}&limit=1000`);
  document.getElementById("claims-count").textContent = `(${page.total})`;
  for (const claim of page.items) {
    list.append(el("li", {}, el("button", { type: "button", class: "claim", onclick: () => showClaim(claim) },
      el("strong", {}, claim.speaker || "unattributed"), ` ${claim.cue || ""}: `, claim.content)));
  }
}

/* The source text with the spans marked; the text scrolls inside its own box, so the fields above stay in view. */
function renderText(doc, spans) {
  const box = document.getElementById("doc-text");
  clear(box);
  const text = doc.clean_text;
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  let first = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const roles = spans.filter(s => s.start <= a && s.end >= b).map(s => s.role)
      .sort((x, y) => ROLE_ORDER.indexOf(x) - ROLE_ORDER.indexOf(y));
    if (!roles.length) { box.append(document.createTextNode(piece)); continue; }
    const mark = el("mark", { class: roles.map(r => `hl-${r}`).join(" "), title: roles.map(r => ROLE_LABELS[r]).join(", ") }, piece);
    box.append(mark);
    if (!first) first = mark;
  }
  const key = document.getElementById("span-key");
  clear(key);
  for (const role of ROLE_ORDER.filter(r => spans.some(s => s.role === r))) {
    key.append(el("span", { class: `key hl-${role}` }, ROLE_LABELS[role]));
  }
  if (first) box.scrollTop = Math.max(0, first.offsetTop - box.clientHeight / 3);  // offsetTop: within the box (positioned)
}

function spanOf(value, role) {
  return value && value.start !== null && value.end !== null && value.start !== undefined
    ? [{ start: value.start, end: value.end, role }] : [];
}

async function showReport(report) {
  const doc = await loadDocument(report.document_id);
  const spans = [...spanOf(report.evidence, "evidence"),
    ...spanOf(report.killed && report.killed.span, "quantity"), ...spanOf(report.injured && report.injured.span, "quantity")];
  renderText(doc, spans);
}

function showDetail(title, pairs) {
  const box = document.getElementById("detail");
  clear(box);
  clear(document.getElementById("reports"));
  clear(document.getElementById("corrections"));
  box.append(el("h3", {}, title), detailList(pairs));
}

async function showClaim(claim) {
  const doc = await loadDocument(claim.document_id);
  const spans = [{ start: claim.content_start, end: claim.content_end, role: "content" },
    ...spanOf({ start: claim.speaker_start, end: claim.speaker_end }, "speaker"),
    ...spanOf({ start: claim.cue_start, end: claim.cue_end }, "cue"),
    ...(claim.quantities || []).map(x => ({ start: x.start, end: x.end, role: "quantity" }))];
  showDetail(`Claim — ${claim.stance || "statement"}`, [
    ["speaker", claim.speaker], ["role", claim.speaker_role], ["affiliation", claim.speaker_affiliation],
    ["channel", claim.channel], ["via", claim.intermediary], ["date", claim.date_start],
    ["quoted", claim.direct ? "directly" : "reported speech"],
  ]);
  renderText(doc, spans);
}

async function showFigure(entry, figure) {
  const doc = await loadDocument(figure.document_id);
  const spans = [...spanOf(figure.content_span, "content"), ...spanOf(figure.speaker_span, "speaker"),
    ...spanOf(figure.quantity_span, "quantity")];
  showDetail(`${entry.label}: ${figure.display}`, [
    ["speaker", figure.speaker], ["role", figure.role], ["affiliation", figure.affiliation],
    ["side", figure.side], ["scope", figure.scope || "this incident or count"], ["claimed on", figure.claim_date],
    ["date from", figure.date_from], ["vague", figure.vague ? "yes — a word, not an exact figure" : null],
  ]);
  renderText(doc, spans);
  document.getElementById("detail-panel").scrollIntoView({ block: "start", behavior: "smooth" });
}

/* ---- ledger ------------------------------------------------------------------------------- */

function rangeText(range, vagueWords) {
  if (!range || (range.low === null && range.high === null)) return "—";
  if (range.vague) return `vague: ${vagueWords.join(", ")}`;  // only words gave it ("several"): never their numbers

  const low = fmt(range.low), high = fmt(range.high);
  const text = low === high ? low : `${low} – ${high}`;
  return range.open_above ? `${text}+` : text;
}

// Whether an entry's figures are one incident's or a running total (the server's `incident_scope`).
const INCIDENT_SCOPE = { incident: "this incident", general: "running total or general statement, not one incident" };

// The ledger's first entries only, unless asked for all, and as an outline (no figures): a large store's ledger
// is tens of MB, its first 200 entries with their figures 22 MB at 10,000 incidents. An entry's figures are asked
// for when it is opened.
const LEDGER_FIRST = 200;
function ledgerParams() {
  const params = new URLSearchParams();
  if (document.getElementById("ledger-all").checked) params.set("all", "true");  // the other counted things on request
  return params;
}

async function loadLedger(whole) {
  const box = document.getElementById("ledger");
  const params = ledgerParams();
  params.set("outline", "true");
  if (whole !== true) params.set("limit", String(LEDGER_FIRST));
  try {
    const answer = await getJSON(`/api/ledger?${params}`);
    state.ledger = answer.items;
    state.ledgerMatching = answer.matching === undefined ? answer.items.length : answer.matching;
  } catch (error) {
    clear(box);
    box.append(el("p", { class: "note" }, error.status === 501 ? "The ledger is not available in this build." : `Could not load the ledger (${error.message}).`));
    return;
  }
  drawLedger();
}

function drawLedger() {
  const box = document.getElementById("ledger");
  clear(box);
  const entries = state.ledger;
  const table = el("table", {}, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "What is counted"),
    el("th", { scope: "col" }, "Range"), el("th", { scope: "col" }, "Figures"), el("th", { scope: "col" }, "Speakers"))));
  const body = el("tbody");
  entries.forEach((entry, position) => {
    const speakers = entry.speakers || [];
    const figures = el("tr", { class: "figures", hidden: "" }, el("td", { colspan: "4" }));
    const fill = async () => {  // an entry's figures are asked for and made when it is first opened
      const cell = figures.firstChild;
      if (cell.firstChild) return;
      cell.append(el("p", { class: "note" }, "loading the figures…"));
      if (!entry.figures) {
        const params = ledgerParams();
        params.set("offset", String(position));
        params.set("limit", "1");
        try {
          const found = (await getJSON(`/api/ledger?${params}`)).items[0];
          if (!found || found.key !== entry.key) throw new Error("the ledger changed: reload the page");
          entry.figures = found.figures;
        } catch (error) {
          clear(cell);
          cell.append(el("p", { class: "note" }, `Could not load the figures (${error.message}).`));
          return;
        }
      }
      clear(cell);
      for (const figure of entry.figures) {
        const side = figure.side ? el("span", { class: `side ${figure.side === "belligerent" ? "belligerent" : "third"}` }, figure.side) : null;
        cell.append(el("button", { class: "figure", type: "button", onclick: () => showFigure(entry, figure) },
          el("b", {}, figure.display), `${figure.speaker || "unattributed"}${figure.affiliation ? ` (${figure.affiliation})` : ""}`,
          side, figure.claim_date ? ` · ${figure.claim_date}` : "", ` · scope: ${figure.scope || "this entry"}`));
      }
    };
    const toggle = el("button", { type: "button", class: "link-button", "aria-expanded": "false", onclick: () => {
      fill();  // shown at once with a note, the figures when they come
      figures.toggleAttribute("hidden");
      toggle.setAttribute("aria-expanded", figures.hasAttribute("hidden") ? "false" : "true");
    } }, entry.label);
    const scopes = Object.keys(entry.scopes || {});
    const row = el("tr", { class: "entry" },
      el("td", {}, toggle, entry.incident_scope ? el("div", { class: `scope ${entry.incident_scope}` },
        INCIDENT_SCOPE[entry.incident_scope]) : null,
      scopes.length ? el("div", { class: "reason" }, `parts: ${scopes.join(", ")}`) : null),
      el("td", {}, rangeText(entry.range, entry.vague_words || [])), el("td", {}, entry.figure_count),
      el("td", {}, speakers.slice(0, 3).join(", ") + (speakers.length > 3 ? ` +${speakers.length - 3}` : "")));
    body.append(row, figures);
  });
  table.append(body);
  const everything = document.getElementById("ledger-all").checked;
  box.append(table, el("p", { class: "note" }, `Open an entry to see its figures, and a figure to see it in its source.${
    everything ? "" : " Counts that are not conflict figures (posts, houses, distances…) are hidden."}`));
  if (state.ledgerMatching > entries.length) {
    box.append(el("p", { class: "note" }, `The first ${fmt(entries.length)} of ${fmt(state.ledgerMatching)} entries. `,
      el("button", { type: "button", class: "link-button", onclick: () => loadLedger(true) }, "show them all")));
  }
}

/* ---- start -------------------------------------------------------------------------------- */

function summarise() {
  const documents = state.documentCount === undefined ? "" : ` from ${fmt(state.documentCount)} documents`;
  document.getElementById("summary").textContent = `${fmt(state.total)} incidents${documents}`;
}

async function refresh(keepId, prefetched) {
  const ticket = (state.refreshing += 1);
  const page = await (prefetched || fetchIncidents());
  if (ticket !== state.refreshing) return;  // a newer filter change is on its way
  const before = state.selected >= 0 && state.incidents[state.selected] ? state.incidents[state.selected].id : null;
  performance.mark("incidents-received");  // the page's own timings, read by bench/web_bench.py
  state.incidents = page.items;
  const wanted = keepId || before;  // the incident in view stays selected when it still matches the filters
  state.selected = wanted ? state.incidents.findIndex(i => i.id === wanted) : -1;
  document.getElementById("feed").scrollTop = 0;
  drawFeed();
  performance.mark("feed-drawn");
  drawMarkers();
  performance.mark("markers-drawn");
  drawTimeline();
  performance.mark("timeline-drawn");
  const placed = state.incidents.filter(i => i.lat !== null).length;
  document.getElementById("feed-count").textContent = `${fmt(page.total)} · ${fmt(placed)} on the map`;
  state.total = page.total;
  summarise();
  if (state.selected >= 0) await select(state.selected, { from: "refresh" });
}

async function start() {
  const incidents = fetchIncidents();  // the largest answer: asked for first (preloaded), while the rest is set up
  setUpMap();
  setUpFeed();
  const filters = document.getElementById("filters");
  filters.addEventListener("change", () => refresh());
  filters.addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
  for (const id of ["f-place", "f-actor"]) {
    document.getElementById(id).addEventListener("input", () => {
      clearTimeout(state.typing);
      state.typing = setTimeout(() => refresh(), 300);
    });
  }
  document.getElementById("f-clear-dates").addEventListener("click", () => {
    document.getElementById("f-since").value = "";
    document.getElementById("f-until").value = "";
    refresh();
  });
  const toggle = document.getElementById("filters-toggle");
  toggle.addEventListener("click", () => {
    const open = document.body.classList.toggle("filters-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  document.getElementById("ledger-all").addEventListener("change", () => loadLedger());
  window.addEventListener("resize", () => { clearTimeout(state.resizing); state.resizing = setTimeout(drawTimeline, 200); });
  state.meta = { corrections_enabled: false, incident_types: [] };
  await refresh(null, incidents);
  document.body.dataset.ready = "true";  // markers, feed and timeline are drawn
  // What only the filters, the header and the corrections need comes after; the ledger last: it is below the fold
  // and the slowest answer of a large store, so the server's work on it never delays the incidents.
  const [meta, docs] = await Promise.all([getJSON("/api/meta"), getJSON("/api/documents?limit=1")]);
  state.meta = meta;
  state.documentCount = docs.total;
  summarise();
  const select_ = document.getElementById("f-type");
  for (const group of meta.incident_types || []) {
    const optgroup = el("optgroup", { label: group.event_type });
    optgroup.append(el("option", { value: group.event_type }, `all ${group.event_type}`));
    for (const sub of group.sub_event_types) if (sub !== group.event_type) optgroup.append(el("option", { value: sub }, sub));
    select_.append(optgroup);
  }
  if (state.detail) drawCorrections(state.detail);
  document.body.dataset.meta = "true";
  await loadLedger();
  document.body.dataset.ledger = "true";
}

start().catch(error => { document.getElementById("summary").textContent = `Could not load: ${error.message}`; });

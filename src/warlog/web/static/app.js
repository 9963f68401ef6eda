/* warlog page: map, timeline, ledger and the source text with its evidence highlighted.
   Article text is data: every string from the API goes into the page through textContent or text
   nodes (see el()), never as markup, so a script inside an article is shown, not run. */
"use strict";

const TYPE_COLOURS = {
  "Battles": "#c0392b", "Explosions/Remote violence": "#e67e22", "Violence against civilians": "#8e44ad",
  "Strategic developments": "#2c7fb8", "Protests": "#27ae60", "Riots": "#d4ac0d",
};
const OTHER_COLOUR = "#7f8c8d";
const ROLE_LABELS = {
  sentence: "sentence", trigger: "trigger", actor1: "actor", actor2: "second actor", target: "target",
  weapon: "weapon", location: "place", time: "time", speaker: "speaker", cue: "cue", content: "content",
  quantity: "figure",
};
// Later roles win where spans overlap (the narrower, more specific ones).
const ROLE_ORDER = ["sentence", "content", "location", "time", "target", "actor2", "actor1", "speaker", "weapon",
  "cue", "trigger", "quantity"];

const state = { map: null, markers: null, documents: new Map(), current: null };

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

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

async function getJSON(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    const error = new Error(`${path}: ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function typeOf(event) { return event.acled_event_type || event.plover_type || "other"; }
function colourOf(type) { return TYPE_COLOURS[type] || OTHER_COLOUR; }
function casualties(event) { return (event.killed || 0) + (event.injured || 0); }
function fmt(n) { return n === null || n === undefined ? "" : Number(n).toLocaleString("en-GB"); }

function filterQuery() {
  const params = new URLSearchParams({ limit: "1000", per_day: "true" });
  const type = document.getElementById("f-type").value;
  const actor = document.getElementById("f-actor").value.trim();
  const since = document.getElementById("f-since").value;
  const until = document.getElementById("f-until").value;
  if (type) params.set("event_type", type);
  if (actor) params.set("actor", actor);
  if (since) params.set("since", since);
  if (until) params.set("until", until);
  if (document.getElementById("f-generic").checked) params.set("include_generic", "true");
  return params.toString();
}

/* ---- map ---------------------------------------------------------------------------------- */

async function setUpMap() {
  const map = L.map("map", { worldCopyJump: true, minZoom: 2, maxZoom: 10, attributionControl: false })
    .setView([49, 33], 4);
  const countries = await getJSON("/static/vendor/countries-110m.geojson");
  L.geoJSON(countries, {
    style: { color: "#b9b2a3", weight: 0.8, fillColor: "#ebe7dc", fillOpacity: 1 },
    interactive: false,
  }).addTo(map);
  state.map = map;
  state.markers = L.layerGroup().addTo(map);
  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () => {
    const box = el("div", { class: "legend" }, el("strong", {}, "Event type"));
    for (const [type, colour] of [...Object.entries(TYPE_COLOURS), ["other (PLOVER only)", OTHER_COLOUR]]) {
      box.append(el("div", { class: "legend-row" }, el("span", { class: "swatch", style: `background:${colour}` }), type));
    }
    box.append(el("div", { class: "legend-row" }, "larger circle = more killed + injured"));
    return box;
  };
  legend.addTo(map);
}

// Marker area grows with killed + injured on a square-root scale, capped: a large (or cumulative) toll must never
// cover the map and hide the markers under it.
const MIN_RADIUS = 5, MAX_RADIUS = 40;
function markerRadius(count) {
  return Math.min(MAX_RADIUS, MIN_RADIUS + 1.5 * Math.sqrt(Math.max(0, count || 0)));
}

function drawMarkers(events) {
  state.markers.clearLayers();
  const seen = new Map();
  const bounds = [];
  let unplaced = 0;
  for (const event of events) {
    if (event.lat === null || event.lon === null) { unplaced += 1; continue; }
    const key = `${event.lat.toFixed(3)},${event.lon.toFixed(3)}`;
    const n = seen.get(key) || 0;
    seen.set(key, n + 1);
    // Events at one place (often a country's centre) are spread on a small spiral so each can be clicked.
    const angle = n * 2.4, spread = n ? 0.18 * Math.sqrt(n) : 0;
    const lat = event.lat + spread * Math.sin(angle), lon = event.lon + spread * Math.cos(angle);
    const type = typeOf(event);
    const marker = L.circleMarker([lat, lon], {
      radius: markerRadius(casualties(event)), color: "#1f2328", weight: 1,
      fillColor: colourOf(type), fillOpacity: event.generic ? 0.35 : 0.8,
    });
    const tip = el("div", {}, el("strong", {}, type), el("br"),
      [event.actor1, (event.plover_type || event.acled_sub_event_type || "event").toLowerCase(), event.target].filter(Boolean).join(" · "), el("br"),
      `${event.place_text || ""} (${event.place_precision || "?"}) · ${event.day || "date unknown"}`,
      casualties(event) ? el("div", {}, `killed ${fmt(event.killed) || 0}, injured ${fmt(event.injured) || 0}`) : null);
    marker.bindTooltip(tip);
    marker.on("click", () => showEvent(event.id));
    marker.addTo(state.markers);
    bounds.push([lat, lon]);
  }
  if (bounds.length) state.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6 });
  document.getElementById("unplaced").textContent = unplaced
    ? `${unplaced} of ${events.length} events have no resolved place and are not on the map.` : "";
}

/* ---- timeline ----------------------------------------------------------------------------- */

function drawTimeline(perDay) {
  const box = document.getElementById("timeline");
  clear(box);
  const days = new Map();
  for (const row of perDay) {
    const day = row.day || "unknown";
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(row);
  }
  const max = Math.max(1, ...[...days.values()].map(rows => rows.reduce((s, r) => s + r.events, 0)));
  if (!days.size) box.append(el("p", { class: "note" }, "No events match the filters."));
  for (const [day, rows] of days) {
    const total = rows.reduce((s, r) => s + r.events, 0);
    const bar = el("div", { class: "bar", title: `${day}: ${total} events` });
    for (const row of rows) {
      const part = el("span", { title: `${row.type}: ${row.events}` });
      part.style.height = `${(110 * row.events) / max}px`;
      part.style.background = colourOf(row.type);
      bar.append(part);
    }
    box.append(el("div", { class: "day" }, el("span", { class: "day-count" }, total), bar,
      el("span", { class: "day-label" }, day)));
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
    list.append(el("li", { class: "claim", onclick: () => showClaim(claim) },
      el("strong", {}, claim.speaker || "unattributed"), ` ${claim.cue || ""}: `, claim.content));
  }
}

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
  if (first) first.scrollIntoView({ block: "center", behavior: "smooth" });
}

function spanOf(value, role) {
  return value && value.start !== null && value.end !== null && value.start !== undefined
    ? [{ start: value.start, end: value.end, role }] : [];
}

function detailList(pairs) {
  const dl = el("dl");
  for (const [label, value] of pairs) {
    if (value === null || value === undefined || value === "") continue;
    dl.append(el("dt", {}, label), el("dd", {}, value));
  }
  return dl;
}

function showDetail(title, pairs) {
  const box = document.getElementById("detail");
  clear(box);
  box.append(el("strong", {}, title), detailList(pairs));
}

async function showEvent(id) {
  const event = await getJSON(`/api/events/${id}`);
  const doc = await loadDocument(event.document_id);
  const ev = event.evidence || {};
  const spans = [...spanOf(ev.sentence, "sentence"), ...spanOf(ev.trigger, "trigger"), ...spanOf(ev.actor1, "actor1"),
    ...spanOf(ev.actor2, "actor2"), ...spanOf(ev.target, "target"), ...spanOf(ev.weapon, "weapon"),
    ...spanOf(ev.time, "time"), ...(ev.locations || []).flatMap(l => spanOf(l, "location"))];
  const q = (quantity) => quantity ? quantity.text : null;
  showDetail(`${typeOf(event)} — ${event.acled_sub_event_type || event.plover_type}`, [
    ["actor", event.actor1], ["second actor", event.actor2], ["target", event.target], ["weapon", event.weapon],
    ["place", event.place_name ? `${event.place_name} (${event.place_precision})` : null],
    ["day", event.date_start ? `${event.date_start}${event.date_phrase ? ` (“${event.date_phrase}”)` : ""}`
      : `${event.day || "unknown"} (published)`],
    ["killed", q(event.killed_quantity)], ["injured", q(event.injured_quantity)],
    ["reported by", event.claim ? `${event.claim.speaker || "unattributed"} ${event.claim.cue || ""}` : null],
    ["claimed by a party", event.claimed_by_belligerent ? "yes" : null],
    ["generic", event.generic ? "yes — not one incident" : null],
    ["confidence", event.confidence !== null ? event.confidence.toFixed(2) : null],
  ]);
  renderText(doc, spans);
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
    ["side", figure.side], ["scope", figure.scope], ["claimed on", figure.claim_date],
    ["date from", figure.date_from],
  ]);
  renderText(doc, spans);
}

/* ---- ledger ------------------------------------------------------------------------------- */

function rangeText(range) {
  if (!range || (range.low === null && range.high === null)) return "—";
  const low = fmt(range.low), high = fmt(range.high);
  const text = low === high ? low : `${low} – ${high}`;
  return range.open_above ? `${text}+` : text;
}

async function drawLedger() {
  const box = document.getElementById("ledger");
  clear(box);
  let ledger;
  try { ledger = await getJSON("/api/ledger"); } catch (error) {
    box.append(el("p", { class: "note" }, error.status === 501 ? "The ledger is not available in this build." : `Could not load the ledger (${error.message}).`));
    return;
  }
  const table = el("table", {}, el("thead", {}, el("tr", {}, el("th", {}, "What is counted"), el("th", {}, "Range"),
    el("th", {}, "Figures"), el("th", {}, "Speakers"))));
  const body = el("tbody");
  for (const entry of ledger.items) {
    const speakers = [...new Set(entry.figures.map(f => f.speaker).filter(Boolean))];
    const figures = el("tr", { class: "figures", hidden: "" }, el("td", { colspan: "4" }));
    for (const figure of entry.figures) {
      const side = figure.side ? el("span", { class: `side ${figure.side === "belligerent" ? "belligerent" : "third"}` }, figure.side) : null;
      figures.firstChild.append(el("button", { class: "figure", type: "button", onclick: () => showFigure(entry, figure) },
        el("b", {}, figure.display), `${figure.speaker || "unattributed"}${figure.affiliation ? ` (${figure.affiliation})` : ""}`,
        side, figure.claim_date ? ` · ${figure.claim_date}` : "", figure.scope ? ` · scope: ${figure.scope}` : ""));
    }
    const row = el("tr", { class: "entry", onclick: () => figures.toggleAttribute("hidden") },
      el("td", {}, entry.label), el("td", {}, rangeText(entry.range)), el("td", {}, entry.figures.length),
      el("td", {}, speakers.slice(0, 3).join(", ") + (speakers.length > 3 ? ` +${speakers.length - 3}` : "")));
    body.append(row, figures);
  }
  table.append(body);
  box.append(table, el("p", { class: "note" }, "Click a row to see its figures, and a figure to see it in its source."));
}

/* ---- start -------------------------------------------------------------------------------- */

async function refresh() {
  const page = await getJSON(`/api/events?${filterQuery()}`);
  drawMarkers(page.items);
  drawTimeline(page.per_day || []);
  document.getElementById("summary").textContent =
    `${page.total} events${page.total > page.items.length ? ` (first ${page.items.length} shown)` : ""} from ${state.documentCount} documents`;
}

async function start() {
  const [meta, docs] = await Promise.all([getJSON("/api/meta"), getJSON("/api/documents?limit=1")]);
  state.documentCount = docs.total;
  const select = document.getElementById("f-type");
  for (const type of meta.event_types) select.append(el("option", { value: type }, type));
  await setUpMap();
  document.getElementById("filters").addEventListener("change", refresh);
  document.getElementById("f-actor").addEventListener("input", () => {
    clearTimeout(state.typing);
    state.typing = setTimeout(refresh, 300);
  });
  await Promise.all([refresh(), drawLedger()]);
}

start().catch(error => { document.getElementById("summary").textContent = `Could not load: ${error.message}`; });

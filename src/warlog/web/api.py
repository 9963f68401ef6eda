"""The REST API and the web page, one FastAPI app over one store.

Reading is open (the server binds to loopback unless told otherwise); writing — POST /api/ingest —
needs the bearer token given by `--token` or WARLOG_TOKEN, and without a configured token nobody can
write. URLs are fetched with the same refusal of private and loopback addresses as `warlog ingest`, so
the server cannot be used to reach the machine's own network. Query parameters are validated here
(422 on a bad bbox or a negative limit); SQL lives in `queries.py`.
"""

from __future__ import annotations

import hmac
import json
import os
from dataclasses import asdict, fields, is_dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, model_validator

from warlog import settings
from warlog.errors import StoreError, StoreUnavailableError, WarlogError
from warlog.reconcile.stored import LedgerCache, ensure_indexed, ensure_ledger
from warlog.store import Store
from warlog.store.corrections import add_correction, list_corrections, resolve_member
from warlog.web import queries
from warlog.web.basemap import PlaceLabels
from warlog.web.event_index import EventIndex
from warlog.web.ledger_scope import general_incidents, incident_scope
from warlog.web.summary_cache import SummaryCache

STATIC = FilePath(__file__).parent / "static"
MAX_LIMIT = 1000
# Ids and offsets are bounded by the store's 32-bit INTEGER columns (PostgreSQL's; SQLite's bound is 2**63 - 1).
# A larger number cannot match anything, and passing it on makes the driver fail (an overflow, a 500).
MAX_INT = 2**31 - 1

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="Rows to skip.")]
ExtractionStatus = Literal["done", "failed", "none"]
EventId = Annotated[int, Path(ge=1, le=MAX_INT, description="An event's id.")]
_bearer = HTTPBearer(auto_error=False)
WRITING_PATHS = frozenset({"/api/ingest", "/api/corrections"})
# The page runs only its own scripts from /static: should article text ever reach the page as markup, an inline
# script or handler in it would still not run. (Inline styles stay allowed: Leaflet positions its layers with them.)
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class CorrectionRequest(BaseModel):
    """An analyst's decision about incidents: these reports are one incident (merge), or not (split)."""

    action: Literal["merge", "split"] = Field(description="merge: one incident; split: taken apart.")
    members: list[Annotated[str, Field(max_length=100)]] = Field(
        min_length=1, max_length=200, description="Reports as DOCUMENT:EVENT, as `/api/incidents/{id}` lists them.")
    reason: str = Field(default="", max_length=500, description="Why, for the next analyst.")


class IngestRequest(BaseModel):
    """One article to ingest: its text, or a public http(s) URL to fetch."""

    text: str | None = Field(default=None, description="Plain text of the article; its first line is the title.")
    url: str | None = Field(default=None, description="A public http(s) URL to fetch.")
    published: date | None = Field(default=None, description="Publication date when the input carries none.")
    source: str | None = Field(default=None, max_length=200, description="Publisher name.")

    @model_validator(mode="after")
    def _one_input(self) -> IngestRequest:
        if (self.text is None) == (self.url is None):
            raise ValueError("give exactly one of 'text' or 'url'")
        return self


def parse_bbox(value: str | None) -> queries.BBox | None:
    """`W,S,E,N` in degrees, or a 422 naming what is wrong."""
    if value is None or value == "":
        return None
    try:
        return queries.bbox_from_text(value)
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from exc


def incident_filter(
    since: date | None = None, until: date | None = None,
    bbox: Annotated[str | None, Query(description="W,S,E,N in degrees")] = None,
    event_type: Annotated[str | None, Query(description="ACLED event or sub-event type")] = None,
    include_generic: Annotated[bool, Query(description="Include generic (not one incident) statements")] = False,
    place: Annotated[str | None, Query(description="Words of the place name, any case")] = None,
    actor: Annotated[str | None, Query(description="Words of an actor of any of its reports, any case")] = None,
) -> queries.IncidentFilter:
    """The incident filters, read alike by every endpoint that lists incidents."""
    return queries.IncidentFilter(since, until, parse_bbox(bbox), event_type, include_generic, place, actor)


IncidentQuery = Annotated[queries.IncidentFilter, Depends(incident_filter)]


def _iso(value: Any) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


class DataResponse(JSONResponse):
    """JSON of rows straight from the store, written by the standard library's encoder.

    Why: returning a dict makes FastAPI validate it against the declared `dict[str, Any]` and then encode it,
    which costs ~15-30 ms for a page of 100 events — several times the query — and capped the server far
    below the load goal. The rows are plain values (str, int, float, None, date, datetime) whose JSON is
    identical either way (dates in ISO 8601), so they are encoded directly; the schema stays declared on
    each route for /api/docs.
    """

    def render(self, content: Any) -> bytes:
        return json.dumps(content, default=_iso, ensure_ascii=False, allow_nan=False,
                          separators=(",", ":")).encode("utf-8")


class AsciiJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped, so any Python string, even a lone surrogate, can be sent."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


def _page(total: int, rows: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


def _json_ready(value: Any) -> Any:
    """Dataclasses (read field by field, as `dataclasses.asdict` would give them), tuples and dates, nested, made
    JSON-serialisable: the whole ledger of a large store goes through here, and `asdict`'s deep copy before this
    walk took more time than the walk."""
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _json_ready(getattr(value, name)) for name in _field_names(type(value))}
    return value


@lru_cache(maxsize=64)
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _json_bytes(content: Any) -> bytes:
    """JSON as `JSONResponse` renders it, for content already JSON-ready (`_json_ready`): without FastAPI's
    `jsonable_encoder`, which walked the 35 MB ledger of a 30,000-event store for three seconds to change nothing."""
    return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode("utf-8")


def _ledger_outline(entry: Any) -> dict[str, Any]:
    """A ledger entry as the page lists it: everything but its figures and timeline, which can be thousands in a
    large store, with how many figures there are, who gave them (distinct, in order) and the vague words given."""
    found = {k: _json_ready(getattr(entry, k)) for k in entry.__dataclass_fields__ if k not in ("figures", "timeline")}
    found["figure_count"] = len(entry.figures)
    found["speakers"] = list(dict.fromkeys(f.speaker for f in entry.figures if f.speaker))
    found["vague_words"] = list(dict.fromkeys(f.display for f in entry.figures if f.vague))
    return found


def create_app(store_url: str | None = None, token: str | None = None) -> FastAPI:
    """The app over the store at `store_url` (default: WARLOG_DB or ./warlog.db)."""
    store = Store(store_url or settings.db_url())
    token = token if token is not None else os.environ.get("WARLOG_TOKEN") or None
    engine = store.engine
    ensure_indexed(store)  # a store from before the incident index serves its incidents from the first request
    ensure_ledger(store)  # and one from before the ledger's rows its ledger, as fast as a new one
    ledger_cache = LedgerCache(store)
    summary_cache = SummaryCache(store)

    def summary_body(f: queries.IncidentFilter) -> bytes:
        return DataResponse(queries.incident_summary(engine, f)).body

    # The landing view's summary (no filter) is made before the server listens, as the incident index is: the first
    # analyst to open the page gets it kept and gzipped (~0.3 s of queries at 10,000 incidents otherwise).
    summary_cache.get(queries.IncidentFilter(), lambda: summary_body(queries.IncidentFilter()))
    event_index = EventIndex(engine)
    place_labels = PlaceLabels()
    app = FastAPI(title="warlog", version="1", description="Conflict news as sourced, structured data.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.store = store

    def refusal(given: str) -> str | None:
        """Why a request bearing `given` may not write, or None when it may."""
        if token is None:
            return "ingestion is off: start the server with --token or WARLOG_TOKEN"
        if not hmac.compare_digest(given.encode(), token.encode()):
            return "a valid bearer token is needed"
        return None

    def require_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
        reason = refusal(credentials.credentials if credentials else "")
        if reason is not None:
            raise HTTPException(401, reason, headers={"WWW-Authenticate": "Bearer"})

    @app.middleware("http")
    async def _nosniff(request: Request, call_next):
        """Browsers must take a JSON answer holding article text for JSON, never sniff it into HTML."""
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response

    @app.middleware("http")
    async def _no_nul(request: Request, call_next):
        """A NUL character in the path or query is refused with a 400: no filter needs one, SQLite would
        compare it as an ordinary character, but PostgreSQL refuses it in text and the driver error is a 500."""
        raw = request.scope.get("raw_path", b"") + b"?" + request.scope.get("query_string", b"")
        if b"%00" in raw or b"\x00" in raw or "\x00" in request.url.path:
            return JSONResponse({"detail": "a NUL character (%00) is not allowed in the path or query"},
                                status_code=400)
        return await call_next(request)

    @app.middleware("http")
    async def _token_before_body(request: Request, call_next):
        """POST /api/ingest and /api/corrections: refuse a request without the token before its body is read or
        parsed (FastAPI
        parses the body before dependencies run, so a malformed body would otherwise get a 400 or 422)."""
        if request.method == "POST" and request.url.path in WRITING_PATHS:
            scheme, _, given = request.headers.get("authorization", "").partition(" ")
            reason = refusal(given.strip() if scheme.lower() == "bearer" else "")
            if reason is not None:
                return JSONResponse({"detail": reason}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        return await call_next(request)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        """FastAPI's own 422, written as ASCII JSON: the errors echo the input, and an input holding a lone
        surrogate (a legal JSON escape) cannot be written as UTF-8, which made the default handler fail (a 500)."""
        return AsciiJSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)

    @app.exception_handler(WarlogError)
    def _warlog_error(_request: Request, exc: WarlogError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.get("/api/events", tags=["events"], response_model=dict[str, Any])
    def events(
        since: date | None = None, until: date | None = None,
        bbox: Annotated[str | None, Query(description="W,S,E,N in degrees")] = None,
        event_type: Annotated[str | None, Query(description="PLOVER type, ACLED event or sub-event type")] = None,
        actor: Annotated[str | None, Query(description="Part of actor1 or actor2, any case")] = None,
        source: str | None = None, document_id: str | None = None,
        include_generic: Annotated[bool, Query(description="Include generic (not one incident) events")] = False,
        place: Annotated[str | None, Query(description="Words of the place name, any case")] = None,
        limit: Limit = 100, offset: Offset = 0,
        per_day: Annotated[bool, Query(description="Add counts per day and type for the timeline")] = False,
    ) -> DataResponse:
        """Events matching every filter given, with place, casualties and source; paged."""
        f = queries.EventFilter(since, until, parse_bbox(bbox), event_type, actor, source, document_id,
                                include_generic, place)
        total, rows = event_index.list_events(f, limit, offset)  # the same answer as queries.list_events
        page = _page(total, rows, limit, offset)
        if per_day:
            page["per_day"] = queries.events_per_day(engine, f)
        return DataResponse(page)

    @app.get("/api/events/{event_id}", tags=["events"], response_model=dict[str, Any])
    def event(event_id: EventId) -> DataResponse:
        """One event with its evidence spans (offsets into its document's clean text) and its document id."""
        found = queries.get_event(engine, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id}")
        return DataResponse(found)

    @app.get("/api/incidents", tags=["incidents"], response_model=dict[str, Any])
    def incidents(f: IncidentQuery, limit: Limit = 100, offset: Offset = 0) -> DataResponse:
        """Incidents — reports of one real event from every stored document, joined — newest first: type, the
        finest place, dates, the range of the killed and injured figures, their sources, and how many reports;
        paged."""
        return DataResponse(_page(*queries.list_incidents(engine, f, limit, offset), limit, offset))

    @app.get("/api/incidents/summary", tags=["incidents"], response_model=dict[str, Any])
    def incident_summary(f: IncidentQuery, request: Request) -> Response:
        """Every incident the filters match, newest first, as columns (`columns.id[n]`, `columns.lat[n]`, …):
        what the page draws on its map, feed and timeline, in one answer whatever the number of incidents.
        Kept encoded (and gzipped, for clients that accept it) while the store is unchanged."""
        kept = summary_cache.get(f, lambda: summary_body(f))
        if kept.gzipped is not None and "gzip" in request.headers.get("accept-encoding", "").lower():
            return Response(kept.gzipped, media_type="application/json",
                            headers={"Vary": "Accept-Encoding", "Content-Encoding": "gzip"})
        return Response(kept.body, media_type="application/json", headers={"Vary": "Accept-Encoding"})

    @app.get("/api/incidents/{incident_id}", tags=["incidents"], response_model=dict[str, Any])
    def incident(incident_id: str) -> DataResponse:
        """One incident with each report of it (source, evidence span, place, date, figures and their speakers)
        and the links that joined the reports, with their scores and features."""
        found = queries.get_incident(engine, incident_id)
        if found is None:
            raise HTTPException(404, f"no incident {incident_id!r}")
        return DataResponse(found)

    @app.get("/api/claims", tags=["claims"], response_model=dict[str, Any])
    def claims(document_id: str | None = None, speaker: str | None = None, stance: str | None = None,
               limit: Limit = 100, offset: Offset = 0) -> DataResponse:
        """Attributed statements with speaker, cue and content spans and the quantities they carry."""
        return DataResponse(_page(*queries.list_claims(engine, document_id, speaker, stance, limit, offset), limit,
                                  offset))

    @app.get("/api/places", tags=["places"], response_model=dict[str, Any])
    def places(document_id: str | None = None, bbox: str | None = None,
               limit: Limit = 100, offset: Offset = 0) -> DataResponse:
        """Resolved place mentions with coordinates and precision."""
        return DataResponse(_page(*queries.list_places(engine, document_id, parse_bbox(bbox), limit, offset), limit,
                                  offset))

    @app.get("/api/documents", tags=["documents"], response_model=dict[str, Any])
    def documents(source: str | None = None, extraction: ExtractionStatus | None = None, limit: Limit = 100,
                  offset: Offset = 0) -> DataResponse:
        """Stored documents with their counts of posts, events, claims and removed furniture, and their extraction:
        `done`, `failed` (with the stage and reason: the document is kept without it) or `none` (not asked for)."""
        return DataResponse(_page(*queries.list_documents(engine, source, limit, offset, extraction), limit, offset))

    @app.get("/api/documents/{document_id}", tags=["documents"], response_model=dict[str, Any])
    def document(document_id: str) -> DataResponse:
        """A document's clean text (all spans point into it), its posts and its removed furniture."""
        found = queries.get_document(engine, document_id)
        if found is None:
            raise HTTPException(404, f"no document {document_id!r}")
        return DataResponse(found)

    @app.get("/api/meta", tags=["documents"])
    def meta() -> dict[str, Any]:
        """What the page's filters offer: sources, event types of events and of incidents, and whether writing
        (ingest, corrections) is enabled on this server."""
        return {"sources": queries.sources(engine), "event_types": queries.event_types(engine),
                "incident_types": queries.incident_types(engine), "ingest_enabled": token is not None,
                "corrections_enabled": token is not None}

    @app.get("/api/ledger", tags=["ledger"])
    def ledger(all_counted: Annotated[bool, Query(alias="all", description="Every counted thing, not only conflict "
                                                  "figures (each entry's `relevant`)")] = False,
               limit: Annotated[int | None, Query(ge=1, le=MAX_INT, description="At most this many entries (the "
                                                  "first); `matching` says how many there are.")] = None,
               offset: Offset = 0,
               outline: Annotated[bool, Query(description="Each entry without its figures and timeline, with "
                                              "`figure_count`, its `speakers` and its vague words (`vague_words`) "
                                              "instead: ask for one entry (offset, limit=1) to see its figures.")]
               = False) -> Any:
        """The claims ledger over every stored document: figures about one counted thing, side by side."""
        # The same ledger as `warlog ledger`, corrections applied; its JSON is kept while the store is unchanged.
        # The page asks for an outline of the first entries: at 10,000 incidents the first 200 entries with their
        # figures were 22 MB, whose transfer and parsing held the browser (and the server) for a second after the
        # page was ready; an entry's figures are asked for when it is opened.
        def encode(entries: list) -> bytes:
            shown = [e for e in entries if all_counted or e.relevant]
            chosen = shown[offset:] if limit is None else shown[offset:offset + limit]
            general = general_incidents(engine, (e.cluster_id for e in chosen))
            items = []
            for e in chosen:  # each entry says whether it is about one incident or a running total
                item = _ledger_outline(e) if outline else _json_ready(e)
                item["incident_scope"] = incident_scope(e, general)
                items.append(item)
            return _json_bytes({"total": len(entries), "matching": len(shown), "offset": offset, "items": items})

        body = ledger_cache.encoded(encode, variant=(all_counted, limit, offset, outline))
        return Response(content=body, media_type="application/json")

    @app.post("/api/ingest", tags=["ingest"], dependencies=[Depends(require_token)])
    def ingest(body: IngestRequest) -> JSONResponse:
        """Ingest one article (text or URL); needs `Authorization: Bearer <token>`."""
        from warlog.web.ingest import ingest_request

        results = ingest_request(store, body.text, body.url, body.published, body.source)
        event_index.invalidate()
        if all(r.status == "error" for r in results):
            return JSONResponse({"detail": "; ".join(r.error or "" for r in results), "results":
                                 [vars(r) for r in results]}, status_code=400)
        status = 201 if any(r.status in ("stored", "extraction failed") for r in results) else 200
        return JSONResponse({"results": [vars(r) for r in results]}, status_code=status)

    @app.get("/api/corrections", tags=["incidents"], response_model=dict[str, Any])
    def corrections() -> DataResponse:
        """The analysts' merge and split decisions, oldest first (later ones win)."""
        rows = list_corrections(store)
        return DataResponse(_page(len(rows), [_json_ready(r) for r in rows], max(1, len(rows)), 0))

    @app.post("/api/corrections", tags=["incidents"], dependencies=[Depends(require_token)], status_code=201)
    def correct(body: CorrectionRequest) -> JSONResponse:
        """Record a merge or split of reports (needs `Authorization: Bearer <token>`); the incidents are re-formed
        at once and the answer names the incidents that now hold the reports."""
        try:
            members = [resolve_member(store, m) for m in body.members]
            number = add_correction(store, body.action, members, body.reason)
        except StoreUnavailableError:
            raise  # the store, not the request: a 503 like every other endpoint's
        except StoreError as exc:
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return JSONResponse({"id": number, "action": body.action, "members": members,
                             "incidents": queries.incidents_of(engine, members)}, status_code=201)

    @app.get("/api/basemap/places", tags=["map"])
    def basemap_places(
        bbox: Annotated[str, Query(description="W,S,E,N in degrees: the part of the map shown")],
        limit: Annotated[int, Query(ge=1, le=500, description="At most this many, most populous first")] = 60,
        countries: Annotated[bool, Query(description="Country labels instead of towns")] = False,
    ) -> dict[str, Any]:
        """Labels for the page's offline base map: the most populous towns (or countries) in the box, from the
        gazetteer the geoparser uses."""
        box = parse_bbox(bbox)
        if box is None:
            raise HTTPException(422, "bbox: give W,S,E,N in degrees")
        found = place_labels.in_box(box, limit, countries)
        return {"total": len(found), "items": [asdict(label) for label in found]}

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html",
                            headers={"Content-Security-Policy": PAGE_CSP})

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> HTMLResponse:
        """Swagger UI from the vendored copy: the API's docs work offline, with nothing loaded from elsewhere."""
        return get_swagger_ui_html(openapi_url="/api/openapi.json", title="warlog API",
                                   swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                                   swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                                   swagger_favicon_url="/favicon.ico")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app

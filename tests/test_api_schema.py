"""Property-based tests of the REST API from its own OpenAPI schema (Schemathesis), in process over ASGI.

Every GET endpoint gets generated requests, valid and invalid, against a store holding the example page;
none may answer with a server error. POST /api/ingest without a valid token must be refused (401) whatever its
body, before the body is parsed: never a 400/422 for it, never the ingestion code, never a 5xx. Examples are bounded so
the module runs in well under half a minute; Hypothesis keeps no example database in the work tree.
"""

from __future__ import annotations

from datetime import datetime

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from tests.conftest import EXAMPLE
from warlog.pipeline import ingest
from warlog.sources import ReadOptions
from warlog.store import Store
from warlog.web.api import create_app

EXAMPLES_PER_OPERATION = 40
SETTINGS = settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


TOKEN = "schema-test-token"


def _schema() -> schemathesis.schemas.BaseSchema:
    """The schema as the app serves it. It does not depend on the store's contents, so it is read at collection
    from an app over an empty in-memory store; the requests go to `api_app`, over the example page.
    (Schemathesis' lazy `from_fixture` loader does not run under pytest 9.2, hence this.)"""
    app = create_app("sqlite:///:memory:", token=TOKEN)
    try:
        return schemathesis.openapi.from_asgi("/api/openapi.json", app)
    finally:
        app.state.store.close()


schema = _schema()


@pytest.fixture(scope="module")
def api_app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('schema') / 'warlog.db'}"
    with Store(url) as store:
        results = ingest([str(EXAMPLE)], store, ReadOptions(published=datetime(2024, 11, 3)))
    assert [r.status for r in results] == ["stored"]
    app = create_app(url, token=TOKEN)
    yield app
    app.state.store.close()


@schema.include(method="GET").parametrize()
@SETTINGS
def test_get_endpoints_never_fail_with_a_server_error(case, api_app):
    case.call_and_validate(checks=[not_a_server_error], app=api_app)


@schema.include(method="POST", path="/api/ingest").parametrize()
@SETTINGS
def test_ingest_without_the_token_is_refused(case, api_app):
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    response = case.call(app=api_app)
    # Schemathesis also sends other methods to the path; those are 405, the rest must be refused
    allowed = (401,) if case.method.upper() == "POST" else (405,)
    assert response.status_code in allowed, (case.method, response.status_code, response.text[:300])


def test_cases_schemathesis_found(api_app):
    """Fixed: an event id or offset past the INTEGER range was a 500 (driver overflow); an unparseable
    ingest body without a token was a 400 instead of the 401."""
    from fastapi.testclient import TestClient

    with TestClient(api_app) as client:
        assert client.get("/api/events/9223372036854775808").status_code == 422
        assert client.get("/api/events/2147483647").status_code == 404
        assert client.get("/api/events", params={"offset": 2**63}).status_code == 422
        assert client.post("/api/ingest", content=b"\x80",
                           headers={"content-type": "application/json"}).status_code == 401
        assert client.post("/api/ingest", content=b"\x80", headers={
            "content-type": "application/json", "authorization": "Bearer wrong"}).status_code == 401

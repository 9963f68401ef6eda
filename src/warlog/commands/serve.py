"""`warlog serve`: the REST API and the web page over one store.

Binds to loopback by default: the store may hold unpublished work, and reading needs no token. On
any other address without a token it warns, since then anyone who can reach the port can read the
store (writing stays off until a token is set).
"""

from __future__ import annotations

import ipaddress
import os
from typing import Annotated

import typer

from warlog.cli import DbOption, _fail, err
from warlog.errors import WarlogError


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve_command(
        host: Annotated[str, typer.Option(help="Address to bind; loopback unless you mean to share it.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
        token: Annotated[str | None, typer.Option(help="Bearer token for POST /api/ingest (or WARLOG_TOKEN).")] = None,
        db: DbOption = None,
    ) -> None:
        """Serve the REST API (/api, docs at /api/docs) and the map page (/) over the store."""
        import uvicorn

        from warlog.web.api import create_app

        token = token or os.environ.get("WARLOG_TOKEN") or None
        if not is_loopback(host) and token is None:
            err.print(f"[yellow]warning:[/yellow] serving on {host} without a token: anyone who can reach port "
                      f"{port} can read the store (ingestion stays off until --token or WARLOG_TOKEN is set)")
        try:
            web_app = create_app(db, token)
        except WarlogError as exc:
            raise _fail(str(exc)) from exc
        err.print(f"warlog: http://{host}:{port}/ (API docs at /api/docs)")
        uvicorn.run(web_app, host=host, port=port, log_level="warning")

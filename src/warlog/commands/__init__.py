"""CLI commands of the later features (reconcile, export, serve, …), one module each.

Every module here defines `register(app)`, which adds its commands to the Typer app; `warlog.cli`
registers them all at import. Keeping each feature's commands in its own module keeps `cli.py`
small and lets features be added without touching it.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer


def register_commands(app: typer.Typer) -> None:
    """Add the commands of every module in this package to `app`, in name order."""
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(app)

"""Exports: the store's events, claims, quantities and places in the formats analysts already use.

`query.select_rows` reads what to export (with filters) once; each format module is a pure function
of those rows, so the CLI, the web server and tests share one selection and one meaning of a filter.
"""

from warlog.export.query import ExportFilter, ExportRows, select_rows

__all__ = ["ExportFilter", "ExportRows", "select_rows"]

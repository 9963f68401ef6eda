"""warlog: conflict news in, sourced and structured data out."""

__version__ = "0.1.0"

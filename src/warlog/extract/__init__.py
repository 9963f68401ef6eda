"""Extraction of mentions, quantities, claims and events from cleaned posts."""

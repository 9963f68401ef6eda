"""The REST API and the offline web page (`warlog serve`): map, timeline, ledger and evidence view."""

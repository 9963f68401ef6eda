"""Gold-set loaders and metrics behind `warlog eval`."""

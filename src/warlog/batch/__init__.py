"""`warlog batch`: the ingest pipeline over many files on Dask, written as Parquet partitions.

`plan` cuts the inputs into work units, `task` runs one unit on a worker (read -> prepare ->
extract), `partitions` writes each unit's tables atomically with a done-marker so a re-run skips
finished units, `run` drives the Dask cluster, and `load` brings the partitions into the store.
"""

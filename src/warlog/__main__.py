"""`python -m warlog` runs the same CLI as the `warlog` command."""

from warlog.cli import main

main()

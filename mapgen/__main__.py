"""`python -m mapgen` is the `mapgen` command."""

from .cli import main

main(prog_name="mapgen")

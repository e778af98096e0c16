"""`python -m mapgen` is the `mapgen` command."""

from .cli import main

if __name__ == "__main__":  # worker processes (multiprocessing spawn, Dask) re-import this module
    main(prog_name="mapgen")

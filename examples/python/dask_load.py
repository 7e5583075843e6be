"""Parse a folder of health records on Dask: the same tables as `bluebutton.load`, scaled out.

Each Dask partition is a slice of the file list; a worker runs `bluebutton.load` on its
slice (parallel parsing inside, the GIL released) and returns that slice's tables, which
are then stacked in file order. Any Dask scheduler works: the local threaded or process
schedulers shown here, or a `dask.distributed` cluster (`Client(...)`), where the workers
need `bluebutton[pandas]` and the files on a shared path.

Needs `pip install 'bluebutton[pandas]' dask` (only `dask.bag`: no pyarrow).

    python examples/python/dask_load.py ../shared/corpus/ccda --partitions 8
"""

from __future__ import annotations

import argparse
from typing import Any

import dask.bag as db
import pandas as pd

import bluebutton


def load_partition(paths: list[str]) -> list[dict[str, pd.DataFrame]]:
    """One partition's tables (a one-item list, as `map_partitions` wants)."""
    return [bluebutton.load(list(paths), jobs=1, progress=False)]


def load_with_dask(
    folder: Any, partitions: int = 4, scheduler: str = "processes"
) -> dict[str, pd.DataFrame]:
    """Every file under `folder` as one pandas table per section (and `errors`), parsed
    in `partitions` Dask tasks on `scheduler` ("processes", "threads" or "sync")."""
    files = bluebutton.list_files(folder)
    if not files:
        return bluebutton.load([], progress=False)
    bag = db.from_sequence(files, npartitions=max(1, min(partitions, len(files))))
    parts = bag.map_partitions(load_partition).compute(scheduler=scheduler)
    return {name: pd.concat([part[name] for part in parts], ignore_index=True) for name in parts[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--scheduler", default="processes")
    args = parser.parse_args()
    tables = load_with_dask(args.folder, args.partitions, args.scheduler)
    for name, df in tables.items():
        if len(df):
            print(f"{name:20} {len(df):7} rows")


if __name__ == "__main__":
    main()

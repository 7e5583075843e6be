"""The Python examples in `examples/python/` run and agree with `bluebutton.load`."""

from __future__ import annotations

import subprocess
import sys

import pytest

import bluebutton
from conftest import CORPUS, REPO_ROOT

EXAMPLES = REPO_ROOT / "examples" / "python"


@pytest.fixture()
def dask_load(monkeypatch):
    # On sys.path (not loaded from a file path) so Dask's worker processes can import it.
    monkeypatch.syspath_prepend(str(EXAMPLES))
    import dask_load

    return dask_load


@pytest.mark.parametrize("scheduler", ["processes", "threads"])
def test_dask_row_counts_equal_the_single_machine_loader(dask_load, scheduler) -> None:
    inputs = [CORPUS / "ccda" / "hl7-c-cda-examples", CORPUS / "bad" / "broken.xml"]
    expected = bluebutton.load(inputs, progress=False)
    got = dask_load.load_with_dask(inputs, partitions=3, scheduler=scheduler)
    assert set(got) == set(expected)
    for name, df in expected.items():
        assert len(got[name]) == len(df), name
        assert list(got[name]["file"]) == list(df["file"]), name
        assert list(got[name].columns) == list(df.columns), name
    assert len(expected["allergies"]) > 0 and len(expected["errors"]) == 1


@pytest.mark.parametrize("args", [[], [str(CORPUS / "ccda" / "hl7-c-cda-examples")]])
def test_dataframes_example_runs(args) -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "dataframes.py"), *args],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "allergies" in done.stdout

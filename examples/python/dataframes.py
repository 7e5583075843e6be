# %% [markdown]
# # Blue Button records as DataFrames
#
# A notebook-style walk through the tables API (each `# %%` is a cell in VS Code or
# Jupytext). Run it whole with
#
#     python examples/python/dataframes.py [FILES OR FOLDERS...]
#
# from the repository root; without arguments it reads `examples/sample-ccd.xml`.
# Needs `pip install 'bluebutton[pandas,polars]'` (polars only for its cell).

# %%
import sys
from pathlib import Path

import pandas as pd

import bluebutton

pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 8)
sample = Path(__file__).resolve().parent.parent / "sample-ccd.xml"
inputs = sys.argv[1:] or [str(sample)]

# %% [markdown]
# ## One record, one section
#
# `to_pandas(section)` gives one row per entry. Nested objects become dotted columns;
# lists inside an entry (ids, reactions, translations, a panel's observations) are JSON
# text; codes and decimal amounts stay text exactly as written.

# %%
rec = bluebutton.parse_file(bluebutton.list_files(inputs)[0])
allergies = rec.to_pandas("allergies")
print("allergies", allergies.shape)
print(allergies[["allergen.code", "allergen.system_name", "status"]])

# %% [markdown]
# ## Dates keep their precision
#
# A date's text `value` has a typed twin `value_datetime` (UTC) and a `precision`
# column: a year-only date reads as January 1st, and `precision == "year"` says so.

# %%
problems = rec.to_pandas("problems")
print(problems[["period.low.value", "period.low.value_datetime", "period.low.precision"]])
print(problems.dtypes[["period.low.value_datetime", "source.line"]])

# %% [markdown]
# ## The columns come from the model's schema
#
# Every record gives the same columns for a section, even an empty one, and a field
# added to the model appears by itself. `bluebutton.columns` lists them with their kinds.

# %%
print(rec.to_pandas("goals").shape)  # no goals: zero rows, every column
print(bluebutton.columns("medications")[:5])

# %% [markdown]
# ## Quantities: decimal text and a float
#
# A medication's dose is a quantity, flattened, with its exact decimal text and a
# `value_float` twin.

# %%
meds = rec.to_pandas("medications")
print(meds[["product.display", "dose.value", "dose.value_float", "dose.unit"]])

# %% [markdown]
# ## Nested tables: one row per lab observation
#
# Inside an entry, a list is JSON text (`results["observations"]`); the nested table
# `results.observations` gives one row per item instead, with `entry` pointing at its
# panel's row in `results`.

# %%
panels = rec.to_pandas("results")
observations = rec.to_pandas("results.observations")
labs = observations.merge(
    panels[["code.display"]], left_on="entry", right_index=True, suffixes=("", ".panel")
)
print(
    labs[
        ["code.display.panel", "code.display", "value.quantity.value_float", "value.quantity.unit"]
    ]
)

# %% [markdown]
# ## Many files: one table per section
#
# `bluebutton.load` walks folders, parses in parallel, adds `file` and `patient_id`,
# and collects files that failed in an `errors` table instead of raising.

# %%
tables = bluebutton.load(inputs, jobs=2)
for name, df in tables.items():
    if len(df):
        print(f"{name:16} {len(df):6} rows")
print(tables["errors"][["file", "kind", "line", "column"]])

# %% [markdown]
# ## polars
#
# The same tables with polars types (`Datetime("us", "UTC")`, `Int64`, `String`).

# %%
try:
    import polars as pl
except ImportError:
    print("polars is not installed: pip install 'bluebutton[polars]'")
else:
    tables_pl = bluebutton.load(inputs, backend="polars")
    print(tables_pl["allergies"].select(pl.col("file"), pl.col("allergen.code")).head())

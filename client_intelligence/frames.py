"""The tables a dbt Python model is handed, whichever engine runs it.

dbt-duckdb hands a model DuckDB relations; dbt-databricks (and scripts/run_spark.py on
open-source Spark) hands it Spark DataFrames; tests hand the bodies Arrow or pandas tables.
The model bodies read their inputs through these functions, so one model file serves every
engine.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import pyarrow as pa


def is_spark(frame: Any) -> bool:
    """A Spark DataFrame (classic or Spark Connect), told apart without importing pyspark,
    which the DuckDB install does not have."""
    return type(frame).__module__.startswith("pyspark.")


def to_arrow(frame: Any) -> pa.Table:
    """The whole table in memory, as Arrow."""
    if isinstance(frame, pa.Table):
        return frame
    if isinstance(frame, pd.DataFrame):
        return pa.Table.from_pandas(frame, preserve_index=False)
    if is_spark(frame):
        return frame.toArrow()
    return frame.to_arrow_table()


def to_pandas(frame: Any) -> pd.DataFrame:
    """The whole table in memory, as pandas."""
    if isinstance(frame, pd.DataFrame):
        return frame
    if isinstance(frame, pa.Table):
        return frame.to_pandas()
    if is_spark(frame):
        return frame.toPandas()
    return frame.df()


def has_rows(frame: Any) -> bool:
    """Whether the table has at least one row, reading at most one."""
    if isinstance(frame, pa.Table | pd.DataFrame):
        return len(frame) > 0
    if is_spark(frame):
        return bool(frame.head(1))
    return bool(frame.limit(1).fetchall())


def columns_of(frame: Any, columns: Sequence[str]) -> Any:
    """The named columns only, on the frame's own engine (nothing is read yet)."""
    if isinstance(frame, pa.Table):
        return frame.select(list(columns))
    if isinstance(frame, pd.DataFrame):
        return frame[list(columns)]
    if is_spark(frame):
        return frame.select(*columns)
    return frame.project(", ".join(columns))


def distinct_rows(frame: Any, columns: Sequence[str]) -> list[tuple]:
    """The distinct values of the named columns, as tuples."""
    selected = columns_of(frame, columns)
    if is_spark(frame):
        return [tuple(row) for row in selected.distinct().collect()]
    if isinstance(frame, pa.Table | pd.DataFrame):
        return list(to_pandas(selected).drop_duplicates().itertuples(index=False, name=None))
    return selected.distinct().fetchall()

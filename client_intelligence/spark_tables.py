"""Move tables between the DuckDB warehouse and a local Spark session, and compare them.

A development aid for the Spark target (issue 19): the staging layer is ported separately, so
downstream models are built on Spark from the DuckDB build's staging tables and seeds, and each
ported model's Spark output is compared with DuckDB's on the same inputs.

    python scripts/spark_tables.py load  [--duckdb PATH] [TABLE ...]
    python scripts/spark_tables.py compare [--duckdb PATH] TABLE ...

(client-intelligence spark-tables ...).

The Spark session is built from the ``spark`` output of the project's profiles.yml, so it sees
the same metastore and warehouse as dbt.
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import duckdb

from client_intelligence.project import duckdb_path, profile_output, project_root

FLOAT_TOLERANCE = 1e-9
# Sums of doubles added in another order differ in their last digits (1.9e6 by 4e-9).
FLOAT_RELATIVE_TOLERANCE = 1e-12
# When each build ran, not what it computed: left out of comparisons.
RUN_MOMENT_COLUMNS = ("scored_at", "evaluated_at")


def spark_schema() -> str:
    """The schema the spark target builds into."""
    return profile_output("spark")["schema"]


def spark_session() -> Any:
    """A session configured as dbt-spark's ``method: session`` configures its own (the spark
    output of profiles.yml), so it shares dbt's metastore and warehouse. Their paths are relative
    to the project, as for dbt run from it."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.enableHiveSupport()
    for key, value in profile_output("spark").get("server_side_parameters", {}).items():
        builder = builder.config(key, str(value))
    cwd = Path.cwd()
    os.chdir(project_root())
    try:
        return builder.getOrCreate()
    finally:
        os.chdir(cwd)


def staging_and_seed_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Tables the Spark build reads without building them: staging models and seeds."""
    seeds = {path.stem for path in (project_root() / "seeds").glob("*.csv")}
    rows = con.execute(
        "select table_name from information_schema.tables "
        "where table_schema = 'main' and table_type = 'BASE TABLE'"
    ).fetchall()
    names = [name for (name,) in rows]
    staging = [n for n in names if n.startswith("stg_") or n == "source_load_report"]
    return sorted({*staging, *(n for n in names if n in seeds)})


def load(duckdb_path: Path, tables: list[str]) -> None:
    """Copy DuckDB tables into Spark tables of the same name (via Parquet, types kept)."""
    con = duckdb.connect(str(duckdb_path), read_only=True)
    tables = tables or staging_and_seed_tables(con)
    schema = spark_schema()
    spark = spark_session()
    spark.sql(f"create database if not exists {schema}")
    with tempfile.TemporaryDirectory() as tmp:
        for table in tables:
            path = Path(tmp) / f"{table}.parquet"
            con.execute(f"copy main.{table} to '{path}' (format parquet)")
            frame = spark.read.parquet(str(path))
            frame.write.mode("overwrite").format("parquet").saveAsTable(f"{schema}.{table}")
            print(f"loaded {schema}.{table}: {frame.count()} rows")
    spark.stop()


def normalized(columns: list[str], rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Rows in one order with comparable cells (columns sorted by name, structs as tuples)."""
    order = sorted(range(len(columns)), key=lambda i: columns[i])
    cells = [tuple(_cell(row[i]) for i in order) for row in rows]
    return sorted(cells, key=repr)


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return tuple(_cell(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((key, _cell(item)) for key, item in value.items()))
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _equal(left: Any, right: Any) -> bool:
    if isinstance(left, float) or isinstance(right, float):
        if left is None or right is None:
            return left is right
        return math.isclose(
            float(left), float(right), rel_tol=FLOAT_RELATIVE_TOLERANCE, abs_tol=FLOAT_TOLERANCE
        )
    if isinstance(left, tuple) and isinstance(right, tuple):
        return len(left) == len(right) and all(map(_equal, left, right))
    return left == right


def _row_value(value: Any) -> Any:
    """A Spark cell as plain Python: Rows (structs) as dicts, recursively."""
    if hasattr(value, "asDict"):
        return {key: _row_value(item) for key, item in value.asDict().items()}
    if isinstance(value, list):
        return [_row_value(item) for item in value]
    return value


def table_differences(connection: duckdb.DuckDBPyConnection, table: str, spark: Any) -> list[str]:
    """How `table` in the DuckDB `connection` and in Spark differ (none: same columns, same rows,
    floats within FLOAT_TOLERANCE), naming each differing column with an example. The
    RUN_MOMENT_COLUMNS are left out."""
    relation = connection.table(f"main.{table}")
    kept = [name for name in relation.columns if name not in RUN_MOMENT_COLUMNS]
    result = relation.select(*kept)
    ddb_columns = list(result.columns)
    ddb = normalized(ddb_columns, result.fetchall())
    frame = spark.table(f"{spark_schema()}.{table}")
    frame = frame.select(*[name for name in frame.columns if name not in RUN_MOMENT_COLUMNS])
    spk = normalized(frame.columns, [tuple(_row_value(v) for v in row) for row in frame.collect()])
    if sorted(ddb_columns) != sorted(frame.columns):
        return [f"columns differ: {sorted(set(ddb_columns) ^ set(frame.columns))}"]
    if len(ddb) != len(spk):
        return [f"row counts differ: duckdb {len(ddb)}, spark {len(spk)}"]
    problems = []
    for position, name in enumerate(sorted(ddb_columns)):
        bad = [
            i
            for i, (a, b) in enumerate(zip(ddb, spk, strict=True))
            if not _equal(a[position], b[position])
        ]
        if bad:
            i = bad[0]
            problems.append(
                f"{name}: {len(bad)} rows differ, e.g. duckdb {ddb[i][position]!r}"
                f" spark {spk[i][position]!r}"
            )
    return problems


def compare(duckdb_path: Path, tables: list[str]) -> bool:
    """Compare each table on both engines (table_differences), printing the result."""
    connection = duckdb.connect(str(duckdb_path), read_only=True)
    spark = spark_session()
    all_equal = True
    for table in tables:
        problems = table_differences(connection, table, spark)
        print(f"{table}: {'IDENTICAL' if not problems else 'DIFFERENT'}")
        for problem in problems:
            print(f"  {problem}")
        all_equal &= not problems
    spark.stop()
    return all_equal


def main(argv: list[str] | None = None) -> int:
    """Run ``load`` or ``compare``; exit 1 when a comparison finds a difference."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["load", "compare"])
    parser.add_argument("tables", nargs="*")
    parser.add_argument("--duckdb", type=Path, default=None, help="default: the project's")
    args = parser.parse_intermixed_args(argv)
    args.duckdb = args.duckdb or duckdb_path()
    if args.command == "load":
        load(args.duckdb, args.tables)
        return 0
    return 0 if compare(args.duckdb, args.tables) else 1

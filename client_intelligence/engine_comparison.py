"""Build the staging layer on DuckDB and on Spark from one raw folder and compare the tables
(`client-intelligence compare-engines`, scripts/compare_engines.py).

    python scripts/compare_engines.py --raw-data-dir tests/fixtures/notes_export

Each table is compared row for row (every column as text, `except all` both ways); the
report names every table that differs, its differing columns and a few rows from each side.
Exit status 1 when a table differs. Needs the Spark extra (`make install-spark`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import yaml

from client_intelligence.project import project_root

TABLES = (
    "stg_notes",
    "stg_notes_rejected",
    "stg_transactions",
    "stg_transactions_rejected",
    "stg_outcomes",
    "stg_outcomes_rejected",
    "source_load_report",
)
SPARK_SCHEMA = "client_intelligence"


def _dbt(args: list[str], env: dict[str, str]) -> None:
    """Run the dbt CLI of this interpreter's environment; raise with its output on failure."""
    dbt = Path(sys.executable).with_name("dbt")
    result = subprocess.run(
        [str(dbt), *args], cwd=project_root(), env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(f"dbt {' '.join(args)} failed:\n{result.stdout[-4000:]}")


def build(raw_data_dir: Path, work: Path, target: str) -> float:
    """Seeds then the staging models and their tests on `target`; returns the seconds taken."""
    project = str(project_root())
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": project,
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DO_NOT_TRACK": "1",
        "DUCKDB_PATH": str(work / "staging.duckdb"),
        "PYSPARK_PYTHON": os.environ.get("PYSPARK_PYTHON", sys.executable),
        "PYTHONPATH": os.pathsep.join(filter(None, [project, os.environ.get("PYTHONPATH")])),
    }
    common = [
        "--target",
        target,
        "--target-path",
        str(work / f"target-{target}"),
        "--vars",
        yaml.safe_dump({"raw_data_dir": str(raw_data_dir), "enable_ml_predictions": False}),
    ]
    started = time.monotonic()
    _dbt(["seed", *common], env)
    # cautious: not the tests of later layers that also refer to staging models
    _dbt(["build", "--select", "staging", "--indirect-selection", "cautious", *common], env)
    return time.monotonic() - started


def _spark_settings() -> dict[str, str]:
    """The spark target's session settings from profiles.yml, env_var defaults filled in."""
    profiles = yaml.safe_load((project_root() / "profiles.yml").read_text())
    settings = profiles["client_intelligence"]["outputs"]["spark"]["server_side_parameters"]
    pattern = re.compile(r"\{\{\s*env_var\('([^']+)',\s*'([^']*)'\)\s*\}\}")
    return {
        key: pattern.sub(lambda match: os.environ.get(match[1], match[2]), str(value))
        for key, value in settings.items()
    }


def load_spark_tables(connection: duckdb.DuckDBPyConnection) -> None:
    """Copy the Spark build's tables into `connection` as spark_<table> (via Arrow)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.enableHiveSupport()
    for key, value in _spark_settings().items():
        builder = builder.config(key, value)
    cwd = Path.cwd()
    os.chdir(project_root())  # the warehouse and metastore paths are relative to the project
    try:
        spark = builder.getOrCreate()
        for table in TABLES:
            arrow = spark.table(f"{SPARK_SCHEMA}.{table}").toArrow()
            connection.register(f"spark_arrow_{table}", arrow)
            connection.execute(f"create table spark_{table} as select * from spark_arrow_{table}")
        spark.stop()
    finally:
        os.chdir(cwd)


def compare(connection: duckdb.DuckDBPyConnection, table: str, sample: int = 3) -> list[str]:
    """Differences between duck.<table> and spark_<table>, as report lines (none: equal)."""
    duck = [row[0] for row in connection.execute(f"describe duck.main.{table}").fetchall()]
    spark = [row[0] for row in connection.execute(f"describe spark_{table}").fetchall()]
    problems = []
    if duck != spark:
        problems.append(f"{table}: columns differ: duckdb {duck} / spark {spark}")
    columns = [column for column in duck if column in spark]
    as_text = ", ".join(f'cast("{column}" as varchar) as "{column}"' for column in columns)
    queries = {
        "only on duckdb": f"select {as_text} from duck.main.{table} except all "
        f"select {as_text} from spark_{table}",
        "only on spark": f"select {as_text} from spark_{table} except all "
        f"select {as_text} from duck.main.{table}",
    }
    differing: set[str] = set()
    for label, query in queries.items():
        rows = connection.execute(query).fetchall()
        if rows:
            problems.append(f"{table}: {len(rows)} row(s) {label}, e.g.")
            problems += [f"    {dict(zip(columns, row, strict=True))}" for row in rows[:sample]]
    for column in columns:
        count = connection.execute(
            f'select count(*) from (select cast("{column}" as varchar) from duck.main.{table} '
            f'except all select cast("{column}" as varchar) from spark_{table})'
        ).fetchone()[0]
        if count:
            differing.add(column)
    if differing:
        problems.append(f"{table}: differing columns: {', '.join(sorted(differing))}")
    return problems


def run(raw_data_dir: Path, work: Path, skip_build: bool = False) -> list[str]:
    """Build on both engines (unless skip_build) and return every difference found."""
    if not skip_build:
        for target in ("dev", "spark"):
            seconds = build(raw_data_dir, work, target)
            print(f"built staging on {target} in {seconds:.0f} s", flush=True)
    connection = duckdb.connect()
    connection.execute(f"attach '{work / 'staging.duckdb'}' as duck (read_only)")
    load_spark_tables(connection)
    problems = []
    for table in TABLES:
        found = compare(connection, table)
        print(f"{table}: {'equal' if not found else 'DIFFERS'}", flush=True)
        problems += found
    return problems


def main(argv: list[str] | None = None) -> int:
    """The command line: build both, compare, print the differences; 1 when any."""
    parser = argparse.ArgumentParser(prog="compare-engines", description=__doc__.splitlines()[0])
    parser.add_argument("--raw-data-dir", type=Path, required=True)
    parser.add_argument("--work-dir", type=Path, help="keep the builds here (default: a temp dir)")
    parser.add_argument("--skip-build", action="store_true", help="compare the last builds")
    args = parser.parse_args(argv)
    raw = args.raw_data_dir.resolve()
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="compare_engines_"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        problems = run(raw, work.resolve(), args.skip_build)
    finally:
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(problems) if problems else "all staging tables equal on DuckDB and Spark")
    return 1 if problems else 0

"""Build the staging layer on DuckDB and on Spark from one raw folder and compare the tables
(`client-intelligence compare-engines`, scripts/compare_engines.py).

    python scripts/compare_engines.py --raw-data-dir tests/fixtures/notes_export

Each table is compared row for row (spark_tables.table_differences: same columns, same rows,
floats within 1e-9); the report names every table that differs and each differing column.
Exit status 1 when a table differs. Needs the Spark extra (`make install-spark`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import yaml

from client_intelligence.project import project_root
from client_intelligence.spark_tables import spark_session, table_differences

TABLES = (
    "stg_notes",
    "stg_notes_rejected",
    "stg_transactions",
    "stg_transactions_rejected",
    "stg_outcomes",
    "stg_outcomes_rejected",
    "source_load_report",
)


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


def run(raw_data_dir: Path, work: Path, skip_build: bool = False) -> list[str]:
    """Build on both engines (unless skip_build) and return every difference found."""
    if not skip_build:
        for target in ("dev", "spark"):
            seconds = build(raw_data_dir, work, target)
            print(f"built staging on {target} in {seconds:.0f} s", flush=True)
    connection = duckdb.connect(str(work / "staging.duckdb"), read_only=True)
    spark = spark_session()
    problems = []
    for table in TABLES:
        found = table_differences(connection, table, spark)
        print(f"{table}: {'equal' if not found else 'DIFFERS'}", flush=True)
        problems += [f"{table}: {problem}" for problem in found]
    spark.stop()
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

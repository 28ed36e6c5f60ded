"""Where the project lives and how to run its dbt commands.

Scripts, tests and the benchmark all run dbt the same way: from the project directory, with the
committed profiles.yml, tracking off, and an optional DuckDB file and raw data folder. Keeping
that in one place is what lets the CSV scorer and the benchmark reuse the exact dbt models.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DUCKDB_PATH = PROJECT_ROOT / "warehouse" / "client_intelligence.duckdb"
# Tests and the benchmark point ML_ARTIFACTS_DIR elsewhere so they never touch the real models.
ARTIFACTS_DIR = Path(os.environ.get("ML_ARTIFACTS_DIR") or PROJECT_ROOT / "ml_artifacts")


# Every dbt run of the project, by a script, a test or a scheduled job, sends no usage data.
DBT_TRACKING_OFF = {"DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}


class DbtCommandError(RuntimeError):
    """A dbt command failed; the message carries dbt's own output."""


def duckdb_path() -> Path:
    """The warehouse file: DUCKDB_PATH if set (relative to the project), else the default."""
    configured = os.environ.get("DUCKDB_PATH")
    if not configured:
        return DEFAULT_DUCKDB_PATH
    path = Path(configured)
    return path if path.is_absolute() else PROJECT_ROOT / path


def dbt_executable() -> str:
    """The dbt next to the running interpreter (the project's venv), else dbt on PATH."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def dbt_environment(
    database: Path | None = None, artifacts_dir: Path | None = None
) -> dict[str, str]:
    env = {**os.environ, "DBT_PROFILES_DIR": str(PROJECT_ROOT), **DBT_TRACKING_OFF}
    if database is not None:
        env["DUCKDB_PATH"] = str(database)
    if artifacts_dir is not None:
        env["ML_ARTIFACTS_DIR"] = str(artifacts_dir)
    return env


def run_dbt(
    args: Sequence[str],
    *,
    variables: Mapping[str, Any] | None = None,
    database: Path | None = None,
    target_path: Path | None = None,
    artifacts_dir: Path | None = None,
    quiet: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run one dbt command in the project; raise DbtCommandError with dbt's output on failure.

    `target_path` separates concurrent runs (tests, the CSV scorer) from the analyst's target/.
    """
    command = [dbt_executable(), *args]
    if variables:
        command += ["--vars", json.dumps(dict(variables))]
    if target_path is not None:
        command += ["--target-path", str(target_path), "--log-path", str(target_path / "logs")]
    result = subprocess.run(
        command,
        cwd=PROJECT_ROOT,
        env=dbt_environment(database, artifacts_dir),
        capture_output=True,
        text=True,
        check=False,
    )
    if not quiet and result.stdout:
        print(result.stdout, end="")
    if result.returncode != 0:
        raise DbtCommandError(
            f"dbt {' '.join(args)} failed (exit {result.returncode}):\n{result.stdout}\n"
            f"{result.stderr}"
        )
    return result


def project_vars() -> dict[str, Any]:
    """The vars of dbt_project.yml (their defaults), e.g. the label horizons."""
    with (PROJECT_ROOT / "dbt_project.yml").open() as handle:
        return dict(yaml.safe_load(handle).get("vars", {}))


def label_horizons() -> dict[str, int]:
    """Days after a cutoff in which each target's label is observed."""
    variables = project_vars()
    return {
        "purchase": int(variables["purchase_horizon_days"]),
        "churn": int(variables["churn_horizon_days"]),
        "clv": int(variables["clv_horizon_days"]),
    }

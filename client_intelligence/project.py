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

PROJECT_NAME = "client_intelligence"
# dbt's own variable for --project-dir: one setting points dbt and the package at the same place.
PROJECT_DIR_VARIABLE = "DBT_PROJECT_DIR"


class ProjectNotFoundError(RuntimeError):
    """The directory a command runs in is not this dbt project."""


def project_root() -> Path:
    """The dbt project the command works on: DBT_PROJECT_DIR (set by --project-dir) if set,
    else the directory the command runs in, as dbt resolves it.

    Never the package's own location: a second checkout run with the first one's virtual
    environment, or a non-editable install, must read and write its own models and warehouse.
    """
    configured = os.environ.get(PROJECT_DIR_VARIABLE)
    root = Path(configured).expanduser() if configured else Path.cwd()
    return check_project_dir(root.resolve())


def check_project_dir(root: Path) -> Path:
    """`root` if it holds this project's dbt_project.yml, else a clear error."""
    project_file = root / "dbt_project.yml"
    name = None
    if project_file.is_file():
        with project_file.open() as handle:
            name = (yaml.safe_load(handle) or {}).get("name")
    if name != PROJECT_NAME:
        found = (
            f"its dbt_project.yml names {name!r}"
            if project_file.is_file()
            else "no dbt_project.yml"
        )
        raise ProjectNotFoundError(
            f"{root} is not the {PROJECT_NAME} dbt project ({found}). Run the command from the "
            f"project directory, or pass --project-dir / set {PROJECT_DIR_VARIABLE}."
        )
    return root


def use_project_dir(root: Path | str) -> Path:
    """Point this process, and the dbt commands it starts, at the project in `root`."""
    checked = check_project_dir(Path(root).expanduser().resolve())
    os.environ[PROJECT_DIR_VARIABLE] = str(checked)
    return checked


def artifacts_root() -> Path:
    """Where model versions live. Tests and the benchmark set ML_ARTIFACTS_DIR so they never
    touch the real models."""
    configured = os.environ.get("ML_ARTIFACTS_DIR")
    return Path(configured) if configured else project_root() / "ml_artifacts"


def project_path(path: str | Path) -> Path:
    """`path` as given if absolute, else relative to the project (as dbt reads its vars)."""
    path = Path(path)
    return path if path.is_absolute() else project_root() / path


# Every dbt run of the project, by a script, a test or a scheduled job, sends no usage data.
DBT_TRACKING_OFF = {"DBT_SEND_ANONYMOUS_USAGE_STATS": "false", "DO_NOT_TRACK": "1"}


class DbtCommandError(RuntimeError):
    """A dbt command failed; the message carries dbt's own output."""


def duckdb_path() -> Path:
    """The warehouse file: DUCKDB_PATH if set (relative to the project), else the default."""
    return project_path(os.environ.get("DUCKDB_PATH") or "warehouse/client_intelligence.duckdb")


def dbt_executable() -> str:
    """The dbt next to the running interpreter (the project's venv), else dbt on PATH."""
    candidate = Path(sys.executable).with_name("dbt")
    return str(candidate) if candidate.exists() else "dbt"


def dbt_environment(
    database: Path | None = None, artifacts_dir: Path | None = None
) -> dict[str, str]:
    root = project_root()
    env = {**os.environ, "DBT_PROFILES_DIR": str(root), PROJECT_DIR_VARIABLE: str(root)}
    env.update(DBT_TRACKING_OFF)
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
        cwd=project_root(),
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
    with (project_root() / "dbt_project.yml").open() as handle:
        return dict(yaml.safe_load(handle).get("vars", {}))


def profile_output(target: str | None = None) -> dict[str, Any]:
    """One output of profiles.yml (the default target's when `target` is None), rendered as dbt
    renders it (`env_var` with its default): for code that opens DuckDB or Spark without dbt and
    must set it up as dbt does."""
    import jinja2

    def env_var(name: str, default: str | None = None) -> str:
        value = os.environ.get(name, default)
        if value is None:
            raise ProjectNotFoundError(f"profiles.yml needs the environment variable {name}")
        return value

    text = (project_root() / "profiles.yml").read_text(encoding="utf-8")
    profile = yaml.safe_load(jinja2.Template(text).render(env_var=env_var))[PROJECT_NAME]
    return dict(profile["outputs"][target or profile["target"]])


def profile_settings() -> dict[str, Any]:
    """The DuckDB settings of profiles.yml's default target (see profile_output)."""
    return dict(profile_output().get("settings") or {})


def label_horizons() -> dict[str, int]:
    """Days after a cutoff in which each target's label is observed."""
    variables = project_vars()
    return {
        "purchase": int(variables["purchase_horizon_days"]),
        "churn": int(variables["churn_horizon_days"]),
        "clv": int(variables["clv_horizon_days"]),
    }


def build_scratch_warehouse(workdir: Path, raw_dir: Path, *select: str) -> Path:
    """`dbt build` over `raw_dir` into workdir/warehouse.duckdb, without predictions, data tests
    or unit tests (measurement scripts: the models, not their checks); `select` narrows it."""
    database = workdir / "warehouse.duckdb"
    run_dbt(
        [
            "build",
            *select,
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
        ],
        variables={"raw_data_dir": str(raw_dir), "enable_ml_predictions": False},
        database=database,
        target_path=workdir / "target",
        artifacts_dir=workdir / "ml_artifacts",
        quiet=True,
    )
    return database

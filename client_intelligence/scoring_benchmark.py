"""Throughput of the scoring step and of the CSV scorer, printed, never asserted.

The predictions step is timed without dbt start-up: the profiles are read once from the
warehouse, replicated to the requested size, and scored with the selected artifact exactly as
the dbt Python model does. The CSV scorer is timed end to end on a CSV cut from synthetic notes.
`compare_checkouts` times this checkout and an untouched one (--baseline) in the same run, each
in its own processes with its own package, on the same warehouse, models and files.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from client_intelligence.csv_scoring import score_csv
from client_intelligence.demo_data import generate
from client_intelligence.project import DBT_TRACKING_OFF, artifacts_root, dbt_executable
from client_intelligence.scoring import (
    churn_drivers,
    load_selected_artifact,
    model_features,
    score_profiles,
    segment_cutoffs_from_seed,
    top_drivers,
)


def replicate(table: pa.Table, rows: int) -> pa.Table:
    """`rows` rows built by repeating the table (client ids made unique)."""
    copies = -(-rows // table.num_rows)
    big = pa.concat_tables([table] * copies).slice(0, rows)
    ids = pa.array([f"BENCH-{i}" for i in range(rows)])
    return big.set_column(big.column_names.index("client_id"), "client_id", ids)


def scoring_throughput(database: Path, rows: int, model_dir: str | None = None) -> dict:
    with duckdb.connect(str(database), read_only=True) as connection:
        profiles = connection.sql("select * from client_profiles").to_arrow_table()
        seed = connection.sql("select * from segment_cutoffs").df()
    table = replicate(profiles, rows)
    artifact = load_selected_artifact(model_dir, table.column_names)
    started = time.perf_counter()
    scored = score_profiles(table, artifact, segment_cutoffs_from_seed(seed))
    seconds = time.perf_counter() - started
    return {
        "rows": scored.num_rows,
        "seconds": round(seconds, 3),
        "rows_per_second": round(scored.num_rows / seconds),
        "model": f"{artifact.tier}/{artifact.version}",
    }


def drivers_cost(database: Path, rows: int, model_dir: str | None = None) -> dict:
    """Seconds the two driver columns take inside scoring (top_drivers, churn_drivers), on the
    same replicated profiles as scoring_throughput."""
    with duckdb.connect(str(database), read_only=True) as connection:
        profiles = connection.sql("select * from client_profiles").to_arrow_table()
    table = replicate(profiles, rows)
    artifact = load_selected_artifact(model_dir, table.column_names)
    features = model_features(table, artifact)
    seconds = {}
    for name, drivers in (("top_drivers", top_drivers), ("churn_drivers", churn_drivers)):
        started = time.perf_counter()
        drivers(artifact, features)
        seconds[f"{name}_seconds"] = round(time.perf_counter() - started, 2)
    return {"rows": len(features), **seconds, "model": f"{artifact.tier}/{artifact.version}"}


def csv_throughput(workdir: Path, rows: int, model_dir: str | None = None) -> dict:
    workdir.mkdir(parents=True, exist_ok=True)
    generate(workdir / "raw", clients=max(1, rows // 3 + 1), seed=11, bad_row_rate=0.0)
    notes = pd.read_csv(workdir / "raw" / "notes.csv", dtype=str, keep_default_na=False)
    notes = notes.head(rows).rename(columns={"Transcription": "Customer Notes"})
    path = workdir / "notes_bench.csv"
    notes[["client_id", "Date", "Customer Notes"]].to_csv(path, index=False)
    started = time.perf_counter()
    score_csv(
        path, "Customer Notes", id_column="client_id", date_column="Date", model_dir=model_dir
    )
    seconds = time.perf_counter() - started
    return {
        "rows": len(notes),
        "seconds": round(seconds, 2),
        "rows_per_second": round(len(notes) / seconds),
    }


# --- side by side: this checkout against an untouched one, in the same run ------------------

# Run inside a checkout's own package (PYTHONPATH), so each side times its own code.
_THROUGHPUT = (
    "import json, sys; from pathlib import Path; "
    "from client_intelligence.scoring_benchmark import scoring_throughput; "
    "print(json.dumps(scoring_throughput(Path(sys.argv[1]), int(sys.argv[2]))))"
)


@dataclass(frozen=True)
class Checkout:
    """A checkout of this project to time: its directory, named in the printout."""

    name: str
    root: Path

    def env(self, workdir: Path, artifacts: Path) -> dict[str, str]:
        """Its own package first; the scored models from `artifacts` for both sides; no
        bytecode or dbt files written into the checkout."""
        env = {**os.environ, **DBT_TRACKING_OFF}
        env |= {
            "PYTHONPATH": str(self.root),
            "PYTHONDONTWRITEBYTECODE": "1",
            "DBT_PROJECT_DIR": str(self.root),
            "DBT_PROFILES_DIR": str(self.root),
            "ML_ARTIFACTS_DIR": str(artifacts),
            "DBT_TARGET_PATH": str(workdir / f"target_{self.name}"),
            "DBT_LOG_PATH": str(workdir / f"logs_{self.name}"),
        }
        return env

    def run(self, command: list[str], env: dict[str, str]) -> tuple[float, str]:
        """Wall seconds of `command` run in the checkout (process start included), its stdout."""
        started = time.perf_counter()
        result = subprocess.run(
            command, cwd=self.root, env=env, capture_output=True, text=True, check=False
        )
        seconds = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError(f"{self.name}: {command[:3]} failed:\n{result.stderr[-3000:]}")
        return seconds, result.stdout


def notes_csv(workdir: Path, rows: int) -> Path:
    """A CSV of `rows` synthetic notes (client_id, Date, Customer Notes), from the demo
    generator, in `workdir` (never in the project)."""
    raw = workdir / f"raw_{rows}"
    generate(raw, clients=max(1, rows // 3 + 1), seed=11, bad_row_rate=0.0)
    notes = pd.read_csv(raw / "notes.csv", dtype=str, keep_default_na=False, nrows=rows)
    path = workdir / f"notes_{rows}.csv"
    notes.rename(columns={"Transcription": "Customer Notes"})[
        ["client_id", "Date", "Customer Notes"]
    ].to_csv(path, index=False)
    shutil.rmtree(raw)
    return path


def compare_checkouts(
    checkouts: list[Checkout],
    database: Path,
    workdir: Path,
    clients: int,
    csv_rows: list[int],
    predictions_runs: int = 3,
) -> dict[str, dict[str, float]]:
    """For each checkout, in turn in one run: the scoring step's clients/s (no dbt), the median
    wall time of `dbt run --select predictions` on a copy of `database`, and the CSV scorer's
    wall time per file size (the first file after a project change is built by dbt in the new
    code: that cold run is timed apart from the next one)."""
    artifacts = artifacts_root()
    python = sys.executable
    results: dict[str, dict[str, float]] = {}
    files = {rows: notes_csv(workdir, rows) for rows in csv_rows}
    for checkout in checkouts:
        env = checkout.env(workdir, artifacts)
        measured: dict[str, float] = {}
        _, out = checkout.run([python, "-c", _THROUGHPUT, str(database), str(clients)], env)
        measured["scoring_clients_per_s"] = json.loads(out.splitlines()[-1])["rows_per_second"]
        copy = workdir / f"warehouse_{checkout.name}.duckdb"
        shutil.copyfile(database, copy)
        dbt_env = env | {"DUCKDB_PATH": str(copy)}
        dbt = [dbt_executable(), "run", "--select", "predictions", "-q"]
        times = [checkout.run(dbt, dbt_env)[0] for _ in range(predictions_runs)]
        measured["predictions_run_s_median"] = round(statistics.median(times), 2)
        copy.unlink()
        for rows, path in files.items():
            scorer = [
                python,
                str(checkout.root / "scripts" / "add_predictions_to_csv.py"),
                str(path),
                "--text-column",
                "Customer Notes",
                "--id-column",
                "client_id",
                "--date-column",
                "Date",
                "--output",
                str(workdir / f"scored_{checkout.name}_{rows}.csv"),
            ]
            shutil.rmtree(checkout.root / "target" / "csv_scoring", ignore_errors=True)
            cold, _ = checkout.run(scorer, env)
            warm, _ = checkout.run(scorer, env)
            measured[f"csv_{rows}_cold_s"] = round(cold, 2)
            measured[f"csv_{rows}_s"] = round(warm, 2)
            measured[f"csv_{rows}_rows_per_s"] = round(rows / warm)
        results[checkout.name] = measured
        print(f"{checkout.name} ({checkout.root}):", json.dumps(measured), flush=True)
    return results


def comparison_table(results: dict[str, dict[str, float]]) -> str:
    """The measurements side by side, one line per metric."""
    names = list(results)
    metrics = list(results[names[0]])
    lines = [f"{'metric':<30}" + "".join(f"{name:>14}" for name in names)]
    for metric in metrics:
        lines.append(f"{metric:<30}" + "".join(f"{results[n][metric]:>14,}" for n in names))
    return "\n".join(lines)

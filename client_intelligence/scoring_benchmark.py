"""Throughput of the scoring step and of the CSV scorer, printed, never asserted.

The predictions step is timed without dbt start-up: the profiles are read once from the
warehouse, replicated to the requested size, and scored with the selected artifact exactly as
the dbt Python model does. The CSV scorer is timed end to end (dbt included) on a CSV cut from
synthetic notes.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from client_intelligence.csv_scoring import score_csv
from client_intelligence.demo_data import generate
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

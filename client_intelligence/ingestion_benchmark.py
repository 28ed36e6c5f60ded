"""What malformed lines cost: the staging build on clean demo exports and on the same exports
with a share of their lines broken (a stray delimiter, a bare CR, an unclosed quote in turn).

Numbers are printed, never asserted. Each variant is built `repeats` times into its own scratch
DuckDB file; the median wall time is reported.
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from client_intelligence.demo_data import generate
from client_intelligence.project import dbt_environment, dbt_executable, project_root

FAULTS = (b",stray", b"\rbare return", b' "unclosed')


def break_lines(source: Path, destination: Path, share: float, seed: int = 7) -> int:
    """Copy `source` with `share` of its data lines broken; returns how many were broken."""
    rng = random.Random(seed)
    lines = source.read_bytes().split(b"\n")
    broken = 0
    for index in range(1, len(lines)):
        if lines[index] and rng.random() < share:
            lines[index] += FAULTS[broken % len(FAULTS)]
            broken += 1
    destination.write_bytes(b"\n".join(lines))
    return broken


def _build_seconds(raw: Path, workdir: Path, selector: list[str]) -> float:
    env = dbt_environment(workdir / "warehouse.duckdb")
    command = [
        dbt_executable(),
        "build",
        *selector,
        "--vars",
        json.dumps({"raw_data_dir": str(raw), "enable_ml_predictions": False}),
        "--target-path",
        str(workdir / "target"),
        "--quiet",
    ]
    (workdir / "warehouse.duckdb").unlink(missing_ok=True)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project_root(), env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"dbt build failed:\n{result.stdout[-4000:]}")
    return round(time.perf_counter() - started, 2)


def run(clients: int, share: float, repeats: int, full: bool) -> dict[str, object]:
    selector = [] if full else ["--select", "+staging", "--indirect-selection", "cautious"]
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as folder:
        root = Path(folder)
        clean, faulty = root / "clean", root / "faulty"
        counts = generate(clean, clients=clients, seed=42)
        shutil.copytree(clean, faulty)
        broken = {
            name: break_lines(clean / f"{name}.csv", faulty / f"{name}.csv", share)
            for name in ("notes", "transactions")
        }
        times: dict[str, list[float]] = {"clean": [], "faulty": []}
        for _ in range(repeats):
            for variant, raw in (("clean", clean), ("faulty", faulty)):
                times[variant].append(_build_seconds(raw, root / f"wh_{variant}", selector))
    clean_s, faulty_s = (statistics.median(times[variant]) for variant in ("clean", "faulty"))
    return {
        "clients": clients,
        "rows": counts,
        "broken_lines": broken,
        "scope": "dbt build (all models)" if full else "dbt build --select +staging",
        "seconds": times,
        "median_clean_s": clean_s,
        "median_faulty_s": faulty_s,
        "slowdown": round(faulty_s / clean_s - 1, 4),
    }

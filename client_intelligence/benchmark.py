"""The pipeline benchmark: what `dbt build`, re-scoring and the CSV scorer cost as data grows.

For each size: synthetic data from the demo generator in a scratch folder, `dbt build` into a
scratch DuckDB file, note_concepts against the Aho-Corasick baseline on the built notes
(concept_benchmark), `dbt run --select predictions`, then the CSV scorer on a CSV cut from the
same notes. Wall times, dbt's per-model times (run_results.json), the peak resident memory of
the child processes, the DuckDB file size. Numbers are printed and written, never asserted.
benchmarks/RESULTS.md keeps its other sections: only the part between the markers is rewritten.
"""

from __future__ import annotations

import json
import math
import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from client_intelligence.concept_benchmark import ConceptComparison, compare_concept_matching
from client_intelligence.demo_data import generate
from client_intelligence.files import atomic_write_text
from client_intelligence.project import dbt_environment, dbt_executable, project_root


@dataclass
class SizeResult:
    clients: int
    notes: int
    transactions: int
    generate_seconds: float
    build_seconds: float
    predictions_seconds: float
    csv_rows: int
    csv_seconds: float
    csv_rows_per_second: float
    peak_rss_mb: float
    duckdb_mb: float
    model_seconds: dict[str, float] = field(default_factory=dict)
    concepts: ConceptComparison | None = None


def _timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=project_root(), env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command[:3])} failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"
        )
    return round(time.perf_counter() - started, 2)


def _peak_children_rss_mb() -> float:
    # ru_maxrss of children is the largest single child; dbt runs its models in one process
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def _model_seconds(target: Path) -> dict[str, float]:
    results = json.loads((target / "run_results.json").read_text())["results"]
    return {
        item["unique_id"].split(".")[-1]: round(item["execution_time"], 2)
        for item in results
        if item["unique_id"].startswith("model.")
    }


def run_size(clients: int, workdir: Path, csv_rows: int, model_dir: str | None) -> SizeResult:
    raw = workdir / f"raw_{clients}"
    started = time.perf_counter()
    counts = generate(raw, clients=clients, seed=5)
    generate_seconds = round(time.perf_counter() - started, 2)
    database = workdir / f"bench_{clients}.duckdb"
    database.unlink(missing_ok=True)
    target = workdir / f"target_{clients}"
    env = dbt_environment(database)
    variables = json.dumps({"raw_data_dir": str(raw), "model_dir": model_dir or ""})
    dbt = [dbt_executable()]
    common = ["--vars", variables, "--target-path", str(target), "--log-path", str(target)]
    build_seconds = _timed([*dbt, "build", *common], env)
    model_seconds = _model_seconds(target)
    concepts = compare_concept_matching(
        database, json.loads(variables), target, workdir / f"concepts_{clients}"
    )
    predictions_seconds = _timed([*dbt, "run", "--select", "predictions", *common], env)
    csv_path = workdir / f"notes_{clients}.csv"
    _cut_csv(raw / "notes.csv", csv_path, csv_rows)
    scorer = [
        sys.executable,
        str(project_root() / "scripts" / "add_predictions_to_csv.py"),
        str(csv_path),
        "--text-column",
        "Transcription",
        "--id-column",
        "client_id",
        "--date-column",
        "Date",
    ]
    if model_dir:
        scorer += ["--model-dir", model_dir]
    csv_seconds = _timed(scorer, env)
    written_rows = sum(1 for _ in csv_path.open(encoding="utf-8")) - 1
    return SizeResult(
        clients=clients,
        notes=counts["notes"],
        transactions=counts["transactions"],
        generate_seconds=generate_seconds,
        build_seconds=build_seconds,
        predictions_seconds=predictions_seconds,
        csv_rows=written_rows,
        csv_seconds=csv_seconds,
        csv_rows_per_second=round(written_rows / csv_seconds),
        peak_rss_mb=_peak_children_rss_mb(),
        duckdb_mb=round(database.stat().st_size / 2**20, 1),
        model_seconds=model_seconds,
        concepts=concepts,
    )


def _cut_csv(source: Path, destination: Path, rows: int) -> None:
    import pandas as pd

    notes = pd.read_csv(source, dtype=str, keep_default_na=False, nrows=rows)
    notes[["client_id", "Date", "Transcription"]].to_csv(destination, index=False)


def scaling_exponents(results: list[SizeResult], metric: str) -> list[tuple[int, int, float]]:
    """log(time ratio) / log(size ratio) between consecutive sizes: 1 is linear."""
    exponents = []
    for small, large in zip(results, results[1:], strict=False):
        ratio = large.clients / small.clients
        t_small, t_large = getattr(small, metric), getattr(large, metric)
        if ratio > 1 and t_small > 0:
            exponents.append(
                (
                    small.clients,
                    large.clients,
                    round(math.log(t_large / t_small) / math.log(ratio), 2),
                )
            )
    return exponents


def machine() -> dict[str, object]:
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(memory_gb, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


SECTION_START = "<!-- benchmark.py: start -->"
SECTION_END = "<!-- benchmark.py: end -->"
MODELS_SHOWN = 12


def markdown(results: list[SizeResult], info: dict[str, object]) -> str:
    """The benchmark's own section of RESULTS.md, between its markers."""
    lines = [
        SECTION_START,
        f"Machine: {info['cores']} cores, {info['memory_gb']} GB, Python {info['python']}. "
        "Written by `scripts/benchmark.py`; synthetic data from the demo generator.",
        "",
        "| clients | notes | generate s | dbt build s | run predictions s | CSV rows | CSV s "
        "| CSV rows/s | peak RSS MB | DuckDB MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r.clients:,} | {r.notes:,} | {r.generate_seconds} | {r.build_seconds} | "
            f"{r.predictions_seconds} | {r.csv_rows:,} | {r.csv_seconds} | "
            f"{r.csv_rows_per_second:,} | {r.peak_rss_mb:,} | {r.duckdb_mb:,} |"
        )
    lines += ["", "Scaling exponent of `dbt build` time (1 = linear):", ""]
    lines += [f"- {a:,} → {b:,}: {e}" for a, b, e in scaling_exponents(results, "build_seconds")]
    lines += model_table(results) + concept_table(results) + [SECTION_END]
    return "\n".join(lines) + "\n"


def model_table(results: list[SizeResult]) -> list[str]:
    """Seconds per model (dbt's run_results.json) at each size, slowest at the largest first."""
    if not results:
        return []
    slowest = sorted(results[-1].model_seconds.items(), key=lambda kv: -kv[1])[:MODELS_SHOWN]
    lines = [
        "",
        f"Seconds per model inside `dbt build` (the {MODELS_SHOWN} slowest at the largest size):",
        "",
        "| model | " + " | ".join(f"{r.clients:,}" for r in results) + " |",
        "|---|" + "---:|" * len(results),
    ]
    for name, _ in slowest:
        cells = " | ".join(str(r.model_seconds.get(name, "")) for r in results)
        lines.append(f"| {name} | {cells} |")
    return lines


def concept_table(results: list[SizeResult]) -> list[str]:
    """note_concepts against the Aho-Corasick baseline, per size (concept_benchmark)."""
    rows = [r for r in results if r.concepts]
    if not rows:
        return []
    lines = [
        "",
        "note_concepts against a single-threaded Aho-Corasick pass (pyahocorasick) on the same "
        "notes and match keys, best of two alternating runs each; agreement on plain alias "
        "matches, (note, concept) pairs found by both over pairs found by either:",
        "",
        "| clients | notes | Aho-Corasick s | note_concepts s | speed-up | int_note_tokens s "
        "| pairs | agreement | SQL only | Aho-Corasick only |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        c = r.concepts
        lines.append(
            f"| {r.clients:,} | {c.notes:,} | {c.aho_corasick_seconds} | "
            f"{c.note_concepts_seconds} | {c.speedup}x | {c.note_tokens_seconds} | "
            f"{c.pairs_both + c.pairs_sql_only + c.pairs_aho_corasick_only:,} | "
            f"{c.agreement:.3%} | {c.pairs_sql_only:,} | {c.pairs_aho_corasick_only:,} |"
        )
    return lines


def replace_section(document: str, section: str) -> str:
    """`document` with the benchmark's section replaced (appended when it has none yet)."""
    if SECTION_START in document and SECTION_END in document:
        before = document[: document.index(SECTION_START)]
        after = document[document.index(SECTION_END) + len(SECTION_END) :].lstrip("\n")
        return before + section + ("\n" + after if after else "")
    heading = "" if document.strip() else "# Benchmark results\n\n"
    return heading + document + ("\n" if document.strip() else "") + section


def run_benchmark(
    sizes: list[int], output: Path, workdir: Path, csv_rows: int, model_dir: str | None
) -> list[SizeResult]:
    results = []
    for clients in sizes:
        print(f"benchmark: {clients:,} clients ...", flush=True)
        result = run_size(clients, workdir, csv_rows, model_dir)
        print(json.dumps(asdict(result) | {"model_seconds": None}), flush=True)
        if result.concepts:
            print(
                f"note_concepts {result.concepts.note_concepts_seconds} s, Aho-Corasick "
                f"{result.concepts.aho_corasick_seconds} s ({result.concepts.speedup}x), "
                f"agreement {result.concepts.agreement:.3%}",
                flush=True,
            )
        results.append(result)
    info = machine()
    atomic_write_text(
        output, json.dumps({"machine": info, "results": [asdict(r) for r in results]}, indent=2)
    )
    results_md = output.with_name("RESULTS.md")
    existing = results_md.read_text(encoding="utf-8") if results_md.exists() else ""
    atomic_write_text(results_md, replace_section(existing, markdown(results, info)))
    for a, b, e in scaling_exponents(results, "build_seconds"):
        print(f"scaling exponent of dbt build {a:,} -> {b:,}: {e}")
    return results

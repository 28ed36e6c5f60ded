"""The small commands: report, dashboard export, erasure, schedule, demo data, benchmarks.

Training, retraining and CSV scoring have their own command modules (train_cli, retrain_cli,
csv_scoring_cli); `client_intelligence.cli` dispatches to all of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

from client_intelligence.project import DbtCommandError, duckdb_path, project_root, run_dbt


def report(argv: list[str] | None = None) -> int:
    """Write outputs/ml_predictions_report.txt from the ml_predictions_report view."""
    from client_intelligence.report import write_report

    parser = argparse.ArgumentParser(prog="client-intelligence report", description=report.__doc__)
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    output = args.output or project_root() / "outputs" / "ml_predictions_report.txt"
    print(write_report(args.database or duckdb_path(), output))
    return 0


def export(argv: list[str] | None = None) -> int:
    """Write dashboard/data.json, the self-contained dashboard/index.html and
    dashboard/knowledge_graph.json (Cytoscape.js elements) from the dashboard_* models."""
    from client_intelligence.dashboard import (
        DEFAULT_CALL_LIST,
        DEFAULT_MAP_POINTS,
        DEFAULT_MAX_CLIENTS,
        export_dashboard,
    )

    parser = argparse.ArgumentParser(prog="client-intelligence export", description=export.__doc__)
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument("--output-dir", type=Path, default=None, help="default: dashboard/")
    parser.add_argument(
        "--max-clients",
        type=int,
        default=DEFAULT_MAX_CLIENTS,
        help="clients listed in the table, by marketing priority (metrics cover all clients)",
    )
    parser.add_argument(
        "--map-points",
        type=int,
        default=DEFAULT_MAP_POINTS,
        help="clients drawn on the 3D map (a fixed sample of all clients)",
    )
    parser.add_argument(
        "--call-list",
        type=int,
        default=DEFAULT_CALL_LIST,
        help='clients on the "This week" call list (High-priority action, by its score)',
    )
    parser.add_argument(
        "--model-dir", default=None, help="the model_dir the rows were scored with (dbt var)"
    )
    args = parser.parse_args(argv)
    output_dir = args.output_dir or project_root() / "dashboard"
    database = args.database or duckdb_path()
    data = export_dashboard(
        database, output_dir, args.max_clients, args.map_points, args.model_dir, args.call_list
    )
    print(f"wrote {output_dir / 'data.json'} and index.html ({len(data['clients'])} clients)")
    return 0


def erase(argv: list[str] | None = None) -> int:
    """Erase a client: record them (as a sha256) in the erasure list, rebuild with `dbt build`
    and, if a dashboard was exported, export it again. The raw CRM exports are not touched:
    erase the client there too."""
    from client_intelligence.dashboard import export_dashboard
    from client_intelligence.erasure import erased_clients_file, record_erasure

    parser = argparse.ArgumentParser(prog="client-intelligence erase", description=erase.__doc__)
    parser.add_argument("client_id")
    parser.add_argument("--no-rebuild", action="store_true", help="only record the erasure")
    args = parser.parse_args(argv)
    erasures = erased_clients_file()
    added = record_erasure(args.client_id, erasures)
    print(f"recorded in {erasures.name}" if added else "already recorded")
    if args.no_rebuild:
        return 0
    try:
        run_dbt(["build"], quiet=True)
    except DbtCommandError as error:
        print(f"error: rebuild failed, run `dbt build` again:\n{error}", file=sys.stderr)
        return 1
    print("rebuilt with dbt build")
    dashboard = project_root() / "dashboard"
    if (dashboard / "data.json").exists():
        export_dashboard(duckdb_path(), dashboard)
        print("dashboard exported again")
    return 0


def schedule(argv: list[str] | None = None) -> int:
    """Print the crontab lines or systemd units that run the pipeline daily and retrain weekly.
    Nothing is installed: paste the output into `crontab -e`, or save the units as printed."""
    from client_intelligence.schedule import crontab, systemd_text

    parser = argparse.ArgumentParser(
        prog="client-intelligence schedule", description=schedule.__doc__
    )
    output = parser.add_mutually_exclusive_group(required=True)
    output.add_argument("--print-crontab", action="store_true", help="crontab lines")
    output.add_argument("--systemd", action="store_true", help="systemd .service and .timer units")
    parser.add_argument(
        "--retrain-mode",
        choices=["full", "incremental"],
        default="full",
        help="how the weekly job calls scripts/retrain.py (default: --full)",
    )
    args = parser.parse_args(argv)
    text = (
        crontab(retrain_mode=args.retrain_mode)
        if args.print_crontab
        else systemd_text(retrain_mode=args.retrain_mode)
    )
    print(text, end="")
    return 0


def demo_data(argv: list[str] | None = None) -> int:
    """Generate the SYNTHETIC demo data (notes.csv, transactions.csv, outcomes.csv, and what
    the notes were meant to say: planted_concepts.csv, planted_identifiers.csv) into data/demo.
    The generative story is documented in client_intelligence/demo_data.py."""
    from client_intelligence.demo_data import generate

    parser = argparse.ArgumentParser(
        prog="client-intelligence demo-data", description=demo_data.__doc__
    )
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--output-dir", type=Path, default=None, help="default: data/demo")
    parser.add_argument("--end-date", type=dt.date.fromisoformat, default=dt.date(2026, 6, 30))
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--bad-row-rate", type=float, default=0.002)
    args = parser.parse_args(argv)
    output_dir = args.output_dir or project_root() / "data" / "demo"
    started = time.perf_counter()
    counts = generate(
        output_dir,
        clients=args.clients,
        seed=args.seed,
        end_date=args.end_date,
        months=args.months,
        bad_row_rate=args.bad_row_rate,
    )
    elapsed = time.perf_counter() - started
    print(
        f"synthetic demo data in {output_dir}: {counts['clients']:,} clients, "
        f"{counts['notes']:,} notes, {counts['transactions']:,} transactions, "
        f"{counts['outcomes']:,} CRM outcomes ({elapsed:.1f} s)"
    )
    return 0


def benchmark(argv: list[str] | None = None) -> int:
    """Benchmark the pipeline at several sizes; writes benchmarks/results.json and RESULTS.md.
    Scores with the selected artifact (or --model-dir); run `make run` first."""
    from client_intelligence.benchmark import run_benchmark

    parser = argparse.ArgumentParser(
        prog="client-intelligence benchmark", description=benchmark.__doc__
    )
    parser.add_argument("--clients", type=int, nargs="+", default=[2000, 20000, 200000, 1000000])
    parser.add_argument("--output", type=Path, default=None, help="benchmarks/results.json")
    parser.add_argument("--csv-rows", type=int, default=100_000)
    parser.add_argument("--model-dir", default=None)
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary folder")
    args = parser.parse_args(argv)
    output = args.output or project_root() / "benchmarks" / "results.json"
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        run_benchmark(args.clients, output, args.workdir, args.csv_rows, args.model_dir)
    else:
        with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
            run_benchmark(args.clients, output, Path(workdir), args.csv_rows, args.model_dir)
    return 0


def bench_scoring(argv: list[str] | None = None) -> int:
    """Print the scoring throughput (no dbt start-up) and the CSV scorer's rows per second.
    Needs a built warehouse and a trained model (`make run`). With --baseline DIR (an
    untouched checkout of another commit), each is timed side by side in the same run."""
    from client_intelligence.scoring_benchmark import (
        Checkout,
        compare_checkouts,
        comparison_table,
        csv_throughput,
        drivers_cost,
        scoring_throughput,
    )

    parser = argparse.ArgumentParser(
        prog="client-intelligence bench-scoring", description=bench_scoring.__doc__
    )
    parser.add_argument("--clients", type=int, default=1_000_000)
    parser.add_argument("--csv-rows", type=int, default=100_000)
    parser.add_argument("--model-dir", default=None)
    parser.add_argument(
        "--drivers", action="store_true", help="also time the driver columns on their own"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="an untouched checkout to time side by side: scoring, `dbt run --select "
        "predictions` (median of 3) and the CSV scorer on 3,000 and --csv-rows rows",
    )
    args = parser.parse_args(argv)
    if args.baseline:
        checkouts = [
            Checkout("this", project_root()),
            Checkout("baseline", args.baseline.resolve()),
        ]
        with tempfile.TemporaryDirectory(prefix="bench-scoring-") as workdir:
            sizes = sorted({3_000, args.csv_rows})
            results = compare_checkouts(
                checkouts, duckdb_path(), Path(workdir), args.clients, sizes
            )
        print(comparison_table(results))
        return 0
    throughput = scoring_throughput(duckdb_path(), args.clients, args.model_dir)
    print("predictions step:", json.dumps(throughput))
    if args.drivers:
        print("drivers:", json.dumps(drivers_cost(duckdb_path(), args.clients, args.model_dir)))
    if args.csv_rows:
        with tempfile.TemporaryDirectory() as workdir:
            result = csv_throughput(Path(workdir), args.csv_rows, args.model_dir)
        print("CSV scorer:", json.dumps(result))
    return 0


def bench_ingestion(argv: list[str] | None = None) -> int:
    """Print the staging build time on clean exports and on the same exports with a share of
    malformed lines (0.1% by default), in one run."""
    from client_intelligence.ingestion_benchmark import run

    parser = argparse.ArgumentParser(
        prog="client-intelligence bench-ingestion", description=bench_ingestion.__doc__
    )
    parser.add_argument("--clients", type=int, default=200_000)
    parser.add_argument("--share", type=float, default=0.001, help="share of lines broken")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--full", action="store_true", help="build every model, not staging")
    args = parser.parse_args(argv)
    print(json.dumps(run(args.clients, args.share, args.repeats, args.full), indent=2))
    return 0


def bench_dashboard(argv: list[str] | None = None) -> int:
    """Print how long dashboard/index.html takes to load in Chromium for --max-clients clients:
    to the client table rendered and to the overview's charts drawn (and a baseline page's)."""
    from client_intelligence.dashboard_benchmark import run

    parser = argparse.ArgumentParser(
        prog="client-intelligence bench-dashboard", description=bench_dashboard.__doc__
    )
    parser.add_argument("--database", type=Path, default=None)
    parser.add_argument("--max-clients", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--baseline", type=Path, default=None, help="an older export's index.html to time too"
    )
    args = parser.parse_args(argv)
    result = run(args.database or duckdb_path(), args.max_clients, args.runs, args.baseline)
    print(json.dumps(result, indent=2))
    return 0


def eval_concepts(argv: list[str] | None = None) -> int:
    """Print precision, recall and F1 of concept tags on the hand-annotated evaluation notes."""
    from client_intelligence.concept_eval import evaluate, format_report

    parser = argparse.ArgumentParser(
        prog="client-intelligence eval-concepts", description=eval_concepts.__doc__
    )
    parser.add_argument(
        "--set",
        dest="sets",
        action="append",
        help="annotated set under tests/fixtures/concept_eval (default: tuning and held_out)",
    )
    parser.add_argument("--worst", type=int, default=15, help="false positives and misses shown")
    args = parser.parse_args(argv)
    for set_name in args.sets or ["tuning", "held_out"]:
        print(format_report(set_name, evaluate(set_name), args.worst), end="\n\n")
    return 0


def measure_demo_notes(argv: list[str] | None = None) -> int:
    """Generate a demo, build it up to note_concepts and print, per language, the share of
    notes with a concept tag and the share of the generator's planted concepts that were
    tagged, and the planted identifiers that survive redaction (one build, ~1 min at 2,000)."""
    from client_intelligence.demo_coverage import run

    parser = argparse.ArgumentParser(
        prog="client-intelligence measure-demo-notes", description=measure_demo_notes.__doc__
    )
    parser.add_argument("--clients", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument(
        "--workdir", type=Path, default=None, help="keep the demo and warehouse here"
    )
    args = parser.parse_args(argv)
    print(run(args.clients, args.seed, args.workdir))
    return 0


def eval_redaction(argv: list[str] | None = None) -> int:
    """Print redaction recall (per type and language) on the identifier corpus, and
    over-redaction on notes with no personal data and on demo notes (four builds, ~2 min)."""
    from client_intelligence.redaction.measure import run

    parser = argparse.ArgumentParser(
        prog="client-intelligence eval-redaction", description=eval_redaction.__doc__
    )
    parser.add_argument("--demo-clients", type=int, default=2000)
    parser.add_argument("--workdir", type=Path, default=None, help="default: a temporary folder")
    args = parser.parse_args(argv)
    if args.workdir:
        run(args.workdir, args.demo_clients)
    else:
        with tempfile.TemporaryDirectory(prefix="redaction-") as workdir:
            run(Path(workdir), args.demo_clients)
    return 0


def bench_baseline(argv: list[str] | None = None) -> int:
    """Print the cost of fitting and applying BG/NBD + Gamma-Gamma on synthetic RFM summaries.
    Training fits it once per cutoff; scoring only applies it."""
    from client_intelligence.baseline_benchmark import baseline_cost

    parser = argparse.ArgumentParser(
        prog="client-intelligence bench-baseline", description=bench_baseline.__doc__
    )
    parser.add_argument("--clients", type=int, action="append", help="default 100000 and 1000000")
    for clients in parser.parse_args(argv).clients or [100_000, 1_000_000]:
        print(json.dumps(baseline_cost(clients)))
    return 0


def eval_transaction_only(argv: list[str] | None = None) -> int:
    """Print a tier's holdout metrics against BG/NBD + Gamma-Gamma on purchase logs without
    notes. Each data set is built in a scratch warehouse (nothing in data/, warehouse/ or
    ml_artifacts/)."""
    from client_intelligence.transaction_only_evaluation import (
        DATASETS,
        build_and_train,
        report,
        write_dataset,
    )

    parser = argparse.ArgumentParser(
        prog="client-intelligence eval-transaction-only", description=eval_transaction_only.__doc__
    )
    parser.add_argument("--dataset", choices=DATASETS, action="append")
    parser.add_argument("--tier", choices=["fast", "elite"], default="elite")
    parser.add_argument("--clients", type=int, default=None, help="2000 demo / 30000 simulated")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args(argv)
    for name in args.dataset or DATASETS:
        clients = args.clients or (2000 if name == "demo-transactions" else 30_000)
        with tempfile.TemporaryDirectory(prefix=f"{name}-") as workdir:
            raw = Path(workdir) / "raw"
            write_dataset(name, raw, clients, args.seed)
            print(report(name, args.tier, build_and_train(raw, Path(workdir), args.tier)))
            print()
    return 0

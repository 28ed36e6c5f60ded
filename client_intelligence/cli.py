"""`client-intelligence COMMAND`: one entry point for every command, and the scripts' caller.

`client-intelligence [--project-dir DIR] train|retrain|score-csv|export|erase|schedule|...`.
The project is the dbt project the command runs in (or --project-dir / DBT_PROJECT_DIR), never
the place the package was installed from. Each scripts/*.py file calls `run_script(__file__)`,
which runs its command on the checkout the script belongs to.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path

from client_intelligence.project import (
    PROJECT_DIR_VARIABLE,
    ProjectNotFoundError,
    artifacts_root,
    duckdb_path,
    project_root,
    use_project_dir,
)

# command -> (module, function): imported only when run, so `--help` stays fast.
COMMANDS: dict[str, tuple[str, str]] = {
    "train": ("client_intelligence.train_cli", "main"),
    "retrain": ("client_intelligence.retrain_cli", "main"),
    "score-csv": ("client_intelligence.csv_scoring_cli", "main"),
    "export": ("client_intelligence.commands", "export"),
    "erase": ("client_intelligence.commands", "erase"),
    "schedule": ("client_intelligence.commands", "schedule"),
    "report": ("client_intelligence.commands", "report"),
    "demo-data": ("client_intelligence.commands", "demo_data"),
    "benchmark": ("client_intelligence.commands", "benchmark"),
    "bench-scoring": ("client_intelligence.commands", "bench_scoring"),
    "bench-ingestion": ("client_intelligence.commands", "bench_ingestion"),
    "bench-dashboard": ("client_intelligence.commands", "bench_dashboard"),
    "eval-concepts": ("client_intelligence.commands", "eval_concepts"),
    "eval-redaction": ("client_intelligence.commands", "eval_redaction"),
    "bench-baseline": ("client_intelligence.commands", "bench_baseline"),
    "eval-transaction-only": ("client_intelligence.commands", "eval_transaction_only"),
    "measure-demo-notes": ("client_intelligence.commands", "measure_demo_notes"),
    "compare-engines": ("client_intelligence.engine_comparison", "main"),
    "spark-tables": ("client_intelligence.spark_tables", "main"),
    "run-spark": ("client_intelligence.spark_run", "main"),
}

# scripts/<file> -> command (the README shows the scripts; they are this CLI underneath).
SCRIPTS = {
    "train.py": "train",
    "retrain.py": "retrain",
    "add_predictions_to_csv.py": "score-csv",
    "export_dashboard.py": "export",
    "erase_client.py": "erase",
    "schedule.py": "schedule",
    "write_report.py": "report",
    "generate_demo_data.py": "demo-data",
    "benchmark.py": "benchmark",
    "bench_scoring.py": "bench-scoring",
    "bench_ingestion.py": "bench-ingestion",
    "bench_dashboard.py": "bench-dashboard",
    "eval_concepts.py": "eval-concepts",
    "measure_redaction.py": "eval-redaction",
    "bench_baseline_fit.py": "bench-baseline",
    "evaluate_transaction_only.py": "eval-transaction-only",
    "measure_demo_notes.py": "measure-demo-notes",
    "compare_engines.py": "compare-engines",
    "spark_tables.py": "spark-tables",
    "run_spark.py": "run-spark",
}

USAGE = (
    "usage: client-intelligence [--project-dir DIR] COMMAND [options]\n"
    f"commands: {', '.join(COMMANDS)}\n"
    "`client-intelligence COMMAND --help` describes one command."
)


def add_location_arguments(parser: argparse.ArgumentParser) -> None:
    """--database and --artifacts-dir, as training and retraining take them."""
    parser.add_argument(
        "--database",
        type=Path,
        default=None,
        help="DuckDB file (default: DUCKDB_PATH or the project's)",
    )
    parser.add_argument(
        "--artifacts-dir",
        type=Path,
        default=None,
        help="default: ML_ARTIFACTS_DIR or ml_artifacts/",
    )


def resolve_locations(args: argparse.Namespace) -> argparse.Namespace:
    """Fill in the defaults of add_location_arguments from the project."""
    args.database = args.database or duckdb_path()
    args.artifacts_dir = args.artifacts_dir or artifacts_root()
    return args


def command(name: str) -> Callable[[list[str]], int]:
    module, function = COMMANDS[name]
    return getattr(import_module(module), function)


def split_project_dir(argv: list[str]) -> tuple[str | None, list[str]]:
    """Take a leading `--project-dir DIR` (or `--project-dir=DIR`) off the arguments."""
    if argv and argv[0].startswith("--project-dir="):
        return argv[0].split("=", 1)[1], argv[1:]
    if argv and argv[0] == "--project-dir":
        if len(argv) < 2:
            raise SystemExit("error: --project-dir needs a directory")
        return argv[1], argv[2:]
    return None, argv


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        project_dir, args = split_project_dir(args)
        if project_dir is not None:
            use_project_dir(project_dir)
        if not args or args[0] in ("-h", "--help"):
            print(USAGE)
            return 0 if args else 2
        if args[0] not in COMMANDS:
            print(f"error: unknown command {args[0]!r}\n{USAGE}", file=sys.stderr)
            return 2
        project_root()  # refuse early, before any work, when this is not the project
        return command(args[0])(args[1:])
    except ProjectNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def run_script(script: str) -> int:
    """Run the command a scripts/*.py file stands for, on the checkout holding that script
    (unless --project-dir or DBT_PROJECT_DIR says otherwise)."""
    path = Path(script).resolve()
    project_dir, args = split_project_dir(sys.argv[1:])
    if project_dir is None and not os.environ.get(PROJECT_DIR_VARIABLE):
        project_dir = str(path.parent.parent)
    prefix = ["--project-dir", project_dir] if project_dir else []
    return main([*prefix, SCRIPTS[path.name], *args])


if __name__ == "__main__":
    raise SystemExit(main())

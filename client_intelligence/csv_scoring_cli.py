"""Command line of scripts/add_predictions_to_csv.py: arguments, errors, exit codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from client_intelligence.artifacts import ArtifactError
from client_intelligence.compiled_models import StepError
from client_intelligence.csv_scoring import CsvScoringError, score_csv
from client_intelligence.project import DbtCommandError


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Add purchase, churn and CLV predictions to any CSV of client notes."
    )
    parser.add_argument("input", type=Path, help="the CSV to score")
    parser.add_argument("--text-column", required=True, help="column holding the note text")
    parser.add_argument(
        "--id-column", help="client ID column; rows sharing an ID are scored as one client"
    )
    parser.add_argument("--date-column", help="note date column (default: today for every row)")
    parser.add_argument(
        "--language-column", help="language column (default: detected from the text)"
    )
    parser.add_argument(
        "--output", type=Path, help="default: <input stem>_with_predictions.csv beside the input"
    )
    parser.add_argument("--model-dir", help="score with this artifact directory")
    parser.add_argument(
        "--transactions",
        type=Path,
        help="the clients' sales (transactions export format: client_id, transaction_date, "
        "amount_eur, ...): scores then use the full model; without it, the notes-only model",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        destination, summary = score_csv(
            args.input,
            text_column=args.text_column,
            id_column=args.id_column,
            date_column=args.date_column,
            language_column=args.language_column,
            output_path=args.output,
            model_dir=args.model_dir,
            transactions_path=args.transactions,
        )
    except (CsvScoringError, ArtifactError, DbtCommandError, StepError) as error:
        print(f"\nerror: {error}", file=sys.stderr)
        return 2
    print(summary)
    print(f"wrote {destination}")
    return 0

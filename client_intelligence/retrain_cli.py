"""`scripts/retrain.py`: train a continuous candidate, judge it against the champion, record it."""

from __future__ import annotations

import argparse
import sys

from client_intelligence.cli import add_location_arguments, resolve_locations
from client_intelligence.metrics import format_metrics_table
from client_intelligence.project import label_horizons
from client_intelligence.registry import RegistryError
from client_intelligence.retraining import (
    NothingNewError,
    RetrainError,
    RetrainResult,
    retrain,
)
from client_intelligence.training import NotEnoughHistoryError, load_training_data


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--full",
        dest="mode",
        action="store_const",
        const="full",
        help="train on every labelled cutoff with the default settings (the default)",
    )
    mode.add_argument(
        "--incremental",
        dest="mode",
        action="store_const",
        const="incremental",
        help="only if outcomes arrived since the champion; its settings, its window slid forward",
    )
    parser.set_defaults(mode="full")
    parser.add_argument("--dry-run", action="store_true", help="train and compare, write nothing")
    parser.add_argument(
        "--family",
        choices=["fast", "elite"],
        default=None,
        help="model family of the candidate (default: elite; --incremental: the champion's)",
    )
    add_location_arguments(parser)
    return resolve_locations(parser.parse_args(argv))


def comparison_report(result: RetrainResult) -> str:
    """The frozen holdout, both models' metrics side by side, and the decision per target."""
    lines = ["Frozen holdout (the most recent labelled cutoff, trained on by neither model):"]
    lines += [
        f"  {name:<9} cutoff {holdout['cutoff']}  {holdout['rows']:>7,} rows"
        for name, holdout in result.holdout.items()
    ]
    champion_name = result.incumbent.label if result.incumbent else "champion"
    columns = {"candidate": result.candidate.metadata["holdout_metrics"]}
    if result.champion_metrics:
        columns[champion_name] = result.champion_metrics
    lines += ["", format_metrics_table(columns), ""]
    for verdict in result.decision.verdicts:
        if verdict.champion is None:
            continue
        delta = verdict.candidate - verdict.champion
        status = "better" if verdict.improved else "not better"
        worse = (
            f"; clearly worse: {', '.join(verdict.clearly_worse)}" if verdict.clearly_worse else ""
        )
        lines.append(
            f"  {verdict.target:<9} {verdict.metric:<9} {delta:+.4f} "
            f"(needs {verdict.margin:+.4f}): {status}{worse}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        examples, transactions = load_training_data(args.database)
        result = retrain(
            examples,
            transactions,
            label_horizons(),
            args.artifacts_dir,
            mode=args.mode,
            family=args.family,
            dry_run=args.dry_run,
        )
    except NothingNewError as error:
        print(error)
        return 0
    except (FileNotFoundError, NotEnoughHistoryError, RetrainError, RegistryError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(comparison_report(result))
    print()
    if args.dry_run:
        verdict = "would be promoted" if result.decision.promote else "would stay a challenger"
        print(f"Dry run, nothing written: the candidate {verdict} ({result.decision.reason}).")
    elif result.decision.promote:
        print(f"Promoted {result.directory.name} to champion: {result.decision.reason}.")
        print("`dbt run --select predictions` now scores with it.")
    else:
        print(f"{result.directory.name} stays a challenger: {result.decision.reason}.")
    return 0

"""`scripts/train.py`: train one tier, compare it with the baseline, write a verified artifact."""

from __future__ import annotations

import argparse
import sys

from client_intelligence.artifacts import write_artifact
from client_intelligence.cli import add_location_arguments, resolve_locations
from client_intelligence.metrics import format_metrics_table
from client_intelligence.project import label_horizons
from client_intelligence.segmentation import SegmentationError
from client_intelligence.training import (
    NotEnoughHistoryError,
    load_training_data,
    train_artifact,
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tier", choices=["fast", "elite"], required=True)
    add_location_arguments(parser)
    return resolve_locations(parser.parse_args(argv))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    database = args.database
    try:
        examples, transactions = load_training_data(database)
        result = train_artifact(examples, transactions, args.tier, label_horizons())
    except (FileNotFoundError, NotEnoughHistoryError, SegmentationError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    metadata = result.metadata
    baseline = metadata["baseline"]
    directory = write_artifact(args.tier, result.estimators, metadata, args.artifacts_dir)
    print(f"Holdout metrics ({args.tier} vs {baseline['method']}):")
    print(
        format_metrics_table(
            {
                args.tier: metadata["holdout_metrics"],
                "baseline": baseline["holdout_metrics"],
            }
        )
    )
    print(f"thresholds (max F1 on validation cutoff): {metadata['thresholds']}")
    print(describe_predictors(metadata))
    print(describe_ablation(metadata))
    notes_only = metadata["notes_only"]
    print("Notes-only family (the CSV scorer without --transactions), same holdout:")
    print(format_metrics_table({"notes only": notes_only["holdout_metrics"]}))
    print(f"wrote {directory}")
    return 0


KEPT_NAMES = {
    "model": "trained model",
    "baseline": "BG/NBD + Gamma-Gamma baseline",
    "blend": "blend of the trained model and BG/NBD + Gamma-Gamma",
}


def describe_predictors(metadata: dict) -> str:
    """Which predictor each target kept and why, its calibration or interval coverage."""
    lines = ["Kept predictors (scoring applies these):"]
    for target, report in metadata["predictors"].items():
        kept = KEPT_NAMES.get(report["kept"], report["kept"])
        lines.append(f"  {target}: {kept} - {report['reason']}")
        curve = report.get("holdout_reliability")
        if curve:
            method = report.get("calibration_method", "none")
            lines.append(
                f"    calibration {method}, holdout ECE {curve['ece']:.4f}, probabilities "
                f"{curve['min_probability']:.4f}-{curve['max_probability']:.4f}"
            )
        interval = report.get("interval")
        if interval:
            lines.append(
                f"    10th-90th percentile interval ({interval['method']}): holdout coverage "
                f"{interval['holdout_coverage']:.1%}"
            )
    return "\n".join(lines)


def describe_ablation(metadata: dict) -> str:
    """What the notes add: the trained model with and without each group of features."""
    results: dict[str, dict] = {}
    for target, variants in metadata["ablation"].items():
        for variant, metrics in variants.items():
            if isinstance(metrics, dict):
                results.setdefault(variant, {})[target] = metrics
    concepts = metadata["concept_features"]
    return (
        "Ablation on the holdout (trained model, same fit cutoffs; what the notes add):\n"
        + format_metrics_table(results)
        + f"\nconcept features: {len(concepts['concepts'])} concepts mentioned for at least "
        f"{concepts['min_support_examples']} examples"
    )

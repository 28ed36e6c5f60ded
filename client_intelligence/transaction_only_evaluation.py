"""Holdout metrics of a tier against BG/NBD + Gamma-Gamma on purchase logs with no notes.

Two data sets, each built by the project's own dbt models in a scratch warehouse and trained with
the one training path (train_artifact, nothing written to ml_artifacts/):
- demo-transactions: the demo's sales with an empty notes export and no CRM outcomes;
- simulated: a Pareto/NBD-like seasonal purchase log with win-backs (purchase_log_simulation),
  18 months, so the CLV target has little labelled history.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from client_intelligence import demo_data
from client_intelligence.metrics import format_metrics_table
from client_intelligence.project import build_scratch_warehouse, label_horizons
from client_intelligence.purchase_log_simulation import (
    simulate,
    write_empty_notes,
    write_purchase_log,
)
from client_intelligence.training import TrainedArtifact, load_training_data, train_artifact

DATASETS = ("demo-transactions", "simulated")
LOWER_IS_BETTER = frozenset({"brier", "log_loss", "mae"})
COMPARED = {
    "purchase": ("roc_auc", "pr_auc", "brier", "log_loss"),
    "churn": ("roc_auc", "pr_auc", "brier", "log_loss"),
    "clv": ("spearman", "mae", "r2"),
}


def write_dataset(name: str, folder: Path, clients: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if name == "demo-transactions":
        demo = folder / "demo"
        demo_data.generate(demo, clients=clients, seed=seed)
        shutil.copy(demo / "transactions.csv", folder / "transactions.csv")
        shutil.rmtree(demo)
        write_empty_notes(folder)
    elif name == "simulated":
        write_purchase_log(folder, simulate(customers=clients, seed=seed))
    else:
        raise ValueError(f"unknown data set {name!r}; expected one of {', '.join(DATASETS)}")


def build_and_train(raw_dir: Path, workdir: Path, tier: str) -> TrainedArtifact:
    database = build_scratch_warehouse(workdir, raw_dir)
    examples, transactions = load_training_data(database)
    return train_artifact(examples, transactions, tier, label_horizons())


def comparison(metadata: dict[str, Any]) -> list[str]:
    """One line per (target, metric): model vs baseline and whether the kept one is >=."""
    lines = []
    ours, theirs = metadata["holdout_metrics"], metadata["baseline"]["holdout_metrics"]
    for target, metrics in COMPARED.items():
        if target not in ours:
            lines.append(f"{target}: no labelled holdout")
            continue
        for metric in metrics:
            a, b = ours[target][metric], theirs[target][metric]
            at_least = a <= b + 1e-12 if metric in LOWER_IS_BETTER else a >= b - 1e-12
            lines.append(
                f"{target:<9}{metric:<10}{a:>12.4f}{b:>12.4f}  {'ok' if at_least else 'WORSE'}"
            )
    return lines


def report(name: str, tier: str, result: TrainedArtifact) -> str:
    from client_intelligence.train_cli import describe_predictors

    metadata = result.metadata
    table = format_metrics_table(
        {tier: metadata["holdout_metrics"], "baseline": metadata["baseline"]["holdout_metrics"]}
    )
    return "\n".join(
        [
            f"== {name} ({tier} vs {metadata['baseline']['method']}) ==",
            table,
            "",
            f"{'target':<9}{'metric':<10}{tier:>12}{'baseline':>12}  kept >= baseline",
            *comparison(metadata),
            describe_predictors(metadata),
        ]
    )

"""Holdout metrics, the same for the models, the baseline and the retraining comparison."""

from __future__ import annotations

import numpy as np
from scipy.stats import spearmanr
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    log_loss,
    mean_absolute_error,
    r2_score,
    roc_auc_score,
)


def classification_metrics(
    labels: np.ndarray, probabilities: np.ndarray, threshold: float
) -> dict[str, float]:
    probabilities = np.clip(probabilities, 1e-6, 1 - 1e-6)
    both_classes = len(np.unique(labels)) == 2
    return {
        "roc_auc": float(roc_auc_score(labels, probabilities)) if both_classes else float("nan"),
        "pr_auc": float(average_precision_score(labels, probabilities)),
        "brier": float(brier_score_loss(labels, probabilities)),
        "log_loss": float(log_loss(labels, probabilities, labels=[0, 1])),
        "accuracy": float(accuracy_score(labels, probabilities >= threshold)),
        "threshold": float(threshold),
        "positive_rate": float(np.mean(labels)),
        "rows": int(len(labels)),
    }


def regression_metrics(actual: np.ndarray, predicted: np.ndarray) -> dict[str, float]:
    rank_correlation = spearmanr(actual, predicted).statistic if np.std(predicted) > 0 else 0.0
    return {
        "r2": float(r2_score(actual, predicted)),
        "mae": float(mean_absolute_error(actual, predicted)),
        "spearman": float(rank_correlation),
        "rows": int(len(actual)),
    }


PRIMARY_METRIC = {"purchase": "roc_auc", "churn": "roc_auc", "clv": "spearman"}


def format_metrics_table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    """A plain table: one row per (target, metric), one column per model (e.g. tier, baseline)."""
    models = list(results)
    targets: list[str] = []
    for per_target in results.values():
        targets += [name for name in per_target if name not in targets]
    widths = [max(14, len(name) + 2) for name in models]
    header = "".join(f"{name:>{width}}" for name, width in zip(models, widths, strict=True))
    lines = [f"{'target':<10}{'metric':<14}" + header]
    lines.append("-" * len(lines[0]))
    for target in targets:
        metric_names: list[str] = []
        for per_target in results.values():
            for metric in per_target.get(target, {}):
                if metric not in metric_names and metric not in ("rows", "threshold"):
                    metric_names.append(metric)
        for metric in metric_names:
            cells = []
            for name, width in zip(models, widths, strict=True):
                value = results[name].get(target, {}).get(metric)
                cells.append(f"{value:>{width}.4f}" if value is not None else f"{'-':>{width}}")
            lines.append(f"{target:<10}{metric:<14}" + "".join(cells))
    return "\n".join(lines)

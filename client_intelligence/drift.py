"""Feature drift: the training reference of each numeric feature and the PSI against it.

The training side is summarized at training time (`training_feature_reference`, stored in the
artifact's metadata), so monitoring never needs the training examples again and an artifact
stays self-describing. Training imports this module; the monitoring checks use it too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

# Deciles of the training distribution; duplicates (e.g. many zero counts) are merged.
REFERENCE_QUANTILES = tuple(q / 10 for q in range(1, 10))
# Empty bins would make PSI infinite; proportions are floored at this (a common convention).
PSI_FLOOR = 1e-4
PSI_WARNING = 0.1
PSI_ALERT = 0.25


def feature_reference(frame: pd.DataFrame, features: list[str]) -> dict[str, Any]:
    """Bin edges and proportions of each numeric feature, for drift checks at scoring time.

    Edges are the training deciles (deduplicated); the bins are (-inf, e1], (e1, e2], ...,
    (ek, +inf), plus one bin for missing values, so proportions sum to 1.
    """
    reference: dict[str, Any] = {}
    for name in features:
        values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
        present = values[~np.isnan(values)]
        edges = (
            np.unique(np.quantile(present, REFERENCE_QUANTILES)) if len(present) else np.array([])
        )
        reference[name] = {
            "edges": [float(edge) for edge in edges],
            "proportions": [float(p) for p in bin_proportions(values, edges)],
        }
    return {
        "rows": len(frame),
        "bins": "training deciles, right-closed, -inf/+inf ends, last bin = missing",
        "features": reference,
    }


def training_feature_reference(
    examples: pd.DataFrame, numeric_features: Sequence[str]
) -> dict[str, Any]:
    """The reference of a version: every numeric feature, on all examples of its latest cutoff.

    The latest snapshot, not the pooled fit rows: the fit rows span many cutoffs of a client base
    whose cumulative features (tenure, note and purchase counts) grow with time, so against them
    today's data would look drifted on the very day of training. The latest snapshot is the client
    base as the model was built for it; its features are known (only its labels may not be).
    """
    latest = examples[examples["cutoff_date"] == examples["cutoff_date"].max()]
    reference = feature_reference(latest, list(numeric_features))
    reference["cutoff_date"] = str(examples["cutoff_date"].max())
    return reference


def bin_proportions(values: np.ndarray, edges: np.ndarray | list[float]) -> np.ndarray:
    """Share of values per bin: len(edges) + 1 value bins, then the missing-value bin."""
    values = np.asarray(values, dtype=float)
    edges = np.asarray(edges, dtype=float)
    counts = np.zeros(len(edges) + 2)
    if len(values) == 0:
        return counts
    missing = np.isnan(values)
    positions = np.searchsorted(edges, values[~missing], side="left")
    counts[: len(edges) + 1] = np.bincount(positions, minlength=len(edges) + 1)
    counts[-1] = missing.sum()
    return counts / len(values)


def population_stability_index(expected: np.ndarray, actual: np.ndarray) -> float:
    """PSI = sum (actual - expected) * ln(actual / expected) over bins, proportions floored."""
    expected = np.maximum(np.asarray(expected, dtype=float), PSI_FLOOR)
    actual = np.maximum(np.asarray(actual, dtype=float), PSI_FLOOR)
    if expected.shape != actual.shape:
        raise ValueError(f"PSI needs the same bins: {expected.shape} vs {actual.shape}")
    return float(np.sum((actual - expected) * np.log(actual / expected)))


def psi_status(psi: float) -> str:
    if psi >= PSI_ALERT:
        return "alert"
    return "warning" if psi >= PSI_WARNING else "ok"

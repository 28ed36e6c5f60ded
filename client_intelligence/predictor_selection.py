"""Never worse than the classical model: per target, the trained model or BG/NBD + Gamma-Gamma.

The choice is made on the validation cutoff and the fit cutoffs just before it, each judged by a
model fitted on the cutoffs before it (a rolling origin), by the target's primary metric (metrics.
PRIMARY_METRIC), so the holdout stays untouched for reporting. A target whose history or data is
too thin to train (minimum-data gates) keeps the baseline with a note saying what was short. The
kept baseline is an object with the same predict_proba / predict / predict_interval interface as
a trained estimator, pickled into the artifact like one (hashed, verified before loading).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from client_intelligence.baseline import BaselineModel, apply_baseline
from client_intelligence.clv_intervals import conformal_margin, widen
from client_intelligence.features import Target
from client_intelligence.metrics import PRIMARY_METRIC, classification_metrics, regression_metrics

# In the spirit of the minimum-data rules CDPs publish for predictive traits: fewer examples of
# either class than this, in the fit rows or the holdout, and a trained model is not trusted.
MIN_CLASS_EXAMPLES = 100
# CLV: rows with a known label, and rows that spent something, in the fit rows and the holdout.
MIN_CLV_ROWS = 100
MIN_CLV_SPENDERS = 30
MODEL, BASELINE = "model", "baseline"


@dataclass
class BaselinePredictor:
    """BG/NBD + Gamma-Gamma for one target, as a kept predictor."""

    model: BaselineModel
    target: str
    horizons: dict[str, int]
    clv_margin: float = 0.0  # conformal margin of the CLV interval (clv_intervals)
    classes_: Any = None

    def __post_init__(self) -> None:
        self.classes_ = np.array([0, 1])

    def _outputs(self, features: pd.DataFrame, with_interval: bool = False):
        return apply_baseline(self.model, features, self.horizons, with_interval)

    def predict_proba(self, features: pd.DataFrame) -> np.ndarray:
        probability = np.clip(getattr(self._outputs(features), self.target), 0.0, 1.0)
        return np.column_stack([1 - probability, probability])

    def predict(self, features: pd.DataFrame) -> np.ndarray:
        return self._outputs(features).clv

    def predict_interval(self, features: pd.DataFrame):
        outputs = self._outputs(features, with_interval=True)
        point = np.clip(outputs.clv, 0, None)
        low, high = widen(outputs.clv_low, outputs.clv_high, point, self.clv_margin)
        return point, low, high

    def conformalize(self, features: pd.DataFrame, actual: np.ndarray) -> BaselinePredictor:
        outputs = self._outputs(features, with_interval=True)
        point = np.clip(outputs.clv, 0, None)
        low, high = widen(outputs.clv_low, outputs.clv_high, point, 0.0)
        self.clv_margin = conformal_margin(low, high, actual)
        return self


def data_shortfalls(target: Target, fit: pd.DataFrame, holdout: pd.DataFrame) -> list[str]:
    """What the fit rows and the holdout lack for a trustworthy model; empty when enough."""
    problems = []
    for role, rows in (("fit", fit), ("holdout", holdout)):
        labels = rows[target.label].dropna()
        if target.is_classification:
            positives = int((labels == 1).sum())
            negatives = int((labels == 0).sum())
            for name, count in (("positive", positives), ("negative", negatives)):
                if count < MIN_CLASS_EXAMPLES:
                    problems.append(
                        f"{role} rows have {count} {name} examples (need {MIN_CLASS_EXAMPLES})"
                    )
        else:
            spenders = int((labels > 0).sum())
            if len(labels) < MIN_CLV_ROWS:
                problems.append(f"{role} rows have {len(labels)} labels (need {MIN_CLV_ROWS})")
            if spenders < MIN_CLV_SPENDERS:
                problems.append(
                    f"{role} rows have {spenders} clients who spent (need {MIN_CLV_SPENDERS})"
                )
    return problems


def score_on(predictor, target: Target, rows: pd.DataFrame, features: list[str]) -> dict:
    """Metrics of a predictor on labelled rows (threshold-free metrics are what decide)."""
    if target.is_classification:
        probabilities = predictor.predict_proba(rows[features])[:, 1]
        return classification_metrics(rows[target.label].astype(int).to_numpy(), probabilities, 0.5)
    predicted = np.clip(predictor.predict(rows[features]), 0, None)
    return regression_metrics(rows[target.label].to_numpy(float), predicted)


@dataclass
class Origin:
    """One validation origin of the rolling-origin choice: a model fitted on the cutoffs before
    `cutoff`, the baseline fitted on the purchases before it, and the rows labelled at it."""

    cutoff: str
    model: Any
    baseline: BaselinePredictor
    rows: pd.DataFrame


@dataclass
class Choice:
    kept: str  # MODEL or BASELINE
    reason: str
    validation_metrics: dict[str, dict[str, dict[str, float]]]  # cutoff -> predictor -> metrics


def choose(target: Target, origins: list[Origin], features: list[str]) -> Choice:
    """Keep the model only when its primary metric, averaged over the validation origins, beats
    the baseline's. One cutoff is a noisy judge (a few hundred clients, one season); several
    consecutive origins, each judged out of time, are what forecasters call a rolling origin."""
    metric = PRIMARY_METRIC[target.name]
    scores = {
        origin.cutoff: {
            MODEL: score_on(origin.model, target, origin.rows, features),
            BASELINE: score_on(origin.baseline, target, origin.rows, features),
        }
        for origin in origins
    }
    ours = float(np.mean([by_predictor[MODEL][metric] for by_predictor in scores.values()]))
    theirs = float(np.mean([by_predictor[BASELINE][metric] for by_predictor in scores.values()]))
    kept = MODEL if ours > theirs else BASELINE
    verdict = "beats" if kept == MODEL else "does not beat"
    reason = (
        f"on {len(scores)} validation cutoff(s) ({', '.join(sorted(scores))}) the trained "
        f"model's mean {metric} {ours:.4f} {verdict} BG/NBD + Gamma-Gamma's {theirs:.4f}"
    )
    return Choice(kept, reason, scores)

"""Never worse than the classical model: per target, the trained model, BG/NBD + Gamma-Gamma, or
a blend of the two.

The choice is made on the validation cutoff and the fit cutoffs just before it, each judged by a
model fitted on the cutoffs before it (a rolling origin), by the target's primary metric (metrics.
PRIMARY_METRIC), so the holdout stays untouched for reporting. The candidates are the blends
w * model + (1 - w) * baseline for w in BLEND_WEIGHTS: w = 0 is the baseline itself, w = 1 the
trained model. Where the two are close (purchase logs without notes), their blend usually beats
both, and the baseline is only left when nothing beats it. A target whose history or data is
too thin to train (minimum-data gates) keeps the baseline with a note saying what was short. The
kept baseline is an object with the same predict_proba / predict / predict_interval interface as
a trained estimator, pickled into the artifact like one (hashed, verified before loading).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from client_intelligence.baseline import RFM_COLUMNS, BaselineModel, apply_baseline
from client_intelligence.clv_intervals import ConformalInterval, widen
from client_intelligence.features import Target
from client_intelligence.metrics import PRIMARY_METRIC, classification_metrics, regression_metrics
from client_intelligence.purchase_history import BASELINE_PREDICTION

# In the spirit of the minimum-data rules CDPs publish for predictive traits: fewer examples of
# either class than this, in the fit rows or the holdout, and a trained model is not trusted.
MIN_CLASS_EXAMPLES = 100
# CLV: rows with a known label, and rows that spent something, in the fit rows and the holdout.
MIN_CLV_ROWS = 100
MIN_CLV_SPENDERS = 30
MODEL, BASELINE, BLEND = "model", "baseline", "blend"
BLEND_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)  # weight of the trained model


@dataclass
class BaselinePredictor(ConformalInterval):
    """BG/NBD + Gamma-Gamma for one target, as a kept predictor."""

    model: BaselineModel
    target: str
    horizons: dict[str, int]
    margin: float = 0.0  # conformal margin of the CLV interval (clv_intervals)
    classes_: Any = None
    # False in the notes-only family: what BG/NBD says of a client whose sales are not supplied
    # (the same for every row: it has nothing to rank them by)
    history_known: bool = True

    def __post_init__(self) -> None:
        self.classes_ = np.array([0, 1])

    def _outputs(self, features: pd.DataFrame, with_interval: bool = False):
        if not self.history_known:
            features = pd.DataFrame(0.0, index=features.index, columns=list(RFM_COLUMNS))
        return apply_baseline(self.model, features, self.horizons, with_interval)

    def prediction(self, features: pd.DataFrame) -> np.ndarray:
        """The baseline's probability (purchase, churn) or expected spend (CLV) per row.

        Read from the purchase-history feature column when the rows have it: that column is
        this fit applied to them (purchase_history), so nothing is computed twice."""
        column = BASELINE_PREDICTION[self.target]
        if self.history_known and column in features.columns:
            return features[column].to_numpy(float)
        return getattr(self._outputs(features), self.target)

    def predict_proba(self, features: pd.DataFrame) -> np.ndarray:
        probability = np.clip(self.prediction(features), 0.0, 1.0)
        return np.column_stack([1 - probability, probability])

    def predict(self, features: pd.DataFrame) -> np.ndarray:
        return np.clip(self.prediction(features), 0, None)

    def predict_interval(self, features: pd.DataFrame):
        outputs = self._outputs(features, with_interval=True)
        point = np.clip(outputs.clv, 0, None)
        low, high = widen(outputs.clv_low, outputs.clv_high, point, self.margin)
        return point, low, high


@dataclass
class BlendedPredictor(ConformalInterval):
    """weight * the trained model + (1 - weight) * the baseline, for one target.

    Classifiers blend probabilities (the blend is calibrated afterwards, like a model); CLV blends
    expected spend and takes its interval from the model's quantile regressors, conformalized on
    the validation cutoff around the blended point."""

    model: Any  # an uncalibrated classifier, or an IntervalCLVRegressor
    baseline: BaselinePredictor
    weight: float
    margin: float = 0.0
    classes_: Any = None

    def __post_init__(self) -> None:
        self.classes_ = np.array([0, 1])

    def predict_proba(self, features: pd.DataFrame) -> np.ndarray:
        ours = self.model.predict_proba(features)[:, 1]
        probability = (
            self.weight * ours + (1 - self.weight) * self.baseline.predict_proba(features)[:, 1]
        )
        return np.column_stack([1 - probability, probability])

    def predict(self, features: pd.DataFrame) -> np.ndarray:
        ours = np.clip(self.model.predict(features), 0, None)
        return self.weight * ours + (1 - self.weight) * self.baseline.predict(features)

    def predict_interval(self, features: pd.DataFrame):
        ours, low, high = self.model.predict_unwidened(features)
        point = self.weight * ours + (1 - self.weight) * self.baseline.predict(features)
        low, high = widen(low, high, point, self.margin)
        return point, low, high


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


def predictions_of(predictor, target: Target, rows: pd.DataFrame, features: list[str]):
    """Probabilities (classification) or expected spend (CLV) of a predictor on `rows`."""
    if target.is_classification:
        return predictor.predict_proba(rows[features])[:, 1]
    return np.clip(predictor.predict(rows[features]), 0, None)


def metrics_of(target: Target, rows: pd.DataFrame, predicted: np.ndarray) -> dict[str, float]:
    """Threshold-free metrics are what decide; 0.5 only fills the thresholded ones."""
    if target.is_classification:
        return classification_metrics(rows[target.label].astype(int).to_numpy(), predicted, 0.5)
    return regression_metrics(rows[target.label].to_numpy(float), predicted)


def score_on(predictor, target: Target, rows: pd.DataFrame, features: list[str]) -> dict:
    """Metrics of a predictor on labelled rows."""
    return metrics_of(target, rows, predictions_of(predictor, target, rows, features))


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
    kept: str  # MODEL, BASELINE or BLEND
    weight: float  # of the trained model: 0 for the baseline, 1 for the model
    reason: str
    validation_metrics: dict[str, dict[str, dict[str, float]]]  # cutoff -> predictor -> metrics


def kept_name(weight: float) -> str:
    return BASELINE if weight == 0 else MODEL if weight == 1 else BLEND


def choose(target: Target, origins: list[Origin], features: list[str]) -> Choice:
    """The model weight whose blend has the best primary metric averaged over the validation
    origins; the baseline (weight 0) unless something beats it. One cutoff is a noisy judge (a
    few hundred clients, one season); several consecutive origins, each judged out of time, are
    what forecasters call a rolling origin."""
    metric = PRIMARY_METRIC[target.name]
    blends: dict[float, list[dict[str, float]]] = {weight: [] for weight in BLEND_WEIGHTS}
    for origin in origins:
        ours = predictions_of(origin.model, target, origin.rows, features)
        theirs = predictions_of(origin.baseline, target, origin.rows, features)
        for weight in BLEND_WEIGHTS:
            mixed = weight * ours + (1 - weight) * theirs
            blends[weight].append(metrics_of(target, origin.rows, mixed))
    means = {weight: float(np.mean([m[metric] for m in runs])) for weight, runs in blends.items()}
    # the best blend, the heavier model weight among equals; the baseline unless it is beaten
    best = max(BLEND_WEIGHTS, key=lambda weight: (means[weight], weight))
    if means[best] <= means[0.0]:
        best = 0.0
    cutoffs = [origin.cutoff for origin in origins]
    scores = {
        cutoff: {
            MODEL: blends[1.0][index],
            BASELINE: blends[0.0][index],
            **({BLEND: blends[best][index]} if kept_name(best) == BLEND else {}),
        }
        for index, cutoff in enumerate(cutoffs)
    }
    tried = ", ".join(f"{weight:g}: {means[weight]:.4f}" for weight in BLEND_WEIGHTS)
    reason = (
        f"on {len(origins)} validation cutoff(s) ({', '.join(sorted(cutoffs))}), mean {metric} "
        f"by weight of the trained model against BG/NBD + Gamma-Gamma ({tried}): "
        + (
            "nothing beats the baseline"
            if best == 0
            else f"weight {best:g} beats the baseline by {means[best] - means[0.0]:+.4f}"
        )
    )
    return Choice(kept_name(best), best, reason, scores)

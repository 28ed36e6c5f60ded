"""Probability calibration that does not saturate, and how well calibrated a classifier is.

Isotonic regression is flexible but, fitted on a validation cutoff with few events, it maps whole
score ranges to exactly 0 or 1 and collapses thousands of clients onto a few dozen values. So:
isotonic only when every one of CALIBRATION_BINS equal-frequency bins of the validation scores
can hold MIN_EVENTS_PER_BIN positives and negatives, else Platt's sigmoid; and the calibrated
probability is clipped to the range the validation data supports: the smoothed event rates
(Jeffreys prior) of its lowest and highest bins, which are never 0 or 1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression

CALIBRATION_BINS = 10
# 10 x 100: scikit-learn's guidance that isotonic overfits well below ~1,000 calibration rows.
MIN_EVENTS_PER_BIN = 100


def calibration_method(labels: np.ndarray) -> str:
    """isotonic when the validation data has enough positives and negatives for every bin."""
    positives = int(np.sum(labels))
    negatives = len(labels) - positives
    enough = min(positives, negatives) >= CALIBRATION_BINS * MIN_EVENTS_PER_BIN
    return "isotonic" if enough else "sigmoid"


def equal_frequency_bins(scores: np.ndarray, bins: int = CALIBRATION_BINS) -> np.ndarray:
    """Bin number (0 .. bins-1) of each score, by rank: deterministic, ties broken by position."""
    order = np.argsort(scores, kind="stable")
    positions = np.empty(len(scores), dtype=np.int64)
    positions[order] = np.arange(len(scores))
    return (positions * bins // max(len(scores), 1)).astype(np.int64)


def supported_range(labels: np.ndarray, probabilities: np.ndarray) -> tuple[float, float]:
    """Smoothed event rates of the lowest and highest validation bins: the calibrated
    probabilities the validation data can vouch for."""
    bins = equal_frequency_bins(probabilities)
    rates = []
    for edge in (0, CALIBRATION_BINS - 1):
        in_bin = labels[bins == edge]
        rates.append((in_bin.sum() + 0.5) / (len(in_bin) + 1))
    low, high = float(min(rates)), float(max(rates))
    return low, high


def log_odds(probabilities: np.ndarray) -> np.ndarray:
    clipped = np.clip(probabilities, 1e-9, 1 - 1e-9)
    return (np.log(clipped) - np.log1p(-clipped)).reshape(-1, 1)


@dataclass
class BoundedCalibratedClassifier:
    """A fitted classifier, calibrated on validation data, with clipped probabilities.

    The calibrator maps the classifier's own probability: isotonic regression, or Platt's
    sigmoid on its log-odds. `ranking_score` is that uncalibrated probability: calibration is
    monotone, so it orders clients the same way without the ties calibration introduces
    (purchase_percentile).
    """

    base: Any
    calibrator: IsotonicRegression | LogisticRegression
    method: str
    bounds: tuple[float, float] = (0.0, 1.0)
    classes_: np.ndarray = field(default_factory=lambda: np.array([0, 1]))

    def predict_proba(self, features) -> np.ndarray:
        return self.predict_proba_and_rank(features)[0]

    def predict_proba_and_rank(self, features) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated class probabilities and the untied ranking score, in one pass."""
        raw = self.base.predict_proba(features)[:, 1]
        calibrated = np.clip(self.calibrated(raw), *self.bounds)
        return np.column_stack([1 - calibrated, calibrated]), raw

    def calibrated(self, raw: np.ndarray) -> np.ndarray:
        if self.method == "isotonic":
            return np.asarray(self.calibrator.predict(raw), dtype=float)
        return self.calibrator.predict_proba(log_odds(raw))[:, 1]


def calibrate(base, features, labels: np.ndarray) -> BoundedCalibratedClassifier:
    """Calibrate a fitted classifier on the validation cutoff's rows."""
    method = calibration_method(labels)
    raw = base.predict_proba(features)[:, 1]
    if method == "isotonic":
        calibrator = IsotonicRegression(y_min=0, y_max=1, out_of_bounds="clip").fit(raw, labels)
    else:
        calibrator = LogisticRegression(C=1e6, max_iter=1000).fit(log_odds(raw), labels)
    calibrated = BoundedCalibratedClassifier(base, calibrator, method)
    calibrated.bounds = supported_range(labels, calibrated.calibrated(raw))
    return calibrated


def predict_with_rank(estimator, features) -> tuple[np.ndarray, np.ndarray]:
    """P(class 1) and an untied score that orders rows the same way, for any classifier."""
    if hasattr(estimator, "predict_proba_and_rank"):
        probabilities, rank = estimator.predict_proba_and_rank(features)
        return probabilities[:, 1], rank
    probabilities = estimator.predict_proba(features)[:, 1]
    return probabilities, probabilities


def reliability(labels: np.ndarray, probabilities: np.ndarray) -> dict[str, Any]:
    """Reliability curve on CALIBRATION_BINS equal-frequency bins and the expected calibration
    error (the row-weighted mean gap between predicted and observed rates)."""
    bins = equal_frequency_bins(probabilities)
    curve = []
    error = 0.0
    for number in range(CALIBRATION_BINS):
        in_bin = bins == number
        if not in_bin.any():
            continue
        predicted = float(probabilities[in_bin].mean())
        observed = float(labels[in_bin].mean())
        curve.append(
            {"mean_predicted": predicted, "observed_rate": observed, "rows": int(in_bin.sum())}
        )
        error += in_bin.mean() * abs(predicted - observed)
    return {
        "bins": curve,
        "ece": float(error),
        "min_probability": float(probabilities.min()) if len(probabilities) else None,
        "max_probability": float(probabilities.max()) if len(probabilities) else None,
    }

"""Probability calibration that does not saturate, and how well calibrated a classifier is.

Isotonic regression is flexible but, fitted on a validation cutoff with few events, it maps whole
score ranges to exactly 0 or 1 and collapses thousands of clients onto a few dozen values. So:
isotonic only when every one of CALIBRATION_BINS equal-frequency bins of the validation scores
can hold MIN_EVENTS_PER_BIN positives and negatives, else Platt's sigmoid; and the calibrated
probability is clipped to the range the validation data supports: the smoothed event rates
(Jeffreys prior) of its lowest and highest bins, which are never 0 or 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.frozen import FrozenEstimator

CALIBRATION_BINS = 10
MIN_EVENTS_PER_BIN = 50


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


@dataclass
class BoundedCalibratedClassifier:
    """A frozen fitted classifier, calibrated on validation data, with clipped probabilities.

    `ranking_score` is the uncalibrated probability: calibration is monotone, so it orders
    clients the same way, without the ties calibration introduces (purchase_percentile).
    """

    base: Any
    calibrator: CalibratedClassifierCV
    method: str
    bounds: tuple[float, float]
    classes_: np.ndarray

    def predict_proba(self, features) -> np.ndarray:
        return self.predict_proba_and_rank(features)[0]

    def predict_proba_and_rank(self, features) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated class probabilities and the untied ranking score, in one pass."""
        raw = self.base.predict_proba(features)[:, 1]
        calibrated = self._calibrate(raw)
        return np.column_stack([1 - calibrated, calibrated]), raw

    def _calibrate(self, raw: np.ndarray) -> np.ndarray:
        calibrator = self.calibrator.calibrated_classifiers_[0].calibrators[0]
        calibrated = np.asarray(calibrator.predict(raw), dtype=float)
        return np.clip(calibrated, *self.bounds)


def calibrate(base, features, labels: np.ndarray) -> BoundedCalibratedClassifier:
    """Calibrate a fitted classifier on the validation cutoff's rows."""
    method = calibration_method(labels)
    calibrator = CalibratedClassifierCV(FrozenEstimator(base), method=method)
    calibrator.fit(features, labels)
    calibrated = calibrator.predict_proba(features)[:, 1]
    return BoundedCalibratedClassifier(
        base, calibrator, method, supported_range(labels, calibrated), calibrator.classes_
    )


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

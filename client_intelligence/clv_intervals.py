"""CLV intervals (10th-90th percentile) that hold their coverage out of time.

The trained CLV model gets two quantile gradient-boosting regressors (10th and 90th percentile);
a kept baseline gets the BG/NBD + Gamma-Gamma posterior predictive. Either interval is then
conformalized on the validation cutoff (conformalized quantile regression, Romano et al. 2019, on
log1p euros because spend is heavy-tailed), so that about 80% of the next period's clients fall
inside; the holdout coverage goes in metadata.json.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

LOW_QUANTILE, HIGH_QUANTILE = 0.1, 0.9
TARGET_COVERAGE = HIGH_QUANTILE - LOW_QUANTILE


def conformal_margin(low: np.ndarray, high: np.ndarray, actual: np.ndarray) -> float:
    """How far (in log1p euros) to widen (or, if negative, narrow) [low, high] so that
    TARGET_COVERAGE of the validation rows fall inside."""
    if not len(actual):
        return 0.0
    log_actual = np.log1p(np.clip(actual, 0, None))
    scores = np.maximum(np.log1p(low) - log_actual, log_actual - np.log1p(high))
    level = min(1.0, np.ceil((len(actual) + 1) * TARGET_COVERAGE) / len(actual))
    return float(np.quantile(scores, level, method="higher"))


def widen(
    low: np.ndarray, high: np.ndarray, point: np.ndarray, margin: float
) -> tuple[np.ndarray, np.ndarray]:
    """Apply a conformal margin; the interval always contains the point prediction."""
    low = np.expm1(np.log1p(np.clip(low, 0, None)) - margin)
    high = np.expm1(np.log1p(np.clip(high, 0, None)) + margin)
    return np.clip(np.minimum(low, point), 0, None), np.maximum(high, point)


def coverage(low: np.ndarray, high: np.ndarray, actual: np.ndarray) -> float:
    return float(np.mean((actual >= low) & (actual <= high))) if len(actual) else float("nan")


class ConformalInterval:
    """Conformalization for any CLV predictor with `predict_interval` and a `margin` field: the
    margin that makes TARGET_COVERAGE of the validation rows fall inside its interval."""

    margin: float

    def conformalize(self, features, actual: np.ndarray):
        self.margin = 0.0
        _, low, high = self.predict_interval(features)
        self.margin = conformal_margin(low, high, actual)
        return self


@dataclass
class IntervalCLVRegressor(ConformalInterval):
    """A point CLV pipeline (preprocess + model) with quantile regressors for its interval,
    fitted on the pipeline's preprocessed features, and a conformal margin."""

    point: Any
    low_model: Any
    high_model: Any
    margin: float = 0.0

    def predict(self, features) -> np.ndarray:
        return self.point.predict(features)

    def predict_unwidened(self, features) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Point, low and high per row (EUR, never negative), before the conformal margin: the
        features are preprocessed once for the three models."""
        transformed = self.point[:-1].transform(features)
        point = np.clip(self.point[-1].predict(transformed), 0, None)
        low = np.clip(self.low_model.predict(transformed), 0, None)
        high = np.clip(self.high_model.predict(transformed), 0, None)
        return point, np.minimum(low, high), np.maximum(low, high)

    def predict_interval(self, features) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Point prediction, low and high bound per row (EUR, never negative)."""
        point, low, high = self.predict_unwidened(features)
        low, high = widen(low, high, point, self.margin)
        return point, low, high


def predict_clv_interval(estimator, features) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Point, low and high CLV for any kept CLV predictor (an interval of zero width if it has
    none, e.g. an artifact trained before intervals existed)."""
    if hasattr(estimator, "predict_interval"):
        return estimator.predict_interval(features)
    point = np.clip(estimator.predict(features), 0, None)
    return point, point, point

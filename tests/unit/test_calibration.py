"""Calibration stays inside what validation supports; reliability and ECE; untied percentiles."""

import numpy as np
from sklearn.linear_model import LogisticRegression

from client_intelligence.calibration import (
    calibrate,
    calibration_method,
    reliability,
    supported_range,
)
from client_intelligence.scoring import untied_percentile


def separable_data(rows: int, seed: int):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(rows, 1))
    labels = (rng.random(rows) < 1 / (1 + np.exp(-4 * x[:, 0]))).astype(int)
    return x, labels


def test_isotonic_only_with_enough_events_per_bin():
    assert calibration_method(np.r_[np.ones(80), np.zeros(3000)]) == "sigmoid"
    assert calibration_method(np.r_[np.ones(1500), np.zeros(3000)]) == "isotonic"


def test_calibrated_probabilities_never_reach_zero_or_one():
    x, labels = separable_data(6000, 1)
    base = LogisticRegression().fit(x[:3000], labels[:3000])
    for validation_rows in (400, 3000):  # sigmoid, then isotonic
        rows = slice(3000, 3000 + validation_rows)
        calibrated = calibrate(base, x[rows], labels[rows])
        extreme = np.array([[-50.0], [50.0], [0.0]])
        probabilities = calibrated.predict_proba(extreme)[:, 1]
        low, high = calibrated.bounds
        assert 0 < low <= probabilities.min() and probabilities.max() <= high < 1
        assert probabilities[0] == low and probabilities[1] == high


def test_supported_range_is_the_smoothed_rate_of_the_extreme_bins():
    probabilities = np.linspace(0, 1, 1000)
    labels = np.r_[np.zeros(100), np.ones(900)].astype(int)  # lowest bin: no event at all
    low, high = supported_range(labels, probabilities)
    assert low == 0.5 / 101 and high == 100.5 / 101


def test_reliability_curve_and_ece():
    rng = np.random.default_rng(3)
    probabilities = rng.random(20000)
    calibrated_labels = (rng.random(20000) < probabilities).astype(int)
    good = reliability(calibrated_labels, probabilities)
    assert len(good["bins"]) == 10 and good["ece"] < 0.02
    overconfident = reliability(calibrated_labels, probabilities**3)
    assert overconfident["ece"] > 0.1


def test_percentile_breaks_ties_with_the_ranking_score():
    probability = np.array([0.2, 0.2, 0.2, 0.5])
    rank_score = np.array([0.11, 0.13, 0.12, 0.9])
    percentile = untied_percentile(probability, rank_score)
    assert list(percentile) == [25.0, 75.0, 50.0, 100.0]

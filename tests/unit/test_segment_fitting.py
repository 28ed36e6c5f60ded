"""Fitting and labelling client segments on synthetic profiles (no dbt)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_blobs

from client_intelligence.segmentation import (
    BUDGET_FEATURES,
    PREDICTION_FEATURES,
    RFM_FEATURES,
    SegmentationError,
    fit_segmentation,
    segment_labels,
)

BUCKETS = [f"{bucket}_mentions" for bucket in ("intent", "occasion", "product", "sentiment")]


COLUMNS = [*BUCKETS, *BUDGET_FEATURES, *RFM_FEATURES, *PREDICTION_FEATURES]


def profiles_from(values: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(values, columns=COLUMNS)


def gift_population(rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """Three groups: high-budget gift buyers, lapsed clients at risk, frequent everyday buyers."""
    size = 200
    frame = pd.DataFrame(
        {
            "intent_mentions": rng.poisson(1, 3 * size),
            "occasion_mentions": rng.poisson(1, 3 * size),
            "product_mentions": rng.poisson(3, 3 * size),
            "sentiment_mentions": rng.poisson(1, 3 * size),
            "budget_max_eur": rng.lognormal(7.5, 0.3, 3 * size),
            "recency_days": rng.integers(10, 120, 3 * size).astype(float),
            "purchase_count": rng.poisson(3, 3 * size),
            "monetary_total_eur": rng.lognormal(8, 0.3, 3 * size),
            "purchase_probability": rng.uniform(0.2, 0.4, 3 * size),
            "churn_risk": rng.uniform(0.3, 0.5, 3 * size),
            "predicted_clv": rng.lognormal(7.5, 0.3, 3 * size),
        }
    )
    group = np.repeat([0, 1, 2], size)
    gifts = group == 0
    frame.loc[gifts, "intent_mentions"] = rng.poisson(12, size)
    frame.loc[gifts, "budget_max_eur"] = rng.lognormal(10.5, 0.2, size)
    lapsed = group == 1
    frame.loc[lapsed, "recency_days"] = rng.integers(600, 900, size).astype(float)
    frame.loc[lapsed, "churn_risk"] = rng.uniform(0.8, 0.95, size)
    frame.loc[lapsed, "purchase_probability"] = rng.uniform(0.01, 0.05, size)
    frequent = group == 2
    frame.loc[frequent, "purchase_count"] = rng.poisson(25, size)
    frame.loc[frequent, "monetary_total_eur"] = rng.lognormal(10.5, 0.2, size)
    # budgets are often not stated: missing values are imputed, not dropped
    frame.loc[rng.choice(len(frame), 60, replace=False), "budget_max_eur"] = np.nan
    return frame, group


def test_k_is_chosen_on_data():
    for clusters in (4, 6):
        values, _ = make_blobs(
            n_samples=240,  # 40-60 clients a cluster: enough for silhouette to tell k
            n_features=len(COLUMNS),
            centers=clusters,
            cluster_std=0.4,
            center_box=(0, 20),
            random_state=clusters,
        )
        segmentation = fit_segmentation(profiles_from(np.abs(values)))
        metadata = segmentation.metadata
        assert metadata["chosen_k"] == clusters
        assert set(metadata["silhouette_by_k"]) == {str(k) for k in range(3, 9)}
        assert (
            max(metadata["silhouette_by_k"].values()) == metadata["silhouette_by_k"][str(clusters)]
        )


def test_labels_name_what_distinguishes_each_segment():
    frame, group = gift_population(np.random.default_rng(11))
    segmentation = fit_segmentation(frame)
    assigned = segmentation.assign(frame)
    labels = segmentation.labels
    assert len(set(labels.values())) == len(labels) == segmentation.metadata["chosen_k"]
    gift_label = assigned["segment_label"][group == 0].mode()[0]
    lapsed_label = assigned["segment_label"][group == 1].mode()[0]
    frequent_label = assigned["segment_label"][group == 2].mode()[0]
    assert "gift" in gift_label.lower() and "high budget" in gift_label.lower()
    assert "at risk" in lapsed_label.lower() or "lapsed" in lapsed_label.lower()
    assert "frequent" in frequent_label.lower() or "big spenders" in frequent_label.lower()
    # one segment per group, so no label repeats the population's common traits
    assert len({gift_label, lapsed_label, frequent_label}) == 3


def test_labels_are_unique_even_when_top_phrases_tie():
    features = ["budget_max_eur", "churn_risk", "purchase_count"]
    centres = np.array([[2.0, 1.0, 0.5], [2.0, 1.0, -0.5], [2.0, 1.0, -0.5]])
    labels = segment_labels(centres, features)
    assert labels[0] == "High budget · at risk · frequent buyers"
    assert labels[1] != labels[2] and len(set(labels)) == 3
    assert segment_labels(np.zeros((1, 3)), features) == ["Typical profile"]


def test_missing_profile_columns_are_named():
    frame = pd.DataFrame({"intent_mentions": [1, 2, 3, 4]})
    with pytest.raises(SegmentationError, match="budget_max_eur.*predicted_clv"):
        fit_segmentation(frame)


def test_too_few_profiles_is_a_clear_error():
    frame, _ = gift_population(np.random.default_rng(1))
    with pytest.raises(SegmentationError, match="too few"):
        fit_segmentation(frame.head(3))

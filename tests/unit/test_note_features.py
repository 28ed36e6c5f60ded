"""Notes as features: per-concept counts, the notes-only family, the ablation (no dbt)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from client_intelligence.artifacts import ArtifactError, LoadedArtifact, notes_only_view
from client_intelligence.concept_features import (
    COUNTS_TYPE,
    concept_feature_frame,
    counts_array,
    supported_concepts,
)
from client_intelligence.features import PURCHASE_HISTORY_COLUMNS, FeatureSet
from client_intelligence.purchase_history import add_point_in_time_features
from tests.unit.synthetic_examples import HORIZONS, training_examples

ROWS = [
    [{"concept_id": "gift", "mentions": 2}, {"concept_id": "watch", "mentions": 1}],
    None,
    [{"concept_id": "watch", "mentions": 3}, {"concept_id": "rare", "mentions": 1}],
    [{"concept_id": "gift", "mentions": 1}],
]


def test_concept_counts_pivot_from_arrow_and_from_pandas_alike():
    from_arrow = concept_feature_frame(pa.array(ROWS, type=COUNTS_TYPE), ["watch", "gift"])
    as_pandas = pd.Series([None if r is None else np.array(r, dtype=object) for r in ROWS])
    from_pandas = concept_feature_frame(counts_array(as_pandas), ["watch", "gift"])
    expected = pd.DataFrame(
        {"concept_watch_mentions": [1.0, 0, 3, 0], "concept_gift_mentions": [2.0, 0, 0, 1]}
    )
    pd.testing.assert_frame_equal(from_arrow, expected)
    pd.testing.assert_frame_equal(from_pandas, expected)


def test_supported_concepts_need_enough_mentioning_rows_most_frequent_first():
    counts = pa.array(ROWS * 3, type=COUNTS_TYPE)  # gift and watch in 6 rows, rare in 3
    assert supported_concepts(counts, min_support=4) == ["gift", "watch"]
    assert supported_concepts(counts, min_support=3, max_features=1) == ["gift"]
    assert supported_concepts(counts, min_support=7) == []
    assert supported_concepts(pa.array([], type=COUNTS_TYPE)) == []


def test_feature_subset_keeps_the_concept_list_in_step():
    features = FeatureSet(
        ["note_count", "purchase_count", "primary_language", "concept_gift_mentions"],
        ["primary_language"],
        ("gift",),
    )
    notes = features.subset(lambda name: name not in PURCHASE_HISTORY_COLUMNS)
    assert notes.names == ["note_count", "primary_language", "concept_gift_mentions"]
    assert notes.categorical == ["primary_language"] and notes.concepts == ("gift",)
    history = features.subset(lambda name: name in PURCHASE_HISTORY_COLUMNS)
    assert history.names == ["purchase_count"] and history.concepts == ()


def test_baseline_without_history_says_the_same_of_every_client():
    from client_intelligence.predictor_selection import BaselinePredictor

    examples, fits = add_point_in_time_features(training_examples(clients=300), HORIZONS)
    latest = examples[examples["cutoff_date"] == examples["cutoff_date"].max()]
    fit = fits[str(latest["cutoff_date"].iloc[0])]
    with_history = BaselinePredictor(fit, "purchase", HORIZONS).predict_proba(latest)[:, 1]
    unknown = BaselinePredictor(fit, "purchase", HORIZONS, history_known=False)
    without = unknown.predict_proba(latest)[:, 1]
    assert np.ptp(with_history) > 0.05  # the history ranks the clients...
    assert np.ptp(without) == 0  # ...and without it there is nothing to rank them by
    assert 0 < without[0] < 1


def test_notes_only_view_swaps_estimators_and_thresholds(tmp_path):
    metadata = {
        "thresholds": {"purchase": 0.3},
        "predictors": {"purchase": {"kept": "model"}},
        "notes_only": {"thresholds": {"purchase": 0.6}, "predictors": {"purchase": {"kept": "x"}}},
    }
    artifact = LoadedArtifact(tmp_path, metadata, {"purchase": "full", "notes_only_purchase": "n"})
    view = notes_only_view(artifact)
    assert view.estimators["purchase"] == "n" and view.metadata["thresholds"]["purchase"] == 0.6
    assert artifact.estimators["purchase"] == "full"  # the artifact itself is untouched
    old = LoadedArtifact(tmp_path, {"thresholds": {}}, {"purchase": "full"})
    with pytest.raises(ArtifactError, match="no notes-only model family"):
        notes_only_view(old)


@pytest.fixture(scope="module")
def trained():
    """A fast artifact on synthetic examples whose notes carry signal: a concept mentioned
    mostly by clients about to buy, and a count of complaints mentioned by those about to stop."""
    from client_intelligence.training import train_artifact

    examples = training_examples(clients=900, seed=3)
    rng = np.random.default_rng(5)
    buys = examples["label_purchased"].fillna(0).to_numpy() == 1
    gift = rng.random(len(examples)) < np.where(buys, 0.6, 0.15)
    examples["complaint_mentions"] = rng.poisson(
        np.where(examples["label_churned"].fillna(0) == 1, 1.5, 0.3)
    )
    examples["budget_max_eur"] = np.nan  # segmentation reads these profile columns
    examples["monetary_total_eur"] = examples["monetary_avg_eur"] * examples["purchase_count"]
    examples["concept_mention_counts"] = [
        [{"concept_id": "gift", "mentions": 1}] if has else [] for has in gift
    ]
    return train_artifact(examples, None, "fast", HORIZONS)


def test_artifact_keeps_a_notes_only_family_without_history(trained):
    metadata = trained.metadata
    assert "concept_gift_mentions" in metadata["feature_names"]
    assert metadata["concept_features"]["concepts"] == ["gift"]
    notes_names = metadata["notes_only"]["feature_names"]
    assert "complaint_mentions" in notes_names and "concept_gift_mentions" in notes_names
    assert not set(notes_names) & PURCHASE_HISTORY_COLUMNS
    assert not [name for name in notes_names if name.startswith(("bgnbd_", "gg_"))]
    for target in ("purchase", "churn", "clv"):
        assert f"notes_only_{target}" in trained.estimators
        assert target in metadata["notes_only"]["holdout_metrics"]


def test_ablation_measures_each_feature_group_on_the_same_holdout(trained):
    ablation = trained.metadata["ablation"]
    variants = {"all features", "without note features", "without purchase-history features"}
    for target, metric in (("purchase", "roc_auc"), ("churn", "roc_auc"), ("clv", "spearman")):
        assert set(ablation[target]) == variants
        assert all(0 <= ablation[target][v][metric] <= 1 for v in variants if metric != "spearman")
    # the synthetic gift mentions alone rank buyers (the notes-only model reads them), and the
    # history ranks them far better (the variants are not mixed up)
    purchase = {name: metrics["roc_auc"] for name, metrics in ablation["purchase"].items()}
    assert purchase["without purchase-history features"] > 0.65
    assert purchase["all features"] > purchase["without purchase-history features"] + 0.1
    assert purchase["without note features"] > purchase["without purchase-history features"] + 0.1
    assert purchase["all features"] != purchase["without note features"]

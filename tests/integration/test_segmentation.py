"""Client segments and the 3D map: k chosen on data, readable labels, stable coordinates."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import make_blobs

from client_intelligence.artifacts import load_artifact, write_artifact
from client_intelligence.project import DbtCommandError
from client_intelligence.segmentation import (
    BUDGET_FEATURES,
    PREDICTION_FEATURES,
    RFM_FEATURES,
    SEGMENTS_ESTIMATOR,
    ScoringArtifactMismatchError,
    SegmentationError,
    client_segments,
    fit_segmentation,
    segment_labels,
)
from tests.support import Warehouse

BUCKETS = [f"{bucket}_mentions" for bucket in ("intent", "occasion", "product", "sentiment")]
COLUMNS = [*BUCKETS, *BUDGET_FEATURES, *RFM_FEATURES, *PREDICTION_FEATURES]


def profiles_from(values: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(values, columns=COLUMNS)


def test_k_is_chosen_on_data():
    for clusters in (4, 6):
        values, _ = make_blobs(
            n_samples=600,
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


def only_version(warehouse: Warehouse):
    (version,) = list((warehouse.artifacts_dir / "fast").glob("v_*"))
    return version


def test_training_stores_the_segmentation_and_its_choice(trained_warehouse: Warehouse):
    metadata = json.loads((only_version(trained_warehouse) / "metadata.json").read_text())
    segmentation = metadata["segmentation"]
    assert metadata["files"][SEGMENTS_ESTIMATOR] == "segments.joblib"
    assert 3 <= segmentation["chosen_k"] <= 8
    assert segmentation["silhouette_by_k"][str(segmentation["chosen_k"])] == max(
        segmentation["silhouette_by_k"].values()
    )
    assert len(set(segmentation["labels"].values())) == segmentation["chosen_k"]
    assert len(segmentation["map_explained_variance"]) == 3
    assert "predicted_clv" in segmentation["features"]


def test_client_segments_has_one_row_per_scored_client(trained_warehouse: Warehouse):
    wh = trained_warehouse
    assert wh.scalar("select count(*) from client_segments") == wh.scalar(
        "select count(*) from client_profiles_with_predictions"
    )
    assert (
        wh.scalar(
            """
        select count(*) from client_profiles_with_predictions as scored
        anti join client_segments using (client_id)
        """
        )
        == 0
    )
    metadata = json.loads((only_version(wh) / "metadata.json").read_text())
    labels = {
        row[0]: row[1]
        for row in wh.query("select distinct segment_id, segment_label from client_segments")
    }
    assert {str(k): v for k, v in labels.items()}.items() <= metadata["segmentation"][
        "labels"
    ].items()


def test_map_is_stable_between_runs(trained_warehouse: Warehouse):
    query = "select client_id, segment_id, map_x, map_y, map_z from client_segments order by 1"
    before = trained_warehouse.query(query)
    trained_warehouse.dbt("run", "--select", "client_segments")
    assert trained_warehouse.query(query) == before


def scored_profiles(warehouse: Warehouse):
    import duckdb

    with duckdb.connect(str(warehouse.database), read_only=True) as connection:
        return connection.sql("select * from client_profiles_with_predictions").to_arrow_table()


def test_segments_come_from_the_artifact_that_scored(trained_warehouse: Warehouse, tmp_path):
    scored = scored_profiles(trained_warehouse)
    version = only_version(trained_warehouse)
    loaded = load_artifact(version)
    other = write_artifact("fast", loaded.estimators, _plain(loaded.metadata), root=tmp_path)
    with pytest.raises(ScoringArtifactMismatchError, match="dbt run --select predictions"):
        client_segments(scored, str(other))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ML_ARTIFACTS_DIR", str(trained_warehouse.artifacts_dir))
        table = client_segments(scored, None)
    assert table.num_rows == scored.num_rows
    assert client_segments(scored.slice(0, 0), None).num_rows == 0


def _plain(metadata: dict) -> dict:
    return {
        key: value for key, value in metadata.items() if key not in {"tier", "version", "files"}
    }


def test_artifact_without_segmentation_says_to_retrain(trained_warehouse: Warehouse, tmp_path):
    loaded = load_artifact(only_version(trained_warehouse))
    estimators = {k: v for k, v in loaded.estimators.items() if k != SEGMENTS_ESTIMATOR}
    metadata = {k: v for k, v in _plain(loaded.metadata).items() if k != "segmentation"}
    old = write_artifact("fast", estimators, metadata, root=tmp_path)
    try:
        with pytest.raises(
            DbtCommandError, match=r"no client segmentation.*python scripts/train.py --tier fast"
        ):
            trained_warehouse.dbt(
                "run", "--select", "predictions", variables={"model_dir": str(old)}
            )
    finally:
        trained_warehouse.dbt("run", "--select", "predictions")

"""Client segments and the 3D map: k chosen on data, readable labels, stable coordinates."""

from __future__ import annotations

import json

import pytest

from client_intelligence.artifacts import load_artifact, write_artifact
from client_intelligence.model_bodies import client_segments
from client_intelligence.project import DbtCommandError
from client_intelligence.segment_assignment import ScoringArtifactMismatchError
from client_intelligence.segmentation import (
    SEGMENTS_ESTIMATOR,
)
from tests.support import Warehouse


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

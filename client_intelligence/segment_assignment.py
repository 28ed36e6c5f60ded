"""Applying the client segmentation stored in an artifact to the scored profiles.

Fitting and labelling the segments is segmentation.py (at training time); this module finds the
artifact that scored the rows, checks it is that one, and assigns each client its segment and its
point on the 3D map.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from client_intelligence import artifacts
from client_intelligence.features import IDENTIFIER_COLUMNS
from client_intelligence.scoring import PREDICTION_COLUMNS
from client_intelligence.segmentation import (
    SEGMENTS_ESTIMATOR,
    ClientSegmentation,
    SegmentationMissingError,
)

SEGMENT_SCHEMA = pa.schema(
    [
        ("client_id", pa.string()),
        ("segment_id", pa.int32()),
        ("segment_label", pa.string()),
        ("distance_to_centre", pa.float64()),
        ("map_x", pa.float64()),
        ("map_y", pa.float64()),
        ("map_z", pa.float64()),
        ("model_tier", pa.string()),
        ("model_version", pa.string()),
    ]
)


def segmentation_of(artifact, train_command: str) -> ClientSegmentation:
    """The artifact's segmentation, or an error saying how to get one."""
    segmentation = artifact.estimators.get(SEGMENTS_ESTIMATOR)
    if segmentation is None:
        raise SegmentationMissingError(
            f"Artifact {artifact.tier}/{artifact.version} ({artifact.directory}) has no client "
            f"segmentation: it was trained before segments existed. Retrain with "
            f"`{train_command}`, then `dbt run --select predictions`."
        )
    return segmentation


def segment_table(scored: pa.Table, segmentation: ClientSegmentation) -> pa.Table:
    """The client_segments rows for scored profiles (client_profiles_with_predictions)."""
    frame = scored.select(["client_id", "model_tier", "model_version", *segmentation.features])
    frame = frame.to_pandas()
    assigned = segmentation.assign(frame)
    result = pd.concat(
        [frame[["client_id"]], assigned, frame[["model_tier", "model_version"]]], axis=1
    )
    result["client_id"] = result["client_id"].astype(str)
    return pa.Table.from_pandas(result[SEGMENT_SCHEMA.names], SEGMENT_SCHEMA, preserve_index=False)


class ScoringArtifactMismatchError(RuntimeError):
    """The artifact found is not the one that scored the predictions being segmented."""


def _scored_by(scored: pa.Table) -> tuple[str, str] | None:
    """The (tier, version) that scored every row, or None for no rows."""
    pairs = scored.select(["model_tier", "model_version"]).to_pandas().drop_duplicates()
    if pairs.empty:
        return None
    if len(pairs) > 1:
        raise ScoringArtifactMismatchError(
            "client_profiles_with_predictions mixes model versions "
            f"{sorted(map(tuple, pairs.to_numpy()))}: run `dbt run --select predictions`"
        )
    tier, version = pairs.iloc[0]
    return str(tier), str(version)


def load_scoring_segmentation(scored: pa.Table, model_dir: str | None):
    """The verified artifact that scored `scored`, and its segmentation.

    The `model_dir` var, when set, names it (as it did for the predictions); otherwise the rows'
    own model_tier/model_version name its directory. Either way the loaded version must be the
    one recorded on the rows, so segments and predictions never come from two models.
    """
    scored_by = _scored_by(scored)
    if scored_by is None:
        return None, None
    tier, version = scored_by
    directory = artifacts.scored_by_dir(tier, version, model_dir)
    excluded = IDENTIFIER_COLUMNS | set(PREDICTION_COLUMNS)
    scoring_features = [name for name in scored.column_names if name not in excluded]
    artifact = artifacts.load_artifact(directory, scoring_features)
    if (artifact.tier, artifact.version) != (tier, version):
        raise ScoringArtifactMismatchError(
            f"client_profiles_with_predictions was scored by {tier}/{version}, but {directory} "
            f"holds {artifact.tier}/{artifact.version}: run `dbt run --select predictions` so "
            "both use the same artifact"
        )
    command = (
        f"python scripts/train.py --tier {tier}"
        if tier in ("fast", "elite")
        else artifacts.TRAIN_COMMAND
    )
    return artifact, segmentation_of(artifact, command)

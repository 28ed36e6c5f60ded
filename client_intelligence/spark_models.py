"""The prediction models' bodies on a Spark DataFrame: the package's Arrow scoring and
segmentation applied partition by partition (mapInArrow), so a table larger than one machine is
scored where it lies, by the same code and the same verified artifact as on DuckDB.

The artifact is selected and verified on the driver (hashes, then features) before any task
starts; each Python worker then loads that same directory once, through the same checks, so
nothing is unpickled unverified on an executor either. Imported only when a Spark DataFrame
comes in: pyspark is an optional dependency (the `spark` extra).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema

from client_intelligence.artifacts import load_artifact, select_artifact_dir
from client_intelligence.features import IDENTIFIER_COLUMNS
from client_intelligence.scoring import (
    RANK_SCORE_COLUMN,
    LoadedArtifact,
    score_profiles,
    segment_cutoffs_from_seed,
)
from client_intelligence.segment_assignment import (
    SEGMENT_SCHEMA,
    load_scoring_segmentation,
    segment_table,
)


@lru_cache(maxsize=2)
def _worker_artifact(directory: str, features: tuple[str, ...]) -> LoadedArtifact:
    """The artifact in one Python worker, loaded once with the hash and feature checks (Spark
    reuses its Python workers across tasks)."""
    from client_intelligence.fast_estimators import accelerate

    artifact = load_artifact(Path(directory), list(features))
    for estimator in artifact.estimators.values():
        accelerate(estimator)
    return artifact


def score(
    profiles: DataFrame,
    segment_cutoffs: pd.DataFrame,
    model_dir: str | None,
    history_supplied: bool,
) -> DataFrame:
    """client_profiles_with_predictions on Spark: the rows of `score_profiles` for every
    profile; purchase_percentile ranks the whole table, as on DuckDB."""
    directory = str(select_artifact_dir(model_dir or None).resolve())
    features = tuple(name for name in profiles.columns if name not in IDENTIFIER_COLUMNS)
    artifact = _worker_artifact(directory, features)  # verified before any task runs
    cutoffs = segment_cutoffs_from_seed(segment_cutoffs)
    scored_at = dt.datetime.now(dt.UTC)  # one moment for every partition

    def score_table(table: pa.Table, loaded: LoadedArtifact) -> pa.Table:
        return score_profiles(
            table, loaded, cutoffs, scored_at, history_supplied=history_supplied, rank_scores=True
        )

    input_schema = profiles.limit(0).toArrow().schema
    output_schema = score_table(input_schema.empty_table(), artifact).schema

    def score_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        table = pa.Table.from_batches(list(batches), schema=input_schema)
        if table.num_rows:
            scored = score_table(table, _worker_artifact(directory, features))
            yield from scored.to_batches()

    scored = profiles.mapInArrow(score_partition, from_arrow_schema(output_schema))
    # one window over every row, as untied_percentile ranks one table (a single partition)
    by_score = Window.orderBy("purchase_probability", RANK_SCORE_COLUMN)
    percentile = F.round(F.cume_dist().over(by_score) * 100, 2)
    return scored.withColumn("purchase_percentile", percentile).drop(RANK_SCORE_COLUMN)


def segments(scored: DataFrame, model_dir: str | None) -> DataFrame:
    """client_segments on Spark: the artifact that scored the rows (one row per model version
    is enough to name and verify it), its segmentation applied partition by partition."""
    one_per_version = scored.dropDuplicates(["model_tier", "model_version"]).toArrow()
    _, segmentation = load_scoring_segmentation(one_per_version, model_dir)
    session = scored.sparkSession
    if segmentation is None:
        return session.createDataFrame([], from_arrow_schema(SEGMENT_SCHEMA))
    input_schema = scored.limit(0).toArrow().schema

    def segment_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        table = pa.Table.from_batches(list(batches), schema=input_schema)
        if table.num_rows:
            yield from segment_table(table, segmentation).to_batches()

    return scored.mapInArrow(segment_partition, from_arrow_schema(SEGMENT_SCHEMA))

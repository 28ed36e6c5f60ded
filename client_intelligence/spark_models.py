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
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
from pyspark.sql import DataFrame, Window
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema

from client_intelligence.artifacts import select_artifact_dir
from client_intelligence.scoring import (
    RANK_SCORE_COLUMN,
    LoadedArtifact,
    load_scoring_artifact,
    score_profiles,
    segment_cutoffs_from_seed,
)
from client_intelligence.segment_assignment import (
    SEGMENT_SCHEMA,
    load_scoring_segmentation,
    segment_table,
)


@lru_cache(maxsize=2)
def _worker_artifact(directory: str, profile_columns: tuple[str, ...]) -> LoadedArtifact:
    """The artifact in one Python worker, loaded once with the hash and feature checks (Spark
    reuses its Python workers across tasks)."""
    return load_scoring_artifact(Path(directory), profile_columns)


def _map_tables(
    frame: DataFrame, function: Callable[[pa.Table], pa.Table], output: pa.Schema
) -> DataFrame:
    """`function` applied to each non-empty partition of `frame` as one Arrow table."""
    input_schema = frame.limit(0).toArrow().schema

    def each_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        table = pa.Table.from_batches(list(batches), schema=input_schema)
        if table.num_rows:
            yield from function(table).to_batches()

    return frame.mapInArrow(each_partition, from_arrow_schema(output))


def score(
    profiles: DataFrame,
    segment_cutoffs: pd.DataFrame,
    model_dir: str | None,
    history_supplied: bool,
) -> DataFrame:
    """client_profiles_with_predictions on Spark: the rows of `score_profiles` for every
    profile; purchase_percentile ranks the whole table, as on DuckDB."""
    directory = str(select_artifact_dir(model_dir or None).resolve())
    columns = tuple(profiles.columns)
    cutoffs = segment_cutoffs_from_seed(segment_cutoffs)
    scored_at = dt.datetime.now(dt.UTC)  # one moment for every partition

    def score_table(table: pa.Table) -> pa.Table:
        artifact = _worker_artifact(directory, columns)
        return score_profiles(
            table, artifact, cutoffs, scored_at, history_supplied=history_supplied, rank_scores=True
        )

    # scoring no rows on the driver verifies the artifact before any task runs, and types the
    # output
    output_schema = score_table(profiles.limit(0).toArrow()).schema
    scored = _map_tables(profiles, score_table, output_schema)
    # one window over every row, as untied_percentile ranks one table (a single partition)
    by_score = Window.orderBy("purchase_probability", RANK_SCORE_COLUMN)
    percentile = F.round(F.cume_dist().over(by_score) * 100, 2)
    return scored.withColumn("purchase_percentile", percentile).drop(RANK_SCORE_COLUMN)


def segments(scored: DataFrame, model_dir: str | None) -> DataFrame:
    """client_segments on Spark: the artifact that scored the rows (one row per model version
    is enough to name and verify it), its segmentation applied partition by partition."""
    one_per_version = scored.dropDuplicates(["model_tier", "model_version"]).toArrow()
    _, segmentation = load_scoring_segmentation(one_per_version, model_dir)
    if segmentation is None:
        return scored.sparkSession.createDataFrame([], from_arrow_schema(SEGMENT_SCHEMA))
    return _map_tables(scored, lambda table: segment_table(table, segmentation), SEGMENT_SCHEMA)

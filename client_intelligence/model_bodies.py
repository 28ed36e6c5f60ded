"""The bodies of the dbt Python models (python_models/predictions/*.py), one function each.

Kept here, not in the model files, so pytest can exercise them and the models stay thin callers.
dbt finds a model's upstream and config keys by reading its file, so each model file keeps its
own `dbt.ref` / `dbt.config.get` calls (inside `upstream_required`, which names that model and
what it reads when a table is missing) and hands the relations to its body here. A body takes
whatever its engine hands it (client_intelligence.frames): DuckDB relations, or Spark
DataFrames, scored where they lie (client_intelligence.spark_models). So the same model files
run on dbt-duckdb, on dbt-databricks and through scripts/run_spark.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
import pyarrow as pa

from client_intelligence import frames
from client_intelligence.model_quality import model_quality_table
from client_intelligence.monitoring import monitoring_table
from client_intelligence.scoring import (
    load_selected_artifact,
    score_profiles,
    segment_cutoffs_from_seed,
)
from client_intelligence.segment_assignment import (
    SEGMENT_SCHEMA,
    load_scoring_segmentation,
    segment_table,
)

# The columns of prediction_outcomes that the monitoring checks read.
OUTCOME_COLUMNS = (
    "client_id",
    "as_of_date",
    "model_tier",
    "model_version",
    "purchase_probability",
    "churn_risk",
    "purchase_window_complete",
    "churn_window_complete",
    "label_purchased",
    "label_churned",
)


class UpstreamMissingError(RuntimeError):
    """The tables a Python model reads do not exist yet."""


@contextmanager
def upstream_required(model: str, upstream: Sequence[str]) -> Iterator[None]:
    """Turn a missing upstream table into the instruction the analyst needs, naming the model
    that raised it and the tables it reads."""
    try:
        yield
    except Exception as error:
        if not _is_missing_table(error):
            raise
        raise UpstreamMissingError(
            f"{model} reads {' and '.join(upstream)}, which does not exist yet in the "
            "warehouse: run `dbt build` first (`dbt run --select predictions` only re-scores "
            f"existing profiles). The engine said: {error}"
        ) from error


def _is_missing_table(error: Exception) -> bool:
    """DuckDB's catalog error, or Spark's TABLE_OR_VIEW_NOT_FOUND analysis error."""
    if isinstance(error, duckdb.CatalogException):
        return True
    return type(error).__name__ == "AnalysisException" and "TABLE_OR_VIEW_NOT_FOUND" in str(error)


def purchase_history_supplied(setting: str | bool | None, any_sale: bool) -> bool:
    """The `purchase_history_supplied` var: true or false as set; `auto` (or unset) is true when
    the build read at least one sale. Without any, "no purchase" means unknown, not prospect."""
    text = str(setting).strip().lower() if setting is not None else "auto"
    if text in ("", "auto", "none"):
        return any_sale
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise ValueError(f"purchase_history_supplied must be auto, true or false, not {setting!r}")


def client_profiles_with_predictions(
    profiles: Any,
    segment_cutoffs: Any,
    transactions: Any,
    model_dir: str | None,
    history_setting: str | bool | None = "auto",
) -> Any:
    """Every client profile scored by the selected, verified artifact. With the purchase history
    supplied, clients who never bought are prospects (no churn risk); without it, the
    artifact's notes-only family scores. A Spark DataFrame is scored where it lies."""
    history_supplied = purchase_history_supplied(history_setting, frames.has_rows(transactions))
    cutoffs = frames.to_pandas(segment_cutoffs)
    if frames.is_spark(profiles):
        from client_intelligence import spark_models

        return spark_models.score(profiles, cutoffs, model_dir, history_supplied)
    table = frames.to_arrow(profiles)
    artifact = load_selected_artifact(model_dir or None, table.column_names)
    return score_profiles(
        table, artifact, segment_cutoffs_from_seed(cutoffs), history_supplied=history_supplied
    )


def client_segments(scored: Any, model_dir: str | None) -> Any:
    """Every scored client's segment and map point, from the artifact that scored it (no rows
    for no scored clients)."""
    if frames.is_spark(scored):
        from client_intelligence import spark_models

        return spark_models.segments(scored, model_dir)
    table = frames.to_arrow(scored)
    _, segmentation = load_scoring_segmentation(table, model_dir)
    if segmentation is None:
        return SEGMENT_SCHEMA.empty_table()
    return segment_table(table, segmentation)


def ml_model_monitoring(
    scoring: Any, outcomes: Any, model_dir: str | None, horizons: dict[str, int]
) -> Any:
    """Drift and realized-performance checks of today's scoring run (computed in memory: one
    row per client and per past prediction)."""
    outcome_frame = frames.to_pandas(frames.columns_of(outcomes, OUTCOME_COLUMNS))
    table = monitoring_table(frames.to_pandas(scoring), outcome_frame, model_dir, horizons)
    return _on_engine_of(scoring, table)


def ml_model_quality(scored: Any, model_dir: str | None) -> Any:
    """The scoring artifact's metadata.json as rows the model-quality export models read."""
    scored_by = frames.distinct_rows(scored, ["model_tier", "model_version"])
    pairs = [(str(tier), str(version)) for tier, version in scored_by]
    return _on_engine_of(scored, model_quality_table(pairs, model_dir))


def _on_engine_of(frame: Any, table: pa.Table) -> Any:
    """A small result computed in memory, handed back on the engine of the model's input."""
    if frames.is_spark(frame):
        return frame.sparkSession.createDataFrame(table)
    return table

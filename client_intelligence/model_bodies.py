"""The bodies of the dbt Python models (python_models/predictions/*.py), one function each.

Kept here, not in the model files, so pytest can exercise them and the models stay thin callers.
dbt finds a model's upstream and config keys by reading its file, so each model file keeps its
own `dbt.ref` / `dbt.config.get` calls (inside `upstream_required`, which names that model and
what it reads when a table is missing) and hands the tables to its body here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import duckdb
import pandas as pd
import pyarrow as pa

from client_intelligence.monitoring import monitoring_table
from client_intelligence.scoring import (
    HISTORY_NOT_SUPPLIED,
    HISTORY_SUPPLIED,
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
    "client_id, as_of_date, model_tier, model_version, purchase_probability, churn_risk,"
    " purchase_window_complete, churn_window_complete, label_purchased, label_churned"
)


class UpstreamMissingError(RuntimeError):
    """The tables a Python model reads do not exist yet."""


@contextmanager
def upstream_required(model: str, upstream: Sequence[str]) -> Iterator[None]:
    """Turn a missing upstream table into the instruction the analyst needs, naming the model
    that raised it and the tables it reads."""
    try:
        yield
    except duckdb.CatalogException as error:
        raise UpstreamMissingError(
            f"{model} reads {' and '.join(upstream)}, which does not exist yet in this DuckDB "
            "file: run `dbt build` first (`dbt run --select predictions` only re-scores "
            f"existing profiles). DuckDB said: {error}"
        ) from error


def client_profiles_with_predictions(
    profiles: pa.Table,
    segment_cutoffs: pd.DataFrame,
    model_dir: str | None,
    purchase_history: str = HISTORY_SUPPLIED,
) -> pa.Table:
    """Every client profile scored by the selected, verified artifact; by its notes-only family
    when the `purchase_history` var says the sales were not supplied."""
    if purchase_history not in (HISTORY_SUPPLIED, HISTORY_NOT_SUPPLIED):
        raise ValueError(
            f"purchase_history is {purchase_history!r}: expected {HISTORY_SUPPLIED!r} or "
            f"{HISTORY_NOT_SUPPLIED!r}"
        )
    artifact = load_selected_artifact(model_dir or None, profiles.column_names)
    return score_profiles(
        profiles,
        artifact,
        segment_cutoffs_from_seed(segment_cutoffs),
        history_supplied=purchase_history == HISTORY_SUPPLIED,
    )


def client_segments(scored: pa.Table, model_dir: str | None) -> pa.Table:
    """Every scored client's segment and map point, from the artifact that scored it (no rows
    for no scored clients)."""
    _, segmentation = load_scoring_segmentation(scored, model_dir)
    if segmentation is None:
        return SEGMENT_SCHEMA.empty_table()
    return segment_table(scored, segmentation)


def ml_model_monitoring(
    scoring: pd.DataFrame, outcomes: pd.DataFrame, model_dir: str | None, horizons: dict[str, int]
) -> pa.Table:
    """Drift and realized-performance checks of today's scoring run."""
    return monitoring_table(scoring, outcomes, model_dir, horizons)

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
    profiles: pa.Table,
    segment_cutoffs: pd.DataFrame,
    model_dir: str | None,
    history_supplied: bool = True,
) -> pa.Table:
    """Every client profile scored by the selected, verified artifact. With the purchase history
    supplied, clients who never bought are prospects (no churn risk); without it, the
    artifact's notes-only family scores."""
    artifact = load_selected_artifact(model_dir or None, profiles.column_names)
    return score_profiles(
        profiles,
        artifact,
        segment_cutoffs_from_seed(segment_cutoffs),
        history_supplied=history_supplied,
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


def ml_model_quality(scored_by: Sequence[tuple[str, str]], model_dir: str | None) -> pa.Table:
    """The scoring artifact's metadata.json as rows the model-quality export models read."""
    pairs = [(str(tier), str(version)) for tier, version in scored_by]
    return model_quality_table(pairs, model_dir)

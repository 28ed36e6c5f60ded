"""The body of the dbt Python model client_profiles_with_predictions.

Kept here, not in the model file, so pytest can exercise it and the model stays a thin caller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb
import pyarrow as pa

from client_intelligence.scoring import (
    load_selected_artifact,
    score_profiles,
    segment_cutoffs_from_seed,
)


class UpstreamMissingError(RuntimeError):
    """The tables the predictions read do not exist yet."""


def _read(relation: Callable[[], Any], name: str) -> pa.Table:
    try:
        return relation().to_arrow_table()
    except duckdb.CatalogException as error:
        raise UpstreamMissingError(
            f"{name} does not exist yet in this DuckDB file: run `dbt build` first "
            "(`dbt run --select predictions` only re-scores existing profiles)."
        ) from error


def predict_for_dbt(
    profiles: Callable[[], Any], segment_seed: Callable[[], Any], model_dir: str | None
) -> pa.Table:
    profile_table = _read(profiles, "client_profiles")
    seed = _read(segment_seed, "segment_cutoffs").to_pandas()
    artifact = load_selected_artifact(model_dir or None, profile_table.column_names)
    return score_profiles(profile_table, artifact, segment_cutoffs_from_seed(seed))

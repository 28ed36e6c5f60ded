"""The body of the dbt Python model client_profiles_with_predictions.

Kept here, not in the model file, so pytest can exercise it and the model stays a thin caller.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd
import pyarrow as pa

from client_intelligence.scoring import (
    load_selected_artifact,
    score_profiles,
    segment_cutoffs_from_seed,
)


class UpstreamMissingError(RuntimeError):
    """The tables the predictions read do not exist yet."""


@contextmanager
def upstream_required() -> Iterator[None]:
    """Turn a missing upstream table into the instruction the analyst needs."""
    try:
        yield
    except duckdb.CatalogException as error:
        raise UpstreamMissingError(
            "client_profiles or segment_cutoffs does not exist yet in this DuckDB file: run "
            "`dbt build` first (`dbt run --select predictions` only re-scores existing "
            f"profiles). DuckDB said: {error}"
        ) from error


def predict(profiles: pa.Table, segment_cutoffs: pd.DataFrame, model_dir: str | None) -> pa.Table:
    artifact = load_selected_artifact(model_dir or None, profiles.column_names)
    return score_profiles(profiles, artifact, segment_cutoffs_from_seed(segment_cutoffs))

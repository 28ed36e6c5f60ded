"""Per-concept mention counts as model features: which concepts, and their columns.

int_client_features_as_of gives every client and snapshot a list of (concept_id, mentions). A
model can only learn from a concept that enough examples mention, so training keeps the concepts
with at least MIN_CONCEPT_SUPPORT mentioning examples (at most MAX_CONCEPT_FEATURES, the most
frequent first) and writes them to the artifact's metadata; scoring builds the same columns from
the same list, so a concept that is rare in a scored file still gets its column (mostly zeros).
Support is counted on every training example: it reads no label, so it leaks nothing.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

CONCEPT_COUNTS_COLUMN = "concept_mention_counts"
COUNTS_TYPE = pa.list_(pa.struct([("concept_id", pa.string()), ("mentions", pa.int64())]))
# In the spirit of predictor_selection.MIN_CLASS_EXAMPLES: below 100 examples a tree cannot
# split on a concept reliably, and a linear weight on it is noise.
MIN_CONCEPT_SUPPORT = 100
MAX_CONCEPT_FEATURES = 40


def column_name(concept_id: str) -> str:
    return f"concept_{concept_id}_mentions"


def counts_array(values: pa.Array | pa.ChunkedArray | pd.Series) -> pa.Array:
    """The counts as one Arrow list array, from Arrow (scoring) or a pandas column (training)."""
    if isinstance(values, pd.Series):
        values = pa.array(
            [None if _is_missing(item) else list(item) for item in values], type=COUNTS_TYPE
        )
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks else pa.array([], COUNTS_TYPE)
    return values


def _is_missing(item) -> bool:
    return not isinstance(item, list | np.ndarray) and pd.isna(item)


def supported_concepts(
    counts: pa.Array,
    min_support: int = MIN_CONCEPT_SUPPORT,
    max_features: int = MAX_CONCEPT_FEATURES,
) -> list[str]:
    """The concepts mentioned by at least `min_support` rows, most frequent first (ties by id)."""
    concept_ids = pc.list_flatten(counts).field("concept_id")
    if not len(concept_ids):
        return []
    support = pc.value_counts(concept_ids).to_pylist()  # each row names a concept once
    frequent = [
        (item["counts"], item["values"]) for item in support if item["counts"] >= min_support
    ]
    frequent.sort(key=lambda pair: (-pair[0], pair[1]))
    return [concept for _, concept in frequent[:max_features]]


def concept_feature_frame(counts: pa.Array, concepts: list[str], index=None) -> pd.DataFrame:
    """One column of mention counts per concept in `concepts` (0 when not mentioned)."""
    matrix = np.zeros((len(counts), len(concepts)), dtype=np.float64)
    if concepts and len(counts):
        flat = pc.list_flatten(counts)
        rows = pc.list_parent_indices(counts).to_numpy()
        positions = pc.index_in(flat.field("concept_id"), value_set=pa.array(concepts))
        known = pc.is_valid(positions).to_numpy(zero_copy_only=False)
        matrix[rows[known], positions.to_numpy(zero_copy_only=False)[known].astype(np.int64)] = (
            flat.field("mentions").to_numpy(zero_copy_only=False)[known]
        )
    return pd.DataFrame(matrix, columns=[column_name(c) for c in concepts], index=index)


def add_concept_features(
    frame: pd.DataFrame, concepts: list[str], counts: pa.Array | None = None
) -> pd.DataFrame:
    """`frame` plus the concept columns; the counts are read from `frame` unless given."""
    if counts is None:
        counts = counts_array(frame[CONCEPT_COUNTS_COLUMN])
    return pd.concat([frame, concept_feature_frame(counts, concepts, frame.index)], axis=1)

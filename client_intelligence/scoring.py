"""Applying a verified artifact to client profiles: scores, decisions, segments, drivers.

Called by the dbt Python model (client_profiles_with_predictions) and the CSV scorer, so both
score the same way. Works column-wise on Arrow/NumPy: no row-by-row Python.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from client_intelligence.artifacts import (
    LoadedArtifact,
    load_artifact,
    notes_only_view,
    select_artifact_dir,
)
from client_intelligence.batch_threads import map_batches
from client_intelligence.calibration import predict_with_rank
from client_intelligence.clv_intervals import predict_clv_interval
from client_intelligence.concept_features import (
    CONCEPT_COUNTS_COLUMN,
    add_concept_features,
    counts_array,
)
from client_intelligence.drivers import Phrasebook, project_phrasebook, score_drivers
from client_intelligence.fast_estimators import accelerate
from client_intelligence.features import IDENTIFIER_COLUMNS
from client_intelligence.purchase_history import add_features as add_purchase_history_features

# The columns score_profiles adds, with their types (typed even when no row is scored).
PREDICTION_SCHEMA = pa.schema(
    [
        ("purchase_probability", pa.float64()),
        ("will_purchase", pa.int32()),
        ("churn_risk", pa.float64()),
        ("will_churn", pa.int32()),
        ("predicted_clv", pa.float64()),
        ("predicted_clv_low", pa.float64()),
        ("predicted_clv_high", pa.float64()),
        ("value_segment", pa.string()),
        ("risk_segment", pa.string()),
        ("purchase_percentile", pa.float64()),
        ("top_drivers", pa.string()),
        ("churn_drivers", pa.string()),
        ("model_tier", pa.string()),
        ("model_version", pa.string()),
        ("history", pa.string()),
        ("scored_at", pa.timestamp("us")),
    ]
)
PREDICTION_COLUMNS = tuple(PREDICTION_SCHEMA.names)
# The history column: whether the scores used the client's sales (the full model) or the notes
# alone (the artifact's notes-only family: the CSV scorer without --transactions).
HISTORY_SUPPLIED, HISTORY_NOT_SUPPLIED = "supplied", "not supplied"
# The uncalibrated purchase ranking score that breaks ties in purchase_percentile.
RANK_SCORE_COLUMN = "purchase_rank_score"
# The risk segment of a client with no purchase before the profile date: churn (no purchase
# within the horizon, for someone who bought before) is neither defined nor trained for them, so
# their churn_risk and will_churn are null, not an extrapolation.
PROSPECT_SEGMENT = "Prospect"
# Clients scored together: memory stays bounded at any client count, and each batch's matrices
# (32,768 rows x 120 features, 31 MB) stay under glibc's largest mmap threshold, so they reuse
# freed memory instead of faulting in new pages (measured: 8,192 rows is slower by per-call
# overheads, 65,536 by page faults). At most the drivers' chunk, so each batch's preprocessing
# is computed once for the scores and the drivers.
BATCH_ROWS = 32_768
# Batches scored at once, each in its own thread.
SCORING_THREADS = min(os.cpu_count() or 1, 2)


@dataclass(frozen=True)
class SegmentCutoffs:
    """Lower bounds and names of ordered segments (e.g. Safe < Monitor < At Risk < Critical)."""

    lower_bounds: tuple[float, ...]
    names: tuple[str, ...]

    def assign(self, values: np.ndarray) -> np.ndarray:
        """A value belongs to the last segment whose lower bound it reaches."""
        positions = np.searchsorted(np.asarray(self.lower_bounds), values, side="right") - 1
        return np.asarray(self.names, dtype=object)[np.clip(positions, 0, len(self.names) - 1)]


def segment_cutoffs_from_seed(seed: pd.DataFrame) -> dict[str, SegmentCutoffs]:
    """From the segment_cutoffs seed: one SegmentCutoffs per segment_type. A row without a
    lower bound is not a band of the score (the Prospect risk segment is given by rule, in
    score_profiles), so it is left out here."""
    cutoffs = {}
    banded = seed[seed["lower_bound"].notna()]
    for segment_type, rows in banded.sort_values("segment_order").groupby("segment_type"):
        cutoffs[str(segment_type)] = SegmentCutoffs(
            tuple(float(x) for x in rows["lower_bound"]), tuple(str(x) for x in rows["segment"])
        )
    return cutoffs


def feature_frame(profiles: pa.Table) -> pd.DataFrame:
    """The feature-like columns of the profiles, as the pipelines expect them."""
    names = [n for n in profiles.column_names if n not in IDENTIFIER_COLUMNS]
    return profiles.select(names).to_pandas()


def model_features(profiles: pa.Table, artifact: LoadedArtifact) -> pd.DataFrame:
    """The artifact's features in its order: the SQL ones, plus the purchase-history features
    of the BG/NBD + Gamma-Gamma fit the artifact keeps and the per-concept counts of the concepts
    it learned from (the same code as at training)."""
    features = feature_frame(profiles)
    baseline = artifact.estimators.get("baseline")
    if baseline is not None and artifact.metadata.get("derived_features"):
        features = add_purchase_history_features(
            features, baseline, artifact.metadata["horizons_days"]
        )
    concepts = artifact.metadata.get("concept_features", {}).get("concepts", [])
    if concepts:
        counts = counts_array(profiles[CONCEPT_COUNTS_COLUMN])
        features = add_concept_features(features, concepts, counts)
    return features[artifact.feature_names]


def top_drivers(artifact: LoadedArtifact, features: pd.DataFrame) -> pa.Array:
    """What pushed each client's purchase score most, from the purchase predictor itself, e.g.
    "+2 intent mentions in the last 90 days; -210 days since the last purchase" (drivers)."""
    return score_drivers(
        artifact.estimators["purchase"], features, "purchase", _phrasebook(artifact)
    )


def churn_drivers(
    artifact: LoadedArtifact, features: pd.DataFrame, null_rows: np.ndarray | None = None
) -> pa.Array:
    """What pushed each client's churn risk most (+ towards churn), from the churn predictor;
    null where `null_rows` (the rows whose churn_risk is null)."""
    return score_drivers(
        artifact.estimators["churn"], features, "churn", _phrasebook(artifact), null_rows
    )


def _phrasebook(artifact: LoadedArtifact) -> Phrasebook:
    horizons = artifact.metadata.get("horizons_days") or {}
    return project_phrasebook(tuple(sorted(horizons.items())) or None)


def all_predictions(estimators: Mapping[str, Any], features: pd.DataFrame) -> dict[str, np.ndarray]:
    """Every score per row: probabilities with their untied ranking scores, CLV and its interval.

    Shared by scoring and by the segmentation fitted at training time, so both see the same
    numbers."""
    if not len(features):  # sklearn refuses empty input: an empty, typed result
        empty = np.empty(0)
        names = ("purchase", "purchase_rank", "churn", "clv", "clv_low", "clv_high")
        return dict.fromkeys(names, empty)
    purchase, purchase_rank = predict_with_rank(estimators["purchase"], features)
    churn, _ = predict_with_rank(estimators["churn"], features)
    clv, clv_low, clv_high = predict_clv_interval(estimators["clv"], features)
    return {
        "purchase": purchase,
        "purchase_rank": purchase_rank,
        "churn": churn,
        "clv": clv,
        "clv_low": clv_low,
        "clv_high": clv_high,
    }


def untied_percentile(probability: np.ndarray, rank_score: np.ndarray) -> np.ndarray:
    """Percentile (0-100] by probability, ties broken by the uncalibrated ranking score."""
    if not len(probability):
        return np.empty(0)
    _, by_probability = np.unique(probability, return_inverse=True)
    _, by_score = np.unique(rank_score, return_inverse=True)
    key = by_probability.astype(np.int64) * (int(by_score.max()) + 1) + by_score
    return pd.Series(key).rank(pct=True, method="max").to_numpy() * 100


def never_bought(purchase_count: np.ndarray) -> np.ndarray:
    """True where a client has no purchase before the profile date (a missing count is none)."""
    counts = pd.to_numeric(pd.Series(purchase_count), errors="coerce").fillna(0).to_numpy()
    return counts <= 0


def prospects_of(profiles: pa.Table) -> np.ndarray:
    """The prospects among the profiles: no purchase before the profile date."""
    if "purchase_count" not in profiles.column_names:
        raise ValueError(
            "profiles have no purchase_count, so prospects cannot be told from past buyers; "
            "score them with history_supplied=False if no purchase history was supplied"
        )
    return never_bought(profiles["purchase_count"].to_numpy(zero_copy_only=False))


def score_profiles(
    profiles: pa.Table,
    artifact: LoadedArtifact,
    segment_cutoffs: dict[str, SegmentCutoffs],
    scored_at: dt.datetime | None = None,
    history_supplied: bool = True,
    rank_scores: bool = False,
) -> pa.Table:
    """Every column of `profiles` plus the prediction columns.

    With `history_supplied` (the profiles carry the clients' purchase history), a client with
    no purchase before the profile date is a prospect: churn_risk and will_churn are null and
    risk_segment is PROSPECT_SEGMENT; purchase probability and CLV are scored as for anyone.
    Without it (notes alone: no purchases means unknown, not none), the artifact's notes-only
    family scores every client, and the history column says 'not supplied'.

    purchase_percentile ranks the clients of `profiles`. A caller that scores a larger
    population in parts (Spark's partitions) asks for `rank_scores`: a last column,
    RANK_SCORE_COLUMN, with which untied_percentile's order is (purchase_probability, it).
    """
    count = profiles.num_rows
    prospects = prospects_of(profiles) if history_supplied else np.zeros(count, dtype=bool)
    scored = artifact if history_supplied else notes_only_view(artifact)
    size = _batch_size(count)

    def score(start: int) -> tuple[dict[str, np.ndarray], pa.Array, pa.Array]:
        return _score_batch(profiles.slice(start, size), artifact, scored, prospects[start:])

    # the trees, NumPy and Arrow release the GIL: two batches use two cores
    # (no rows: one empty batch, for the typed empty columns)
    batches = map_batches(score, range(0, max(count, 1), size), SCORING_THREADS)
    predictions = {name: np.concatenate([b[0][name] for b in batches]) for name in batches[0][0]}
    purchase, churn, clv = predictions["purchase"], predictions["churn"], predictions["clv"]
    thresholds = scored.metadata["thresholds"]
    percentile = untied_percentile(purchase, predictions["purchase_rank"])
    moment = (scored_at or dt.datetime.now(dt.UTC)).replace(tzinfo=None)
    columns = {
        "purchase_probability": purchase,
        "will_purchase": (purchase >= thresholds["purchase"]).astype(np.int32),
        "churn_risk": churn,
        "will_churn": (churn >= thresholds["churn"]).astype(np.int32),
        "predicted_clv": np.round(clv, 2),
        "predicted_clv_low": np.round(predictions["clv_low"], 2),
        "predicted_clv_high": np.round(predictions["clv_high"], 2),
        "value_segment": segment_cutoffs["value"].assign(clv),
        "risk_segment": np.where(
            prospects, PROSPECT_SEGMENT, segment_cutoffs["risk"].assign(churn)
        ),
        "purchase_percentile": np.round(percentile, 2),
        "top_drivers": _concat_texts([b[1] for b in batches]),
        "churn_drivers": _concat_texts([b[2] for b in batches]),
        "model_tier": np.full(count, scored.tier, dtype=object),
        "model_version": np.full(count, scored.version, dtype=object),
        "history": np.full(
            count, HISTORY_SUPPLIED if history_supplied else HISTORY_NOT_SUPPLIED, dtype=object
        ),
        "scored_at": np.full(count, moment, dtype="datetime64[us]"),
    }
    nulls = {"churn_risk": prospects, "will_churn": prospects}  # no support: null, no guess
    table = profiles
    for name in PREDICTION_COLUMNS:
        column = columns[name]
        if not isinstance(column, pa.Array):  # the driver texts are Arrow already
            column = pa.array(column, PREDICTION_SCHEMA.field(name).type, mask=nulls.get(name))
        table = table.append_column(name, column)
    if rank_scores:
        table = table.append_column(RANK_SCORE_COLUMN, pa.array(predictions["purchase_rank"]))
    return table


def _batch_size(count: int) -> int:
    """Rows per batch: at most BATCH_ROWS, all batches of about the same size (a small last
    batch would take the slower small-input paths)."""
    if count <= BATCH_ROWS:
        return max(count, 1)
    batches = -(-count // BATCH_ROWS)
    return -(-count // batches)


def _score_batch(
    profiles: pa.Table, artifact: LoadedArtifact, scored: LoadedArtifact, prospects: np.ndarray
) -> tuple[dict[str, np.ndarray], pa.Array, pa.Array]:
    """One batch's scores and driver texts. The features follow `artifact` (the one the
    profiles were verified against); `scored` is the family that scores them."""
    features = model_features(profiles, artifact)
    predictions = all_predictions(scored.estimators, features)
    if not len(features):
        return predictions, pa.array([], pa.string()), pa.array([], pa.string())
    null_churn = prospects[: len(features)] | pd.isna(predictions["churn"])
    return (
        predictions,
        top_drivers(scored, features),
        churn_drivers(scored, features, null_churn),
    )


def _concat_texts(parts: list[pa.Array]) -> pa.Array:
    return pa.concat_arrays(parts) if len(parts) > 1 else parts[0]


def load_selected_artifact(
    model_dir: str | None, profile_columns: list[str], root=None
) -> LoadedArtifact:
    """Select (pinned, continuous champion, elite, fast) and load with feature verification."""
    return load_scoring_artifact(select_artifact_dir(model_dir, root), profile_columns)


def load_scoring_artifact(directory: Path, profile_columns: Sequence[str]) -> LoadedArtifact:
    """The artifact in `directory`, verified (hashes, then the profiles' features) and with its
    estimators accelerated for scoring."""
    scoring_features = [name for name in profile_columns if name not in IDENTIFIER_COLUMNS]
    artifact = load_artifact(directory, scoring_features)
    for estimator in artifact.estimators.values():
        accelerate(estimator)
    return artifact

"""Client segments and the 3D client map, fitted at training time and stored in the artifact.

A client's profile vector is what they talk about (concept mentions per bucket), what they say
they can spend (budget), how they buy (recency, frequency, monetary value) and what the models
expect of them (purchase probability, churn risk, predicted CLV). The vectors are imputed,
log-scaled (counts and euros are heavy-tailed) and standardized; k-means groups them, with the
number of segments chosen by silhouette; a PCA to three dimensions gives the map. All of it is
fitted once, by `train_artifact`, and stored with the other estimators, so the same artifact
always puts a client in the same segment and at the same point of the map.

Labels are derived from the fitted centres: a centre's standardized value of a feature is how far
the segment's typical member sits from the whole population, in standard deviations, so the
features furthest from zero are what distinguishes the segment. They are named with the
feature's readable phrase ("high budget", "at risk"), never with the population's top concepts.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.metrics import silhouette_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from client_intelligence.features import signed_log1p
from client_intelligence.scoring import all_predictions, never_bought

SEGMENTS_ESTIMATOR = "segments"
K_RANGE = range(3, 9)  # 3..8 segments: fewer says little, more is more than an advisor reads
SILHOUETTE_SAMPLE = 3000  # silhouette is quadratic in rows; a fixed-seed sample is enough
RANDOM_STATE = 0
LABEL_PARTS = 2  # phrases per label before disambiguation
# A centre must sit this many standard deviations from the population to be described by a
# feature; below it the feature does not distinguish the segment.
MIN_DISTINGUISHING_Z = 0.25

PREDICTION_FEATURES = ("purchase_probability", "churn_risk", "predicted_clv")
BUDGET_FEATURES = ("budget_max_eur",)
RFM_FEATURES = ("recency_days", "purchase_count", "monetary_total_eur")

# Readable phrases for a feature whose segment centre is far above (first) or below (second) the
# population. None: that direction does not describe anyone (few mentions of a bucket is the
# norm). Features not listed get a phrase built from their name.
PHRASES: dict[str, tuple[str | None, str | None]] = {
    "intent_mentions": ("gift & purchase intent", None),
    "occasion_mentions": ("occasion shoppers", None),
    "product_mentions": ("product-focused", None),
    "preference_mentions": ("definite tastes", None),
    "constraint_mentions": ("special requirements", None),
    "lifestyle_mentions": ("lifestyle-led", None),
    "budget_mentions": ("budget talk", None),
    "praise_mentions": ("praise the house", None),
    "complaint_mentions": ("have complained", None),
    "hesitation_mentions": ("hesitant", None),
    "next_action_mentions": ("follow-ups pending", None),
    "budget_max_eur": ("high budget", "modest budget"),
    "recency_days": ("lapsed buyers", "recent buyers"),
    "purchase_count": ("frequent buyers", "rare buyers"),
    "monetary_total_eur": ("big spenders", "small spenders"),
    "purchase_probability": ("ready to buy", "low purchase intent"),
    "churn_risk": ("at risk", "loyal"),
    "predicted_clv": ("high value", "low value"),
}


class SegmentationError(ValueError):
    """The segmentation cannot be fitted or applied to these profiles."""


class SegmentationMissingError(RuntimeError):
    """The artifact was trained before segmentation existed."""


def bucket_mention_columns(columns: Sequence[str]) -> list[str]:
    """The all-time `<bucket>_mentions` and sentiment-kind columns (not `recent_…`, not the
    total, not the per-concept counts, which the scored table does not carry)."""
    return [
        name
        for name in columns
        if name.endswith("_mentions")
        and not name.startswith(("recent_", "concept_"))
        and name != "concept_mentions"
    ]


def profile_features(columns: Sequence[str]) -> list[str]:
    """The profile-vector features available in `columns`, in a fixed order.

    Raises when a budget, RFM or prediction column is missing: a segmentation silently fitted
    without them would describe something else.
    """
    required = [*BUDGET_FEATURES, *RFM_FEATURES, *PREDICTION_FEATURES]
    missing = [name for name in required if name not in columns]
    if missing:
        raise SegmentationError(f"profile columns missing for segmentation: {', '.join(missing)}")
    buckets = bucket_mention_columns(columns)
    if not buckets:
        raise SegmentationError("no `<bucket>_mentions` columns to segment on")
    return [*buckets, *required]


def vector_pipeline() -> Pipeline:
    """Impute (median: a missing budget or recency is typical, not extreme), log-scale, scale."""
    return make_pipeline(
        SimpleImputer(strategy="median", keep_empty_features=True),
        FunctionTransformer(signed_log1p, feature_names_out="one-to-one"),
        StandardScaler(),
    )


def phrase(feature: str, high: bool) -> str | None:
    if feature in PHRASES:
        return PHRASES[feature][0 if high else 1]
    words = feature.removesuffix("_eur").replace("_", " ")
    return f"{'high' if high else 'low'} {words}"


def segment_labels(centres: np.ndarray, features: Sequence[str]) -> list[str]:
    """Unique readable labels, one per centre, from the features that distinguish each centre.

    Each centre's features are ranked by how far they sit from the population (|z|); the first
    `LABEL_PARTS` that have a phrase name the segment ("Gift & purchase intent · high budget").
    Two segments with the same label each take their next distinguishing phrase until they
    differ; if their phrases run out, they are numbered.
    """
    ranked = [_ranked_phrases(centre, features) for centre in centres]
    parts = [min(LABEL_PARTS, len(phrases)) for phrases in ranked]
    while True:
        labels = [_join(phrases[:count]) for phrases, count in zip(ranked, parts, strict=True)]
        duplicates = {label for label in labels if labels.count(label) > 1}
        extendable = [
            index
            for index, label in enumerate(labels)
            if label in duplicates and parts[index] < len(ranked[index])
        ]
        if not duplicates or not extendable:
            break
        for index in extendable:
            parts[index] += 1
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if labels.count(label) == 1 else f"{label} ({seen[label]})")
    return unique


def _ranked_phrases(centre: np.ndarray, features: Sequence[str]) -> list[str]:
    phrases: list[str] = []
    for position in np.argsort(-np.abs(centre), kind="stable"):
        z = float(centre[position])
        if abs(z) < MIN_DISTINGUISHING_Z:
            break
        text = phrase(features[position], z > 0)
        if text and text not in phrases:
            phrases.append(text)
    return phrases or ["typical profile"]


def _join(phrases: Sequence[str]) -> str:
    text = " · ".join(phrases)
    return text[:1].upper() + text[1:]


def choose_k(vectors: np.ndarray, k_range: range = K_RANGE) -> tuple[int, dict[int, float]]:
    """The number of segments with the best silhouette, and the silhouette of every k tried."""
    candidates = [k for k in k_range if k < len(vectors)]
    if not candidates:
        raise SegmentationError(
            f"{len(vectors)} profiles: too few to choose between {k_range.start} and "
            f"{k_range.stop - 1} segments"
        )
    scores: dict[int, float] = {}
    for k in candidates:
        assignments = _kmeans(k).fit_predict(vectors)
        if len(np.unique(assignments)) < 2:
            scores[k] = -1.0  # identical vectors: no structure to separate
            continue
        scores[k] = float(
            silhouette_score(
                vectors,
                assignments,
                sample_size=min(SILHOUETTE_SAMPLE, len(vectors)),
                random_state=RANDOM_STATE,
            )
        )
    best = max(scores, key=lambda k: (scores[k], -k))  # ties: the simpler segmentation
    return best, scores


def _kmeans(k: int) -> KMeans:
    return KMeans(n_clusters=k, n_init=10, random_state=RANDOM_STATE)


@dataclass
class ClientSegmentation:
    """The fitted segmentation: vector pipeline, k-means, map projection, labels.

    `segment_order[c]` is the segment_id of k-means cluster c: ids count from 1, largest segment
    first, so ids read the same way whatever order k-means found the clusters in.
    """

    features: list[str]
    vectors: Pipeline
    kmeans: KMeans
    projection: PCA
    segment_order: np.ndarray
    labels: dict[int, str]
    metadata: dict[str, Any] = field(default_factory=dict)

    def _label_array(self) -> np.ndarray:
        """Labels indexed by segment_id (index 0 unused), for a vectorized lookup."""
        names = np.empty(len(self.labels) + 1, dtype=object)
        for segment_id, name in self.labels.items():
            names[segment_id] = name
        return names

    def assign(self, frame: pd.DataFrame) -> pd.DataFrame:
        """segment_id, segment_label, distance_to_centre, map_x, map_y, map_z per row."""
        missing = [name for name in self.features if name not in frame.columns]
        if missing:
            raise SegmentationError(
                f"profiles lack the segmentation's features: {', '.join(missing)}"
            )
        if frame.empty:
            return _empty_assignments()
        vectors = self.vectors.transform(frame[self.features].astype(float))
        distances = self.kmeans.transform(vectors)
        clusters = distances.argmin(axis=1)
        segment_ids = self.segment_order[clusters]
        coordinates = self.projection.transform(vectors)
        return pd.DataFrame(
            {
                "segment_id": segment_ids.astype(np.int32),
                "segment_label": self._label_array()[segment_ids],
                "distance_to_centre": distances[np.arange(len(vectors)), clusters],
                "map_x": coordinates[:, 0],
                "map_y": coordinates[:, 1],
                "map_z": coordinates[:, 2],
            },
            index=frame.index,
        )


def _empty_assignments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "segment_id": pd.Series(dtype=np.int32),
            "segment_label": pd.Series(dtype=object),
            "distance_to_centre": pd.Series(dtype=float),
            "map_x": pd.Series(dtype=float),
            "map_y": pd.Series(dtype=float),
            "map_z": pd.Series(dtype=float),
        }
    )


def fit_segmentation(profiles: pd.DataFrame, k_range: range = K_RANGE) -> ClientSegmentation:
    """Fit vectors, choose k by silhouette, fit k-means and the 3D projection, name segments."""
    started = time.perf_counter()
    features = profile_features(list(profiles.columns))
    pipeline = vector_pipeline()
    vectors = pipeline.fit_transform(profiles[features].astype(float))
    k, silhouettes = choose_k(vectors, k_range)
    kmeans = _kmeans(k).fit(vectors)
    sizes = np.bincount(kmeans.labels_, minlength=k)
    by_size = np.argsort(-sizes, kind="stable")
    segment_order = np.empty(k, dtype=np.int64)
    segment_order[by_size] = np.arange(1, k + 1)
    # Centres in standardized units = z-scores against the population the scaler was fitted on.
    names = segment_labels(kmeans.cluster_centers_[by_size], features)
    labels = {segment_id: name for segment_id, name in enumerate(names, start=1)}
    projection = PCA(n_components=min(3, len(features)), random_state=RANDOM_STATE).fit(vectors)
    if projection.n_components_ < 3:
        raise SegmentationError("the client map needs at least three profile features")
    metadata = {
        "method": "k-means on imputed, signed-log1p, standardized profile vectors; "
        "k chosen by silhouette; PCA(3) for the client map",
        "features": features,
        "k_range": [k_range.start, k_range.stop - 1],
        "chosen_k": k,
        "silhouette_by_k": {str(key): round(value, 4) for key, value in silhouettes.items()},
        "silhouette_sample_size": min(SILHOUETTE_SAMPLE, len(vectors)),
        "fitted_rows": len(vectors),
        "labels": {str(segment_id): name for segment_id, name in labels.items()},
        "segment_sizes": {str(i + 1): int(sizes[c]) for i, c in enumerate(by_size)},
        "label_rule": "the centre's standardized features furthest from the population mean "
        f"(|z| >= {MIN_DISTINGUISHING_Z}), named by phrase; extended until unique",
        "map_explained_variance": [
            round(float(v), 4) for v in projection.explained_variance_ratio_
        ],
        "random_state": RANDOM_STATE,
    }
    segmentation = ClientSegmentation(
        features, pipeline, kmeans, projection, segment_order, labels, metadata
    )
    metadata["fit_seconds"] = round(time.perf_counter() - started, 3)
    return segmentation


def prediction_columns(estimators: Mapping[str, Any], features: pd.DataFrame) -> pd.DataFrame:
    """purchase_probability, churn_risk, predicted_clv as score_profiles computes them: no churn
    risk for a client who never bought (the vector pipeline imputes it, as at scoring)."""
    predictions = all_predictions(estimators, features)
    purchase, churn, clv = (predictions[name] for name in ("purchase", "churn", "clv"))
    if "purchase_count" in features.columns:
        churn = np.where(never_bought(features["purchase_count"].to_numpy()), np.nan, churn)
    return pd.DataFrame(
        {"purchase_probability": purchase, "churn_risk": churn, "predicted_clv": clv},
        index=features.index,
    )


def fit_on_latest_cutoff(
    examples: pd.DataFrame, estimators: Mapping[str, Any], feature_names: Sequence[str]
) -> ClientSegmentation:
    """Fit on every client of the latest training cutoff, scored by the just-fitted estimators.

    The latest cutoff is the population closest to the clients being segmented at scoring time.
    """
    latest = examples[examples["cutoff_date"] == examples["cutoff_date"].max()]
    features = latest[list(feature_names)]
    profiles = pd.concat([features, prediction_columns(estimators, features)], axis=1)
    segmentation = fit_segmentation(profiles)
    segmentation.metadata["fitted_on_cutoff"] = (
        pd.Timestamp(latest["cutoff_date"].max()).date().isoformat()
    )
    return segmentation

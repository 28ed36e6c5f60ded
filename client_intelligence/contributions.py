"""How much each input feature pushed one client's score, read from the predictor that scored it.

The drivers shown next to a score (client_intelligence.drivers) must come from the predictor that
produced that score, not from a stand-in: a churn list explained by the purchase model, or an
ensemble explained by its linear half, reads plausibly and is wrong. So each kept predictor is
taken apart into its own terms:

- logistic regression: coefficient x preprocessed (standardized, one-hot) value, exact in
  log-odds: intercept + the contributions = decision_function;
- gradient-boosted trees: Saabas path contributions computed from the fitted trees' own node
  arrays. Every node gets the expected value of the tree below it (the training-count weighted
  mean of its leaves); walking a client down a tree, each split moves the expected value from the
  node to the child taken, and that move is credited to the split's feature. Per tree, the root's
  expected value plus the moves equals the leaf's value, so the trees' bias plus the
  contributions equals the raw log-odds (decision_function) exactly. TreeSHAP would share credit
  more fairly between interacting features, but no maintained implementation is a dependency of
  this project, and Saabas is exact, cheap and vectorizes over rows;
- a soft-voting ensemble averages its members' probabilities, which is not additive in any one
  scale. Its contributions are the members' log-odds contributions, each weighted by its vote
  weight and its local slope p (1 - p): the first-order (delta-method) change of the averaged
  probability. Exact to first order; where the members disagree strongly, the more confident
  member (small slope) counts for less, as it does in the average;
- a blend w * model + (1 - w) * BG/NBD (predictor_selection.BlendedPredictor) is linear in
  probability: the model's probability-scale contributions times w, plus the baseline as one
  driver of its own, (1 - w) * (its probability - its training median);
- calibration (calibration.BoundedCalibratedClassifier) maps the model's probability through a
  monotone function, the same for every feature of a row: it rescales a row's contributions
  together and never reorders them or flips a sign, so drivers are read from the uncalibrated
  predictor underneath.

Contributions are computed in the preprocessed space (scaled numbers, missing-value indicators,
one-hot columns) and summed back into the original features the pipeline's ColumnTransformer
made them from, so "primary_language" is one driver, not one per language.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from client_intelligence.forests import (
    NUMPY_MAX_ROWS,
    CompiledForest,
    LeafPaths,
    UncompilableForestError,
    compiled_forest,
)
from client_intelligence.predictor_selection import BaselinePredictor, BlendedPredictor
from client_intelligence.purchase_history import BASELINE_PREDICTION

# The driver that stands for BG/NBD's own prediction in a blend (not a model feature).
BASELINE_DRIVER = "__bgnbd_baseline__"
# Rows explained per pass: bounds the memory of the preprocessed matrix at any client count.
CHUNK_ROWS = 65_536
MISSING_INDICATOR_PREFIX = "missingindicator_"


class UnsupportedPredictorError(TypeError):
    """A predictor this module cannot take apart (its drivers are left empty, not guessed)."""


def column_features(preprocess) -> list[str]:
    """The original feature each output column of a fitted ColumnTransformer comes from: a
    scaled number and its missing-value indicator map to the number, a one-hot column to its
    categorical feature."""
    origins = []
    for name, transformer, columns in preprocess.transformers_:
        if isinstance(transformer, str) and transformer == "drop":
            continue
        selected = _column_names(preprocess, columns)
        output = preprocess.output_indices_[name]
        names = preprocess.get_feature_names_out()[output]
        origins.extend(_origin(str(out), name, selected) for out in names)
    return origins


def _column_names(preprocess, columns) -> list[str]:
    names = list(getattr(preprocess, "feature_names_in_", []))
    if isinstance(columns, slice):
        return names[columns]
    values = list(np.atleast_1d(columns))
    if values and not isinstance(values[0], str):
        mask = np.asarray(values)
        if mask.dtype == bool:
            return [n for n, keep in zip(names, mask, strict=False) if keep]
        return [names[int(i)] for i in values]
    return [str(v) for v in values]


def _origin(out: str, transformer: str, columns: list[str]) -> str:
    if out.startswith(f"{transformer}__"):  # verbose_feature_names_out=True
        out = out[len(transformer) + 2 :]
    if out in columns:
        return out
    if out.startswith(MISSING_INDICATOR_PREFIX) and out[len(MISSING_INDICATOR_PREFIX) :] in columns:
        return out[len(MISSING_INDICATOR_PREFIX) :]
    prefixes = [column for column in columns if out.startswith(f"{column}_")]
    return max(prefixes, key=len) if prefixes else out


@dataclass(frozen=True)
class FeatureMap:
    """Output columns of the preprocessing -> the original features (the drivers' columns)."""

    names: tuple[str, ...]  # original features with at least one output column, in input order
    group_of_column: np.ndarray  # (output columns,) index into `names`

    @classmethod
    def of(cls, preprocess, features: Sequence[str]) -> FeatureMap:
        origins = column_features(preprocess)
        order = {name: position for position, name in enumerate(features)}
        names = tuple(sorted(set(origins), key=lambda name: (order.get(name, len(order)), name)))
        index = {name: position for position, name in enumerate(names)}
        return cls(names, np.array([index[origin] for origin in origins], dtype=np.intp))

    def to_features(self, per_column: np.ndarray) -> np.ndarray:
        """(rows, output columns) -> (rows, features): the columns of a feature summed."""
        return group_sums(per_column, np.ones(per_column.shape[1]), self.group_of_column)


# --- logistic regression ---------------------------------------------------------------------


def linear_contributions(
    model, transformed: np.ndarray, groups: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    """Coefficient x preprocessed value, per input column (or summed per group of columns,
    `groups` giving each column's group), and the intercept. Row sums plus the intercept are
    the model's decision_function (log-odds)."""
    coefficients = np.asarray(model.coef_, dtype=np.float64).reshape(-1)
    intercept = float(np.ravel(model.intercept_)[0])
    if groups is None:
        return transformed * coefficients, intercept
    return group_sums(transformed, coefficients, groups), intercept


def group_sums(values: np.ndarray, weights: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """(rows, columns) -> (rows, groups): each group's columns times their weights, summed.
    A group is one column, a column and its missing-value indicator, or one-hot columns of
    which one at most is non-zero: the order of the sum cannot change it. Large inputs in one
    compiled pass; small ones column by column (a BLAS or sparse product of these thin shapes
    is slower where cores are shared, measured)."""
    width = int(groups.max(initial=-1)) + 1
    out = np.empty((len(values), width), dtype=np.float64)
    if len(values) > NUMPY_MAX_ROWS:
        from client_intelligence.forest_kernels import _group_sums_kernel

        values = np.ascontiguousarray(values, dtype=np.float64)
        _group_sums_kernel(values, np.asarray(weights, np.float64), groups, out)
        return out
    for group in range(width):
        members = np.flatnonzero(groups == group)
        if len(members) == 1:
            np.multiply(values[:, members[0]], weights[members[0]], out=out[:, group])
        else:
            out[:, group] = values[:, members] @ weights[members] if len(members) else 0.0
    return out


# --- gradient-boosted trees --------------------------------------------------------------------


def leaf_paths(forest: CompiledForest, credited: np.ndarray) -> LeafPaths:
    """For every leaf of the forest, the path to it as (credited column, change of expected
    value) pairs, a column (or group) split on twice along the path merged into one pair, root
    first. `credited[c]`: the output column that a split on input column c is credited to."""
    expected = _expected_values(forest)
    parent = np.full(len(forest.is_leaf), -1, dtype=np.intp)
    splits = np.flatnonzero(~forest.is_leaf)
    parent[forest.left[splits]] = splits
    parent[forest.right[splits]] = splits
    starts = np.zeros(len(forest.is_leaf) + 1, dtype=np.intp)
    columns: list[int] = []
    moves: list[float] = []
    for leaf in range(len(forest.is_leaf)):
        if forest.is_leaf[leaf]:
            steps = []  # (split, child) from the leaf up
            node = leaf
            while parent[node] >= 0:
                steps.append((parent[node], node))
                node = parent[node]
            merged: dict[int, float] = {}
            for split, child in reversed(steps):
                column = int(credited[forest.feature[split]])
                merged[column] = merged.get(column, 0.0) + expected[child] - expected[split]
            columns.extend(merged)
            moves.extend(merged.values())
        starts[leaf + 1] = len(columns)
    return LeafPaths(
        starts,
        np.asarray(columns, dtype=np.intp),
        np.asarray(moves, dtype=np.float64),
        int(credited.max(initial=-1)) + 1,
    )


def _expected_values(forest: CompiledForest) -> np.ndarray:
    """Each node's expected value: the count-weighted mean of the leaf values below it. (The
    node arrays' own `value` of a split node is not shrunk by the learning rate; only leaves
    are, so it cannot serve.) Children are stored after their parent, so one backward pass
    over the nodes suffices."""
    is_leaf, left, right = forest.is_leaf, forest.left, forest.right
    expected = np.where(is_leaf, forest.value, 0.0).astype(np.float64)
    weight = forest.count
    for node in range(len(is_leaf) - 1, -1, -1):
        if is_leaf[node]:
            continue
        low, high = left[node], right[node]
        total = weight[low] + weight[high]
        if total > 0:
            expected[node] = (weight[low] * expected[low] + weight[high] * expected[high]) / total
        else:
            expected[node] = (expected[low] + expected[high]) / 2
    return expected


@dataclass(frozen=True)
class _Explainer:
    """A forest ready to explain rows: its compiled trees, the paths to its leaves and the bias
    (the starting constant plus every root's expected value)."""

    forest: CompiledForest
    paths: LeafPaths
    bias: float


_EXPLAINERS: dict[tuple[int, bytes], tuple[Any, _Explainer]] = {}


def explainer_of(model, credited: np.ndarray) -> _Explainer:
    """The trees of a fitted binary HistGradientBoostingClassifier (or a regressor), prepared
    once per model and column grouping (kept while the model lives)."""
    key = (id(model), credited.tobytes())
    cached = _EXPLAINERS.get(key)
    if cached is not None and cached[0] is model:
        return cached[1]
    try:
        forest = compiled_forest(model)
    except UncompilableForestError as error:
        raise UnsupportedPredictorError(str(error)) from error
    expected = _expected_values(forest)
    bias = forest.start + sum(float(expected[root]) for root in forest.roots)
    explainer = _Explainer(forest, leaf_paths(forest, credited), bias)
    if len(_EXPLAINERS) > 8:
        _EXPLAINERS.clear()
    _EXPLAINERS[key] = (model, explainer)
    return explainer


def tree_contributions(
    model, transformed: np.ndarray, groups: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    """The Saabas contributions of every tree per input column (or summed per group of columns,
    `groups` giving each column's group), and the bias. Row sums plus the bias are the model's
    raw prediction (decision_function: log-odds for a binary classifier).

    Each row walks every tree as the model's own predictor does (client_intelligence.forests);
    the path table of the leaf it reaches says what each column moved."""
    values = np.ascontiguousarray(transformed, dtype=np.float64)
    credited = np.arange(values.shape[1], dtype=np.intp) if groups is None else np.asarray(groups)
    explainer = explainer_of(model, credited)
    return explainer.forest.path_sums(values, explainer.paths), explainer.bias


# --- pipelines, ensembles, blends ------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """One additive model inside a predictor, in log-odds: score = bias + contributions' sum."""

    estimator: object
    weight: float  # its share of the predictor's probability


def unwrap(estimator):
    """The predictor whose terms explain a score: calibration wrappers removed (calibration is
    monotone, see the module docstring), scikit-learn's own calibration and frozen wrappers
    of older artifacts too."""
    candidate = getattr(estimator, "base", estimator)  # BoundedCalibratedClassifier
    if hasattr(candidate, "calibrated_classifiers_"):
        candidate = candidate.calibrated_classifiers_[0].estimator
    return getattr(candidate, "estimator", candidate)  # FrozenEstimator


def members_of(model) -> list[Member]:
    """The additive members of a pipeline's final step and their probability weights."""
    if isinstance(model, LogisticRegression | HistGradientBoostingClassifier):
        return [Member(model, 1.0)]
    if isinstance(model, VotingClassifier) and model.voting == "soft":
        weights = np.ones(len(model.estimators_)) if model.weights is None else model.weights
        weights = np.asarray(weights, dtype=float) / np.sum(weights)
        members = []
        for fitted, weight in zip(model.estimators_, weights, strict=True):
            if weight:
                members.extend(Member(m.estimator, m.weight * weight) for m in members_of(fitted))
        return members
    raise UnsupportedPredictorError(f"no driver decomposition for {type(model).__name__}")


def member_contributions(
    member: Member, transformed: np.ndarray, groups: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    """A member's log-odds contributions per output column (or group) and its bias."""
    if isinstance(member.estimator, LogisticRegression):
        return linear_contributions(member.estimator, transformed, groups)
    return tree_contributions(member.estimator, transformed, groups)


def _sigmoid(values: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * values))


@dataclass(frozen=True)
class Explained:
    """Probability-scale contributions of every row (first order), by driver name."""

    names: tuple[str, ...]
    values: np.ndarray  # (rows, len(names)) float32


def pipeline_contributions(
    pipeline, features: pd.DataFrame, weight: float = 1.0
) -> tuple[FeatureMap, np.ndarray]:
    """A fitted Pipeline(preprocess, model) on `features`: probability-scale contributions per
    original feature, times `weight`. Members' log-odds terms are weighted by their vote and
    their slope p (1 - p), the first-order change of the predictor's probability; for a single
    member that is a per-row scale, so the order of the drivers is the log-odds order."""
    preprocess, model = pipeline[:-1], pipeline[-1]
    if len(preprocess) != 1 or not hasattr(preprocess[0], "transformers_"):
        raise UnsupportedPredictorError("drivers need a Pipeline(ColumnTransformer, model)")
    feature_map = FeatureMap.of(preprocess[0], list(features.columns))
    members = members_of(model)
    parts = []
    for chunk in _chunks(features):
        transformed = preprocess.transform(chunk)
        transformed = transformed.toarray() if hasattr(transformed, "toarray") else transformed
        total = np.zeros((len(chunk), len(feature_map.names)), dtype=np.float64)
        for member in members:
            pushed, bias = member_contributions(member, transformed, feature_map.group_of_column)
            probability = _sigmoid(bias + pushed.sum(axis=1))
            slope = member.weight * weight * probability * (1 - probability)
            pushed *= slope[:, None]  # in place: no second matrix of this size per member
            total += pushed
        parts.append(total.astype(np.float32))
    values = np.concatenate(parts) if parts else np.zeros((0, len(feature_map.names)), np.float32)
    return feature_map, values


def _chunks(features: pd.DataFrame) -> Iterator[pd.DataFrame]:
    if len(features) <= CHUNK_ROWS:  # the frame itself: its preprocessing may be remembered
        yield features
        return
    for start in range(0, len(features), CHUNK_ROWS):
        yield features.iloc[start : start + CHUNK_ROWS]


def baseline_reference(pipeline, column: str, fallback: np.ndarray) -> float:
    """The typical value of the baseline's prediction at training: the median the model's
    imputer learned for that column, else the median of the rows being scored."""
    preprocess = pipeline[0] if len(pipeline) > 1 else None
    for name, transformer, columns in getattr(preprocess, "transformers_", []):
        names = _column_names(preprocess, columns)
        if column not in names or isinstance(transformer, str):
            continue
        steps = getattr(transformer, "steps", [(name, transformer)])
        imputer = steps[0][1]
        statistics = getattr(imputer, "statistics_", None)
        if statistics is not None:
            return float(statistics[names.index(column)])
    return float(np.nanmedian(fallback)) if len(fallback) else 0.0


def explain(estimator, features: pd.DataFrame) -> Explained | None:
    """Probability-scale contributions of the predictor that produced a score (model, blend),
    or None for BG/NBD alone (no features of its own). UnsupportedPredictorError for a
    predictor of another shape."""
    candidate = unwrap(estimator)
    if isinstance(candidate, BaselinePredictor):
        return None
    if isinstance(candidate, BlendedPredictor):
        model = unwrap(candidate.model)
        if not isinstance(model, Pipeline):
            raise UnsupportedPredictorError(f"a blend of {type(model).__name__}")
        feature_map, values = pipeline_contributions(model, features, candidate.weight)
        baseline = candidate.baseline.prediction(features)
        column = BASELINE_PREDICTION[candidate.baseline.target]
        reference = baseline_reference(model, column, baseline)
        pushed = ((1 - candidate.weight) * (baseline - reference)).astype(np.float32)
        return Explained((*feature_map.names, BASELINE_DRIVER), np.column_stack([values, pushed]))
    if not isinstance(candidate, Pipeline):
        raise UnsupportedPredictorError(f"no driver decomposition for {type(candidate).__name__}")
    feature_map, values = pipeline_contributions(candidate, features)
    return Explained(feature_map.names, values)

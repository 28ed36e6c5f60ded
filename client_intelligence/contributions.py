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

from client_intelligence.predictor_selection import BaselinePredictor, BlendedPredictor
from client_intelligence.purchase_history import BASELINE_PREDICTION

# The driver that stands for BG/NBD's own prediction in a blend (not a model feature).
BASELINE_DRIVER = "__bgnbd_baseline__"
# Rows explained per pass: bounds the memory of the preprocessed matrix at any client count.
CHUNK_ROWS = 65_536
# Rows explained together by the trees: their preprocessed values stay in a core's cache while
# every tree reads them (measured: about twice as fast as 65,536 rows), and their path moves are
# summed by one bincount (its index and weight arrays: rows x the trees' path lengths, about
# 50 MB at 8,192 rows and 60 trees).
BINCOUNT_ROWS = 8_192
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
    Column by column: most groups are one column, and a BLAS or sparse product of these thin
    shapes is slower where cores are shared (measured)."""
    width = int(groups.max(initial=-1)) + 1
    out = np.empty((len(values), width), dtype=np.float64)
    for group in range(width):
        members = np.flatnonzero(groups == group)
        if len(members) == 1:
            np.multiply(values[:, members[0]], weights[members[0]], out=out[:, group])
        else:
            out[:, group] = values[:, members] @ weights[members] if len(members) else 0.0
    return out


# --- gradient-boosted trees --------------------------------------------------------------------


@dataclass(frozen=True)
class _Tree:
    """One fitted tree, ready to explain rows: a copy of its predictor whose leaves hold their
    own leaf number (so the model's own compiled predict says which leaf each row reaches), and
    for every leaf the path to it as (credited column, change of expected value) pairs, a
    column (or group) split on twice along the path merged into one pair."""

    leaf_finder: Any  # a TreePredictor returning leaf numbers
    path_columns: np.ndarray  # (longest path, leaves) intp; padding = the width (a spare column)
    path_deltas: np.ndarray  # (longest path, leaves) float64; padding = 0
    bias: float  # the root's expected value

    @classmethod
    def of(cls, predictor, credited: np.ndarray) -> _Tree:
        """`credited[c]`: the output column that a split on input column c is credited to."""
        nodes = predictor.nodes
        is_leaf = nodes["is_leaf"].astype(bool)
        left = nodes["left"].astype(np.intp)
        right = nodes["right"].astype(np.intp)
        expected = _expected_values(nodes, is_leaf, left, right)
        parent = np.full(len(nodes), -1, dtype=np.intp)
        for node in np.flatnonzero(~is_leaf):
            parent[left[node]] = parent[right[node]] = node
        leaves = np.flatnonzero(is_leaf)
        paths = []
        for leaf in leaves:
            steps = []  # (split, child) from the leaf up
            node = leaf
            while parent[node] >= 0:
                steps.append((parent[node], node))
                node = parent[node]
            moves: dict[int, float] = {}  # root first: rows share their first columns
            for split, child in reversed(steps):
                column = int(credited[nodes["feature_idx"][split]])
                moves[column] = moves.get(column, 0.0) + expected[child] - expected[split]
            paths.append(moves)
        longest = max((len(moves) for moves in paths), default=0)
        spare = int(credited.max(initial=-1)) + 1
        path_columns = np.full((longest, len(leaves)), spare, dtype=np.intp)
        path_deltas = np.zeros((longest, len(leaves)), dtype=np.float64)
        for number, moves in enumerate(paths):
            path_columns[: len(moves), number] = list(moves)
            path_deltas[: len(moves), number] = list(moves.values())
        numbered = nodes.copy()
        numbered["value"][leaves] = np.arange(len(leaves))
        finder = type(predictor)(
            numbered, predictor.binned_left_cat_bitsets, predictor.raw_left_cat_bitsets
        )
        return cls(finder, path_columns, path_deltas, float(expected[0]))


def _expected_values(
    nodes: np.ndarray, is_leaf: np.ndarray, left: np.ndarray, right: np.ndarray
) -> np.ndarray:
    """Each node's expected value: the count-weighted mean of the leaf values below it. (The
    node arrays' own `value` of a split node is not shrunk by the learning rate; only leaves
    are, so it cannot serve.) Children are stored after their parent, so one backward pass
    over the (at most max_leaf_nodes * 2) nodes suffices."""
    expected = np.where(is_leaf, nodes["value"], 0.0).astype(np.float64)
    weight = nodes["count"].astype(np.float64)
    for node in range(len(nodes) - 1, -1, -1):
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
class _Forest:
    trees: tuple[_Tree, ...]
    start: float  # the model's constant first prediction
    width: int  # credited columns
    known_categories: Any
    category_map: Any

    @property
    def bias(self) -> float:
        return self.start + sum(tree.bias for tree in self.trees)


_FORESTS: dict[tuple[int, bytes], tuple[Any, _Forest]] = {}


def forest_of(model, credited: np.ndarray) -> _Forest:
    """The trees of a fitted binary HistGradientBoostingClassifier (or a regressor), prepared
    once per model and column grouping (kept while the model lives)."""
    key = (id(model), credited.tobytes())
    cached = _FORESTS.get(key)
    if cached is not None and cached[0] is model:
        return cached[1]
    if any(len(predictors) != 1 for predictors in model._predictors):
        raise UnsupportedPredictorError("drivers explain binary classifiers and regressors")
    trees = tuple(_Tree.of(predictors[0], credited) for predictors in model._predictors)
    known, mapping = model._bin_mapper.make_known_categories_bitsets()
    start = float(np.ravel(model._baseline_prediction)[0])
    forest = _Forest(trees, start, int(credited.max(initial=-1)) + 1, known, mapping)
    if len(_FORESTS) > 8:
        _FORESTS.clear()
    _FORESTS[key] = (model, forest)
    return forest


def tree_contributions(
    model, transformed: np.ndarray, groups: np.ndarray | None = None
) -> tuple[np.ndarray, float]:
    """The Saabas contributions of every tree per input column (or summed per group of columns,
    `groups` giving each column's group), and the bias (the starting constant plus every root's
    expected value). Row sums plus the bias are the model's raw prediction (decision_function:
    log-odds for a binary classifier).

    The model's own compiled predict, on a copy of each tree whose leaves hold their number,
    says which leaf every row reaches (splits, thresholds and missing values exactly as the
    model treats them); the leaf's path table then says what each column moved. The moves of a
    block of rows are summed by one bincount: no Python loop over rows or tree levels.
    """
    values = np.ascontiguousarray(transformed, dtype=np.float64)
    rows, columns = values.shape
    credited = np.arange(columns, dtype=np.intp) if groups is None else np.asarray(groups)
    forest = forest_of(model, credited)
    width = forest.width + 1  # the spare column collects the paths' padding
    entries = sum(len(tree.path_columns) for tree in forest.trees)
    block = min(rows, BINCOUNT_ROWS)
    cells = np.empty((entries, block), dtype=np.intp)
    moves = np.empty((entries, block), dtype=np.float64)
    contributions = np.empty((rows, forest.width), dtype=np.float64)
    for start in range(0, rows, BINCOUNT_ROWS):
        stop = min(start + BINCOUNT_ROWS, rows)
        count = stop - start
        rows_of_block = values[start:stop]  # stays in cache while every tree reads it
        # column-major cells (column * rows + row): one path position of consecutive rows
        # mostly lands in one column's consecutive slots, so bincount streams through memory
        row_numbers = np.arange(count, dtype=np.intp)
        entry = 0
        for tree in forest.trees:
            # One thread: each call is short, and where cores are shared OpenMP's barrier costs
            # more than a second thread saves (measured: 2-4x slower under load).
            leaf = tree.leaf_finder.predict(
                rows_of_block, forest.known_categories, forest.category_map, 1
            ).astype(np.intp)
            for columns_at, deltas_at in zip(tree.path_columns, tree.path_deltas, strict=True):
                np.take(columns_at * count, leaf, out=cells[entry, :count])
                cells[entry, :count] += row_numbers
                np.take(deltas_at, leaf, out=moves[entry, :count])
                entry += 1
        total = np.bincount(
            cells[:, :count].ravel(), moves[:, :count].ravel(), minlength=count * width
        )
        contributions[start:stop] = total.reshape(width, count)[: forest.width].T
    return contributions, forest.bias


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
            total += pushed * slope[:, None]
        parts.append(total.astype(np.float32))
    values = np.concatenate(parts) if parts else np.zeros((0, len(feature_map.names)), np.float32)
    return feature_map, values


def _chunks(features: pd.DataFrame) -> Iterator[pd.DataFrame]:
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

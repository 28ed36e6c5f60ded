"""A loaded artifact's estimators made fast for scoring, with the same results.

Scoring one batch of clients asks the same fitted objects the same questions several times: the
purchase pipeline preprocesses the features for its probability and again for its drivers, the
CLV predictor for its point and for its interval, and every gradient-boosted model walks its
trees through scikit-learn's per-tree OpenMP loop (client_intelligence.forests says why that is
slow on a shared machine). `accelerate` changes two things on the loaded objects, and nothing
in what they compute:

- each gradient-boosted model's `_raw_predict` (the sum of its trees, which its predict and
  predict_proba call) is the compiled loop of client_intelligence.forests, bit for bit the
  same sum;
- each ColumnTransformer remembers its last output: asked again for the same input object
  (the batch's feature frame), it returns the same, read-only, matrix instead of recomputing
  it. The memory is dropped with the input;
- a ColumnTransformer of the shape training.preprocessor builds (median imputation with
  missing-value indicators, signed_log1p, scaling, clipping; one-hot categories) shares the
  costly part with the batch's other targets: the feature frame becomes one float matrix and
  its signed_log1p once per batch (`_LogFeatures`), and each target only fills its own medians'
  logs into the missing cells and applies its own fitted scaler and clip. The imputer's fill
  and the logarithm are elementwise, so filling log(median) after the log is the same number
  as the log of the filled median; the fitted scaler and clip run in place on that matrix
  (the same float32 operations as theirs), and a one-hot encoder of one column encodes each
  distinct value once (missing values row by row, since None and NaN may encode apart).

Applied at scoring only (scoring.load_selected_artifact), never to an estimator that training
fits or writes.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.compose import ColumnTransformer
from sklearn.ensemble._hist_gradient_boosting.gradient_boosting import BaseHistGradientBoosting
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from client_intelligence.features import STANDARDIZED_LIMIT, clip_standardized, signed_log1p
from client_intelligence.forests import UncompilableForestError, compiled_forest

# Below this many rows a one-hot encoder sees every row (factorizing costs more than it saves).
ONE_HOT_DISTINCT_MIN_ROWS = 1_000

# Where a predictor of this project keeps the estimators it is made of (pipelines, ensembles,
# calibration and blend wrappers, the CLV interval's three regressors).
_CHILD_ATTRIBUTES = (
    "estimators_",
    "base",
    "model",
    "point",
    "low_model",
    "high_model",
    "estimator",
)


def accelerate(estimator: Any) -> None:
    """Compile the trees and remember the preprocessing of every estimator inside `estimator`."""
    for part in _parts(estimator, set()):
        if isinstance(part, BaseHistGradientBoosting):
            _compile_trees(part)
        elif isinstance(part, ColumnTransformer):
            _remember_output(part)


def _parts(estimator: Any, seen: set[int]) -> Iterator[Any]:
    if estimator is None or id(estimator) in seen:
        return
    seen.add(id(estimator))
    yield estimator
    children: list[Any] = [step for _, step in getattr(estimator, "steps", [])]
    for name in _CHILD_ATTRIBUTES:
        value = estimator.__dict__.get(name) if hasattr(estimator, "__dict__") else None
        children.extend(value if isinstance(value, list | tuple) else [value])
    for child in children:
        yield from _parts(child, seen)


def _compile_trees(model: BaseHistGradientBoosting) -> None:
    try:
        forest = compiled_forest(model)
    except UncompilableForestError:
        return  # scikit-learn's own loop stays

    def raw_predict(features, n_threads=None) -> np.ndarray:
        """scikit-learn's _raw_predict: validated input, (rows, 1) raw predictions."""
        values = model._preprocess_X(features, reset=False)
        return forest.raw(values).reshape(-1, 1)

    model._raw_predict = raw_predict


def _remember_output(transformer: ColumnTransformer) -> None:
    compute = _shared_transform(transformer) or transformer.transform
    kept = threading.local()  # per thread: batches scored in parallel keep their own

    def forget(key: weakref.ref) -> None:
        last = getattr(kept, "last", {})
        if last.get("output", (None,))[0] is key:
            del last["output"]

    def transform(features, **params):
        if not hasattr(kept, "last"):
            kept.last = {}
        last = kept.last
        remembered = last.get("output")
        if not params and remembered is not None and remembered[0]() is features:
            return remembered[1]
        output = compute(features, **params)
        if isinstance(output, np.ndarray):
            output.flags.writeable = False  # shared by its callers: none may change it
        try:
            key = weakref.ref(features, forget)
        except TypeError:  # an input that cannot be referenced weakly is not remembered
            return output
        last["output"] = (key, output)
        return output

    transformer.transform = transform


# --- the preprocessing shared by the targets ----------------------------------------------------


@dataclass
class _LogFeatures:
    """One feature frame's numeric columns as signed_log1p (float32; NaN where missing), and
    where they are missing; made once per frame for every target's preprocessing."""

    positions: dict[str, int]
    logs: np.ndarray
    missing: np.ndarray

    @classmethod
    def of(cls, frame: pd.DataFrame) -> _LogFeatures:
        names = [name for name in frame.columns if _is_numeric(frame[name])]
        values = frame[names].to_numpy(dtype=np.float64, na_value=np.nan)
        # row-major once here: every target then copies whole rows, not strided columns
        return cls(
            {name: position for position, name in enumerate(names)},
            np.ascontiguousarray(signed_log1p(values)),
            np.ascontiguousarray(np.isnan(values)),
        )


def _is_numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)


_LOGS = threading.local()


def _log_features(frame: pd.DataFrame) -> _LogFeatures:
    """The frame's _LogFeatures, kept for the last frame asked for while it lives."""
    remembered = getattr(_LOGS, "last", None)
    if remembered is not None and remembered[0]() is frame:
        return remembered[1]
    logs = _LogFeatures.of(frame)
    _LOGS.last = (weakref.ref(frame), logs)
    return logs


@dataclass(frozen=True)
class _NumericSteps:
    """A fitted Pipeline(SimpleImputer(median, indicators), signed_log1p, *rest) over `columns`."""

    columns: list[str]
    log_fill: np.ndarray  # signed_log1p of the imputer's medians (float32)
    indicators: np.ndarray  # positions within `columns` of the missing-value indicators
    rest: list[Any]  # the fitted steps after the log (the scaler, the clip)

    def transform(self, logs: _LogFeatures) -> np.ndarray:
        index = np.array([logs.positions[name] for name in self.columns], dtype=np.intp)
        width = len(index)
        missing = _columns(logs.missing, index)
        output = np.empty((len(missing), width + len(self.indicators)), dtype=np.float32)
        np.copyto(output[:, :width], _columns(logs.logs, index))
        np.copyto(output[:, :width], self.log_fill, where=missing)
        output[:, width:] = signed_log1p(missing[:, self.indicators].astype(np.float64))
        for step in self.rest:
            output = _transform_in_place(step, output)
        return output


def _columns(matrix: np.ndarray, index: np.ndarray) -> np.ndarray:
    """matrix[:, index]: a view when the index is a run of consecutive columns (as when a
    target reads every numeric feature in the frame's order), else a copy."""
    if len(index) and index[-1] - index[0] == len(index) - 1 and np.all(np.diff(index) == 1):
        return matrix[:, index[0] : index[-1] + 1]
    return np.take(matrix, index, axis=1)


def _transform_in_place(step: Any, values: np.ndarray) -> np.ndarray:
    """step.transform(values), on `values` itself for the fitted scaler and the clip that
    training.preprocessor builds (the same operations as theirs, without their copies)."""
    if isinstance(step, StandardScaler) and values.dtype == np.float32:
        if step.with_mean:
            values -= step.mean_.astype(values.dtype)
        if step.with_std:
            values /= step.scale_.astype(values.dtype)
        return values
    if (
        isinstance(step, FunctionTransformer)
        and step.func is clip_standardized
        and not step.kw_args
        and step.validate is False
    ):
        return np.clip(values, -STANDARDIZED_LIMIT, STANDARDIZED_LIMIT, out=values)
    return step.transform(values)


def _numeric_steps(transformer: Any, columns: list[str]) -> _NumericSteps | None:
    """The steps of a numeric pipeline of training.preprocessor's shape, else None."""
    if not isinstance(transformer, Pipeline) or len(transformer.steps) < 2:
        return None
    imputer, log = transformer.steps[0][1], transformer.steps[1][1]
    if not (
        isinstance(imputer, SimpleImputer)
        and imputer.strategy == "median"
        and isinstance(imputer.missing_values, float)
        and np.isnan(imputer.missing_values)
        and isinstance(log, FunctionTransformer)
        and log.func is signed_log1p
        and log.inverse_func is None
        and not log.kw_args
        and len(imputer.statistics_) == len(columns)
        and not np.isnan(imputer.statistics_).any()
    ):
        return None
    indicator = imputer.indicator_
    if imputer.add_indicator:
        if indicator is None or indicator.features != "missing-only":
            return None
        indicators = np.asarray(indicator.features_, dtype=np.intp)
    else:
        indicators = np.empty(0, dtype=np.intp)
    return _NumericSteps(
        list(columns),
        signed_log1p(np.asarray(imputer.statistics_, dtype=np.float64)),
        indicators,
        [step for _, step in transformer.steps[2:]],
    )


def _transform_distinct(encoder: Any, frame: pd.DataFrame) -> Any:
    """A one-hot encoder's output on one column, computed for each distinct value once: it
    encodes every row on its own, and a batch holds a few languages but thousands of clients."""
    if (
        not isinstance(encoder, OneHotEncoder)
        or frame.shape[1] != 1
        or len(frame) < ONE_HOT_DISTINCT_MIN_ROWS
    ):
        return encoder.transform(frame)
    codes, distinct = pd.factorize(frame.iloc[:, 0])  # missing values: code -1
    dense = _dense(encoder.transform(pd.DataFrame({frame.columns[0]: distinct})))
    output = dense[codes]
    missing = codes < 0  # None, NaN and NA may encode apart: these rows as they are
    if missing.any():
        output[missing] = _dense(encoder.transform(frame[missing]))
    return output


def _dense(values: Any) -> np.ndarray:
    return values.toarray() if sparse.issparse(values) else np.asarray(values)


def _shared_transform(transformer: ColumnTransformer):
    """ColumnTransformer.transform through _LogFeatures for a transformer whose numeric part is
    of training.preprocessor's shape (the others as fitted), else None (sklearn's own)."""
    if transformer.sparse_output_ or getattr(transformer, "_sklearn_output_config", None):
        return None
    parts = []
    for _name, fitted, columns in transformer.transformers_:
        if isinstance(fitted, str):
            if fitted != "drop":
                return None
            continue
        if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
            return None
        parts.append(_numeric_steps(fitted, columns) or (fitted, columns))
    if not any(isinstance(part, _NumericSteps) for part in parts):
        return None
    names = list(transformer.feature_names_in_)

    def transform(features, **params):
        if params or not isinstance(features, pd.DataFrame) or list(features.columns) != names:
            return transformer.__class__.transform(transformer, features, **params)
        outputs = []
        for part in parts:
            if isinstance(part, _NumericSteps):
                outputs.append(part.transform(_log_features(features)))
            else:
                fitted, columns = part
                outputs.append(_transform_distinct(fitted, features[columns]))
        return np.hstack([_dense(output) for output in outputs])

    return transform

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
  it. The memory is dropped with the input.

Applied at scoring only (scoring.load_selected_artifact), never to an estimator that training
fits or writes.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from typing import Any

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.ensemble._hist_gradient_boosting.gradient_boosting import BaseHistGradientBoosting

from client_intelligence.forests import UncompilableForestError, compiled_forest

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
    compute = transformer.transform
    last: dict[str, tuple[weakref.ref, Any]] = {}

    def forget(key: weakref.ref) -> None:
        if last.get("output", (None,))[0] is key:
            del last["output"]

    def transform(features, **params):
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

"""The fast scoring path gives scikit-learn's numbers, bit for bit: compiled trees, the shared
preprocessing, the remembered transforms, the batches."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    VotingClassifier,
)
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from client_intelligence import forests
from client_intelligence.calibration import calibrate
from client_intelligence.fast_estimators import _shared_transform, accelerate
from client_intelligence.forests import compiled_forest
from client_intelligence.training import preprocessor
from tests.unit.test_drivers import CATEGORICAL, FEATURES, NUMERIC, clients, labels


def _with_missing(rows: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    values = rng.normal(size=(rows, 5))
    label = values[:, 0] + np.nan_to_num(values[:, 1], nan=2.0) - values[:, 3]
    values[rng.uniform(size=values.shape) < 0.2] = np.nan
    return values, label


def test_compiled_trees_sum_as_scikit_learn_does(monkeypatch):
    values, label = _with_missing(900, 3)
    classifier = HistGradientBoostingClassifier(max_iter=30, max_leaf_nodes=9, random_state=0)
    classifier.fit(values, (label > 0).astype(int))
    poisson = HistGradientBoostingRegressor(loss="poisson", max_iter=20, random_state=0)
    poisson.fit(values, np.exp(label / 3))
    monkeypatch.setattr(forests, "PARALLEL_MIN_ROWS", 100)  # two threads on 900 rows
    for numpy_max_rows in (10_000, 0):  # walked by NumPy, then by the compiled loop
        monkeypatch.setattr(forests, "NUMPY_MAX_ROWS", numpy_max_rows)
        for model in (classifier, poisson):
            expected = model._raw_predict(values).ravel()
            assert np.array_equal(compiled_forest(model).raw(values), expected)  # bit for bit


def test_path_sums_are_the_same_walked_by_numpy_or_compiled(monkeypatch):
    from client_intelligence.contributions import tree_contributions

    values, label = _with_missing(700, 5)
    model = HistGradientBoostingClassifier(max_iter=25, random_state=0)
    model.fit(values, (label > 0).astype(int))
    by_numpy, bias = tree_contributions(model, values)
    monkeypatch.setattr(forests, "NUMPY_MAX_ROWS", 0)
    compiled, same_bias = tree_contributions(model, values)
    assert np.array_equal(by_numpy, compiled) and bias == same_bias
    np.testing.assert_allclose(by_numpy.sum(axis=1) + bias, model.decision_function(values))


def _elite(data: pd.DataFrame):
    purchase, _ = labels(data)
    vote = VotingClassifier(
        [
            ("trees", HistGradientBoostingClassifier(max_iter=20, random_state=0)),
            ("linear", LogisticRegression(max_iter=1000)),
        ],
        voting="soft",
    )
    pipeline = Pipeline([("preprocess", preprocessor(NUMERIC, CATEGORICAL)), ("model", vote)])
    pipeline.fit(data[FEATURES], purchase)
    return calibrate(pipeline, data[FEATURES], purchase)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    data = clients(rows=600)
    data.loc[::7, "spend_last_365d_eur"] = np.nan  # missing values the imputer fills
    return data


def test_shared_preprocessing_is_the_column_transformer_output(frame):
    transformer = _elite(frame).base[0]
    features = frame[FEATURES]
    fast = _shared_transform(transformer)
    assert fast is not None  # training.preprocessor's shape is recognized
    assert np.array_equal(fast(features), transformer.transform(features))


def test_accelerated_estimators_predict_the_same(frame):
    features = frame[FEATURES]
    plain, fast = _elite(frame), _elite(frame)
    accelerate(fast)
    expected = plain.predict_proba_and_rank(features)
    for _ in range(2):  # the second call reads the remembered preprocessing
        got = fast.predict_proba_and_rank(features)
        assert all(np.array_equal(a, b) for a, b in zip(got, expected, strict=True))
    transformed = fast.base[0].transform(features)
    assert transformed is fast.base[0].transform(features)  # remembered for this frame
    assert not transformed.flags.writeable  # shared: nobody may change it
    assert fast.base[0].transform(features.copy()) is not transformed  # another frame


def test_batches_score_as_one(monkeypatch):
    from client_intelligence import scoring
    from tests.unit.test_scoring import PROJECT_ROOT, _artifact, _profiles

    seed = pd.read_csv(PROJECT_ROOT / "seeds" / "segment_cutoffs.csv")
    cutoffs = scoring.segment_cutoffs_from_seed(seed)
    moment = dt.datetime(2026, 1, 1)
    whole = scoring.score_profiles(_profiles(), _artifact(), cutoffs, scored_at=moment)
    monkeypatch.setattr(scoring, "BATCH_ROWS", 1)
    batched = scoring.score_profiles(_profiles(), _artifact(), cutoffs, scored_at=moment)
    assert whole.num_rows == 2 and batched.equals(whole)

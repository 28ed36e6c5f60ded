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


def test_one_hot_on_distinct_values_is_the_encoder_output(frame, monkeypatch):
    from client_intelligence import fast_estimators

    transformer = _elite(frame).base[0]
    features = frame[FEATURES].copy()
    column = CATEGORICAL[0]
    values = features[column].astype(object)
    values.iloc[::5] = None  # missing kinds the encoder may tell apart
    values.iloc[1::9] = np.nan
    values.iloc[2::11] = "never seen at training"
    features[column] = values
    monkeypatch.setattr(fast_estimators, "ONE_HOT_DISTINCT_MIN_ROWS", 0)
    fast = _shared_transform(transformer)
    assert np.array_equal(fast(features), transformer.transform(features))


def test_strongest_drivers_are_the_same_by_numpy_or_compiled(monkeypatch):
    from client_intelligence import drivers

    rng = np.random.default_rng(4)
    values = rng.normal(size=(500, 9)).astype(np.float32)
    values[rng.uniform(size=values.shape) < 0.4] = 0  # rows with fewer than three drivers
    values[::3, 2] = values[::3, 5]  # equal pushes: the lower column first
    values[1::3, 4] = -values[1::3, 7]
    by_numpy = drivers.strongest(values)
    monkeypatch.setattr(drivers, "NUMPY_MAX_ROWS", 0)
    compiled = drivers.strongest(values)
    assert all(np.array_equal(a, b) for a, b in zip(by_numpy, compiled, strict=True))
    top, pushed = by_numpy
    magnitude = np.abs(pushed)
    assert np.all(magnitude[:, :-1] >= magnitude[:, 1:])
    assert np.all((top < 0) == (pushed == 0))
    tied = np.abs(values[::3, 2]) > 0
    rows = np.flatnonzero(tied) * 3
    first = [list(top[row]).index(2) for row in rows if 5 in top[row] and 2 in top[row]]
    second = [list(top[row]).index(5) for row in rows if 5 in top[row] and 2 in top[row]]
    assert first and all(a < b for a, b in zip(first, second, strict=True))


def test_batches_are_even():
    from client_intelligence.scoring import BATCH_ROWS, _batch_size

    assert _batch_size(0) == 1 and _batch_size(10) == 10
    size = _batch_size(3 * BATCH_ROWS + 7)
    assert size <= BATCH_ROWS and -(-(3 * BATCH_ROWS + 7) // size) == 4
    assert (3 * BATCH_ROWS + 7) - 3 * size > BATCH_ROWS // 2  # no small last batch


def test_no_profiles_score_to_an_empty_table_with_every_prediction_column():
    from client_intelligence import scoring
    from tests.unit.test_scoring import PROJECT_ROOT, _artifact, _profiles

    seed = pd.read_csv(PROJECT_ROOT / "seeds" / "segment_cutoffs.csv")
    empty = _profiles().slice(0, 0)
    scored = scoring.score_profiles(empty, _artifact(), scoring.segment_cutoffs_from_seed(seed))
    assert scored.num_rows == 0
    assert set(scoring.PREDICTION_COLUMNS) <= set(scored.column_names)

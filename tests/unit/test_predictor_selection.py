"""The kept predictor per target: baseline where it wins, gates, fallback, reproducibility."""

import numpy as np
import pandas as pd
import pytest
from synthetic_examples import HORIZONS, training_examples

from client_intelligence.baseline import apply_baseline, fit_baseline
from client_intelligence.features import TARGETS, FeatureSet
from client_intelligence.predictor_selection import (
    BASELINE,
    BLEND,
    MODEL,
    BaselinePredictor,
    Origin,
    choose,
    data_shortfalls,
)
from client_intelligence.purchase_history import add_point_in_time_features
from client_intelligence.training import train_tier

PURCHASE = TARGETS[0]


class NoiseClassifier:
    """A 'trained model' that knows nothing."""

    classes_ = np.array([0, 1])

    def predict_proba(self, features):
        p = np.random.default_rng(0).random(len(features))
        return np.column_stack([1 - p, p])


class OracleClassifier(NoiseClassifier):
    def __init__(self, labels):
        self.labels = labels

    def predict_proba(self, features):
        p = np.clip(self.labels.loc[features.index].to_numpy(float), 0.05, 0.95)
        return np.column_stack([1 - p, p])


@pytest.fixture(scope="module")
def examples() -> pd.DataFrame:
    return training_examples(clients=800, step=90)


def validation_rows(examples):
    cutoff = sorted(examples.loc[examples["label_purchased"].notna(), "cutoff_date"].unique())[-2]
    return examples[examples["cutoff_date"] == cutoff]


def test_baseline_kept_where_it_wins(examples):
    rows = validation_rows(examples)
    baseline = BaselinePredictor(fit_baseline(rows), "purchase", HORIZONS)
    features = list(rows.columns)
    choice = choose(PURCHASE, [Origin("v", NoiseClassifier(), baseline, rows)], features)
    assert choice.kept == BASELINE
    assert "nothing beats the baseline" in choice.reason and "roc_auc" in choice.reason
    oracle = OracleClassifier(rows["label_purchased"])
    assert choose(PURCHASE, [Origin("v", oracle, baseline, rows)], features).kept == MODEL


class HalfInformedClassifier(NoiseClassifier):
    """Knows the labels through heavy noise, independently of what BG/NBD knows."""

    def __init__(self, labels):
        self.labels = labels

    def predict_proba(self, features):
        noise = np.random.default_rng(1).random(len(features))
        p = 0.2 * self.labels.loc[features.index].to_numpy(float) + 0.8 * noise
        return np.column_stack([1 - p, p])


def test_a_blend_is_kept_where_it_beats_both(examples):
    rows = validation_rows(examples)
    baseline = BaselinePredictor(fit_baseline(rows), "purchase", HORIZONS)
    model = HalfInformedClassifier(rows["label_purchased"])
    choice = choose(PURCHASE, [Origin("v", model, baseline, rows)], list(rows.columns))
    assert choice.kept == BLEND and 0 < choice.weight < 1
    metrics = choice.validation_metrics["v"]
    assert metrics[BLEND]["roc_auc"] > max(metrics[MODEL]["roc_auc"], metrics[BASELINE]["roc_auc"])


def test_one_lucky_validation_cutoff_does_not_decide(examples):
    """A model that wins on the validation cutoff but is wrong on the two origins before it."""
    labelled = examples[examples["label_purchased"].notna()]
    cutoffs = sorted(labelled["cutoff_date"].unique())[-4:-1]
    origins = []
    for index, cutoff in enumerate(cutoffs):
        rows = labelled[labelled["cutoff_date"] == cutoff]
        baseline = BaselinePredictor(fit_baseline(rows), "purchase", HORIZONS)
        lucky = index == len(cutoffs) - 1
        labels = rows["label_purchased"]
        model = OracleClassifier(labels if lucky else 1 - labels)
        origins.append(Origin(str(cutoff), model, baseline, rows))
    choice = choose(PURCHASE, origins, list(examples.columns))
    assert choice.kept == BASELINE and "on 3 validation cutoff(s)" in choice.reason
    assert set(choice.validation_metrics) == {str(cutoff) for cutoff in cutoffs}


def test_gates_name_the_shortfall(examples):
    rows = validation_rows(examples)
    few = rows[rows["label_purchased"] == 1].head(40)
    problems = data_shortfalls(PURCHASE, pd.concat([few, rows[rows["label_purchased"] == 0]]), rows)
    assert problems == ["fit rows have 40 positive examples (need 100)"]


def test_short_history_falls_back_for_that_target_only():
    examples = training_examples(clients=1000, step=90, clv_cutoffs=2)
    examples, fits = add_point_in_time_features(examples, HORIZONS)
    trained = train_tier(examples, "fast", FeatureSet.of(examples), fits, HORIZONS)
    assert trained["clv"].kept == BASELINE
    assert "2 cutoff(s) with a known label_clv_eur; need at least 3" in trained["clv"].reason
    assert isinstance(trained["clv"].estimator, BaselinePredictor)
    assert trained["clv"].holdout_metrics["rows"] > 0  # judged on its latest labelled cutoff
    for name in ("purchase", "churn"):
        assert trained[name].reason.startswith("on 3 validation cutoff(s)")
        assert trained[name].holdout_metrics["roc_auc"] > 0.6


def test_identical_metrics_on_a_retrain():
    first = training_examples(clients=900, days=800, step=120, seed=5)
    shuffled = first.sample(frac=1.0, random_state=1)
    runs = []
    for frame in (first, shuffled):
        frame = frame.sort_values("example_id", kind="stable").reset_index(drop=True)
        frame, fits = add_point_in_time_features(frame, HORIZONS)
        trained = train_tier(frame, "elite", FeatureSet.of(frame), fits, HORIZONS)
        assert trained["purchase"].reason.startswith("on 3 validation cutoff(s)")  # a real fit
        runs.append({name: result.holdout_metrics for name, result in trained.items()})
    assert runs[0] == runs[1]


def test_grouped_fit_matches_per_client_fit(examples):
    from lifetimes import BetaGeoFitter

    rows = validation_rows(examples)
    grouped = fit_baseline(rows).bgnbd
    bgf = BetaGeoFitter(penalizer_coef=0.01).fit(
        rows["repeat_purchase_days"], rows["purchase_span_days"], rows["customer_age_days"]
    )
    for name, value in bgf.params_.items():
        assert grouped[name] == pytest.approx(value, rel=0.02)


def test_baseline_outputs_are_probabilities_and_intervals(examples):
    rows = validation_rows(examples)
    outputs = apply_baseline(fit_baseline(rows), rows, HORIZONS, with_interval=True)
    for values in (outputs.p_alive, outputs.purchase, outputs.churn):
        assert ((values >= 0) & (values <= 1)).all()
    assert (outputs.clv_low <= outputs.clv_high).all() and (outputs.clv >= 0).all()


def test_negative_binomial_quantile_matches_scipy():
    from scipy.stats import nbinom

    from client_intelligence.baseline import negative_binomial_quantile

    rng = np.random.default_rng(0)
    level, shape, success = rng.random(500), rng.uniform(0.2, 12, 500), rng.uniform(0.05, 0.95, 500)
    expected = nbinom.ppf(level, shape, success)
    assert np.array_equal(negative_binomial_quantile(level, shape, success), expected)

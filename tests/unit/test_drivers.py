"""Drivers: contributions that add up to the model's own output, and texts that say what pushed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier, VotingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from client_intelligence.calibration import calibrate
from client_intelligence.contributions import (
    BASELINE_DRIVER,
    FeatureMap,
    explain,
    linear_contributions,
    tree_contributions,
)
from client_intelligence.drivers import Phrasebook, score_drivers
from client_intelligence.predictor_selection import BaselinePredictor, BlendedPredictor
from client_intelligence.purchase_history import (
    CHURN_PROBABILITY,
    P_ALIVE,
    PURCHASE_PROBABILITY,
    expected_purchases_column,
)
from client_intelligence.training import preprocessor

NUMERIC = ["recent_complaint_mentions", "recency_days", "spend_last_365d_eur", "purchase_count"]
CATEGORICAL = ["primary_language"]
PHRASEBOOK = Phrasebook(
    recent_window_days=90,
    horizons={"purchase": 90, "churn": 180, "clv": 365},
    concept_labels={"gift_for_partner": "Gift for partner"},
)


def clients(rows: int = 400, seed: int = 0) -> pd.DataFrame:
    """Clients whose purchase rests on complaints and recency, churn on spend and language;
    prospects (no purchase) have no recency."""
    rng = np.random.default_rng(seed)
    purchases = rng.poisson(2, rows)
    recency = np.where(purchases > 0, rng.integers(1, 700, rows), np.nan)
    frame = pd.DataFrame(
        {
            "primary_language": rng.choice(["en", "fr", "de"], rows),
            "recent_complaint_mentions": rng.poisson(1, rows),
            "recency_days": recency,
            "spend_last_365d_eur": np.round(rng.lognormal(7, 1, rows) * (purchases > 0), 2),
            "purchase_count": purchases,
        }
    )
    frame[P_ALIVE] = rng.uniform(0, 1, rows)
    frame[expected_purchases_column("purchase")] = rng.uniform(0, 2, rows)
    frame[expected_purchases_column("churn")] = rng.uniform(0, 3, rows)
    frame[PURCHASE_PROBABILITY] = rng.uniform(0, 1, rows)
    frame[CHURN_PROBABILITY] = rng.uniform(0, 1, rows)
    return frame


FEATURES = [*CATEGORICAL, *NUMERIC]


def labels(frame: pd.DataFrame, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    recency = frame["recency_days"].fillna(900).to_numpy()
    noise = rng.normal(size=len(frame))
    purchase = 1.2 * frame["recent_complaint_mentions"] - recency / 200 + noise
    churn = -np.log1p(frame["spend_last_365d_eur"]) / 2 + 1.5 * (frame["primary_language"] == "fr")
    churn = churn + rng.normal(size=len(frame))
    return (purchase > np.median(purchase)).astype(int), (churn > np.median(churn)).astype(int)


def fitted(model, frame: pd.DataFrame, label: np.ndarray) -> Pipeline:
    pipeline = Pipeline([("preprocess", preprocessor(NUMERIC, CATEGORICAL)), ("model", model)])
    return pipeline.fit(frame[FEATURES], label)


def small_trees() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(max_iter=15, max_leaf_nodes=7, random_state=0)


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return clients()


@pytest.fixture(scope="module")
def models(data):
    purchase, churn = labels(data)
    return {
        "linear": fitted(LogisticRegression(max_iter=1000), data, purchase),
        "trees": fitted(small_trees(), data, churn),
        "elite": fitted(
            VotingClassifier(
                [("trees", small_trees()), ("linear", LogisticRegression(max_iter=1000))],
                voting="soft",
            ),
            data,
            churn,
        ),
    }


def test_tree_contributions_plus_bias_are_the_raw_prediction(data, models):
    pipeline = models["trees"]
    transformed = pipeline[0].transform(data[FEATURES])
    contributions, bias = tree_contributions(pipeline[-1], transformed)
    raw = pipeline[-1].decision_function(transformed)
    np.testing.assert_allclose(contributions.sum(axis=1) + bias, raw, atol=1e-9)
    assert np.abs(contributions).sum(axis=0).astype(bool).sum() > 1  # several features split on


def test_tree_contributions_follow_missing_values_as_the_model_does():
    """Raw input with NaN (no imputer): rows go where each node sends missing values."""
    rng = np.random.default_rng(3)
    values = rng.normal(size=(600, 4))
    label = (values[:, 0] + np.nan_to_num(values[:, 1], nan=2.0) > 0).astype(int)
    values[rng.uniform(size=values.shape) < 0.2] = np.nan
    model = small_trees().fit(values, label)
    contributions, bias = tree_contributions(model, values)
    np.testing.assert_allclose(
        contributions.sum(axis=1) + bias, model.decision_function(values), atol=1e-9
    )
    # a column the trees never split on gets nothing
    untouched = HistGradientBoostingClassifier(max_iter=5, random_state=0).fit(values[:, :1], label)
    only, _ = tree_contributions(untouched, values[:, :1])
    assert only.shape == (600, 1)


def test_linear_contributions_plus_intercept_are_the_decision_function(data, models):
    pipeline = models["linear"]
    transformed = pipeline[0].transform(data[FEATURES])
    contributions, intercept = linear_contributions(pipeline[-1], transformed)
    np.testing.assert_allclose(
        contributions.sum(axis=1) + intercept, pipeline[-1].decision_function(transformed)
    )


def test_one_hot_and_missing_indicator_columns_map_back_to_their_feature(models):
    preprocess = models["linear"][0]
    feature_map = FeatureMap.of(preprocess, FEATURES)
    assert feature_map.names == tuple(FEATURES)
    names = preprocess.get_feature_names_out()
    origins = np.asarray(feature_map.names)[feature_map.group_of_column]
    by_column = dict(zip(names, origins, strict=True))
    assert by_column["missingindicator_recency_days"] == "recency_days"
    assert by_column["primary_language_fr"] == "primary_language"
    summed = feature_map.to_features(np.ones((2, len(names))))
    assert summed[0, FEATURES.index("primary_language")] == 3  # en, fr, de


def test_drivers_of_the_soft_vote_weigh_each_member_by_its_slope(data, models):
    """A member with vote weight 0 contributes nothing: the ensemble reads as its trees."""
    pipeline = models["elite"]
    trees_only = Pipeline(
        [
            ("preprocess", pipeline[0]),
            (
                "model",
                VotingClassifier(pipeline[-1].estimators, voting="soft", weights=[1, 0]),
            ),
        ]
    )
    trees_only[-1].estimators_ = pipeline[-1].estimators_
    alone = Pipeline([("preprocess", pipeline[0]), ("model", pipeline[-1].estimators_[0])])
    np.testing.assert_allclose(
        explain(trees_only, data[FEATURES]).values, explain(alone, data[FEATURES]).values
    )
    both = explain(pipeline, data[FEATURES]).values
    assert not np.allclose(both, explain(alone, data[FEATURES]).values)


def test_calibration_leaves_the_drivers_unchanged(data, models):
    purchase, _ = labels(data)
    calibrated = calibrate(models["linear"], data[FEATURES], purchase)
    assert score_drivers(calibrated, data[FEATURES], "purchase", PHRASEBOOK).equals(
        score_drivers(models["linear"], data[FEATURES], "purchase", PHRASEBOOK)
    )


def test_purchase_and_churn_drivers_differ_when_their_models_do(data, models):
    purchase = score_drivers(models["linear"], data[FEATURES], "purchase", PHRASEBOOK)
    churn = score_drivers(models["elite"], data[FEATURES], "churn", PHRASEBOOK)
    assert len(purchase) == len(churn) == len(data)
    differ = [p != c for p, c in zip(purchase.to_pylist(), churn.to_pylist(), strict=True)]
    assert np.mean(differ) > 0.9
    # each reads its own model: complaints drive purchase, language and spend drive churn
    assert sum("complaint" in text for text in purchase.to_pylist()) > len(data) / 2
    assert sum("writes in" in text for text in churn.to_pylist()) > len(data) / 4


def test_texts_carry_the_direction_and_the_clients_value(data):
    """A model whose coefficients we set: complaints push up, recency pushes down."""
    pipeline = fitted(LogisticRegression(), data, labels(data)[0])
    names = list(pipeline[0].get_feature_names_out())
    coefficients = np.zeros(len(names))
    coefficients[names.index("recent_complaint_mentions")] = 2.0
    coefficients[names.index("recency_days")] = 1.0  # a long gap reads as a minus: standardized
    coefficients[names.index("spend_last_365d_eur")] = 0.5
    pipeline[-1].coef_ = coefficients.reshape(1, -1)
    client = pd.DataFrame(
        {
            "primary_language": ["fr"],
            "recent_complaint_mentions": [2],
            "recency_days": [5.0],
            "spend_last_365d_eur": [4213.0],
            "purchase_count": [3],
        }
    )
    (text,) = score_drivers(pipeline, client, "purchase", PHRASEBOOK).to_pylist()
    parts = text.split("; ")
    assert len(parts) == 3
    assert "+2 complaint mentions in the last 90 days" in parts
    assert "-5 days since the last purchase" in parts  # more recent than typical: down
    assert "+4,200 EUR spent in the last 365 days" in parts


def test_churn_drivers_are_null_where_churn_is(data, models):
    churn = np.where(data["purchase_count"] == 0, np.nan, 0.5)
    drivers = score_drivers(models["elite"], data[FEATURES], "churn", PHRASEBOOK, np.isnan(churn))
    values = drivers.to_pylist()
    assert [v is None for v in values] == list(np.isnan(churn))
    assert all(values[i] for i in np.flatnonzero(~np.isnan(churn)))


def test_a_blend_names_the_baseline_as_a_driver(data, models):
    baseline_columns = [P_ALIVE, expected_purchases_column("purchase"), PURCHASE_PROBABILITY]
    features = data[[*FEATURES, *baseline_columns]]
    baseline = BaselinePredictor(None, "purchase", PHRASEBOOK.horizons)
    blend = BlendedPredictor(models["linear"], baseline, 0.25)
    explained = explain(blend, features)
    assert explained.names[-1] == BASELINE_DRIVER
    texts = score_drivers(blend, features, "purchase", PHRASEBOOK).to_pylist()
    with_baseline = [text for text in texts if "purchase history (BG/NBD): P(alive)" in text]
    assert len(with_baseline) > len(data) / 2
    assert all("expected purchases" in text for text in with_baseline)


def test_the_baseline_alone_reads_as_the_purchase_history():
    features = pd.DataFrame(
        {
            P_ALIVE: [0.623, 0.623, 0.05],
            expected_purchases_column("purchase"): [0.44, 0.44, 0.0],
            expected_purchases_column("churn"): [0.9, 0.9, 0.02],
        }
    )
    purchase = BaselinePredictor(None, "purchase", PHRASEBOOK.horizons)
    assert score_drivers(purchase, features, "purchase", PHRASEBOOK).to_pylist() == [
        "purchase history (BG/NBD): P(alive) 62%, 0.4 expected purchases",
        "purchase history (BG/NBD): P(alive) 62%, 0.4 expected purchases",
        "purchase history (BG/NBD): P(alive) 5%, 0.0 expected purchases",
    ]
    churn = BaselinePredictor(None, "churn", PHRASEBOOK.horizons)
    assert score_drivers(churn, features, "churn", PHRASEBOOK).to_pylist()[2] == (
        "purchase history (BG/NBD): P(alive) 5%, 0.0 expected purchases in 180 days"
    )
    other = pd.DataFrame({"other": [1.0]})
    assert score_drivers(purchase, other, "purchase", PHRASEBOOK).to_pylist() == [""]


@pytest.mark.parametrize(
    ("feature", "value", "text"),
    [
        ("complaint_mentions", 1, "1 complaint mention in all notes"),
        ("complaint_mentions", 0, "no complaint mentions in all notes"),
        ("spend_last_365d_eur", 0, "nothing spent in the last 365 days"),
        ("purchase_count", 0, "no purchases"),
        ("recent_praise_mentions", 3, "3 praise mentions in the last 90 days"),
        ("recent_hesitation_mentions", 2, "2 hesitation mentions in the last 90 days"),
        ("recent_next_action_mentions", 2, "2 next action mentions in the last 90 days"),
        ("days_since_last_intent", 12, "12 days since the last intent"),
        ("days_since_last_occasion", 1, "1 day since the last occasion"),
        ("days_since_last_occasion", np.nan, "no occasion yet"),
        ("concept_gift_for_partner_mentions", 2, "2 mentions of gift for partner"),
        (
            "recent_concept_gift_for_partner_mentions",
            1,
            "1 mention of gift for partner in the last 90 days",
        ),
        ("concept_watch_strap_mentions", 4, "4 mentions of watch strap"),
        ("recency_days", 210, "210 days since the last purchase"),
        ("spend_last_365d_eur", 4213.37, "4,200 EUR spent in the last 365 days"),
        ("monetary_avg_eur", 57.4, "57 EUR per purchase on average"),
        ("budget_max_eur", np.nan, "no budget stated"),
        ("purchase_count", 1, "1 purchase"),
        ("recent_purchase_count", 2, "2 purchases in the last 90 days"),
        (P_ALIVE, 0.623, "62% chance still active (BG/NBD P(alive))"),
        (
            expected_purchases_column("churn"),
            0.44,
            "0.4 expected purchases in the next 180 days (BG/NBD)",
        ),
        (CHURN_PROBABILITY, 0.71, "71% chance of no purchase in 180 days (BG/NBD)"),
        ("spend_trend", -0.4, "spend down 40% (last 180 days against the 180 before)"),
        ("loyalty_points_eur", 1234, "1,200 EUR loyalty points"),
        ("widget_score", 3, "3 widget score"),
    ],
)
def test_phrase_of_each_feature_family(feature, value, text):
    from client_intelligence.drivers import display_value

    phrase = PHRASEBOOK.phrase(feature)
    assert phrase.render(float(display_value(phrase.unit, np.array([value]))[0])) == text


def test_categorical_phrases():
    assert PHRASEBOOK.categorical("primary_language", "fr") == "writes in French"
    assert PHRASEBOOK.categorical("primary_language", "unknown") == "no note language on record"
    assert PHRASEBOOK.categorical("client_tier", "gold") == "client tier: gold"


def test_recent_window_comes_from_the_phrasebook():
    assert Phrasebook(recent_window_days=30).phrase("recent_intent_mentions").render(2) == (
        "2 intent mentions in the last 30 days"
    )


def _saabas_by_hand(model, row: np.ndarray, columns: int) -> np.ndarray:
    """Reference: walk each tree node by node, crediting each split's feature with the change
    of the count-weighted mean leaf value below the node."""

    def expected(nodes, node):
        if nodes["is_leaf"][node]:
            return float(nodes["value"][node]), float(nodes["count"][node])
        left = expected(nodes, nodes["left"][node])
        right = expected(nodes, nodes["right"][node])
        count = left[1] + right[1]
        return (left[0] * left[1] + right[0] * right[1]) / count, count

    credit = np.zeros(columns)
    for (tree,) in model._predictors:
        nodes, node = tree.nodes, 0
        while not nodes["is_leaf"][node]:
            value = row[nodes["feature_idx"][node]]
            if np.isnan(value):
                go_left = bool(nodes["missing_go_to_left"][node])
            else:
                go_left = value <= nodes["num_threshold"][node]
            child = nodes["left"][node] if go_left else nodes["right"][node]
            credit[nodes["feature_idx"][node]] += (
                expected(nodes, child)[0] - expected(nodes, node)[0]
            )
            node = child
    return credit


def test_tree_contributions_credit_the_feature_each_split_is_on():
    rng = np.random.default_rng(5)
    values = rng.normal(size=(500, 3))
    values[:, 2] = 1.0  # constant: never split on, never credited
    label = (values[:, 0] - 0.5 * values[:, 1] + rng.normal(scale=0.5, size=500) > 0).astype(int)
    values[rng.uniform(size=500) < 0.1, 1] = np.nan
    model = small_trees().fit(values, label)
    contributions, _ = tree_contributions(model, values)
    assert not contributions[:, 2].any()
    for row in range(0, 500, 25):
        np.testing.assert_allclose(
            contributions[row], _saabas_by_hand(model, values[row], 3), atol=1e-12
        )


def test_a_predictor_of_another_shape_gets_empty_drivers_not_a_guess(data):
    from sklearn.dummy import DummyClassifier

    dummy = DummyClassifier().fit(data[FEATURES], labels(data)[0])
    texts = score_drivers(dummy, data[FEATURES].assign(**{P_ALIVE: 0.5}), "purchase", PHRASEBOOK)
    assert set(texts.to_pylist()) == {""}

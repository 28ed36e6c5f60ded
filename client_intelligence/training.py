"""Training the purchase, churn and CLV estimators on point-in-time examples.

Split across time, never at random: for each target, the latest cutoff with a known label is
the holdout (reported metrics), the one before it is the validation cutoff (decision thresholds
and, for the elite tier, probability calibration), and the earlier ones are fitted on.
"""

from __future__ import annotations

import datetime as dt
import platform
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    VotingClassifier,
    VotingRegressor,
)
from sklearn.frozen import FrozenEstimator
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, PoissonRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from client_intelligence.baseline import evaluate_baseline
from client_intelligence.drift import training_feature_reference
from client_intelligence.features import TARGETS, FeatureSet, Target, signed_log1p
from client_intelligence.metrics import classification_metrics, regression_metrics
from client_intelligence.segmentation import SEGMENTS_ESTIMATOR, fit_on_latest_cutoff

# Fixed, not early-stopped: early stopping would pick the iteration count on a random split that
# mixes cutoffs. Prediction cost grows with the number of trees (see scripts/bench_scoring.py).
TREE_ITERATIONS = 60
# The elite tier's gradient-boosted trees, for every target (the CLV regressor adds its loss).
TREE_SETTINGS = {
    "max_iter": TREE_ITERATIONS,
    "learning_rate": 0.15,
    "max_leaf_nodes": 15,
    "l2_regularization": 1.0,
    "random_state": 0,
}

TIER_DESCRIPTIONS = {
    "fast": "regularized linear models (logistic regression, Poisson regression)",
    "elite": "gradient-boosted trees + linear model, soft-voting ensemble, "
    "probabilities calibrated (isotonic) on the validation cutoff",
}


@dataclass
class TimeSplit:
    """Rows of one target's examples, by role."""

    fit: pd.DataFrame
    validation: pd.DataFrame
    holdout: pd.DataFrame
    fit_cutoffs: list[str]
    validation_cutoff: str
    holdout_cutoff: str


@dataclass
class TrainedTarget:
    estimator: Any
    threshold: float | None
    holdout_metrics: dict[str, float]
    split: TimeSplit
    holdout_predictions: np.ndarray = field(repr=False)


class NotEnoughHistoryError(ValueError):
    """Too few labelled cutoffs for an honest time split."""


def labelled_cutoffs(examples: pd.DataFrame, label: str) -> list[str]:
    """The cutoffs (as YYYY-MM-DD) at which `label` is known, oldest first."""
    labelled = examples[examples[label].notna()]
    return sorted(labelled["cutoff_date"].astype(str).unique())


def time_split(
    examples: pd.DataFrame, target: Target, max_fit_cutoffs: int | None = None
) -> TimeSplit:
    """Fit on all but the last two labelled cutoffs (or only the latest `max_fit_cutoffs` of
    them: a training window that slides forward as data grows)."""
    labelled = examples[examples[target.label].notna()]
    cutoffs = labelled_cutoffs(examples, target.label)
    if len(cutoffs) < 3:
        raise NotEnoughHistoryError(
            f"{target.name}: {len(cutoffs)} cutoff(s) with a known {target.label}; need at "
            "least 3 (fit, validation, holdout). Add history or earlier `training_cutoffs`."
        )
    dates = labelled["cutoff_date"].astype(str)
    fit_cutoffs = cutoffs[:-2][-max_fit_cutoffs:] if max_fit_cutoffs else cutoffs[:-2]
    return TimeSplit(
        fit=labelled[dates.isin(fit_cutoffs)],
        validation=labelled[dates == cutoffs[-2]],
        holdout=labelled[dates == cutoffs[-1]],
        fit_cutoffs=fit_cutoffs,
        validation_cutoff=cutoffs[-2],
        holdout_cutoff=cutoffs[-1],
    )


def preprocessor(numeric: list[str], categorical: list[str]) -> ColumnTransformer:
    """Imputation (with missing-value indicators), log scaling of counts and euros, one-hot.

    Money and counts are heavy-tailed; log1p keeps a single VIP from dominating a linear model.
    """
    numeric_steps = make_pipeline(
        SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True),
        FunctionTransformer(signed_log1p, feature_names_out="one-to-one"),
        StandardScaler(),
    )
    categorical_steps = OneHotEncoder(handle_unknown="ignore", min_frequency=5)
    return ColumnTransformer(
        [("numeric", numeric_steps, numeric), ("categorical", categorical_steps, categorical)],
        verbose_feature_names_out=False,
    )


# Artifacts trained before signed_log1p moved to features pickled it under this name.
_signed_log1p = signed_log1p


def build_estimator(tier: str, target: Target, numeric: list[str], categorical: list[str]):
    """An unfitted sklearn Pipeline for one target and tier."""
    linear_classifier = LogisticRegression(C=0.5, max_iter=2000)
    linear_regressor = PoissonRegressor(alpha=1.0, max_iter=1000)
    if tier == "fast":
        model = linear_classifier if target.is_classification else linear_regressor
        return Pipeline([("preprocess", preprocessor(numeric, categorical)), ("model", model)])
    if tier != "elite":
        raise ValueError(f"Unknown tier {tier!r}")
    if target.is_classification:
        model = VotingClassifier(
            [
                ("trees", HistGradientBoostingClassifier(**TREE_SETTINGS)),
                ("linear", linear_classifier),
            ],
            voting="soft",
        )
    else:
        model = VotingRegressor(
            [
                ("trees", HistGradientBoostingRegressor(loss="poisson", **TREE_SETTINGS)),
                ("linear", linear_regressor),
            ]
        )
    return Pipeline([("preprocess", preprocessor(numeric, categorical)), ("model", model)])


def best_f1_threshold(labels: np.ndarray, probabilities: np.ndarray) -> float:
    """The probability cut-off that maximizes F1 on validation data.

    F1 balances missed buyers against wasted calls, and unlike 0.5 it adapts to the base rate.
    """
    candidates = np.unique(np.round(probabilities, 3))
    if len(candidates) > 200:
        candidates = np.quantile(probabilities, np.linspace(0.01, 0.99, 199))
    best_threshold, best_f1 = 0.5, -1.0
    positives = labels.sum()
    for threshold in candidates:
        predicted = probabilities >= threshold
        true_positives = np.sum(predicted & (labels == 1))
        denominator = predicted.sum() + positives
        f1 = 2 * true_positives / denominator if denominator else 0.0
        if f1 > best_f1:
            best_threshold, best_f1 = float(threshold), f1
    return best_threshold


def evaluate_estimator(
    estimator, target: Target, rows: pd.DataFrame, features: list[str], threshold: float | None
) -> tuple[dict[str, float], np.ndarray]:
    """Metrics of a fitted estimator on labelled rows, and its predictions.

    Used for a new model's holdout and for judging the champion on a candidate's holdout, so both
    are measured the same way.
    """
    if target.is_classification:
        predictions = estimator.predict_proba(rows[features])[:, 1]
        labels = rows[target.label].astype(int).to_numpy()
        return classification_metrics(labels, predictions, float(threshold)), predictions
    predictions = np.clip(estimator.predict(rows[features]), 0, None)
    return regression_metrics(rows[target.label].to_numpy(float), predictions), predictions


def train_target(
    examples: pd.DataFrame,
    target: Target,
    tier: str,
    feature_set: FeatureSet,
    max_fit_cutoffs: int | None = None,
) -> TrainedTarget:
    split = time_split(examples, target, max_fit_cutoffs)
    features = feature_set.names
    estimator = build_estimator(tier, target, feature_set.numeric, feature_set.categorical)
    estimator.fit(split.fit[features], split.fit[target.label].astype(float))
    threshold = None
    if target.is_classification:
        validation_labels = split.validation[target.label].astype(int).to_numpy()
        if tier == "elite":
            estimator = CalibratedClassifierCV(FrozenEstimator(estimator), method="isotonic")
            estimator.fit(split.validation[features], validation_labels)
        validation_probabilities = estimator.predict_proba(split.validation[features])[:, 1]
        threshold = best_f1_threshold(validation_labels, validation_probabilities)
    metrics, predictions = evaluate_estimator(estimator, target, split.holdout, features, threshold)
    return TrainedTarget(estimator, threshold, metrics, split, predictions)


def train_tier(
    examples: pd.DataFrame,
    tier: str,
    feature_set: FeatureSet,
    fit_window: dict[str, int] | None = None,
) -> dict[str, TrainedTarget]:
    """Every target with `tier`'s settings; `fit_window` caps each target's fit cutoffs."""
    window = fit_window or {}
    return {
        target.name: train_target(examples, target, tier, feature_set, window.get(target.name))
        for target in TARGETS
    }


@dataclass
class TrainedArtifact:
    """What one training run writes as a version: fitted estimators by name and metadata."""

    estimators: dict[str, Any]
    metadata: dict[str, Any]
    trained: dict[str, TrainedTarget]


def train_artifact(
    examples: pd.DataFrame,
    transactions: pd.DataFrame,
    family: str,
    horizons: dict[str, int],
    fit_window: dict[str, int] | None = None,
    feature_set: FeatureSet | None = None,
) -> TrainedArtifact:
    """Train every estimator of a version with `family`'s settings, and describe it.

    The one training path: scripts/train.py (fast, elite) and scripts/retrain.py (continuous)
    both call it, so every version holds the same estimators and metadata. One way through:
    features (once) -> split, fit, evaluate each target -> the baseline on the same splits ->
    the drift reference -> the segments -> the metadata of the artifact.
    """
    feature_set = feature_set or FeatureSet.of(examples)
    trained = train_tier(examples, family, feature_set, fit_window)
    splits = {name: result.split for name, result in trained.items()}
    baseline = evaluate_baseline(examples, transactions, splits, horizons)
    reference = training_feature_reference(examples, feature_set.numeric)
    estimators = {name: result.estimator for name, result in trained.items()}
    segmentation = fit_on_latest_cutoff(examples, estimators, feature_set.names)
    estimators[SEGMENTS_ESTIMATOR] = segmentation
    metadata = artifact_metadata(examples, family, feature_set, trained, baseline, reference)
    metadata.update(horizons_days=horizons, model_family=family, segmentation=segmentation.metadata)
    return TrainedArtifact(estimators, metadata, trained)


def artifact_metadata(
    examples: pd.DataFrame,
    tier: str,
    feature_set: FeatureSet,
    trained: dict[str, TrainedTarget],
    baseline: dict[str, Any],
    feature_reference: dict[str, Any],
) -> dict[str, Any]:
    """Everything a reader or the loader needs to know about a version, without unpickling."""
    return {
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "description": TIER_DESCRIPTIONS[tier],
        "feature_names": feature_set.names,
        "categorical_features": feature_set.categorical,
        "training_window": {
            "first_cutoff": str(examples["cutoff_date"].min()),
            "last_cutoff": str(examples["cutoff_date"].max()),
            "examples": len(examples),
        },
        "cutoffs": {
            name: {
                "fit": result.split.fit_cutoffs,
                "validation": result.split.validation_cutoff,
                "holdout": result.split.holdout_cutoff,
                "fit_rows": len(result.split.fit),
                "holdout_rows": len(result.split.holdout),
            }
            for name, result in trained.items()
        },
        "thresholds": {
            name: result.threshold
            for name, result in trained.items()
            if result.threshold is not None
        },
        "threshold_rule": "maximizes F1 on the validation cutoff (the one before the holdout)",
        "holdout_metrics": {name: result.holdout_metrics for name, result in trained.items()},
        "baseline": baseline,
        "feature_reference": feature_reference,  # for drift monitoring
        "library_versions": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
        },
    }


def load_training_data(database) -> tuple[pd.DataFrame, pd.DataFrame]:
    """ml_training_examples and the usable transactions, from the DuckDB file."""
    import duckdb

    try:
        with duckdb.connect(str(database), read_only=True) as connection:
            examples = connection.sql("select * from ml_training_examples").df()
            transactions = connection.sql(
                "select client_id, transaction_date, amount_eur::double as amount_eur"
                " from stg_transactions"
            ).df()
    except (duckdb.CatalogException, duckdb.IOException) as error:
        raise FileNotFoundError(
            f"No training examples in {database}: run `dbt build` first ({error})"
        ) from error
    transactions["transaction_date"] = pd.to_datetime(transactions["transaction_date"])
    return examples, transactions

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
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import (
    HistGradientBoostingClassifier,
    HistGradientBoostingRegressor,
    VotingClassifier,
    VotingRegressor,
)
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, PoissonRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

from client_intelligence.artifacts import NOTES_ONLY_FAMILY, family_estimator_name
from client_intelligence.baseline import evaluate_baseline
from client_intelligence.calibration import calibrate, reliability
from client_intelligence.clv_intervals import (
    HIGH_QUANTILE,
    LOW_QUANTILE,
    IntervalCLVRegressor,
    coverage,
    predict_clv_interval,
)
from client_intelligence.concept_features import (
    CONCEPT_COUNTS_COLUMN,
    MAX_CONCEPT_FEATURES,
    MIN_CONCEPT_SUPPORT,
    add_concept_features,
    counts_array,
    supported_concepts,
)
from client_intelligence.concept_features import column_name as concept_column
from client_intelligence.drift import training_feature_reference
from client_intelligence.features import (
    PURCHASE_HISTORY_COLUMNS,
    TARGETS,
    FeatureSet,
    Target,
    clip_standardized,
    signed_log1p,
)
from client_intelligence.metrics import classification_metrics, regression_metrics
from client_intelligence.predictor_selection import (
    BASELINE,
    MODEL,
    BaselinePredictor,
    BlendedPredictor,
    Origin,
    choose,
    data_shortfalls,
)
from client_intelligence.purchase_history import add_point_in_time_features
from client_intelligence.purchase_history import feature_names as purchase_history_features
from client_intelligence.segmentation import SEGMENTS_ESTIMATOR, fit_on_latest_cutoff

# At most this many trees; above 10,000 rows scikit-learn stops early on a held-out 10% of the
# rows, drawn with SEED from rows in a fixed order (train_artifact sorts them), so it repeats
# exactly. Prediction cost grows with the number of trees (see scripts/bench_scoring.py).
TREE_ITERATIONS = 60
SEED = 0
# The elite tier's gradient-boosted trees, for every target and the CLV interval's bounds (each
# adds its loss).
TREE_SETTINGS = {
    "max_iter": TREE_ITERATIONS,
    "learning_rate": 0.15,
    "max_leaf_nodes": 15,
    "l2_regularization": 1.0,
    "early_stopping": "auto",
    "random_state": SEED,
}
# Validation origins of the model-or-baseline choice: the validation cutoff and the fit cutoffs
# just before it (predictor_selection.choose).
CHOICE_ORIGINS = 3
BASELINE_ESTIMATOR = "baseline"  # the latest cutoff's BG/NBD + Gamma-Gamma fit (features)

TIER_DESCRIPTIONS = {
    "fast": "regularized linear models (logistic regression, Poisson regression), "
    "probabilities calibrated (isotonic or sigmoid, bounded) on the validation cutoff",
    "elite": "gradient-boosted trees + linear model, soft-voting ensemble, "
    "probabilities calibrated (isotonic or sigmoid, bounded) on the validation cutoff",
}


@dataclass
class TimeSplit:
    """Rows of one target's examples, by role."""

    fit: pd.DataFrame
    validation: pd.DataFrame
    holdout: pd.DataFrame
    fit_cutoffs: list[str]
    validation_cutoff: str | None
    holdout_cutoff: str | None


@dataclass
class TrainedTarget:
    """The kept predictor of one target (trained model or baseline) and how it was judged."""

    estimator: Any
    threshold: float | None
    holdout_metrics: dict[str, float] | None
    split: TimeSplit
    holdout_predictions: np.ndarray = field(repr=False)
    kept: str = MODEL
    reason: str = ""
    report: dict[str, Any] = field(default_factory=dict)  # selection, calibration, interval
    model: Any = None  # the trained model as fitted, before any blend or calibration


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

    Money and counts are heavy-tailed; log1p keeps a single VIP from dominating a linear model,
    and the clip at STANDARDIZED_LIMIT a rare concept from blowing up a log-link one.
    """
    numeric_steps = make_pipeline(
        SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True),
        FunctionTransformer(signed_log1p, feature_names_out="one-to-one"),
        StandardScaler(),
        FunctionTransformer(clip_standardized, feature_names_out="one-to-one"),
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
    linear_regressor = PoissonRegressor(alpha=1.0, solver="newton-cholesky", max_iter=1000)
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


def quantile_estimator(quantile: float) -> HistGradientBoostingRegressor:
    """Gradient boosting on the pinball loss: one bound of the CLV interval (every tier), on the
    CLV point model's preprocessed features."""
    return HistGradientBoostingRegressor(loss="quantile", quantile=quantile, **TREE_SETTINGS)


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


def fit_point_model(target: Target, tier: str, rows: pd.DataFrame, feature_set: FeatureSet):
    """`tier`'s estimator of one target fitted on `rows` (uncalibrated, no interval)."""
    estimator = build_estimator(tier, target, feature_set.numeric, feature_set.categorical)
    return estimator.fit(rows[feature_set.names], rows[target.label].astype(float))


def fit_model(target: Target, tier: str, split: TimeSplit, feature_set: FeatureSet):
    """The trained estimator of one target, fitted on the fit cutoffs (uncalibrated: what is
    kept is calibrated once chosen); CLV with its interval models."""
    estimator = fit_point_model(target, tier, split.fit, feature_set)
    if target.is_classification:
        return estimator
    # the bounds read the point model's preprocessed features: scoring transforms them once
    transformed = estimator[:-1].transform(split.fit[feature_set.names])
    labels = split.fit[target.label].astype(float)
    bounds = [quantile_estimator(q).fit(transformed, labels) for q in (LOW_QUANTILE, HIGH_QUANTILE)]
    return IntervalCLVRegressor(estimator, *bounds)


def kept_predictor_report(
    target: Target,
    estimator,
    split: TimeSplit,
    features: list[str],
    predictions: np.ndarray,
) -> dict[str, Any]:
    """Calibration (classifiers) or interval coverage (CLV) of the kept predictor, on holdout."""
    holdout = split.holdout
    if not len(holdout):
        return {}
    if target.is_classification:
        labels = holdout[target.label].astype(int).to_numpy()
        report = {"holdout_reliability": reliability(labels, predictions)}
        for name in ("method", "bounds"):
            if hasattr(estimator, name):
                report[f"calibration_{name}"] = getattr(estimator, name)
        return report
    _, low, high = predict_clv_interval(estimator, holdout[features])
    actual = holdout[target.label].to_numpy(float)
    return {
        "interval": {
            "quantiles": [LOW_QUANTILE, HIGH_QUANTILE],
            "method": "BG/NBD + Gamma-Gamma posterior predictive"
            if isinstance(estimator, BaselinePredictor)
            else "quantile gradient boosting",
            "conformal_margin_log1p_eur": getattr(estimator, "margin", 0.0),
            "holdout_coverage": coverage(low, high, actual),
            "holdout_median_width_eur": float(np.median(high - low)),
        }
    }


def train_target(
    examples: pd.DataFrame,
    target: Target,
    tier: str,
    feature_set: FeatureSet,
    baseline_fits: dict[str, Any],
    horizons: dict[str, int],
    max_fit_cutoffs: int | None = None,
    history_known: bool = True,
) -> TrainedTarget:
    """The better of the trained model and the baseline for one target, judged on validation.

    A target whose history is too short, or whose data fails the minimum-data gates, keeps the
    baseline with a note saying what was short; the other targets are unaffected. Without
    `history_known` (the notes-only family) the baseline is BG/NBD for an unknown history.
    """
    features = feature_set.names
    try:
        split = time_split(examples, target, max_fit_cutoffs)
        shortfalls = data_shortfalls(target, split.fit, split.holdout)
    except NotEnoughHistoryError as error:
        split, shortfalls = fallback_split(examples, target), [str(error)]
    baseline = (
        BaselinePredictor(
            baseline_fits[split.validation_cutoff or split.holdout_cutoff or max(baseline_fits)],
            target.name,
            horizons,
            history_known=history_known,
        )
        if baseline_fits
        else None
    )
    model = None
    if shortfalls:
        estimator, kept = baseline, BASELINE
        reason = "not trained, the baseline stands in: " + "; ".join(shortfalls)
        selection: dict[str, Any] = {}
    else:
        model = fit_model(target, tier, split, feature_set)
        origins = [Origin(split.validation_cutoff, model, baseline, split.validation)]
        if history_known:
            # without history the baseline is one value for every row, so every blend ranks as
            # the model does: the validation cutoff alone decides between model and baseline
            origins += earlier_origins(target, tier, split, feature_set, baseline_fits, horizons)
        choice = choose(target, origins, features)
        estimator = kept_predictor(target, choice.weight, model, baseline, split, features)
        kept, reason = choice.kept, choice.reason
        selection = {"model_weight": choice.weight, "validation_metrics": choice.validation_metrics}
    if not target.is_classification and len(split.validation):
        estimator.conformalize(
            split.validation[features], split.validation[target.label].to_numpy(float)
        )
    threshold = None
    if target.is_classification and len(split.validation):
        validation_labels = split.validation[target.label].astype(int).to_numpy()
        validation_probabilities = estimator.predict_proba(split.validation[features])[:, 1]
        threshold = best_f1_threshold(validation_labels, validation_probabilities)
    elif target.is_classification:
        threshold = 0.5
    judged = estimator
    if isinstance(estimator, BaselinePredictor) and split.holdout_cutoff:
        # on the holdout, the baseline is fitted on purchases before the holdout cutoff
        judged = BaselinePredictor(
            baseline_fits[split.holdout_cutoff],
            target.name,
            horizons,
            estimator.margin,
            history_known=history_known,
        )
    metrics, predictions = None, np.empty(0)
    if len(split.holdout):
        metrics, predictions = evaluate_estimator(
            judged, target, split.holdout, features, threshold
        )
    report = {"kept": kept, "reason": reason, **selection}
    report.update(kept_predictor_report(target, judged, split, features, predictions))
    if isinstance(estimator, BaselinePredictor):  # scoring uses the newest fit, as features do
        estimator.model = baseline_fits[max(baseline_fits)]
    return TrainedTarget(
        estimator, threshold, metrics, split, predictions, kept, reason, report, model
    )


def kept_predictor(
    target: Target,
    weight: float,
    model,
    baseline: BaselinePredictor,
    split: TimeSplit,
    features: list[str],
):
    """The baseline (weight 0, BG/NBD's own probabilities), or the model or the blend, whose
    probabilities are calibrated on the validation cutoff: a model fitted on past cutoffs drifts."""
    if weight == 0:
        return baseline
    predictor = model if weight == 1 else BlendedPredictor(model, baseline, weight)
    if not target.is_classification:
        return predictor
    labels = split.validation[target.label].astype(int).to_numpy()
    return calibrate(predictor, split.validation[features], labels)


def earlier_origins(
    target: Target,
    tier: str,
    split: TimeSplit,
    feature_set: FeatureSet,
    baseline_fits: dict[str, Any],
    horizons: dict[str, int],
) -> list[Origin]:
    """The latest fit cutoffs as extra validation origins (up to CHOICE_ORIGINS in all), each
    with a model fitted on the fit cutoffs before it; skipped where a class is missing."""
    origins = []
    dates = split.fit["cutoff_date"].astype(str)
    for cutoff in reversed(split.fit_cutoffs[1:][-(CHOICE_ORIGINS - 1) :]):
        rows, earlier = split.fit[dates == cutoff], split.fit[dates < cutoff]
        if target.is_classification and (
            rows[target.label].nunique() < 2 or earlier[target.label].nunique() < 2
        ):
            continue
        model = fit_point_model(target, tier, earlier, feature_set)
        baseline = BaselinePredictor(baseline_fits[cutoff], target.name, horizons)
        origins.append(Origin(cutoff, model, baseline, rows))
    return origins


def fallback_split(examples: pd.DataFrame, target: Target) -> TimeSplit:
    """With fewer than 3 labelled cutoffs: the latest is the holdout, the one before (if any) the
    validation cutoff; nothing is fitted."""
    labelled = examples[examples[target.label].notna()]
    cutoffs = labelled_cutoffs(examples, target.label)
    dates = labelled["cutoff_date"].astype(str)
    holdout = cutoffs[-1] if cutoffs else None
    validation = cutoffs[-2] if len(cutoffs) > 1 else None
    return TimeSplit(
        fit=labelled.iloc[:0],
        validation=labelled[dates == validation] if validation else labelled.iloc[:0],
        holdout=labelled[dates == holdout] if holdout else labelled.iloc[:0],
        fit_cutoffs=[],
        validation_cutoff=validation,
        holdout_cutoff=holdout,
    )


def train_tier(
    examples: pd.DataFrame,
    tier: str,
    feature_set: FeatureSet,
    baseline_fits: dict[str, Any],
    horizons: dict[str, int],
    fit_window: dict[str, int] | None = None,
    history_known: bool = True,
) -> dict[str, TrainedTarget]:
    """Every target with `tier`'s settings; `fit_window` caps each target's fit cutoffs."""
    window = fit_window or {}
    return {
        target.name: train_target(
            examples,
            target,
            tier,
            feature_set,
            baseline_fits,
            horizons,
            window.get(target.name),
            history_known,
        )
        for target in TARGETS
    }


def model_features(examples: pd.DataFrame, horizons: dict[str, int]) -> FeatureSet:
    """The model's features: the SQL ones of `examples`, then the purchase-history columns
    derived from them (purchase_history, all numeric), then a column per concept frequent enough
    to learn from (concept_features), in the order they are appended."""
    sql = FeatureSet.of(examples)
    concepts: list[str] = []
    if CONCEPT_COUNTS_COLUMN in examples.columns:
        concepts = supported_concepts(counts_array(examples[CONCEPT_COUNTS_COLUMN]))
    names = [*sql.names, *purchase_history_features(horizons), *map(concept_column, concepts)]
    return FeatureSet(names, sql.categorical, tuple(concepts))


def is_purchase_history_feature(name: str, horizons: dict[str, int]) -> bool:
    """Read from the sales history: the SQL purchase features and the BG/NBD columns."""
    return name in PURCHASE_HISTORY_COLUMNS or name in purchase_history_features(horizons)


@dataclass
class TrainedArtifact:
    """What one training run writes as a version: fitted estimators by name and metadata."""

    estimators: dict[str, Any]
    metadata: dict[str, Any]
    trained: dict[str, TrainedTarget]


def train_artifact(
    examples: pd.DataFrame,
    transactions: pd.DataFrame | None,
    family: str,
    horizons: dict[str, int],
    fit_window: dict[str, int] | None = None,
    feature_set: FeatureSet | None = None,
) -> TrainedArtifact:
    """Train every estimator of a version with `family`'s settings, and describe it.

    The one training path: scripts/train.py (fast, elite) and scripts/retrain.py (continuous)
    both call it, so every version holds the same estimators and metadata. The baseline reads
    the RFM summary of the examples themselves (`transactions` is no longer needed).
    """
    # Rows in a fixed order: the same data and settings give the same estimators and metrics.
    examples = examples.sort_values("example_id", kind="stable").reset_index(drop=True)
    feature_set = feature_set or model_features(examples, horizons)
    # drift is monitored on the SQL features (the derived ones follow from them)
    reference = training_feature_reference(examples, FeatureSet.of(examples).numeric)
    if CONCEPT_COUNTS_COLUMN in examples.columns:
        examples = add_concept_features(examples, list(feature_set.concepts))
    examples, baseline_fits = add_point_in_time_features(examples, horizons)
    trained = train_tier(examples, family, feature_set, baseline_fits, horizons, fit_window)
    notes_set = feature_set.subset(lambda name: not is_purchase_history_feature(name, horizons))
    notes_only = train_tier(
        examples, family, notes_set, baseline_fits, horizons, fit_window, history_known=False
    )
    splits = {name: result.split for name, result in trained.items() if result.split.holdout_cutoff}
    baseline = evaluate_baseline(splits, baseline_fits, horizons)
    latest_cutoff = max(baseline_fits)
    baseline["features_fitted_on_cutoff"] = latest_cutoff
    baseline["latest_fit"] = {
        "method": baseline_fits[latest_cutoff].method,
        "bgnbd": baseline_fits[latest_cutoff].bgnbd,
        "gamma_gamma": baseline_fits[latest_cutoff].gamma_gamma,
        "clients": baseline_fits[latest_cutoff].fit_clients,
    }
    estimators = {name: result.estimator for name, result in trained.items()}
    estimators |= {
        family_estimator_name(NOTES_ONLY_FAMILY, name): kept.estimator
        for name, kept in notes_only.items()
    }
    estimators[BASELINE_ESTIMATOR] = baseline_fits[latest_cutoff]
    segmentation = fit_on_latest_cutoff(examples, estimators, feature_set.names)
    estimators[SEGMENTS_ESTIMATOR] = segmentation
    metadata = artifact_metadata(examples, family, feature_set, trained, baseline, reference)
    metadata.update(
        horizons_days=horizons,
        model_family=family,
        segmentation=segmentation.metadata,
        derived_features=[
            *purchase_history_features(horizons),
            *map(concept_column, feature_set.concepts),
        ],
        concept_features={
            "concepts": list(feature_set.concepts),
            "min_support_examples": MIN_CONCEPT_SUPPORT,
            "max_features": MAX_CONCEPT_FEATURES,
        },
        **{NOTES_ONLY_FAMILY: family_metadata(notes_set, notes_only)},
        ablation=ablation(trained, notes_only, family, feature_set, notes_set, horizons),
    )
    return TrainedArtifact(estimators, metadata, trained)


NOTES_ONLY_DESCRIPTION = (
    "the same examples, holdout and baseline rule with the purchase-history features left out "
    "(and BG/NBD for an unknown history): what the CSV scorer uses when no sales are supplied"
)


def family_metadata(feature_set: FeatureSet, trained: dict[str, TrainedTarget]) -> dict[str, Any]:
    """What the loader and a reader need of a second model family kept in the same artifact."""
    return {
        "description": NOTES_ONLY_DESCRIPTION,
        "feature_names": feature_set.names,
        **judged_metadata(trained),
    }


def judged_metadata(trained: dict[str, TrainedTarget]) -> dict[str, Any]:
    """The kept predictors, their thresholds and holdout metrics: the part of the metadata both
    model families share."""
    return {
        "predictors": {name: result.report for name, result in trained.items()},
        "thresholds": {
            name: result.threshold
            for name, result in trained.items()
            if result.threshold is not None
        },
        "threshold_rule": "maximizes F1 on the validation cutoff (the one before the holdout)",
        # a target without a labelled cutoff has no holdout metrics (its predictor's note says so)
        "holdout_metrics": {
            name: result.holdout_metrics
            for name, result in trained.items()
            if result.holdout_metrics is not None
        },
    }


# The ablation's variants, and the ranking metrics it reports (calibration is monotone, so the
# uncalibrated models rank as the kept ones would).
ABLATION_METRICS = {
    "purchase": ("roc_auc", "pr_auc"),
    "churn": ("roc_auc", "pr_auc"),
    "clv": ("spearman",),
}
ALL_FEATURES, WITHOUT_NOTES, WITHOUT_HISTORY = (
    "all features",
    "without note features",
    "without purchase-history features",
)


def ablation(
    trained: dict[str, TrainedTarget],
    notes_only: dict[str, TrainedTarget],
    tier: str,
    feature_set: FeatureSet,
    notes_set: FeatureSet,
    horizons: dict[str, int],
) -> dict[str, Any]:
    """What the notes add: per target, the trained model on the same fit cutoffs and holdout with
    all features, without the note features, and without the purchase-history features.

    A target whose model was not trained (minimum-data gates) has no ablation, and says why.
    """
    history_set = feature_set.subset(lambda name: is_purchase_history_feature(name, horizons))
    result: dict[str, Any] = {}
    for target in TARGETS:
        full, notes = trained[target.name], notes_only[target.name]
        split = full.split
        if full.model is None or notes.model is None or not len(split.holdout):
            result[target.name] = {"not measured": full.reason or notes.reason or "no holdout"}
            continue
        variants = {
            ALL_FEATURES: (full.model, feature_set.names),
            WITHOUT_NOTES: (
                fit_point_model(target, tier, split.fit, history_set),
                history_set.names,
            ),
            WITHOUT_HISTORY: (notes.model, notes_set.names),
        }
        result[target.name] = {
            name: _ranking_metrics(target, model, split.holdout, features)
            for name, (model, features) in variants.items()
        }
    return result


def _ranking_metrics(target: Target, model, rows: pd.DataFrame, features: list[str]):
    metrics, _ = evaluate_estimator(model, target, rows, features, 0.5)
    return {name: metrics[name] for name in ABLATION_METRICS[target.name]}


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
        **judged_metadata(trained),
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

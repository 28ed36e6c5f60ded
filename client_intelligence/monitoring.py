"""Model monitoring: feature drift against the training data, and realized performance.

Two kinds of checks, one row each in the ml_model_monitoring model:

- drift: the population stability index (PSI) of every numeric feature between the rows the
  scoring model was fitted on and today's scoring data (the PSI and the reference: drift.py).
- realized_performance: for every (model_version, as_of_date) in prediction_history whose
  horizon has fully elapsed in the data, the ROC AUC and the calibration of what that version
  predicted, against what the clients then did (prediction_outcomes: the training labels).
  Churn is measured on past buyers only: a prospect has no churn label and no churn risk.

Thresholds are the conventional ones and are documented in the README; they only colour a row
(ok / warning / alert), nothing is blocked.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from sklearn.metrics import roc_auc_score

from client_intelligence.artifacts import ArtifactError, read_metadata, scored_by_dir
from client_intelligence.drift import (
    PSI_ALERT,
    PSI_WARNING,
    bin_proportions,
    population_stability_index,
    psi_status,
)
from client_intelligence.features import LABELS

AUC_WARNING = 0.6
AUC_ALERT = 0.5
AUC_DROP_WARNING = 0.05
CALIBRATION_WARNING = 0.1
CALIBRATION_ALERT = 0.2
CALIBRATION_BINS = 10
# Realized metrics of each version for its most recent scored dates only: the table is rebuilt on
# every run and daily history grows without bound.
MAX_EVALUATED_DATES_PER_VERSION = 12

STATUSES = ("ok", "warning", "alert")
SCHEMA = pa.schema(
    [
        ("check_id", pa.string()),
        ("check_type", pa.string()),
        ("model_tier", pa.string()),
        ("model_version", pa.string()),
        ("as_of_date", pa.date32()),
        ("subject", pa.string()),
        ("value", pa.float64()),
        ("threshold", pa.float64()),
        ("status", pa.string()),
        ("rows_evaluated", pa.int64()),
        ("detail", pa.string()),
        ("evaluated_at", pa.timestamp("us")),
    ]
)


# ---------------------------------------------------------------- rows


@dataclass(frozen=True)
class RunContext:
    """What every row of one monitoring run shares."""

    model_tier: str
    model_version: str
    as_of_date: dt.date | None
    evaluated_at: dt.datetime


def _row(
    context: RunContext,
    check_type: str,
    subject: str,
    status: str,
    detail: str,
    *,
    value: float | None = None,
    threshold: float | None = None,
    rows: int | None = None,
    model_tier: str | None = None,
    model_version: str | None = None,
    as_of_date: dt.date | None = None,
) -> dict[str, Any]:
    tier = model_tier or context.model_tier
    version = model_version or context.model_version
    day = as_of_date or context.as_of_date
    if status not in STATUSES:
        raise ValueError(f"Unknown status {status!r}")
    value = None if value is None or math.isnan(value) else float(value)
    return {
        "check_id": f"{check_type}:{tier}/{version}:{day}:{subject}",
        "check_type": check_type,
        "model_tier": tier,
        "model_version": version,
        "as_of_date": day,
        "subject": subject,
        "value": value,
        "threshold": threshold,
        "status": status,
        "rows_evaluated": rows,
        "detail": detail,
        "evaluated_at": context.evaluated_at,
    }


def drift_rows(
    metadata: Mapping[str, Any], scoring: pd.DataFrame, context: RunContext
) -> list[dict[str, Any]]:
    """One PSI row per feature of the artifact's reference, training vs today's scoring rows."""
    reference = metadata.get("feature_reference")
    if not reference:
        return [
            _row(
                context,
                "drift",
                "feature_reference",
                "warning",
                f"{context.model_tier}/{context.model_version} has no feature reference (trained "
                "before drift monitoring existed): no drift check possible; retrain to enable it",
            )
        ]
    if len(scoring) == 0:
        return [
            _row(context, "drift", "scoring_rows", "warning", "no scoring rows: nothing to compare")
        ]
    rows = []
    for feature, summary in reference["features"].items():
        if feature not in scoring.columns:
            rows.append(
                _row(
                    context,
                    "drift",
                    feature,
                    "alert",
                    f"{feature} is in the training reference but not in the scoring data",
                )
            )
            continue
        values = pd.to_numeric(scoring[feature], errors="coerce").to_numpy(dtype=float)
        actual = bin_proportions(values, summary["edges"])
        expected = np.asarray(summary["proportions"], dtype=float)
        psi = population_stability_index(expected, actual)
        status = psi_status(psi)
        worst = int(np.argmax(np.abs(actual - expected)))
        rows.append(
            _row(
                context,
                "drift",
                feature,
                status,
                f"PSI {psi:.3f} for {feature} (warning at {PSI_WARNING}, alert at {PSI_ALERT}); "
                f"largest change in {_bin_label(summary['edges'], worst)}: "
                f"{expected[worst]:.1%} in training, {actual[worst]:.1%} today",
                value=psi,
                threshold=PSI_WARNING,
                rows=len(values),
            )
        )
    return rows


def _bin_label(edges: list[float], position: int) -> str:
    if position == len(edges) + 1:
        return "missing values"
    if not edges:
        return "all values"
    if position == 0:
        return f"values <= {edges[0]:g}"
    if position == len(edges):
        return f"values > {edges[-1]:g}"
    return f"values in ({edges[position - 1]:g}, {edges[position]:g}]"


# ---------------------------------------------------------------- realized performance


def expected_calibration_error(labels: np.ndarray, probabilities: np.ndarray) -> float:
    """Mean |predicted - observed| over equal-count deciles of the prediction, row-weighted."""
    order = np.argsort(probabilities, kind="stable")
    error = 0.0
    for chunk in np.array_split(order, min(CALIBRATION_BINS, len(order))):
        if len(chunk):
            gap = abs(probabilities[chunk].mean() - labels[chunk].mean())
            error += gap * len(chunk) / len(order)
    return float(error)


def _auc_status(auc: float, holdout_auc: float | None) -> tuple[str, float]:
    """Status and the threshold that applied (the stricter of absolute and holdout-relative)."""
    threshold = AUC_WARNING
    if holdout_auc is not None and not math.isnan(holdout_auc):
        threshold = max(threshold, holdout_auc - AUC_DROP_WARNING)
    if auc < AUC_ALERT:
        return "alert", threshold
    return ("warning" if auc < threshold else "ok"), threshold


def target_rows(
    context: RunContext,
    target: str,
    labels: np.ndarray,
    probabilities: np.ndarray,
    identity: dict[str, Any],
    holdout_auc: float | None,
) -> list[dict[str, Any]]:
    """AUC, calibration error and observed-vs-predicted rate of one target of one scored run."""
    count = len(labels)
    population = "past buyers" if target == "churn" else "clients"
    scored = (
        f"{identity['model_tier']}/{identity['model_version']} scores of {identity['as_of_date']}"
    )
    mean_predicted, observed = float(probabilities.mean()), float(labels.mean())
    rows = [
        _row(
            context,
            "realized_performance",
            f"{target}_observed_rate",
            "ok",
            f"{scored}, {target}: mean predicted {mean_predicted:.1%}, observed "
            f"{observed:.1%} over {count} {population}",
            value=observed,
            rows=count,
            **identity,
        )
    ]
    if len(np.unique(labels)) < 2:
        rows.append(
            _row(
                context,
                "realized_performance",
                f"{target}_roc_auc",
                "ok",
                f"{scored}, {target}: AUC undefined, all {count} {population} had the same outcome",
                rows=count,
                **identity,
            )
        )
    else:
        auc = float(roc_auc_score(labels, probabilities))
        status, threshold = _auc_status(auc, holdout_auc)
        against = (
            f"holdout AUC {holdout_auc:.3f}" if holdout_auc is not None else "no holdout AUC known"
        )
        rows.append(
            _row(
                context,
                "realized_performance",
                f"{target}_roc_auc",
                status,
                f"{scored}, {target}: realized AUC {auc:.3f} (warning below {threshold:.3f}, "
                f"alert below {AUC_ALERT}; {against})",
                value=auc,
                threshold=threshold,
                rows=count,
                **identity,
            )
        )
    ece = expected_calibration_error(labels, probabilities)
    ece_status = (
        "alert" if ece > CALIBRATION_ALERT else "warning" if ece > CALIBRATION_WARNING else "ok"
    )
    rows.append(
        _row(
            context,
            "realized_performance",
            f"{target}_calibration_error",
            ece_status,
            f"{scored}, {target}: expected calibration error {ece:.3f} over prediction deciles "
            f"(warning above {CALIBRATION_WARNING}, alert above {CALIBRATION_ALERT})",
            value=ece,
            threshold=CALIBRATION_WARNING,
            rows=count,
            **identity,
        )
    )
    return rows


def _no_outcomes_row(
    context: RunContext, target: str, detail: str, identity: dict[str, Any]
) -> dict[str, Any]:
    """The `ok` row of a scoring run whose target cannot be evaluated (yet): detail says why."""
    return _row(context, "realized_performance", f"{target}_outcomes", "ok", detail, **identity)


def realized_rows(
    history: pd.DataFrame,
    observed_through: dt.date | None,
    horizons: Mapping[str, int],
    holdout_aucs: Mapping[str, Mapping[str, float]],
    context: RunContext,
) -> list[dict[str, Any]]:
    """Realized metrics of every scored (version, as_of_date) whose horizon has elapsed.

    `history` is prediction_outcomes: past predictions with label_purchased / label_churned,
    labelled as the training examples are (null while unknown; churn null for clients who had
    never bought), with purchase_/churn_window_complete saying whether each horizon has elapsed
    (the rule lives in the outcome_labels macro). `observed_through` is the last day of known data
    (today's as_of_date), for the message. A run still inside its horizon gets a "no outcomes
    yet" row per target, never a number.
    """
    if history.empty:
        return [_row(context, "realized_performance", "history", "ok", "no scoring history yet")]
    history = history.copy()
    history["as_of_date"] = pd.to_datetime(history["as_of_date"]).dt.date
    for flag in ("purchase_window_complete", "churn_window_complete"):
        history[flag] = history[flag].eq(True)  # unknown is not complete
    runs = (
        history.groupby(["model_tier", "model_version", "as_of_date"], as_index=False)[
            ["purchase_window_complete", "churn_window_complete"]
        ]
        .all()
        .sort_values(["model_version", "as_of_date"], ascending=[True, False])
    )
    targets = (("purchase", "purchase_probability"), ("churn", "churn_risk"))
    rows: list[dict[str, Any]] = []
    elapsed_runs = []
    evaluated_per_version: dict[str, int] = {}
    for run in runs.itertuples(index=False):
        identity = {
            "model_tier": run.model_tier,
            "model_version": run.model_version,
            "as_of_date": run.as_of_date,
        }
        for target, _ in targets:
            if not getattr(run, f"{target}_window_complete"):
                window_end = run.as_of_date + dt.timedelta(days=int(horizons[target]))
                known = observed_through.isoformat() if observed_through else "no data"
                rows.append(
                    _no_outcomes_row(
                        context,
                        target,
                        f"no outcomes yet: the {horizons[target]}-day {target} horizon of the "
                        f"{run.as_of_date} scores ends {window_end}; outcomes known through "
                        f"{known}",
                        identity,
                    )
                )
            elif evaluated_per_version.get((run.model_version, target), 0) < (
                MAX_EVALUATED_DATES_PER_VERSION
            ):
                key = (run.model_version, target)
                evaluated_per_version[key] = evaluated_per_version.get(key, 0) + 1
                elapsed_runs.append((run, target, identity))
    for run, target, identity in elapsed_runs:
        subset = history[
            (history["model_version"] == run.model_version)
            & (history["as_of_date"] == run.as_of_date)
        ]
        label = LABELS[target]
        column = dict(targets)[target]
        # Known outcomes with a score: for churn, past buyers only (a prospect has neither).
        subset = subset[subset[label].notna() & subset[column].notna()]
        outcome = subset[label]
        if subset.empty:
            rows.append(
                _no_outcomes_row(
                    context,
                    target,
                    f"no {target} outcomes: no scored client qualifies (churn needs past buyers)",
                    identity,
                )
            )
            continue
        holdout_auc = holdout_aucs.get(run.model_version, {}).get(target)
        rows += target_rows(
            context,
            target,
            outcome.to_numpy(dtype=float),
            subset[column].to_numpy(dtype=float),
            identity,
            holdout_auc,
        )
    return rows


# ---------------------------------------------------------------- the dbt model's body


def load_version_metadata(
    tier: str, version: str, model_dir: str | None, root: Path | None = None
) -> dict[str, Any] | None:
    """Verified metadata of the version that scored rows as tier/version (see scored_by_dir);
    None when that version is nowhere to be found."""
    try:
        directory = scored_by_dir(tier, version, model_dir, root)
    except ArtifactError:  # a pinned directory that no longer exists
        return None
    if not directory.is_dir():
        return None
    metadata = read_metadata(directory)  # verifies every checksum first
    found = (metadata.get("tier"), metadata.get("version"))
    return metadata if found == (tier, version) else None


def monitoring_table(
    scoring: pd.DataFrame,
    history: pd.DataFrame,
    model_dir: str | None,
    horizons: Mapping[str, int],
    evaluated_at: dt.datetime | None = None,
    root: Path | None = None,
) -> pa.Table:
    """All monitoring rows for the scoring run in `scoring` (client_profiles_with_predictions)."""
    moment = (evaluated_at or dt.datetime.now(dt.UTC)).replace(tzinfo=None, microsecond=0)
    if scoring.empty:
        context = RunContext("none", "none", None, moment)
        rows = [_row(context, "drift", "scoring_rows", "warning", "no clients were scored")]
        return pa.Table.from_pylist(rows, schema=SCHEMA)
    tier = str(scoring["model_tier"].iloc[0])
    version = str(scoring["model_version"].iloc[0])
    as_of = pd.to_datetime(scoring["as_of_date"]).max().date()
    context = RunContext(tier, version, as_of, moment)
    metadata = load_version_metadata(tier, version, model_dir, root)
    if metadata is None:
        rows = [
            _row(
                context,
                "drift",
                "artifact",
                "warning",
                f"artifact {tier}/{version} that scored today's predictions was not found: no "
                "drift check possible",
            )
        ]
    else:
        rows = drift_rows(metadata, scoring, context)
    holdout_aucs = {}
    for (run_tier, run_version), _ in history.groupby(["model_tier", "model_version"]):
        found = (
            metadata
            if run_version == version
            else load_version_metadata(run_tier, run_version, None, root)
        )
        if found:
            holdout_aucs[run_version] = {
                target: found["holdout_metrics"].get(target, {}).get("roc_auc")
                for target in ("purchase", "churn")
            }
    rows += realized_rows(history, as_of, horizons, holdout_aucs, context)
    return pa.Table.from_pylist(rows, schema=SCHEMA)

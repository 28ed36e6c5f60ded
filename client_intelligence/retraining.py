"""Continuous training: a candidate judged against the champion on the same frozen holdout.

A candidate is trained on all data up to the latest complete label window (the one training
path, `train_artifact`). Its holdout, per target the most recent labelled cutoff, is one that
neither it nor the champion trained on: the champion was fitted, validated and held out on
earlier cutoffs, or on the same holdout when no new outcomes have arrived. Both are scored on
exactly those rows (recorded as the frozen holdout: cutoff, row count and a hash of the example
ids). The candidate is promoted only if, for every target, its primary metric beats the
champion's by at least PROMOTION_MARGINS and it is not clearly worse (CLEARLY_WORSE) on any
other metric. Otherwise it stays a challenger, and the champion keeps scoring.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from client_intelligence.artifacts import (
    ArtifactError,
    LoadedArtifact,
    NoTrainedModelsError,
    load_artifact,
    select_artifact_dir,
    write_artifact,
)
from client_intelligence.concept_features import CONCEPT_COUNTS_COLUMN, add_concept_features
from client_intelligence.concept_features import column_name as concept_column
from client_intelligence.features import TARGETS, FeatureMismatchError, FeatureSet
from client_intelligence.metrics import PRIMARY_METRIC
from client_intelligence.predictor_selection import BASELINE
from client_intelligence.registry import (
    read_registry,
    record_version,
    registry_lock,
    write_registry,
)
from client_intelligence.training import (
    TrainedArtifact,
    evaluate_estimator,
    labelled_cutoffs,
    model_features,
    train_artifact,
)

CONTINUOUS_TIER = "continuous"
DEFAULT_FAMILY = "elite"
# A candidate must beat the champion's primary metric by this much on every target: about half
# the standard error of a ROC-AUC on a few thousand holdout rows, so a tie or noise is not enough.
PROMOTION_MARGINS = {"purchase": 0.005, "churn": 0.005, "clv": 0.01}
# "Clearly worse" on a secondary metric: worse than the champion by more than this (absolute;
# relative for MAE, whose scale is euros).
CLEARLY_WORSE = {"pr_auc": 0.03, "brier": 0.01, "log_loss": 0.05, "r2": 0.05, "mae": 0.05}
LOWER_IS_BETTER = frozenset({"brier", "log_loss", "mae"})
RELATIVE_TOLERANCE = frozenset({"mae"})
IGNORED_METRICS = frozenset({"rows", "threshold", "positive_rate", "accuracy"})


class RetrainError(RuntimeError):
    """Retraining cannot proceed; the message says what to do."""


class NothingNewError(RetrainError):
    """--incremental found no outcomes newer than the champion's holdout: nothing to do."""


@dataclass
class Incumbent:
    """The model a candidate must beat: the continuous champion, else the one scoring today."""

    label: str
    artifact: LoadedArtifact | None
    problem: str | None = None


@dataclass
class TargetVerdict:
    target: str
    metric: str
    candidate: float
    champion: float | None
    margin: float
    clearly_worse: list[str] = field(default_factory=list)
    both_baseline: bool = False  # both keep BG/NBD + Gamma-Gamma: no gain to ask for

    @property
    def improved(self) -> bool:
        return (
            self.both_baseline
            or self.champion is None
            or self.candidate - self.champion >= self.margin
        )


@dataclass
class Decision:
    promote: bool
    reason: str
    verdicts: list[TargetVerdict]


@dataclass
class RetrainResult:
    mode: str
    candidate: TrainedArtifact
    incumbent: Incumbent | None
    champion_metrics: dict[str, dict[str, float]] | None
    decision: Decision
    holdout: dict[str, dict[str, Any]]
    directory: Path | None = None


def frozen_holdout(candidate: TrainedArtifact) -> dict[str, dict[str, Any]]:
    """Which rows both models were judged on, per target, so the judgement can be audited."""
    frozen = {}
    for name, result in candidate.trained.items():
        ids = "\n".join(sorted(result.split.holdout["example_id"].astype(str)))
        frozen[name] = {
            "cutoff": result.split.holdout_cutoff,
            "rows": len(result.split.holdout),
            "example_ids_sha256": hashlib.sha256(ids.encode()).hexdigest(),
        }
    return frozen


def find_incumbent(root: Path, features: list[str]) -> Incumbent | None:
    """The champion to beat, loaded through the verified path; None when no model exists."""
    try:
        directory = select_artifact_dir(None, root)
    except NoTrainedModelsError:
        return None
    label = f"{directory.parent.name}/{directory.name}"
    try:
        return Incumbent(label, load_artifact(directory, features))
    except (ArtifactError, FeatureMismatchError) as error:
        return Incumbent(label, None, str(error))


def evaluate_incumbent(
    incumbent: LoadedArtifact, candidate: TrainedArtifact, features: list[str]
) -> dict[str, dict[str, float]]:
    """The champion's metrics on the candidate's holdout rows, with its own thresholds."""
    metrics = {}
    features = list(incumbent.metadata["feature_names"])  # the derived ones included
    for target in TARGETS:
        rows = with_concept_columns(candidate.trained[target.name].split.holdout, incumbent)
        if not len(rows) or any(name not in rows.columns for name in features):
            continue
        threshold = incumbent.metadata.get("thresholds", {}).get(target.name)
        metrics[target.name], _ = evaluate_estimator(
            incumbent.estimators[target.name], target, rows, features, threshold
        )
    return metrics


def with_concept_columns(rows: pd.DataFrame, artifact: LoadedArtifact) -> pd.DataFrame:
    """`rows` plus the artifact's concept columns it lacks (its concept list may differ from the
    candidate's: both are built from the same per-concept counts)."""
    concepts = artifact.metadata.get("concept_features", {}).get("concepts", [])
    missing = [concept for concept in concepts if concept_column(concept) not in rows.columns]
    if not missing or CONCEPT_COUNTS_COLUMN not in rows.columns:
        return rows
    return add_concept_features(rows, missing)


def _clearly_worse(candidate: dict[str, float], champion: dict[str, float], primary: str):
    worse = []
    for metric, tolerance in CLEARLY_WORSE.items():
        if metric == primary or metric not in candidate or metric not in champion:
            continue
        change = candidate[metric] - champion[metric]
        if metric in LOWER_IS_BETTER:
            change = -change
        if metric in RELATIVE_TOLERANCE:
            change /= max(abs(champion[metric]), 1e-9)
        if change < -tolerance:
            worse.append(metric)
    return worse


def baseline_in_both(candidate: TrainedArtifact, incumbent: Incumbent | None) -> frozenset[str]:
    """The targets for which the candidate and the incumbent both keep the baseline."""
    if incumbent is None or incumbent.artifact is None:
        return frozenset()
    theirs = incumbent.artifact.metadata.get("predictors", {})
    return frozenset(
        name
        for name, result in candidate.trained.items()
        if result.kept == BASELINE and theirs.get(name, {}).get("kept") == BASELINE
    )


def decide(
    candidate: dict[str, dict[str, float]],
    champion: dict[str, dict[str, float]] | None,
    both_baseline: frozenset[str] = frozenset(),
) -> Decision:
    """Promote only when every target's primary metric improves by its margin and nothing is
    clearly worse; the reason names what decided it. A target for which both versions keep the
    BG/NBD + Gamma-Gamma baseline (`both_baseline`) need not improve, only not be clearly worse:
    otherwise a target too thin to train would block every candidate."""
    verdicts = []
    for target in TARGETS:
        if target.name not in candidate:  # no labelled holdout: nothing to judge it on
            continue
        metric = PRIMARY_METRIC[target.name]
        theirs = champion.get(target.name, {}) if champion else {}
        verdicts.append(
            TargetVerdict(
                target.name,
                metric,
                candidate[target.name][metric],
                theirs.get(metric),
                PROMOTION_MARGINS[target.name],
                _clearly_worse(candidate[target.name], theirs, metric) if champion else [],
                target.name in both_baseline,
            )
        )
    if champion is None:
        return Decision(True, "no champion to compare with", verdicts)
    short = [v for v in verdicts if not v.improved]
    worse = [f"{v.target} {m}" for v in verdicts for m in v.clearly_worse]
    if not short and not worse:
        gains = ", ".join(
            f"{v.target} {v.metric} {v.candidate - v.champion:+.4f}"
            + (" (both keep BG/NBD)" if v.both_baseline else "")
            for v in verdicts
            if v.champion is not None
        )
        return Decision(True, f"better on every target's primary metric ({gains})", verdicts)
    problems = [
        f"{v.target} {v.metric} {v.candidate - v.champion:+.4f} (needs {v.margin:+.4f})"
        for v in short
    ]
    if worse:
        problems.append("clearly worse on " + ", ".join(worse))
    return Decision(False, "; ".join(problems), verdicts)


def new_outcome_cutoffs(examples: pd.DataFrame, metadata: dict[str, Any]) -> dict[str, list[str]]:
    """Per target, the labelled cutoffs later than the incumbent's holdout: what grew since."""
    grown = {}
    for target in TARGETS:
        seen = metadata.get("cutoffs", {}).get(target.name, {}).get("holdout", "")
        later = [c for c in labelled_cutoffs(examples, target.label) if c > seen]
        if later:
            grown[target.name] = later
    return grown


def incremental_plan(
    examples: pd.DataFrame, incumbent: Incumbent | None
) -> tuple[str, dict[str, int], dict[str, list[str]]]:
    """The champion's family, its training-window length per target, and the new cutoffs."""
    if incumbent is None or incumbent.artifact is None:
        why = incumbent.problem if incumbent else "there is no trained model yet"
        raise RetrainError(
            f"--incremental starts from the champion's settings, but {why}. "
            "Run `python scripts/retrain.py --full` first."
        )
    metadata = incumbent.artifact.metadata
    family = metadata.get("model_family") or metadata["tier"]
    window = {
        name: len(cutoffs.get("fit", []))
        for name, cutoffs in metadata.get("cutoffs", {}).items()
        if cutoffs.get("fit")
    }
    return family, window, new_outcome_cutoffs(examples, metadata)


def registry_entry(result: RetrainResult, version: str) -> dict[str, Any]:
    metadata = result.candidate.metadata
    return {
        "version": version,
        "directory": f"{CONTINUOUS_TIER}/{version}",
        "created_at": metadata.get("created_at"),
        "decided_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "mode": result.mode,
        "model_family": metadata.get("model_family"),
        "training_window": metadata.get("training_window"),
        "holdout": result.holdout,
        "metrics": metadata["holdout_metrics"],
        "compared_with": result.incumbent.label if result.incumbent else None,
        "champion_metrics_on_holdout": result.champion_metrics,
        "status": "champion" if result.decision.promote else "challenger",
        "decision": "promoted" if result.decision.promote else "refused",
        "reason": result.decision.reason,
    }


def retrain(
    examples: pd.DataFrame,
    transactions: pd.DataFrame,
    horizons: dict[str, int],
    root: Path,
    mode: str = "full",
    family: str | None = None,
    dry_run: bool = False,
) -> RetrainResult:
    """Train, judge and (unless dry_run) record a candidate.

    Holds the registry lock throughout, so the champion cannot change under it.
    """
    features = model_features(examples, horizons)
    if dry_run:
        return _train_and_judge(examples, transactions, horizons, root, mode, family, features)
    with registry_lock(root):
        registry = read_registry(root)  # a damaged registry stops us before any training
        result = _train_and_judge(examples, transactions, horizons, root, mode, family, features)
        result.directory = write_artifact(
            CONTINUOUS_TIER, result.candidate.estimators, result.candidate.metadata, root
        )
        entry = registry_entry(result, result.directory.name)
        write_registry(root, record_version(registry, entry))
        return result


def _train_and_judge(
    examples: pd.DataFrame,
    transactions: pd.DataFrame,
    horizons: dict[str, int],
    root: Path,
    mode: str,
    family: str | None,
    features: FeatureSet,
) -> RetrainResult:
    # the SQL features: the champion derives its own (BG/NBD, its concept list) from them
    incumbent = find_incumbent(root, FeatureSet.of(examples).names)
    fit_window = None
    if mode == "incremental":
        champion_family, fit_window, grown = incremental_plan(examples, incumbent)
        if not grown:
            raise NothingNewError(
                f"No outcomes since {incumbent.label} was judged (no labelled cutoff after its "
                "holdout): nothing to retrain."
            )
        family = family or champion_family
    candidate = train_artifact(
        examples, transactions, family or DEFAULT_FAMILY, horizons, fit_window, features
    )
    candidate.metadata["retraining"] = {"mode": mode, "fit_window": fit_window}
    champion_metrics = None
    if incumbent is not None and incumbent.artifact is not None:
        champion_metrics = evaluate_incumbent(incumbent.artifact, candidate, features.names)
    both_baseline = baseline_in_both(candidate, incumbent)
    decision = decide(candidate.metadata["holdout_metrics"], champion_metrics, both_baseline)
    if incumbent is not None and incumbent.artifact is None:
        decision = Decision(
            True,
            f"the champion {incumbent.label} cannot score today's data: {incumbent.problem}",
            decision.verdicts,
        )
    return RetrainResult(
        mode, candidate, incumbent, champion_metrics, decision, frozen_holdout(candidate)
    )
